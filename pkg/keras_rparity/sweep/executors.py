"""Where the runs of a sweep execute: in this process, a process pool, or Ray.

Every executor has ``map(fn, items)``, which yields ``fn(item)`` for each item
*as the calls finish* (not in input order), so results can be saved one by one.
``fn`` and the items must be picklable (module-level functions, dataclasses).

Worker processes start with the variables of :func:`forwarded_env` (notably
``KERAS_HOME``) set as in this process, and limit TensorFlow to
``cores // workers`` threads each so that workers do not fight over the cores.

Example:
>>> list(SerialExecutor().map(abs, [-1, -2]))
[1, 2]
>>> make_executor("dask", 2)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
keras_rparity.errors.InvalidChoiceError: invalid executor 'dask'; valid choices: 'serial', ...
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Protocol, TypeVar

from keras_rparity.errors import InvalidChoiceError
from keras_rparity.validation import check_scalar

T = TypeVar("T")
R = TypeVar("R")

#: Executor names accepted by :func:`make_executor`.
EXECUTORS = ("serial", "process", "ray")

#: Environment variables passed on to workers (when set here).
FORWARDED_ENV = ("KERAS_HOME", "KERAS_BACKEND", "TF_CPP_MIN_LOG_LEVEL", "TF_DETERMINISTIC_OPS",
                 "TF_ENABLE_ONEDNN_OPTS", "PYTHONHASHSEED")


class Executor(Protocol):
    """Runs ``fn`` over items and yields the results as they finish."""

    workers: int

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...


def cpu_count() -> int:
    """Cores this process may use (affinity-aware when the platform tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def forwarded_env() -> dict[str, str]:
    """The variables of :data:`FORWARDED_ENV` that are set in this process."""
    return {k: os.environ[k] for k in FORWARDED_ENV if k in os.environ}


def threads_per_worker(workers: int) -> int:
    """TensorFlow threads each of ``workers`` processes may use.

    Example:
    >>> threads_per_worker(cpu_count())
    1
    """
    return max(1, cpu_count() // max(1, workers))


_WORKER_READY = False


def init_worker(env: dict[str, str], threads: int) -> None:
    """Prepare a worker process once: environment, then TensorFlow thread pools."""
    global _WORKER_READY
    if _WORKER_READY:
        return
    os.environ.update(env)
    for name in ("OMP_NUM_THREADS", "TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS"):
        os.environ[name] = str(threads)
    import tensorflow as tf  # keras_rparity, imported already, has set its quiet defaults

    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(threads)
    _WORKER_READY = True


class SerialExecutor:
    """Runs everything here, one item after the other (handy for debugging)."""

    workers = 1

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        for item in items:
            yield fn(item)


class _WorkerPool:
    """What the parallel executors share: a worker count (default: the cores)."""

    def __init__(self, workers: int | None = None):
        self.workers = check_scalar(workers if workers is not None else cpu_count(), "workers")


class ProcessExecutor(_WorkerPool):
    """A local pool of ``workers`` spawned processes (``concurrent.futures``)."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        items = list(items)
        if not items:
            return
        pool = ProcessPoolExecutor(
            max_workers=min(self.workers, len(items)),
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
            initargs=(forwarded_env(), threads_per_worker(self.workers)),
        )
        pending = {pool.submit(fn, item) for item in items}
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        finally:
            pool.shutdown(wait=not pending, cancel_futures=True)


def _ray_call(fn: Callable[[T], R], item: T, env: dict[str, str], threads: int) -> R:
    init_worker(env, threads)
    return fn(item)


class RayExecutor(_WorkerPool):
    """Ray tasks on a local Ray instance with ``workers`` CPUs, one CPU per task.

    Starts Ray (``include_dashboard=False``) unless it is already running, and
    shuts it down afterwards only if it started it.
    """

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        items = list(items)
        if not items:
            return
        import ray

        started = not ray.is_initialized()
        if started:
            ray.init(num_cpus=self.workers, include_dashboard=False, log_to_driver=False,
                     configure_logging=False)
        try:
            task = ray.remote(num_cpus=1, max_retries=0)(_ray_call)
            env, threads = forwarded_env(), threads_per_worker(self.workers)
            pending = [task.remote(fn, item, env, threads) for item in items]
            while pending:
                done, pending = ray.wait(pending, num_returns=1)
                for ref in done:
                    yield ray.get(ref)
            pending = []
        finally:
            for ref in pending:
                ray.cancel(ref, force=True)
            if started:
                ray.shutdown()


def make_executor(kind: str, workers: int | None = None) -> Executor:
    """``"serial"``, ``"process"`` or ``"ray"``; ``workers`` defaults to the core count."""
    if kind == "serial":
        return SerialExecutor()
    if kind == "process":
        return ProcessExecutor(workers)
    if kind == "ray":
        return RayExecutor(workers)
    raise InvalidChoiceError("executor", kind, EXECUTORS)
