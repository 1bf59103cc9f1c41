"""A failed program, in one line: which side, file:line, the call, the message, the remedy.

:func:`python_failure` turns an exception raised by a Python program into a
:class:`~keras_rparity.errors.ProgramError` located in the program's own code;
:func:`r_failure` completes the bridge's :class:`~keras_rparity.errors.RError`. Both add
the remedy for failures the knobs explain: no seed with deterministic ops (``--seed``),
and data smaller than the program's hard-coded sizes (``--per-class``).
"""

from __future__ import annotations

import linecache
import re
import traceback
from pathlib import Path

from keras_rparity.bridge.r_errors import clean_message
from keras_rparity.errors import (
    KerasRParityError,
    ProgramError,
    RError,
    os_error_message,
)
from keras_rparity.record import RunContext

#: TensorFlow's message when a random op runs unseeded under deterministic ops.
_NO_SEED = "Random ops require a seed to be set when determinism is enabled"
NO_SEED_REMEDY = (
    "the program draws random numbers (e.g. a layer's initial weights) with no seed set, "
    "and the deterministic ops of a parity run need one: pass --seed N (compare(seed=N)) "
    "to seed both sides identically, or set one in both programs "
    "(keras.utils.set_random_seed(N) in Python, set_random_seed(N) in R)")

#: Messages of a program indexing or reshaping beyond the rows it was given.
_TOO_FEW_ROWS = re.compile(
    r"subscript out of bounds|dims \[product \d+\] do not match the length of object"
    r"|cannot reshape array of size|index -?\d+ is out of bounds|out of bounds for axis"
    r"|IndexError|incorrect number of dimensions|must have \d+ rows", re.IGNORECASE)


def knob_remedy(message: str, ctx: RunContext) -> str:
    """``message`` with the remedy when the knobs explain it, else as it is.

    Example:
    >>> from keras_rparity.record import Knobs
    >>> ctx = RunContext(Knobs(per_class=10))
    >>> ctx.served_rows["mnist"] = 100
    >>> print(knob_remedy("subscript out of bounds", ctx))  # doctest: +NORMALIZE_WHITESPACE
    subscript out of bounds; the program expects more rows than --per-class 10 served
    (mnist: 100 training rows): run it with a larger --per-class, or without --per-class
    """
    if _NO_SEED in message:
        return NO_SEED_REMEDY
    per_class = ctx.knobs.per_class
    if per_class is not None and ctx.served_rows and _TOO_FEW_ROWS.search(message):
        served = ", ".join(f"{name}: {rows} training rows"
                           for name, rows in ctx.served_rows.items())
        return (f"{message}; the program expects more rows than --per-class {per_class} "
                f"served ({served}): run it with a larger --per-class, or without "
                "--per-class")
    return message


def r_failure(error: RError, ctx: RunContext) -> RError:
    """The bridge's R error with the knobs' remedy; the same error when there is none."""
    message = knob_remedy(error.r_message, ctx)
    if message == error.r_message:
        return error
    return type(error)(message, error.r_call, error.location, error.python_error)


def python_failure(exc: BaseException, program_file: str | None, shown: str | None,
                   ctx: RunContext) -> ProgramError:
    """A Python program's exception as a :class:`ProgramError` at the program's own line.

    ``program_file`` is the file the program's code is in (``None``: unknown), ``shown``
    how to name it (the path as the user gave it).
    """
    file, line, call = _where(exc, program_file)
    if file is not None and program_file is not None and _same_file(file, program_file):
        file = shown or file
    return ProgramError("python", file, line, call, _message(exc, program_file, ctx),
                        python_error=exc)


def _message(exc: BaseException, program_file: str | None, ctx: RunContext) -> str:
    kind = type(exc).__name__
    if isinstance(exc, OSError) and not isinstance(exc, KerasRParityError):
        folder = Path(program_file).resolve().parent if program_file else Path.cwd()
        return (f"the Python program raised {kind}: {os_error_message(exc)}; relative "
                f"paths resolve from the program's folder ({folder})")
    if isinstance(exc, SyntaxError):
        return f"SyntaxError: {exc.msg}"
    return knob_remedy(clean_message(f"{kind}: {exc}"), ctx)


def _where(exc: BaseException, program_file: str | None) -> tuple[str | None, int | None,
                                                                   str | None]:
    """File, line and source line of the failure: a syntax error's own place, else the
    innermost frame in the program's file (else the innermost frame outside this package
    and the libraries)."""
    if isinstance(exc, SyntaxError) and exc.filename:
        return exc.filename, exc.lineno, (exc.text or "").strip() or None
    frames = traceback.extract_tb(exc.__traceback__)
    mine = [f for f in frames if program_file is not None and _same_file(f.filename,
                                                                          program_file)]
    if not mine:
        mine = [f for f in frames if "site-packages" not in f.filename
                and "/keras_rparity/" not in f.filename and not f.filename.startswith("<")]
    if not mine:
        return None, None, None
    frame = mine[-1]
    source = (frame.line or linecache.getline(frame.filename, frame.lineno or 0)).strip()
    return frame.filename, frame.lineno, source or None


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False
