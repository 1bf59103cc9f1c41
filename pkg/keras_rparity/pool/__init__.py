"""Warm workers for work spread over cores or machines: a process pool or Ray actors.

Used by the sweep (:mod:`keras_rparity.sweep`) and by the parity of many program pairs
(:mod:`keras_rparity.folder_parity`); see :mod:`~keras_rparity.pool.executors`.
"""

from keras_rparity.pool.executors import (
    EXECUTORS,
    Executor,
    ProcessExecutor,
    RayExecutor,
    SerialExecutor,
    WorkerError,
    make_executor,
)
from keras_rparity.pool.worker_setup import cpu_count

__all__ = ["EXECUTORS", "Executor", "ProcessExecutor", "RayExecutor", "SerialExecutor",
           "WorkerError", "cpu_count", "make_executor"]
