"""keras-rparity from R (reticulate::import): the R-facing testthat suite."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.r

FROM_R = Path(__file__).parent / "from_r"


def test_r_facing_testthat_suite():
    env = {**os.environ, "RETICULATE_PYTHON": sys.executable}
    code = f'testthat::test_dir("{FROM_R}", reporter = "summary", stop_on_failure = TRUE)'
    done = subprocess.run(["Rscript", "--vanilla", "-e", code], capture_output=True, text=True,
                          env=env, timeout=600)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    assert "DONE" in done.stdout
