"""Shared fixtures of the sweep tests.

Every test runs with ``KERAS_HOME`` pointing at a temporary directory (set in
``os.environ``, so spawned workers and Ray workers inherit it), never at ``~/.keras``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from keras_rparity.data.fashion_mnist import DEBIAN_FASHION_MNIST_DIR, FASHION_MNIST_FILES


@pytest.fixture(scope="session", autouse=True)
def keras_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A session-wide temporary ``KERAS_HOME``."""
    home = tmp_path_factory.mktemp("keras_home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KERAS_HOME", str(home))
        yield home


@pytest.fixture(scope="session")
def fashion_mnist_installed() -> None:
    """Fail loudly when the Debian package ``dataset-fashion-mnist`` is missing (the
    set-up script installs it; a sweep test that quietly skipped would prove nothing)."""
    if not all((DEBIAN_FASHION_MNIST_DIR / f).is_file() for f in FASHION_MNIST_FILES):
        pytest.fail("Fashion-MNIST is missing: `apt-get install dataset-fashion-mnist` "
                    "(bash scripts/setup.sh installs it)")
