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


def copy_iris_pair(folder: Path, python_edits: tuple[tuple[str, str], ...] = ()) -> Path:
    """The iris pair (and its iris.csv) copied into ``folder``, edits applied to the .py."""
    folder.mkdir(parents=True, exist_ok=True)
    source = r_examples_dir()
    for file in ("iris_regression.R", "iris_regression.py", "iris.csv"):
        shutil.copy(source / file, folder / file)
    port = folder / "iris_regression.py"
    text = port.read_text()
    for old, new in python_edits:
        assert old in text, f"{old!r} not in {port}"
        text = text.replace(old, new)
    port.write_text(text)
    return folder / "iris_regression.R"


@pytest.fixture
def iris_pair(tmp_path: Path) -> Callable[..., tuple[Path, Path]]:
    """``iris_pair(broken=False)`` -> (R file, Python file) of a fresh copy."""

    def make(broken: bool = False) -> tuple[Path, Path]:
        r = copy_iris_pair(tmp_path / ("broken" if broken else "good"),
                           (FASTER_ADAM,) if broken else ())
        return r, r.with_suffix(".py")

    return make
