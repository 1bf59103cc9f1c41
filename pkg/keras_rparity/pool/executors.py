"""Where work runs: in this process, a pool of warm processes, or Ray actors.

One mechanism for every command that spreads work over cores or machines: the
sweep's runs and the program pairs of ``parity DIR``. Every executor has
``map(fn, items)``, which yields ``fn(item)`` for each item *as the calls finish*
(not in input order), so results can be saved one by one. ``fn`` and the items
must be picklable (module-level functions, dataclasses).

The parallel executors keep their workers alive: each worker imports Keras
once, runs the optional ``warm_up`` once, then trains run after run, across
``map`` calls too, until the executor is closed (use it as a context manager).
Workers start with the variables of
:func:`~keras_rparity.pool.worker_setup.forwarded_env` (notably ``KERAS_HOME``) and
the thread settings of :mod:`keras_rparity.pool.worker_setup`, so a run's numbers
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
from keras_rparity.pool.worker_setup import (
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

    def map(self, fn: Callable[[T], R], items: Iterable[T],
            on_worker_death: Callable[[T, WorkerError], R] | None = None) -> Iterator[R]: ...

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

    def map(self, fn: Callable[[T], R], items: Iterable[T],
            on_worker_death: Callable[[T, WorkerError], R] | None = None) -> Iterator[R]:
        """``fn`` over ``items`` here (``on_worker_death`` is never needed: no workers)."""
        self.start()
        for item in items:
            yield fn(item)


class _WorkerPool(_Closing):
    """What the parallel executors share: a worker count (default: the cores), warm-up,
    the role named in messages, and extra environment variables for the workers."""

    def __init__(self, workers: int | None = None, warm_up: WarmUp = None,
                 role: str = "keras-rparity", env: dict[str, str] | None = None):
        self.workers = check_scalar(workers if workers is not None else cpu_count(), "workers")
        self.warm_up = warm_up
        self.role = role
        self.env = dict(env or {})

    def _worker_env(self) -> dict[str, str]:
        return {**forwarded_env(), **self.env}


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
    :meth:`map`; otherwise the first ``map`` starts them and gives each its first task
    as soon as it is warm. Each worker has a pipe of its
    own to this process (no shared queue, so no named semaphores to leave behind when
    a sweep is interrupted); a task goes to whichever worker is free. A worker that dies
    during a task ends the ``map`` with a :class:`WorkerError`, unless ``map`` was given
    ``on_worker_death``: then that task's result is what it returns, a new worker takes
    the dead one's place and the other tasks go on.
    """

    def __init__(self, workers: int | None = None, warm_up: WarmUp = None,
                 role: str = "keras-rparity", env: dict[str, str] | None = None):
        super().__init__(workers, warm_up, role, env)
        self._context = multiprocessing.get_context("spawn")
        self._channels: dict[Connection, Any] = {}  # this end of each worker's pipe
        self._busy: dict[Connection, tuple[int, Any]] = {}  # what each busy worker runs
        self._ready: set[Connection] = set()  # workers that have warmed up
        self._spawned = 0

    @property
    def pids(self) -> list[int]:
        """Process ids of the running workers."""
        return [p.pid for p in self._channels.values()]

    def _spawn(self) -> Connection:
        """Start one worker (it says "ready" when warm); returns this end of its pipe."""
        here, there = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main, daemon=True, name=f"keras-rparity-{self.role}-{self._spawned}",
            args=(there, self._worker_env(), threads_per_worker(self.workers), self.warm_up))
        self._spawned += 1
        process.start()
        there.close()  # the worker's end lives in the worker now
        self._channels[here] = process
        return here

    def start(self) -> ProcessExecutor:
        """Start the workers and wait until each has imported Keras and warmed up."""
        try:
            self._launch()
            while len(self._ready) < len(self._channels):
                self._expect_ready(*self._receive())
        except BaseException:
            self.close()
            raise
        return self

    def _launch(self) -> None:
        """Start the workers, if not running, without waiting for them to warm up."""
        if not self._channels:
            for _ in range(self.workers):
                self._spawn()

    def _expect_ready(self, channel: Connection, message: tuple[str, int, Any]) -> None:
        kind, _, error = message
        if kind == "failed":
            raise WorkerError(f"a {self.role} worker could not start: {error}")
        self._ready.add(channel)

    def _receive(self) -> tuple[Connection, tuple[str, int, Any]]:
        """The next message from any worker, with the pipe it came through; raises
        WorkerError when a worker has died."""
        channel = connection_wait(list(self._channels))[0]  # a message, or a worker's end
        try:
            return channel, channel.recv()
        except (EOFError, OSError):
            process = self._channels.pop(channel)
            channel.close()
            process.join(timeout=5)
            raise _Died(channel, f"{self.role} worker {process.pid} died (exit code "
                                 f"{process.exitcode})") from None

    def map(self, fn: Callable[[T], R], items: Iterable[T],
            on_worker_death: Callable[[T, WorkerError], R] | None = None) -> Iterator[R]:
        pending = list(enumerate(items))[::-1]  # popped from the end: input order
        if not pending:
            return
        self._launch()  # each worker takes its first task as soon as it is warm
        remaining = len(pending)

        def send_next(channel: Connection) -> None:
            if pending:
                index, item = self._busy[channel] = pending.pop()
                channel.send((index, fn, item))

        for channel in list(self._ready):
            send_next(channel)
        try:
            while remaining:
                try:
                    channel, (kind, _, value) = self._receive()
                except _Died as death:
                    task = self._busy.pop(death.channel, None)
                    warm = death.channel in self._ready
                    self._ready.discard(death.channel)
                    if on_worker_death is None or not warm:
                        raise WorkerError(f"{death}; the work it had is lost, finished "
                                          "work is kept") from None
                    self._spawn()  # says "ready" when warm, then takes the next task
                    if task is not None:
                        remaining -= 1
                        yield on_worker_death(task[1], WorkerError(str(death)))
                    continue
                if channel not in self._ready:  # a worker warmed up (or failed to)
                    self._expect_ready(channel, (kind, 0, value))
                    send_next(channel)
                    continue
                self._busy.pop(channel, None)
                if kind == "failed":
                    raise value
                remaining -= 1
                send_next(channel)
                yield value
        finally:
            if remaining:  # stopped early (error, Ctrl-C, caller closed us): drop the pool
                self.close()

    def close(self) -> None:
        """Stop the workers within about a second: idle ones exit when asked, busy ones
        (a map stopped early) are terminated at once, and killed if that is not enough."""
        channels, self._channels = self._channels, {}
        busy, self._busy = self._busy, {}
        self._ready = set()
        for channel, process in channels.items():
            if channel in busy:
                process.terminate()
            else:
                with contextlib.suppress(OSError):  # that worker is gone already
                    channel.send(None)
            channel.close()
        deadline = time.monotonic() + 1
        for process in channels.values():
            process.join(timeout=max(0.0, deadline - time.monotonic()))
        for process in channels.values():
            if process.is_alive():
                process.kill()
                process.join(timeout=5)

    def __del__(self) -> None:
        if getattr(self, "_channels", None):
            self.close()


