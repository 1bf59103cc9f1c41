"""Objects handed between Python and R code running in this process.

R code reaches this module through reticulate (``import("keras_rparity.bridge.handoff")``),
the Python side through a normal import: both see the same module object, so a
Python object placed here by one side is the very object the other side gets.
"""

from __future__ import annotations

from typing import Any

from keras_rparity.experiments.context import RunContext

_current: RunContext | None = None
_stash: list[Any] = []
_args: list[tuple[list[Any], dict[str, Any]]] = []


def current() -> RunContext:
    """The run context of the program being run (a default one between runs)."""
    global _current
    if _current is None:
        _current = RunContext(side="r")
    return _current


def set_current(ctx: RunContext | None) -> None:
    """Make ``ctx`` the context R hooks report to (``None`` resets to a default)."""
    global _current
    _current = ctx


def stash(value: Any) -> None:
    """Called from R: leave ``value`` for the Python side to :func:`take`."""
    _stash.append(value)


def take() -> Any:
    """Take the value R stashed last."""
    if not _stash:
        raise LookupError("R code stashed no value")
    return _stash.pop()


def give_args(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Python side: leave call arguments for R code to :func:`take_args`."""
    _args.append((list(args), dict(kwargs)))


def take_args() -> tuple[list[Any], dict[str, Any]]:
    """Called from R: the arguments the Python side left (converted to R by reticulate)."""
    if not _args:
        raise LookupError("no arguments were handed to R")
    return _args.pop()
