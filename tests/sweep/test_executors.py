"""Executors: a run gives the same bits in this process, a process pool, local Ray and a Ray
cluster; workers stay alive across runs; the temporary KERAS_HOME reaches the workers."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from keras_rparity.errors import InvalidChoiceError, KerasRParityError
from keras_rparity.pool.executors import (
    ProcessExecutor,
    RayExecutor,
    SerialExecutor,
    WorkerError,
)
from keras_rparity.pool.worker_setup import RUN_THREADS
from keras_rparity.sweep import make_executor, make_grid, run_sweep
from keras_rparity.sweep.run_one import RunResult, warm_up

TINY = {"activations": ["relu", "tanh"], "optimizers": ["adam"], "models": ["dense"],
        "epochs": 1, "per_class": 5, "seed": 5}
TINY_ARGS = ["--activations", "relu,tanh", "--optimizers", "adam", "--models", "dense",
             "--epochs", "1", "--per-class", "5", "--seed", "5", "--no-progress"]


def sweep_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """``keras-rparity sweep ...`` in a fresh interpreter (TensorFlow starts there afresh)."""
    return subprocess.run([sys.executable, "-m", "keras_rparity", "sweep", *args],
                          capture_output=True, text=True, timeout=timeout, env=os.environ)


def numbers(result: RunResult) -> tuple:
    """Everything a run computed (not its timing or process facts)."""
    return (result.history, result.test_loss, result.test_accuracy, result.confusion.tolist(),
            result.param_count)


def stored_numbers(out: Path) -> dict[str, tuple]:
    results = [RunResult.from_dict(json.loads(p.read_text())) for p in (out / "runs").glob("*")]
    return {r.run_id: numbers(r) for r in results}


@pytest.fixture(scope="module")
def serial_numbers(tmp_path_factory, keras_home, fashion_mnist_installed) -> dict[str, tuple]:
    """The tiny grid with the serial executor, in a child process of its own."""
    out = tmp_path_factory.mktemp("serial")
    done = sweep_cli(*TINY_ARGS, "--executor", "serial", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert len(stored_numbers(out)) == 2
    return stored_numbers(out)


def test_process_pool_gives_the_serial_bits_with_two_live_workers(
        tmp_path, keras_home, serial_numbers, capfd):
    warmed = functools.partial(warm_up, "fashion_mnist", TINY["per_class"])  # as the CLI does
    with ProcessExecutor(2, warm_up=warmed) as executor:
        executor.start()  # as the CLI does: both workers warm before the first run
        first = run_sweep(make_grid(**TINY), tmp_path / "a", executor, progress=False)
        workers = set(executor.pids)
        again = run_sweep(make_grid(**TINY), tmp_path / "b", executor, progress=False,
                          report=False)
        assert set(executor.pids) == workers  # the same processes served the second sweep
    assert len(workers) == 2 and os.getpid() not in workers
    used = {r.environment["pid"] for r in first.results + again.results}
    assert used <= workers and len(used) == 2  # both warm workers took a run
    for result in first.results + again.results:
        assert result.environment["keras_home"] == str(keras_home)
        assert result.environment["intra_op_threads"] == RUN_THREADS
        assert numbers(result) == serial_numbers[result.run_id]
    assert (first.out / "summary.md").is_file()
    assert executor.pids == []  # closed: no worker left behind
    assert "WARNING" not in capfd.readouterr().err  # the workers' stderr too


def test_worker_that_fails_to_warm_up_is_one_clear_error():
    with pytest.raises(KerasRParityError, match=r"a sweep worker could not start: .*nope"), \
            ProcessExecutor(1, warm_up=_failing_warm_up, role="sweep") as executor:
        executor.start()


def _failing_warm_up() -> None:
    raise ValueError("nope")


def test_worker_that_dies_is_one_clear_error_and_the_pool_is_dropped():
    executor = ProcessExecutor(1)
    with pytest.raises(WorkerError, match=r"keras-rparity worker \d+ died \(exit code 3\)"):
        list(executor.map(_exit_process, [3]))
    assert executor.pids == []


def _exit_process(status: int) -> None:
    os._exit(status)


@pytest.mark.slow
def test_local_ray_gives_the_serial_bits(tmp_path, keras_home, serial_numbers):
    pytest.importorskip("ray")
    with RayExecutor(2) as executor:
        outcome = run_sweep(make_grid(**TINY), tmp_path, executor, progress=False, report=False)
    for result in outcome.results:
        assert result.environment["keras_home"] == str(keras_home)
        assert numbers(result) == serial_numbers[result.run_id]


@pytest.mark.slow
def test_sweep_on_a_ray_cluster_through_ray_address(tmp_path, ray_cluster, serial_numbers):
    done = sweep_cli(*TINY_ARGS, "--executor", "ray", "--ray-address", ray_cluster.address,
                     "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "executor ray x2" in done.stdout  # the cluster's two CPUs, one actor each
    assert stored_numbers(tmp_path) == serial_numbers
    pids = {json.loads(p.read_text())["environment"]["pid"] for p in (tmp_path / "runs").glob("*")}
    assert len(pids) == 2  # the two runs ran in the two actors at once


def test_executor_names():
    assert isinstance(make_executor("serial"), SerialExecutor)
    assert make_executor("process", 2).workers == 2
    with pytest.raises(InvalidChoiceError, match="'serial', 'process', 'ray'"):
        make_executor("threads")
    with pytest.raises(ValueError, match="workers"):
        ProcessExecutor(0)
    with pytest.raises(KerasRParityError, match="--ray-address needs --executor ray"):
        make_executor("process", 2, ray_address="127.0.0.1:6379")
