"""Ctrl-C at any moment: stop promptly, lose nothing that finished, leave R usable.

Python runs a SIGINT handler between bytecodes, wherever they are, also inside
garbage-collector callbacks (JAX registers one), ``__del__`` methods and C
callbacks, where the ``KeyboardInterrupt`` cannot propagate: Python prints
"Exception ignored in ..." and carries on as if nothing had happened.
:func:`reraise_lost_interrupts` sends such a lost interrupt again, to be raised
at the next ordinary bytecode.

R code in this process:

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

import _thread
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

#: Seconds after a lost Ctrl-C before it is sent again.
RESEND_DELAY = 0.05

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


class _LostInterrupts:
    """The Ctrl-Cs lost within one block: sent again a moment later, once, unless the
    block ends first.

    The resend is a one-shot alarm (``SIGALRM``), whose handler runs in the main thread,
    outside the hook (sent from the hook itself, the interrupt would be handled inside
    it, where it is lost again). Never a Python thread: while R evaluates, cffi has
    released the GIL, so another Python thread would run alongside R, and a collection
    in it can free rpy2 objects, i.e. change R's memory from a second thread (the likely
    cause of an abort, ``free(): invalid next size``, seen once in CI). A block that ends while the
    resend waits cancels it: an interrupt delivered another way (R's own, raised by the
    bridge) must not come a second time, during the command's exit.

    Where the alarm is someone else's (a ``SIGALRM`` handler or a real-time timer set by
    the program), or outside the main thread, nothing is sent again: the block raises
    the lost interrupt as it ends.
    """

    def __init__(self, previous) -> None:
        self._previous = previous
        self._alarm_was: Callable | int | None = None  # set while a resend waits
        self._lost = False
        self._closed = False

    def hook(self, unraisable) -> None:
        """``sys.unraisablehook``: a lost KeyboardInterrupt is sent again; the rest go on
        to the previous hook."""
        if unraisable.exc_type is None or not issubclass(unraisable.exc_type,
                                                         KeyboardInterrupt):
            self._previous(unraisable)
            return
        self._lost = True
        if self._closed or self._alarm_was is not None or not _alarm_is_free():
            return
        self._alarm_was = signal.signal(signal.SIGALRM, self._on_alarm)
        signal.setitimer(signal.ITIMER_REAL, RESEND_DELAY)

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        if self._closed:  # delivered as the block ended: close() says it was waiting
            return
        self._lost = False
        self._restore_alarm()
        _thread.interrupt_main(signal.SIGINT)  # raised once this handler returns

    def _restore_alarm(self) -> None:
        if self._alarm_was is not None:
            signal.signal(signal.SIGALRM, self._alarm_was)
            self._alarm_was = None

    def close(self) -> bool:
        """Send nothing more; was a lost interrupt still waiting to be sent?"""
        self._closed = True
        try:
            if self._alarm_was is not None:
                signal.setitimer(signal.ITIMER_REAL, 0)
                _handle_delivered_signals()  # an alarm already delivered meets ours
        finally:
            self._restore_alarm()
        return self._lost


def _alarm_is_free() -> bool:
    """Can the resend use SIGALRM: main thread, no handler or timer of someone else's?"""
    return (hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGALRM) is signal.SIG_DFL
            and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))


def _handle_delivered_signals() -> None:
    """Let Python run the handlers of signals already delivered: it does so on entering
    a Python function."""


@contextmanager
def reraise_lost_interrupts() -> Iterator[None]:
    """Within the block, a Ctrl-C that lands where it cannot be raised is not lost.

    A lost Ctrl-C is sent again a moment later (``tests/test_lost_interrupts.py`` shows it
    with a real one, in a fresh process), or raised as the block ends, if it ends first
    without an exception; a block left by an exception (the interrupt itself, raised
    another way) sends nothing more. Inside the block, Python's hook for exceptions it
    cannot raise is ours, and the previous one is back afterwards:

    Example:
    >>> import sys
    >>> before = sys.unraisablehook
    >>> with reraise_lost_interrupts():
    ...     sys.unraisablehook is before
    False
    >>> sys.unraisablehook is before
    True
    """
    previous = sys.unraisablehook
    lost = _LostInterrupts(previous)
    sys.unraisablehook = lost.hook
    try:
        yield
    finally:
        sys.unraisablehook = previous
        waiting = lost.close()
    if waiting:
        raise KeyboardInterrupt


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
        with reraise_lost_interrupts():
            yield state
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if state.requested:
            _rlib().R_interrupts_pending = 0  # handled: do not stop the next evaluation


class TerminationState:
    """Whether SIGTERM arrived while :func:`terminate_as_interrupt` was active."""

    def __init__(self) -> None:
        self.received = False

    def terminated(self) -> bool:
        return self.received


@contextmanager
def terminate_as_interrupt() -> Iterator[TerminationState]:
    """Within the block, SIGTERM stops the work as Ctrl-C does (the same clean path:
    R left at a clean top level, what finished kept, temporary folders removed, exit
    finalizers run); the yielded state says it was SIGTERM, so the caller can exit with
    143 instead of 130.

    Example:
    >>> with terminate_as_interrupt() as state:
    ...     state.terminated()
    False
    """
    state = TerminationState()
    if threading.current_thread() is not threading.main_thread():
        yield state
        return

    def on_sigterm(signum: int, frame: FrameType | None) -> None:
        state.received = True
        signal.raise_signal(signal.SIGINT)  # whatever handles Ctrl-C now (R or Python)

    previous = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        yield state
    finally:
        signal.signal(signal.SIGTERM, previous)