class _Died(WorkerError):
    """A worker's pipe closed: the worker is gone (internal to :class:`ProcessExecutor`)."""

    def __init__(self, channel: Connection, message: str):
        super().__init__(message)
        self.channel = channel


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
    on :meth:`close` only if this executor initialised it. ``on_worker_death`` works as
    with :class:`ProcessExecutor`: a new actor replaces the dead one.
    """

    def __init__(self, workers: int | None = None, warm_up: WarmUp = None,
                 address: str | None = None, role: str = "keras-rparity",
                 env: dict[str, str] | None = None):
        self.address = address
        self._explicit_workers = workers
        super().__init__(workers, warm_up, role, env)
        self._actors: list[Any] = []
        self._started_ray = False
        self.pids: list[int] = []

    def start(self) -> RayExecutor:
        """Connect to (or start) Ray and start the actors; waits until they are warm."""
        if self._actors:
            return self
        import ray

        env = self._worker_env()
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
        self._actors = [self._new_actor() for _ in range(self.workers)]
        try:
            self.pids = ray.get([a.pid.remote() for a in self._actors])
        except BaseException:
            self.close()
            raise
        return self

    def _new_actor(self) -> Any:
        import ray

        actor = ray.remote(num_cpus=1, max_restarts=0)(_RayWorker)
        return actor.remote(self._worker_env(), 1, self.warm_up)

    def map(self, fn: Callable[[T], R], items: Iterable[T],
            on_worker_death: Callable[[T, WorkerError], R] | None = None) -> Iterator[R]:
        items = list(items)
        if not items:
            return
        import ray

        self.start()
        free, todo, pending = list(self._actors), list(reversed(items)), {}
        try:
            while todo or pending:
                while free and todo:
                    actor, item = free.pop(), todo.pop()
                    pending[actor.run.remote(fn, item)] = (actor, item)
                done, _ = ray.wait(list(pending), num_returns=1)
                for ref in done:
                    actor, item = pending.pop(ref)
                    try:
                        value = ray.get(ref)
                    except ray.exceptions.RayActorError as exc:
                        death = WorkerError(f"{self.role} worker (Ray actor) died: "
                                            f"{str(exc).splitlines()[0]}")
                        if on_worker_death is None:
                            raise death from None
                        self._actors.remove(actor)
                        self._actors.append(self._new_actor())
                        free.append(self._actors[-1])
                        yield on_worker_death(item, death)
                        continue
                    free.append(actor)
                    yield value
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
                  ray_address: str | None = None, role: str = "keras-rparity",
                  env: dict[str, str] | None = None) -> Executor:
    """``"serial"``, ``"process"`` or ``"ray"``; ``workers`` defaults to the core count.

    ``ray_address`` (only with ``"ray"``) joins an existing Ray cluster. ``role`` names
    the workers in messages; ``env`` adds variables to the workers' environment.
    """
    if kind not in EXECUTORS:
        raise InvalidChoiceError("executor", kind, EXECUTORS)
    if ray_address and kind != "ray":
        raise KerasRParityError(f"--ray-address needs --executor ray (got --executor {kind})")
    if kind == "serial":
        return SerialExecutor(warm_up)
    if kind == "process":
        return ProcessExecutor(workers, warm_up, role, env)
    return RayExecutor(workers, warm_up, ray_address, role, env)
