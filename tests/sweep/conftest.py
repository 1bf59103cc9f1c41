"""Shared fixtures of the sweep tests.

Every test runs with ``KERAS_HOME`` pointing at a temporary directory (set in
``os.environ``, so spawned workers and Ray workers inherit it), never at ``~/.keras``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def keras_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A session-wide temporary ``KERAS_HOME``."""
    home = tmp_path_factory.mktemp("keras_home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KERAS_HOME", str(home))
        yield home
