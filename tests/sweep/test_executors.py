"""Process-pool and Ray executors on a tiny grid; the temporary KERAS_HOME reaches workers."""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pytest

from keras_rparity.errors import InvalidChoiceError
from keras_rparity.sweep import make_executor, make_grid, run_one, run_sweep
from keras_rparity.sweep.executors import ProcessExecutor, RayExecutor, SerialExecutor

TINY = {"activations": ["relu", "tanh"], "optimizers": ["adam"], "models": ["dense"],
        "epochs": 1, "subset": 5, "seed": 5}


def _check_outcome(outcome, keras_home: Path) -> None:
    assert sorted(outcome.ran) == sorted(c.run_id for c in make_grid(**TINY))
    for result in outcome.results:
        assert result.environment["keras_home"] == str(keras_home)
        assert result.environment["pid"] != os.getpid()
        serial = run_one(result.config)  # the same run here gives the same numbers
        np.testing.assert_allclose(serial.history["loss"], result.history["loss"], rtol=1e-5)
    assert (outcome.out / "summary.md").is_file()


def test_process_pool_with_two_workers(tmp_path, keras_home, fashion_mnist_installed):
    outcome = run_sweep(make_grid(**TINY), tmp_path, ProcessExecutor(2), progress=False)
    _check_outcome(outcome, keras_home)
    assert len({r.environment["pid"] for r in outcome.results}) >= 1


@pytest.mark.slow
def test_ray_on_a_tiny_grid(tmp_path, keras_home, fashion_mnist_installed):
    pytest.importorskip("ray")
    start = time.perf_counter()
    outcome = run_sweep(make_grid(**TINY), tmp_path, RayExecutor(2), progress=False)
    _check_outcome(outcome, keras_home)
    print(f"ray sweep took {time.perf_counter() - start:.1f} s")


def test_executor_names():
    assert isinstance(make_executor("serial"), SerialExecutor)
    assert make_executor("process", 2).workers == 2
    with pytest.raises(InvalidChoiceError, match="'serial', 'process', 'ray'"):
        make_executor("threads")
    with pytest.raises(ValueError, match="workers"):
        ProcessExecutor(0)
