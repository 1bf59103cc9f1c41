"""Ending the embedded R cleanly when Python exits, whatever reticulate's version.

rpy2 ends R from an ``atexit`` hook that runs R's exit finalizers through cffi,
which releases Python's GIL around every C call. From reticulate 1.43 on, one of
those finalizers calls ``py_allow_threads_impl(FALSE)``: ``PyGILState_Ensure()``
takes the free GIL and keeps it. When the finalizer returns, cffi waits for the
GIL it gave up, which the same thread now holds: the process hangs at exit.

The fix: an ``atexit`` hook registered after rpy2's (``atexit`` runs hooks last
in, first out, so ours runs first) runs R's exit finalizers itself, through
``ctypes.PyDLL``, which keeps the GIL held during the call. ``PyGILState_Ensure()``
inside a finalizer then finds the GIL already held by this thread and
``PyGILState_Release()`` leaves it so: reticulate's finalizer does nothing
harmful, every other exit finalizer (the user's too) still runs, with the GIL,
exactly once (R forgets a finalizer once it has run), and rpy2's own hook finds
nothing left to run.
"""

from __future__ import annotations

import atexit
import ctypes
from pathlib import Path

_REGISTERED = False


def libr_path(r_home: str | Path) -> Path:
    """R's shared library inside ``r_home`` (``lib/libR.so``, ``.dylib`` on macOS).

    Example:
    >>> libr_path("/usr/lib/R").name in ("libR.so", "libR.dylib")
    True
    """
    lib = Path(r_home) / "lib"
    for name in ("libR.so", "libR.dylib"):
        if (lib / name).exists():
            return lib / name
    return lib / "libR.so"


def stop_reticulate_event_polling() -> None:
    """Stop reticulate's thread that schedules R event processing inside Python.

    reticulate polls R's events from Python every 500 ms (``Py_AddPendingCall``);
    a poll that lands while Python shuts down reaches rpy2's callbacks after they
    are gone (cffi then prints a stray line). ``py_finalize()`` stops the polling
    and, because this Python was not started by reticulate, finalizes nothing else.
    """
    import rpy2.robjects as robjects

    robjects.r("if (isNamespaceLoaded('reticulate')) "
               "try(reticulate:::py_finalize(), silent = TRUE)")


def end_r_cleanly(r_home: str | Path) -> None:
    """What runs at exit before rpy2 ends R: stop reticulate's polling, then run the
    exit finalizers with the GIL held (see the module doc)."""
    stop_reticulate_event_polling()
    run_exit_finalizers_holding_gil(r_home)


def run_exit_finalizers_holding_gil(r_home: str | Path) -> None:
    """Run R's exit finalizers now, without releasing the GIL (see the module doc)."""
    libr = ctypes.PyDLL(str(libr_path(r_home)))
    libr.R_RunExitFinalizers.restype = None
    libr.R_RunExitFinalizers()


def register_clean_exit(r_home: str | Path) -> bool:
    """Arrange for :func:`end_r_cleanly` to run before rpy2 ends R.

    Call it after rpy2 has started R (rpy2 registers its own hook then). Idempotent;
    returns whether the hook was registered by this call.
    """
    global _REGISTERED
    if _REGISTERED:
        return False
    atexit.register(end_r_cleanly, str(r_home))
    _REGISTERED = True
    return True
