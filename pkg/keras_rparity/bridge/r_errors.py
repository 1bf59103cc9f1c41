"""Errors from R programs, in the user's terms.

An error inside an R program usually starts in Python (Keras, called through
reticulate) and arrives wrapped: reticulate's internal call
(``py_call_impl(callable, call_args$unnamed, call_args$named)``), terminal
escape codes, internal tracebacks and "Run `reticulate::py_last_error()` for
details", which a command-line user cannot do. This module keeps what the user
can act on: the Keras message, and (from ``r/bridge.R``) the call they wrote
and its line.

R hands the Python exception object itself to :func:`remember` (through
reticulate), so the Python side can tell, e.g., a loss/label mismatch (with the
pairing checker's findings) from any other error. It travels in the handoff's
context variable (:func:`keras_rparity.bridge.handoff.hand_over_error`), not in a
module global.
"""

from __future__ import annotations

import re

from keras_rparity.bridge import handoff

#: Terminal escape sequences (colours, bold) that Keras and reticulate put in messages.
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
#: Lines that only an interactive R user (or nobody) can act on.
_NOISE_LINES = re.compile(
    r"^\s*(Run `?reticulate::py_last_error\(\)`? for details\.?"
    r"|See `?reticulate::py_last_error\(\)`?.*"
    r"|Traceback \(most recent call last\):"
    r"|File \".*\", line \d+.*)\s*$")
#: The start of Keras' dump of a layer's call arguments (tensor reprs, no help).
_ARGUMENTS_BLOCK = re.compile(r"^Arguments received by ")
#: Calls that belong to reticulate or the bridge, never written by the user.
INTERNAL_CALLS = re.compile(r"^(py_call_impl|py_call|do\.call|eval|loadNamespace|"
                            r"\.api_fun|\.rparity_|rparity_)")
#: A Python exception's qualified class name at the start of a message.
_QUALIFIED_PREFIX = re.compile(r"^(?:[A-Za-z_][\w]*\.)+(?=[A-Z]\w*(?:Error|Exception)\b)")


def clean_message(message: str) -> str:
    """An R/Keras error message on one line, without escape codes, internal tracebacks
    or advice only an interactive R user can follow.

    Example:
    >>> clean_message("ValueError: \\x1b[1mbad shape\\x1b[0m\\n"
    ...               "Run `reticulate::py_last_error()` for details.")
    'ValueError: bad shape'
    >>> clean_message("keras_rparity.errors.LossLabelMismatchError: labels")
    'LossLabelMismatchError: labels'
    """
    kept: list[str] = []
    for line in _ANSI.sub("", message).splitlines():
        if _ARGUMENTS_BLOCK.match(line):
            break
        if _NOISE_LINES.match(line):
            continue
        kept.append(line.rstrip())
    text = " ".join(line.strip() for line in kept if line.strip())
    return _QUALIFIED_PREFIX.sub("", text)


def user_call(call: str | None, written: str | None) -> str | None:
    """The call to show: the one the program wrote, else R's own unless it is internal.

    Example:
    >>> user_call("py_call_impl(callable, call_args$unnamed, call_args$named)",
    ...           "layer_dense(., units = 3)")
    'layer_dense(., units = 3)'
    >>> user_call("py_call_impl(callable, call_args$unnamed, call_args$named)", None)
    >>> user_call("layer_dens(., units = 32)", None)
    'layer_dens(., units = 32)'
    """
    if written:
        return written
    if call and not INTERNAL_CALLS.match(call):
        return call
    return None


def remember(error: BaseException) -> None:
    """Called from R (``r/bridge.R``): keep the Python exception an R program raised."""
    handoff.hand_over_error(error)


def take_python_error() -> BaseException | None:
    """The Python exception R handed over for the last failure (``None`` if none); forgets it.

    Example:
    >>> remember(KeyError("x")); take_python_error(), take_python_error()
    (KeyError('x'), None)
    """
    return handoff.take_error()
