"""The activation x optimizer sweep on Fashion-MNIST (or MNIST).

Modules, one concept each:

* :mod:`~keras_rparity.sweep.models` -- ``build_model(model_name, activation, num_classes)``
* :mod:`~keras_rparity.sweep.optimizers` -- ``make_optimizer(name)`` and the named table
* :mod:`~keras_rparity.sweep.grid` -- ``RunConfig``, ``make_grid``, presets, stable run ids
* :mod:`~keras_rparity.sweep.run_one` -- train/evaluate one config -> ``RunResult``
* :mod:`~keras_rparity.pool.executors` -- serial, process pool and Ray executors
* :mod:`~keras_rparity.sweep.store` -- per-run JSON files, tidy CSV/Parquet tables
* :mod:`~keras_rparity.sweep.plots`, :mod:`~keras_rparity.sweep.summary`,
  :mod:`~keras_rparity.sweep.report` -- pictures and ``summary.md``
* :mod:`~keras_rparity.sweep.runner` -- ``run_sweep``: resumable, with a progress bar

Importing this package does not import TensorFlow.

Example:
>>> from keras_rparity.sweep import make_grid, run_sweep, make_executor
>>> grid = make_grid(["relu", "sigmoid"], ["adam", "sgd"], epochs=2, per_class=20)
>>> len(grid), grid[0].per_class
(4, 20)
>>> executor = make_executor("process", 2)  # run_sweep(grid, "out/sweep", executor)
>>> executor.workers
2
"""

from keras_rparity.pool.executors import (
    Executor,
    ProcessExecutor,
    RayExecutor,
    SerialExecutor,
    make_executor,
)
from keras_rparity.sweep.grid import PRESETS, RunConfig, get_preset, make_grid
from keras_rparity.sweep.models import MODELS, activation_names, build_model
from keras_rparity.sweep.optimizers import OPTIMIZERS, make_optimizer, optimizer_params
from keras_rparity.sweep.run_one import RunResult, run_one
from keras_rparity.sweep.runner import SweepOutcome, run_sweep
from keras_rparity.sweep.store import SweepStore

__all__ = [
    "MODELS",
    "OPTIMIZERS",
    "PRESETS",
    "Executor",
    "ProcessExecutor",
    "RayExecutor",
    "RunConfig",
    "RunResult",
    "SerialExecutor",
    "SweepOutcome",
    "SweepStore",
    "activation_names",
    "build_model",
    "get_preset",
    "make_executor",
    "make_grid",
    "make_optimizer",
    "optimizer_params",
    "run_one",
    "run_sweep",
]
