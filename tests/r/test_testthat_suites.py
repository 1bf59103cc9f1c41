"""The R testthat suites: the R Keras layer's (inside the bridge, and from plain R) and
the R-facing API's (keras-rparity called from plain R through reticulate).

"From plain R" is one ``Rscript`` that runs both suites, R embedding this venv's Python
(one R, reticulate and Keras start for the two).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from keras_rparity.bridge.session import r_dir

pytestmark = pytest.mark.r

SUITES = {"layer": r_dir() / "tests" / "testthat", "from_r": Path(__file__).parent / "from_r"}

#: Prints, per suite, a line "SUITE <name> files=.. tests=.. failed=.. errors=.. skipped=..".
RSCRIPT = """
for (name in names(suites)) {
  cat("== suite", name, "\\n")
  res <- as.data.frame(testthat::test_dir(suites[[name]], reporter = "summary",
                                          stop_on_failure = FALSE))
  cat(sprintf("SUITE %s files=%d tests=%d failed=%d errors=%d skipped=%d\\n", name,
              length(unique(res$file)), nrow(res), sum(res$failed), sum(res$error),
              sum(res$skipped)))
}
"""


def _counts(line: str) -> dict[str, int]:
    return {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", line)}


@pytest.fixture(scope="module")
def from_rscript() -> tuple[dict[str, dict[str, int]], str]:
    """Both suites run by one ``Rscript --vanilla``: counts per suite, and the output."""
    suites = ", ".join(f'{name} = "{path}"' for name, path in SUITES.items())
    env = {**os.environ, "RETICULATE_PYTHON": sys.executable}
    done = subprocess.run(["Rscript", "--vanilla", "-e", f"suites <- c({suites})\n{RSCRIPT}"],
                          capture_output=True, text=True, env=env, timeout=600)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    counts = {m.group(1): _counts(m.group(2))
              for m in re.finditer(r"^SUITE (\w+) (.*)$", done.stdout, re.MULTILINE)}
    return counts, output


def _assert_clean(counts: dict[str, int], output: str) -> None:
    assert counts["failed"] == 0 and counts["errors"] == 0 and counts["skipped"] == 0, \
        output[-4000:]


def test_layer_suite_inside_the_bridge(bridge):
    result = bridge.eval(f"""
        res <- as.data.frame(testthat::test_dir("{SUITES["layer"]}", reporter = "silent",
                                                stop_on_failure = FALSE))
        list(files = length(unique(res$file)), tests = nrow(res), failed = sum(res$failed),
             errors = sum(res$error), skipped = sum(res$skipped), passed = sum(res$nb) )
    """)
    assert result["failed"] == 0 and result["errors"] == 0 and result["skipped"] == 0, result
    assert result["files"] == 11 and result["tests"] >= 60


def test_layer_suite_from_rscript_embedding_python(from_rscript):
    counts, output = from_rscript
    _assert_clean(counts["layer"], output)
    assert counts["layer"]["files"] == 11 and counts["layer"]["tests"] >= 60


def test_r_facing_suite_from_rscript(from_rscript):
    counts, output = from_rscript
    _assert_clean(counts["from_r"], output)
    assert counts["from_r"]["files"] == 2 and counts["from_r"]["tests"] == 15
