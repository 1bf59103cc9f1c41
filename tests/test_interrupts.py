"""After Ctrl-C during R training, the same process runs R again, with parity intact."""

from __future__ import annotations

import pytest

from keras_rparity.interrupts import _in_rpy2_callback

pytestmark = [pytest.mark.r, pytest.mark.slow]

SCRIPT = """
import os, signal, threading, time
from keras_rparity.parity import compare_runs
from keras_rparity.programs.bundled import run_side
from keras_rparity.record import Knobs

run_side('iris', 'r', Knobs(epochs=1))          # R and Keras started
threading.Timer(2.0, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
started = time.monotonic()
try:
    run_side('iris', 'r', Knobs(epochs=500))     # far longer than 2 s
    print('NOT INTERRUPTED')
except KeyboardInterrupt:
    print('interrupted after', round(time.monotonic() - started, 1))
print('handler restored', signal.getsignal(signal.SIGINT) is signal.default_int_handler)
knobs = Knobs(epochs=3)
report = compare_runs(run_side('iris', 'r', knobs), run_side('iris', 'python', knobs))
print('exact after interrupt', report.exact)
"""


def test_r_training_is_interrupted_and_r_runs_again(run_python_script):
    done = run_python_script(SCRIPT, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "NOT INTERRUPTED" not in done.stdout
    seconds = float(done.stdout.split("interrupted after")[1].split()[0])
    assert seconds < 4.5, done.stdout  # 2 s wait + at most ~2 s to stop
    assert "handler restored True" in done.stdout
    assert "exact after interrupt True" in done.stdout
    assert "Exception ignored" not in done.stderr


def test_ordinary_python_frames_are_not_rpy2_callbacks():
    import sys

    assert not _in_rpy2_callback(sys._getframe())
