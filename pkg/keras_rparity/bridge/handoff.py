"""Objects handed between Python and R code running in this process, scoped to a run.

R code reaches this module through reticulate (``import("keras_rparity.bridge.handoff")``),
the Python side through a normal import: both see the same module object. The run an
R hook reports to is held in a :class:`contextvars.ContextVar` and set only inside a
``with running(ctx):`` block (rpy2's converter context is the model), so a hook called
outside a run gets a clear error, never a context left over from an earlier run.

Example:
>>> from keras_rparity.record import RunContext
>>> ctx = RunContext(side="r")
>>> with running(ctx):
...     current() is ctx
True
>>> current()  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
keras_rparity.errors.KerasRParityError: dataset_*() reports to a keras-rparity run, ...
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from keras_rparity.errors import KerasRParityError
from keras_rparity.record import RunContext

_RUN: ContextVar[RunContext | None] = ContextVar("keras_rparity_run", default=None)
_CALL: ContextVar[Call | None] = ContextVar("keras_rparity_call", default=None)
_ERROR: ContextVar[BaseException | None] = ContextVar("keras_rparity_python_error",
                                                      default=None)

OUTSIDE_A_RUN = (
    "dataset_*() reports to a keras-rparity run, and none is running: run the R "
    "program through keras-rparity (keras-rparity parity --r model.R --python model.py, "
    "or keras_rparity.compare()), not on its own"
)


@contextmanager
def running(ctx: RunContext) -> Iterator[RunContext]:
    """Make ``ctx`` the run R hooks report to, for the duration of the block."""
    token = _RUN.set(ctx)
    try:
        yield ctx
    finally:
        _RUN.reset(token)


def current() -> RunContext:
    """The run context of the program being run; an error outside a run."""
    ctx = _RUN.get()
    if ctx is None:
        raise KerasRParityError(OUTSIDE_A_RUN)
    return ctx


class Call:
    """One Python -> R call: its arguments going in, its result coming out.

    The bridge creates one per call and passes the object itself to R, so nested or
    concurrent calls never share a stack.

    Example:
    >>> call = Call((1.0,), {"b": 2})
    >>> call.args(), call.set_result(3.0), call.result
    ([1.0], None, 3.0)
    """

    def __init__(self, args: tuple[Any, ...] = (), kwargs: dict[str, Any] | None = None) -> None:
        self._args = list(args)
        self._kwargs = dict(kwargs or {})
        self.result: Any = None

    def args(self) -> list[Any]:
        """Called from R: the positional arguments."""
        return self._args

    def kwargs(self) -> dict[str, Any]:
        """Called from R: the keyword arguments."""
        return self._kwargs

    def set_result(self, value: Any) -> None:
        """Called from R: the value R computed, kept as the Python object R holds."""
        self.result = value


@contextmanager
def calling(call: Call) -> Iterator[Call]:
    """Make ``call`` the one R code reads its arguments from and writes its result to."""
    token = _CALL.set(call)
    try:
        yield call
    finally:
        _CALL.reset(token)


def current_call() -> Call:
    """Called from R: the call being made (an error when none is)."""
    call = _CALL.get()
    if call is None:
        raise KerasRParityError("no Python -> R call is in progress")
    return call


def hand_over_error(error: BaseException) -> None:
    """Called (through ``r_errors.remember``) when an R program fails on a Python
    exception: keep it for the Python side, in this context only."""
    _ERROR.set(error)


def take_error() -> BaseException | None:
    """The Python exception handed over by the last R failure (``None``: none); forgets it.

    Example:
    >>> hand_over_error(ValueError("bad shape")); take_error(), take_error()
    (ValueError('bad shape'), None)
    """
    error = _ERROR.get()
    _ERROR.set(None)
    return error
