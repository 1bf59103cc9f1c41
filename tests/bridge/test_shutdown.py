"""Clean exit after R ran in this process, whatever reticulate's exit finalizer does.

From reticulate 1.43 on, an R exit finalizer calls ``py_allow_threads_impl(FALSE)``,
which hung every command at exit under rpy2. The same finalizer, registered by hand,
reproduces the hang on any reticulate >= 1.39, so this test guards the fix here.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from keras_rparity.bridge.shutdown import libr_path

pytestmark = pytest.mark.r

START_BRIDGE = "from keras_rparity.bridge import get_bridge; bridge = get_bridge()\n"


def run_r_then_exit(r_code: str, tmp_path) -> subprocess.CompletedProcess:
    """Start the bridge in a fresh Python, evaluate ``r_code``, exit; a hang at exit
    becomes a test failure, not a stall."""
    program = tmp_path / "program.R"
    program.write_text(r_code)
    code = (START_BRIDGE + f"bridge.eval(open({str(program)!r}).read())\n"
            "print('R code ran', flush=True)\n")
    try:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=120, cwd=tmp_path)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"the process did not exit within {exc.timeout} s (exit hang); "
                    f"stdout: {exc.stdout!r}")


#: Keeps an environment alive until exit, with an exit finalizer running ``body``.
EXIT_FINALIZER = """
e <- new.env()
reg.finalizer(e, function(e) {body}, onexit = TRUE)
assign("keep_alive", e, envir = globalenv())
NULL
"""


def test_exit_finalizer_taking_the_gil_does_not_hang(tmp_path):
    done = run_r_then_exit(
        EXIT_FINALIZER.format(body="reticulate:::py_allow_threads_impl(FALSE)"), tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "R code ran" in done.stdout


def test_users_exit_finalizers_still_run_once_with_python_reachable(tmp_path):
    marker = tmp_path / "finalized.txt"
    body = (f"reticulate::py_run_string(\"open(r'{marker}', 'a').write('ran\\\\n')\")")
    done = run_r_then_exit(EXIT_FINALIZER.format(body=body), tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert marker.read_text() == "ran\n"


def test_libr_path_points_into_r_home(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "libR.so").touch()
    assert libr_path(tmp_path) == tmp_path / "lib" / "libR.so"
