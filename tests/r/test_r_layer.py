"""The R Keras layer's testthat suite, run inside the bridge and from plain R."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from keras_rparity.bridge.session import r_dir

pytestmark = pytest.mark.r

TESTTHAT_DIR = r_dir() / "tests" / "testthat"


def test_testthat_suite_inside_the_bridge(bridge):
    result = bridge.eval(f"""
        res <- as.data.frame(testthat::test_dir("{TESTTHAT_DIR}", reporter = "silent",
                                                stop_on_failure = FALSE))
        list(files = length(unique(res$file)), tests = nrow(res), failed = sum(res$failed),
             errors = sum(res$error), skipped = sum(res$skipped), passed = sum(res$nb) )
    """)
    assert result["failed"] == 0 and result["errors"] == 0 and result["skipped"] == 0, result
    assert result["files"] == 6 and result["tests"] >= 35


def test_testthat_suite_from_rscript_embedding_python():
    env = {**os.environ, "RETICULATE_PYTHON": sys.executable}
    code = (f'res <- testthat::test_dir("{TESTTHAT_DIR}", reporter = "summary", '
            'stop_on_failure = TRUE)')
    done = subprocess.run(["Rscript", "--vanilla", "-e", code], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    assert "DONE" in done.stdout or "OK" in done.stdout
