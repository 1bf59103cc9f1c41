"""Helpers of the porter's tests: ruff on a written port."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def ruff_findings(path: Path) -> str:
    """``ruff check`` of ``path`` with the project's configuration ('' when clean)."""
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    result = subprocess.run([ruff, "check", "--no-cache", "--output-format", "concise",
                             "--config", str(REPO / "pyproject.toml"), str(path)],
                            capture_output=True, text=True, check=False)
    return "" if result.returncode == 0 else result.stdout + result.stderr


@pytest.fixture
def ruff_clean():
    """Assert a port passes the project's ruff check."""

    def check(path: Path) -> None:
        findings = ruff_findings(path)
        assert not findings, findings

    return check
