"""Ctrl-C at any moment: one line, exit 130, within a second or two; what finished is kept.

A real SIGINT goes to a child ``keras-rparity`` process at several moments: while it
loads, while Python trains, while R trains inside the bridge (the moment that used to
print a 30-line RRuntimeError or be swallowed by rpy2's callbacks).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def interrupt(args: list[str], at_epoch_start: int | None, delay: float = 0.5,
              env: dict[str, str] | None = None, timeout: float = 300,
              signum: int = signal.SIGINT) -> dict:
    """Run ``keras-rparity ARGS`` and send SIGINT (``signum``) ``delay`` s after the Nth
    "Epoch 1/" line (Keras prints one per fit with --verbose 2), or ``delay`` s after
    start."""
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    child = subprocess.Popen([sys.executable, "-m", "keras_rparity", *args], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=full_env)
    err: list[str] = []
    said: list[float] = []

    def read_stderr() -> None:
        for line in child.stderr:
            err.append(line)
            if "keras-rparity: interrupted" in line and not said:
                said.append(time.monotonic())

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    killer = threading.Timer(timeout, child.kill)
    killer.start()
    sent = None
    if at_epoch_start is None:
        time.sleep(delay)
        child.send_signal(signum)
        sent = time.monotonic()
    out, seen = [], 0
    for line in child.stdout:
        out.append(line)
        if "Epoch 1/" in line:
            seen += 1
            if seen == at_epoch_start and sent is None:
                time.sleep(delay)
                child.send_signal(signum)
                sent = time.monotonic()
    child.wait()
    ended = time.monotonic()
    killer.cancel()
    reader.join(10)
    assert sent is not None, f"never reached the moment to interrupt:\n{''.join(out)[-2000:]}"
    return {"status": child.returncode, "seconds": ended - sent,
            "stopped_after": (said[0] - sent) if said else None, "stdout": "".join(out),
            "stderr": "".join(err), "epochs_started": seen}


def assert_interrupted(result: dict) -> None:
    assert result["status"] == 130, result["stderr"][-3000:]
    assert result["stderr"].strip().splitlines()[-1].startswith("keras-rparity: interrupted"), \
        result["stderr"][-3000:]
    assert "Traceback" not in result["stderr"]
    assert "Exception ignored" not in result["stderr"]
    assert "RRuntimeError" not in result["stderr"]
    # the run stops and says so at once; the process then ends (R's and TensorFlow's
    # teardown, temporary files) within seconds
    assert result["stopped_after"] is not None and result["stopped_after"] < 2, result
    assert result["seconds"] < 10, result


def test_while_loading():
    assert_interrupted(interrupt(["parity", "iris", "--epochs", "200"], None, delay=1.0))


@pytest.mark.r
def test_while_python_trains():
    result = interrupt(["parity", "iris", "--epochs", "60", "--verbose", "2"], 1)
    assert_interrupted(result)


@pytest.mark.r
@pytest.mark.parametrize("delay", [0.1, 1.5])
def test_while_r_trains(delay):
    # iris fits twice on each side, Python first: the third fit is R's first
    result = interrupt(["parity", "iris", "--epochs", "60", "--verbose", "2"], 3, delay)
    assert result["epochs_started"] == 3
    assert_interrupted(result)


@pytest.mark.r
def test_sigterm_while_r_trains_is_a_clean_exit_too(tmp_path):
    """SIGTERM takes Ctrl-C's path: one line, status 143, the finished Python side
    reported, and no temporary folder left (R's session folder and the working folders:
    TMPDIR is the test's own)."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    result = interrupt(["parity", "iris", "--epochs", "60", "--verbose", "2"], 3, 0.5,
                       env={"TMPDIR": str(temp)}, signum=signal.SIGTERM)
    assert result["status"] == 143, result["stderr"][-3000:]
    assert result["stderr"].strip().splitlines()[-1] == "keras-rparity: terminated"
    assert "Traceback" not in result["stderr"]
    assert "INTERRUPTED: what finished before it" in result["stdout"]
    assert "NO VERDICT, interrupted (0 fit(s) in R, 2 in Python" in result["stdout"]
    assert "Empty DataFrame" not in result["stdout"]
    assert list(temp.iterdir()) == []


@pytest.mark.r
def test_run_writes_what_finished(with_cifar10_fixture, tmp_path):
    out = tmp_path / "report"
    # fits: iris python x2, iris R x2, bird_vs_plane python, then R (the sixth)
    result = interrupt(["run", "--experiments", "iris,bird_vs_plane", "--epochs", "40",
                        "--per-class", "5", "--verbose", "2", "--out", str(out)], 6, 0.3)
    assert_interrupted(result)
    assert "interrupted during bird_vs_plane" in result["stderr"]
    table = pd.read_csv(out / "parity.csv")
    assert list(table["experiment"]) == ["iris", "iris"]
    assert table["exact"].all()
    assert "**Interrupted** during bird_vs_plane" in (out / "parity.md").read_text()
