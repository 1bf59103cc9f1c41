"""Ctrl-C while R code runs in this process: stop promptly, leave R usable.

With R embedded by rpy2, a SIGINT reaches Python's handler at awkward places:
inside rpy2's C callbacks (``_processevents``, console output), where a
``KeyboardInterrupt`` cannot propagate and is printed as "Exception ignored
from cffi callback" and lost; or inside Keras code R called through
reticulate, where reticulate turns it into an R interrupt that escapes the
bridge as a bare ``RRuntimeError``.

While the bridge evaluates R code, :func:`interruptible` installs a handler
that always tells R (``R_interrupts_pending``, as R's own handler does), and
raises ``KeyboardInterrupt`` only in ordinary Python code. ``r/bridge.R``
catches R's interrupt condition and reports it; the bridge then raises
``KeyboardInterrupt`` in the caller, with R back at a clean top level, so the
same process can start another run.

Nothing is changed when Python is not in charge of SIGINT (another handler was
installed, e.g. by R hosting Python through reticulate, or not the main thread).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

#: rpy2's C callbacks live here; an exception raised in them is lost.
_RPY2_CALLBACKS = "rinterface_lib/callbacks.py"


class InterruptState:
    """Whether Ctrl-C was pressed during the current R evaluation."""

    def __init__(self) -> None:
        self.requested = False


def _rlib():
    from rpy2.rinterface_lib import openrlib

    return openrlib.rlib


def _in_rpy2_callback(frame: FrameType | None) -> bool:
    """Is ``frame`` (or a caller of it) inside one of rpy2's C callbacks?

    Example:
    >>> import sys
    >>> _in_rpy2_callback(sys._getframe())
    False
    """
    while frame is not None:
        if frame.f_code.co_filename.replace("\\", "/").endswith(_RPY2_CALLBACKS):
            return True
        frame = frame.f_back
    return False


def _python_owns_sigint() -> bool:
    return (threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGINT) is signal.default_int_handler)


@contextmanager
def interruptible() -> Iterator[InterruptState]:
    """Run R code so that Ctrl-C stops it cleanly; yields the :class:`InterruptState`.

    The caller raises ``KeyboardInterrupt`` when ``state.requested`` is set after
    R returns (whatever R returned).
    """
    state = InterruptState()
    if not _python_owns_sigint():
        yield state
        return

    def on_sigint(signum: int, frame: FrameType | None) -> None:
        state.requested = True
        _rlib().R_interrupts_pending = 1
        if not _in_rpy2_callback(frame):
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_sigint)
    try:
        yield state
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if state.requested:
            _rlib().R_interrupts_pending = 0  # handled: do not stop the next evaluation
