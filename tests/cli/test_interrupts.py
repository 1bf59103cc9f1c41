"""Ctrl-C (a real SIGINT to a child process) stops ``keras-rparity sweep`` and
``keras-rparity vignettes`` cleanly: exit 130, last line ``keras-rparity: interrupted``,
no traceback, no worker, kernel or R process left, finished work kept, temporary files gone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def descendants(pid: int) -> set[int]:
    """Process ids of the living descendants of ``pid`` (from ``/proc``)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def command_lines(pids: set[int]) -> list[str]:
    """The command lines of those of ``pids`` still alive (for failure messages)."""
    lines = []
    for pid in sorted(pids):
        if alive(pid):
            try:
                lines.append(Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " "))
            except OSError:
                continue
    return lines


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.2)


def interrupt(process: subprocess.Popen, within: float = 20) -> tuple[str, str, float]:
    """Send SIGINT; returns (stdout, stderr, seconds until the process ended)."""
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=within)
    return out, err, time.monotonic() - sent


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_ctrl_c_during_a_process_pool_sweep(tmp_path):
    out = tmp_path / "sweep"
    command = [sys.executable, "-m", "keras_rparity", "sweep", "--activations",
               "relu,tanh,elu,sigmoid,selu,gelu", "--optimizers", "sgd", "--models", "dense",
               "--epochs", "40", "--per-class", "20", "--executor", "process", "--workers", "2",
               "--no-progress", "--out", str(out)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=os.environ)
    try:
        wait_for(lambda: len(descendants(process.pid)) >= 2, 120, "the two workers")
        workers = descendants(process.pid)
        wait_for(lambda: any((out / "runs").glob("*.json")), 240, "a first finished run")
        stdout, stderr, seconds = interrupt(process)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, stderr
    assert stderr.strip() == "keras-rparity: interrupted", stderr  # nothing else, workers' too
    assert "saved in" in stdout and "run the same command again" in stdout
    assert seconds < 15
    time.sleep(1)
    assert workers and command_lines(workers) == []  # every worker is gone
    assert any((out / "runs").glob("*.json"))  # what finished is kept
    assert not list((out / "runs").glob(".*.tmp"))  # no half-written run file


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_ctrl_c_during_vignettes_stops_kernels_and_cleans_up(tmp_path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "keras_rparity", "vignettes",
                                "06_activation_optimizer", "--quick", "--out",
                                str(tmp_path / "out")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "TMPDIR": str(scratch)})
    try:
        wait_for(lambda: descendants(process.pid), 120, "the vignette's kernel")
        time.sleep(8)  # the kernel is executing cells now (the sweep takes longer)
        children = descendants(process.pid)
        _, stderr, seconds = interrupt(process, within=40)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == "keras-rparity: interrupted", stderr
    assert "Traceback" not in stderr
    assert seconds < 20
    assert not (tmp_path / "out" / "06_activation_optimizer.html").exists()  # really stopped
    time.sleep(1)
    assert children and command_lines(children) == []  # no kernel or R process left
    assert list(scratch.iterdir()) == []  # every vignette's temporary folder is gone
