"""Fixtures of the parity-as-a-test tests: a copy of the iris pair, optionally broken."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from keras_rparity.programs.bundled import r_examples_dir

#: The edit that breaks the iris pair: a different learning rate in the Python port.
FASTER_ADAM = ('model.compile(optimizer="adam", loss="mean_squared_error")',
               'model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), '
               'loss="mean_squared_error")')


def copy_iris_pair(folder: Path, broken: bool = False) -> Path:
    """The iris pair (and its iris.csv) copied into ``folder``; ``broken``: its Python port
    uses another learning rate (:data:`FASTER_ADAM`). Returns the copy's ``.R`` file."""
    folder.mkdir(parents=True, exist_ok=True)
    source = r_examples_dir()
    for file in ("iris_regression.R", "iris_regression.py", "iris.csv"):
        shutil.copy(source / file, folder / file)
    port = folder / "iris_regression.py"
    text = port.read_text()
    if broken:
        assert FASTER_ADAM[0] in text, f"{FASTER_ADAM[0]!r} not in {port}"
        text = text.replace(*FASTER_ADAM)
    port.write_text(text)
    return folder / "iris_regression.R"


@pytest.fixture
def iris_pair(tmp_path: Path) -> Callable[..., tuple[Path, Path]]:
    """``iris_pair(broken=False)`` -> (R file, Python file) of a fresh copy."""

    def make(broken: bool = False) -> tuple[Path, Path]:
        r = copy_iris_pair(tmp_path / ("broken" if broken else "good"), broken)
        return r, r.with_suffix(".py")

    return make


@pytest.fixture
def iris_copier() -> Callable[..., Path]:
    """:func:`copy_iris_pair`, for tests that lay out their own folders."""
    return copy_iris_pair
