"""One pair checked inside a worker: the outcome a worker sends back.

:func:`check_pair` runs a pair through :func:`keras_rparity.parity.compare_programs` (the
one-pair entry point) and turns whatever happens into a :class:`PairOutcome`: the
verdict and its numbers, or the error. The outcome is small and picklable (the overlay
plot travels as PNG bytes), so it crosses process and machine boundaries, and the
report folder is written where the command runs.

Example:
>>> outcome = crashed_outcome(PairTask("m", "m.R", "m.py"), RuntimeError("worker died"))
>>> outcome.status, outcome.error
(2, 'the pair crashed its worker: worker died')
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from keras_rparity.errors import KerasRParityError
from keras_rparity.record import Knobs

#: Exit status of one pair: its verdict holds, it does not, it could not be checked.
HOLDS, DIFFERS, ERROR = 0, 1, 2


@dataclass(frozen=True)
class PairTask:
    """What a worker needs to check one pair (picklable)."""

    name: str
    r_path: str
    python_path: str
    knobs: Knobs = field(default_factory=Knobs)
    tolerance: float | None = None
    ulps: int | None = None


@dataclass
class PairOutcome:
    """What checking one pair gave.

    Attributes:
        name, r_path, python_path: the pair.
        status: :data:`HOLDS`, :data:`DIFFERS` or :data:`ERROR`.
        fits: number of fits recorded on each side (``{"r": n, "python": m}``).
        exact, verdict: bitwise equal; the verdict holds (within tolerance/ULPs).
        max_abs_dloss: the largest |R - Python| over every fit's per-epoch metrics.
        first_difference: where the runs part, in one line (``None``: they do not).
        error: why the pair could not be checked (``None``: it was).
        explanation: the verdict in words (``ParityReport.explain()``) or the error.
        report: the full JSON report of the pair (``ParityReport.to_dict()``), if any.
        plot_png: the overlay of both sides' learning curves, if any fit was recorded.
        seconds: wall time of the pair in its worker.
        worker: ``"host:pid"`` of the worker that ran it.
    """

    name: str
    r_path: str
    python_path: str
    status: int
    fits: dict[str, int] = field(default_factory=dict)
    exact: bool = False
    verdict: bool = False
    max_abs_dloss: float | None = None
    first_difference: str | None = None
    error: str | None = None
    explanation: str = ""
    report: dict[str, Any] | None = None
    plot_png: bytes | None = field(default=None, repr=False)
    seconds: float = 0.0
    worker: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (without the plot)."""
        return {"pair": self.name, "r_program": self.r_path,
                "python_program": self.python_path, "status": self.status,
                "fits": self.fits, "exact": self.exact, "verdict": self.verdict,
                "max_abs_dloss": self.max_abs_dloss, "first_difference": self.first_difference,
                "error": self.error, "seconds": self.seconds, "worker": self.worker,
                "report": self.report}


def worker_name() -> str:
    import socket

    return f"{socket.gethostname()}:{os.getpid()}"


def warm_up() -> None:
    """Make a worker ready for pairs: its output to stderr (stdout belongs to the command's
    summary), R embedded with its Keras API, Keras imported."""
    os.dup2(2, 1)  # the programs' own printing, R's and Python's, goes to stderr
    import keras  # noqa: F401

    from keras_rparity.bridge import get_bridge

    get_bridge()


def check_pair(task: PairTask) -> PairOutcome:
    """Run ``task``'s pair with its knobs; every failure becomes the outcome's error."""
    from keras_rparity.parity import compare_programs
    from keras_rparity.programs import ProgramPair

    started, folder = time.perf_counter(), os.getcwd()
    base = {"name": task.name, "r_path": task.r_path, "python_path": task.python_path,
            "worker": worker_name()}
    try:
        pair = ProgramPair.from_files(task.r_path, task.python_path, name=task.name)
        report = compare_programs(pair, task.knobs, task.tolerance, task.ulps)
    except Exception as exc:  # a program failed: that pair's error, the worker goes on
        return PairOutcome(**base, status=ERROR, error=_error_text(exc),
                           explanation=_error_text(exc),
                           seconds=time.perf_counter() - started)
    finally:
        os.chdir(folder)  # a program may have changed folder; the next pair starts here
        _forget_models()
    return _from_report(report, base, time.perf_counter() - started)


def _from_report(report: Any, base: dict[str, Any], seconds: float) -> PairOutcome:
    error = report.error  # a partial report: a program failed after these fits
    diffs = [f.max_abs_diff for f in report.fits]
    status = ERROR if error else HOLDS if report.verdict else DIFFERS
    difference = report.first_difference
    return PairOutcome(
        **base, status=status, fits={"r": len(report.r.fits), "python": len(report.python.fits)},
        exact=report.exact, verdict=report.verdict and not error,
        max_abs_dloss=max(diffs) if diffs else None,
        first_difference=(f"{difference}".splitlines()[0] if difference is not None else None),
        error=_error_text(error) if error else None, explanation=report.explain(),
        report=report.to_dict(), plot_png=_plot_png(report) if report.fits else None,
        seconds=seconds)


def _error_text(error: Any) -> str:
    """One line: keras-rparity's own errors say where already; others get their type."""
    if isinstance(error, KerasRParityError | OSError | str):
        return str(error).strip()
    return f"{type(error).__name__}: {error}".strip()


def _plot_png(report: Any) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        return report.plot(Path(tmp) / "overlay.png").read_bytes()


def _forget_models() -> None:
    """Free what the pair's models hold before the next pair (same numbers either way:
    each pair seeds its own models); Keras' ``clear_session`` runs Python's garbage
    collection itself."""
    import keras

    keras.backend.clear_session(free_memory=True)


def crashed_outcome(task: PairTask, error: BaseException) -> PairOutcome:
    """The outcome of a pair whose worker died under it (R crashed, quit, memory ran out)."""
    message = f"the pair crashed its worker: {error}"
    return PairOutcome(task.name, task.r_path, task.python_path, ERROR, error=message,
                       explanation=message)
