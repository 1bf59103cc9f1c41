"""Where the runs of a sweep execute: in this process, a pool of processes, or Ray.

Every executor has ``map(fn, items)``, which yields ``fn(item)`` for each item
*as the calls finish* (not in input order), so results can be saved one by one.
``fn`` and the items must be picklable (module-level functions, dataclasses).

The parallel executors keep their workers alive: each worker imports Keras
once, runs the optional ``warm_up`` once, then trains run after run, across
``map`` calls too, until the executor is closed (use it as a context manager).
Workers start with the variables of
:func:`~keras_rparity.sweep.workers.forwarded_env` (notably ``KERAS_HOME``) and
the thread settings of :mod:`keras_rparity.sweep.workers`, so a run's numbers
are the same bits on every executor.

Example:
>>> with SerialExecutor() as executor:
...     list(executor.map(abs, [-1, -2]))
[1, 2]
>>> make_executor("dask", 2)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
keras_rparity.errors.InvalidChoiceError: invalid executor 'dask'; valid choices: 'serial', ...
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection
from multiprocessing.connection import wait as connection_wait
from typing import Any, Protocol, TypeVar

from keras_rparity.errors import InvalidChoiceError, KerasRParityError
from keras_rparity.sweep.workers import (
    cpu_count,
    forwarded_env,
    init_worker,
    pin_threads,
    threads_per_worker,
)
from keras_rparity.validation import check_scalar

T = TypeVar("T")
R = TypeVar("R")

#: Executor names accepted by :func:`make_executor`.
EXECUTORS = ("serial", "process", "ray")

WarmUp = Callable[[], Any] | None


class WorkerError(KerasRParityError, RuntimeError):
    """A worker process died or could not start."""


class Executor(Protocol):
    """Runs ``fn`` over items and yields the results as they finish."""

    workers: int

    def start(self) -> Executor: ...

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Executor: ...

    def __exit__(self, *exc: object) -> None: ...


class _Closing:
    """Context-manager support: ``with executor: ...`` closes it at the end."""

    def close(self) -> None:
        """Stop the workers (nothing to do for executors without any)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SerialExecutor(_Closing):
    """Runs everything here, one item after the other (handy for debugging)."""

    workers = 1

    def __init__(self, warm_up: WarmUp = None):
        self.warm_up = warm_up
        self._ready = False

    def start(self) -> SerialExecutor:
        """Set TensorFlow's threads here (if still possible) and warm up, once."""
        if not self._ready:
            pin_threads(threads_per_worker(1))
            if self.warm_up is not None:
                self.warm_up()
            self._ready = True
        return self

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        self.start()
        for item in items:
            yield fn(item)


class _WorkerPool(_Closing):
    """What the parallel executors share: a worker count (default: the cores) and warm-up."""

    def __init__(self, workers: int | None = None, warm_up: WarmUp = None):
        self.workers = check_scalar(workers if workers is not None else cpu_count(), "workers")
        self.warm_up = warm_up


def _worker_main(channel: Connection, env: dict[str, str], inter_op: int,
                 warm_up: WarmUp) -> None:
    """A process-pool worker: set up once, then run the tasks ``channel`` brings until it
    brings ``None`` (or closes: the parent is gone)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    try:
        init_worker(env, inter_op)
        if warm_up is not None:
            warm_up()
    except BaseException as exc:  # reported to the parent
        channel.send(("failed", -1, _portable(exc)))
        return
    channel.send(("ready", os.getpid(), None))
    try:
        while (task := channel.recv()) is not None:
            index, fn, item = task
            try:
                channel.send(("done", index, fn(item)))
            except BaseException as exc:  # re-raised in the parent
                channel.send(("failed", index, _portable(exc)))
    except (EOFError, BrokenPipeError):  # the parent closed its end: nothing left to do
        return


def _portable(exc: BaseException) -> BaseException:
    """``exc`` if it pickles, else a RuntimeError carrying its text."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")


