"""Clean exit after R ran in this process, whatever reticulate's exit finalizer does.

From reticulate 1.43 on, an R exit finalizer calls ``py_allow_threads_impl(FALSE)``,
which hung every command at exit under rpy2. The same finalizer, registered by hand,
reproduces the hang on any reticulate >= 1.39, so these tests guard the fix here.

One fresh Python does what a user's process does before it exits (an R program with
fits, R's garbage collector, an R error caught in Python) and leaves two exit
finalizers behind: the one that hangs, and a user's that calls back into Python. The
tests read what that one process did.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from keras_rparity.bridge.shutdown import libr_path

pytestmark = pytest.mark.r

#: Keeps an environment alive until exit, with an exit finalizer running ``body``.
EXIT_FINALIZER = """
local({{
  e <- new.env()
  reg.finalizer(e, function(e) {body}, onexit = TRUE)
  assign(paste0("keep_alive_", {name!r}), e, envir = globalenv())
}})
"""

USER_PROCESS = """
from keras_rparity.bridge import get_bridge
from keras_rparity.programs.bundled import run_side
from keras_rparity.record import Knobs

run = run_side("iris", "r", Knobs(epochs=1))
print("fits", len(run.fits))
bridge = get_bridge()
bridge.eval("invisible(gc())")
try:
    bridge.eval('stop("on purpose")')
except Exception as exc:
    print(type(exc).__name__)
bridge.eval(open({finalizers!r}).read())
print("R code ran", flush=True)
"""


@pytest.fixture(scope="module")
def exited(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """The finished process and the file the user's exit finalizer appends to; a hang at
    exit is a test failure, not a stall."""
    folder = tmp_path_factory.mktemp("exit")
    marker = folder / "finalized.txt"
    user_body = f"reticulate::py_run_string(\"open(r'{marker}', 'a').write('ran\\\\n')\")"
    finalizers = folder / "finalizers.R"
    finalizers.write_text(
        EXIT_FINALIZER.format(body="reticulate:::py_allow_threads_impl(FALSE)", name="gil")
        + EXIT_FINALIZER.format(body=user_body, name="user"))
    code = USER_PROCESS.format(finalizers=str(finalizers))
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=240, cwd=folder)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"the process did not exit within {exc.timeout} s (exit hang); "
                    f"stdout: {exc.stdout!r}")
    return done, marker


def test_process_using_the_bridge_exits_zero(exited):
    done, _ = exited
    assert done.returncode == 0, done.stderr[-2000:]
    assert "fits 2" in done.stdout and "RError" in done.stdout
    assert "Fatal Python error" not in done.stderr


def test_exit_finalizer_taking_the_gil_does_not_hang(exited):
    done, _ = exited  # the fixture fails the test on a hang
    assert "R code ran" in done.stdout


def test_users_exit_finalizers_still_run_once_with_python_reachable(exited):
    _, marker = exited
    assert marker.read_text() == "ran\n"


def test_libr_path_points_into_r_home(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "libR.so").touch()
    assert libr_path(tmp_path) == tmp_path / "lib" / "libR.so"
