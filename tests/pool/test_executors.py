"""The shared worker pool: a task that kills its worker is that task's result (with
``on_worker_death``), a new worker takes over and the other tasks go on; stopping a pool
with busy workers takes about a second."""

from __future__ import annotations

import os
import time

import pytest

from keras_rparity.pool import ProcessExecutor, WorkerError


def _pid_or_exit(item: int) -> tuple[int, int]:
    """``(item, pid)``; item 13 ends its worker process the hard way."""
    if item == 13:
        os._exit(9)
    return item, os.getpid()


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def _dead(item: int, error: WorkerError) -> tuple[int, str]:
    return item, str(error)


def test_a_dying_worker_is_that_task_s_result_and_is_replaced():
    with ProcessExecutor(2, role="pair") as executor:
        # no start(): the first map starts the workers, each taking tasks once warm
        results = list(executor.map(_pid_or_exit, [1, 13, 2, 3, 4, 5], on_worker_death=_dead))
        after = set(executor.pids)
        again = list(executor.map(_pid_or_exit, [6, 7, 8, 9]))
    assert sorted(r[0] for r in results) == [1, 2, 3, 4, 5, 13]
    (crashed,) = [r for r in results if r[0] == 13]
    assert "pair worker" in crashed[1] and "died (exit code 9)" in crashed[1]
    served = {pid for item, pid in results if item != 13}
    assert len(after) == 2 and os.getpid() not in served
    assert {pid for _, pid in again} <= after  # the replacement and the survivor go on


def test_without_on_worker_death_a_dying_worker_ends_the_map():
    executor = ProcessExecutor(1, role="pair")
    with pytest.raises(WorkerError, match=r"pair worker \d+ died \(exit code 9\)"):
        list(executor.map(_pid_or_exit, [13]))
    assert executor.pids == []


def test_closing_a_pool_with_a_busy_worker_takes_about_a_second():
    executor = ProcessExecutor(1).start()
    results = executor.map(_sleep, [0.01, 60])
    assert next(results) == 0.01  # the worker is now busy with a minute-long task
    pids = executor.pids
    started = time.monotonic()
    results.close()  # the caller stops early (Ctrl-C does the same through the generator)
    assert time.monotonic() - started < 2
    assert executor.pids == []
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)

