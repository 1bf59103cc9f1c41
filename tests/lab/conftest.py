"""Fixtures of the lab tests: a folder for plots and a PNG check."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def plot_dir(tmp_path: Path) -> Path:
    """An empty folder for PNGs, removed with the test's tmp_path."""
    folder = tmp_path / "plots"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def assert_png() -> Callable[[Path], None]:
    """Check that a PNG exists, has a plausible size and is not blank."""
    import matplotlib.image
    import numpy as np

    def check(path: Path, min_pixels: int = 200) -> None:
        assert path.is_file(), path
        image = matplotlib.image.imread(path)
        assert image.ndim == 3 and min(image.shape[:2]) >= min_pixels, image.shape
        assert float(np.var(image[..., :3])) > 0, f"{path} is blank"

    return check