class ProcessExecutor(_WorkerPool):
    """A local pool of ``workers`` spawned processes that live until :meth:`close`.

    Call :meth:`start` to start (and warm up) the workers ahead of the first
    :meth:`map`; otherwise the first ``map`` starts them. Each worker has a pipe of its
    own to this process (no shared queue, so no named semaphores to leave behind when
    a sweep is interrupted); a task goes to whichever worker is free.
    """

    def __init__(self, workers: int | None = None, warm_up: WarmUp = None):
        super().__init__(workers, warm_up)
        self._context = multiprocessing.get_context("spawn")
        self._processes: list[Any] = []
        self._channels: dict[Connection, Any] = {}  # this end of each worker's pipe

    @property
    def pids(self) -> list[int]:
        """Process ids of the running workers."""
        return [p.pid for p in self._processes]

    def start(self) -> ProcessExecutor:
        """Start the workers and wait until each has imported Keras and warmed up."""
        if self._processes:
            return self
        for i in range(self.workers):
            here, there = self._context.Pipe()
            process = self._context.Process(
                target=_worker_main, daemon=True, name=f"keras-rparity-sweep-{i}",
                args=(there, forwarded_env(), threads_per_worker(self.workers), self.warm_up))
            process.start()
            there.close()  # the worker's end lives in the worker now
            self._processes.append(process)
            self._channels[here] = process
        try:
            for _ in self._processes:
                _, (kind, _, error) = self._receive()
                if kind == "failed":
                    raise WorkerError(f"a sweep worker could not start: {error}")
        except BaseException:
            self.close()
            raise
        return self

    def _receive(self) -> tuple[Connection, tuple[str, int, Any]]:
        """The next message from any worker, with the pipe it came through; raises
        WorkerError when a worker has died."""
        channel = connection_wait(list(self._channels))[0]  # a message, or a worker's end
        try:
            return channel, channel.recv()
        except (EOFError, OSError):
            process = self._channels[channel]
            process.join(timeout=5)
            raise WorkerError(f"sweep worker {process.pid} died (exit code {process.exitcode}); "
                              "the runs it had are lost, finished runs are saved") from None

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        pending = list(enumerate(items))[::-1]  # popped from the end: input order
        if not pending:
            return
        self.start()

        def send_next(channel: Connection) -> None:
            index, item = pending.pop()
            channel.send((index, fn, item))

        remaining = len(pending)
        for channel in list(self._channels)[:remaining]:
            send_next(channel)
        try:
            while remaining:
                channel, (kind, _, value) = self._receive()
                if kind == "failed":
                    raise value
                remaining -= 1
                if pending:
                    send_next(channel)
                yield value
        finally:
            if remaining:  # stopped early (error, Ctrl-C, caller closed us): drop the pool
                self.close()

    def close(self) -> None:
        """Stop the workers: idle ones exit when asked, busy ones (a sweep stopped early)
        are terminated after a second."""
        processes, self._processes = self._processes, []
        channels, self._channels = self._channels, {}
        for channel in channels:
            with contextlib.suppress(OSError):  # that worker is gone already
                channel.send(None)
            channel.close()
        deadline = time.monotonic() + 1
        for process in processes:
            process.join(timeout=max(0.0, deadline - time.monotonic()))
        for process in processes:
            if process.is_alive():
                process.terminate()
                process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join(timeout=5)

    def __del__(self) -> None:
        if getattr(self, "_processes", None):
            self.close()


class _RayWorker:
    """One Ray actor: set up once like a process-pool worker, then runs calls."""

    def __init__(self, env: dict[str, str], inter_op: int, warm_up: WarmUp):
        init_worker(env, inter_op)
        if warm_up is not None:
            warm_up()

    def pid(self) -> int:
        return os.getpid()

    def run(self, fn: Callable[[T], R], item: T) -> R:
        return fn(item)


class RayExecutor(_WorkerPool):
    """``workers`` Ray actors (one CPU each) that live until :meth:`close`.

    Without ``address``, starts a local Ray instance with ``workers`` CPUs
    (unless Ray is already initialised here). With ``address`` (``"host:port"``
    of a cluster's head, as printed by ``ray start --head``), joins that
    cluster; ``workers`` then defaults to the cluster's CPUs. Ray is shut down
    on :meth:`close` only if this executor initialised it.
    """

    def __init__(self, workers: int | None = None, warm_up: WarmUp = None,
                 address: str | None = None):
        self.address = address
        self._explicit_workers = workers
        super().__init__(workers, warm_up)
        self._actors: list[Any] = []
        self._started_ray = False
        self.pids: list[int] = []

    def start(self) -> RayExecutor:
        """Connect to (or start) Ray and start the actors; waits until they are warm."""
        if self._actors:
            return self
        import ray

        env = forwarded_env()
        if not ray.is_initialized():
            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                       "configure_logging": False,
                                       "runtime_env": {"env_vars": env}}
            if self.address:
                options["address"] = self.address
            else:  # a new local instance, even if RAY_ADDRESS names a cluster
                options.update(address="local", num_cpus=self.workers)
            try:
                ray.init(**options)
            except ConnectionError as exc:
                raise WorkerError(f"cannot reach the Ray cluster at {self.address}: {exc}; "
                                  "start it with `ray start --head` and pass the address it "
                                  "prints") from None
            self._started_ray = True
        if self.address and self._explicit_workers is None:
            self.workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
        actor = ray.remote(num_cpus=1, max_restarts=0)(_RayWorker)
        self._actors = [actor.remote(env, 1, self.warm_up) for _ in range(self.workers)]
        try:
            self.pids = ray.get([a.pid.remote() for a in self._actors])
        except BaseException:
            self.close()
            raise
        return self

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        items = list(items)
        if not items:
            return
        import ray

        self.start()
        free, todo, pending = list(self._actors), list(reversed(items)), {}
        try:
            while todo or pending:
                while free and todo:
                    actor = free.pop()
                    pending[actor.run.remote(fn, todo.pop())] = actor
                done, _ = ray.wait(list(pending), num_returns=1)
                for ref in done:
                    free.append(pending.pop(ref))
                    yield ray.get(ref)
        finally:
            if todo or pending:
                self.close()

    def close(self) -> None:
        """Kill the actors; shut Ray down if this executor started it."""
        actors, self._actors = self._actors, []
        if not actors and not self._started_ray:
            return
        import ray

        for actor in actors:
            ray.kill(actor)
        if self._started_ray:
            self._started_ray = False
            ray.shutdown()


def make_executor(kind: str, workers: int | None = None, warm_up: WarmUp = None,
                  ray_address: str | None = None) -> Executor:
    """``"serial"``, ``"process"`` or ``"ray"``; ``workers`` defaults to the core count.

    ``ray_address`` (only with ``"ray"``) joins an existing Ray cluster.
    """
    if kind not in EXECUTORS:
        raise InvalidChoiceError("executor", kind, EXECUTORS)
    if ray_address and kind != "ray":
        raise KerasRParityError(f"--ray-address needs --executor ray (got --executor {kind})")
    if kind == "serial":
        return SerialExecutor(warm_up)
    if kind == "process":
        return ProcessExecutor(workers, warm_up)
    return RayExecutor(workers, warm_up, ray_address)
