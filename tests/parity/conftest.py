"""Fixtures of the parity tests: copies of the iris pair, edited to differ on purpose."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from keras_rparity.programs import ProgramPair
from keras_rparity.programs.bundled import r_examples_dir


@pytest.fixture
def iris_copy(tmp_path: Path) -> Callable[..., ProgramPair]:
    """``iris_copy(r_edits=(), python_edits=())``: the iris pair copied to a temporary
    folder, each edit ``(old, new)`` applied to the copy (the old text must be there).
    ``first_fit_only=True`` keeps the first fit (mean squared error) and drops the second,
    for tests about what one fit shows."""

    def copy(r_edits: tuple[tuple[str, str], ...] = (),
             python_edits: tuple[tuple[str, str], ...] = (), name: str = "iris",
             first_fit_only: bool = False) -> ProgramPair:
        folder = tmp_path / name
        folder.mkdir()
        source = r_examples_dir()
        for file in ("iris_regression.R", "iris_regression.py", "iris.csv"):
            shutil.copy(source / file, folder / file)
        for file, edits in (("iris_regression.R", r_edits), ("iris_regression.py", python_edits)):
            text = (folder / file).read_text()
            for old, new in edits:
                assert old in text, f"{old!r} not in {file}"
                text = text.replace(old, new)
            if first_fit_only:
                text = text[:text.index("# Mean absolute error")]
            (folder / file).write_text(text)
        return ProgramPair.from_files(folder / "iris_regression.R", folder / "iris_regression.py",
                                      name=name)

    return copy
