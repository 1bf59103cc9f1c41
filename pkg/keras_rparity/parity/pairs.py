"""Run both programs of a pair with the same knobs and compare them.

Example (runs R in this process):
>>> from keras_rparity.programs.bundled import r_examples_dir
>>> pair = r_examples_dir() / "examples" / "functional_regression"
>>> compare_programs(ProgramPair.from_files(f"{pair}.R", f"{pair}.py"), Knobs(epochs=1)).verdict
True
"""

from __future__ import annotations

from keras_rparity.errors import ProgramError
from keras_rparity.parity.report import ParityReport, check_acceptance, compare_runs
from keras_rparity.programs import ProgramPair
from keras_rparity.programs.bundled import get_pair
from keras_rparity.programs.run import Run
from keras_rparity.record import Knobs


def compare_programs(pair: ProgramPair, knobs: Knobs | None = None,
                     tolerance: float | None = None, ulps: int | None = None) -> ParityReport:
    """Run ``pair`` in Python, then in R, with the same knobs; compare fit by fit.

    When a program fails, the report still carries every fit recorded before the failure
    and the error (``report.error``: side, file, line, call, message); the verdict then
    fails. A failed Python side leaves R unrun (its run has no fits). An interrupt
    (Ctrl-C, SIGTERM) is raised on, carrying the report of what finished (``.report``).
    """
    check_acceptance(tolerance, ulps)  # fail before training
    knobs = knobs or Knobs()
    python = None
    try:
        python = pair.run("python", knobs)
        r = pair.run("r", knobs)
    except ProgramError as error:
        return _partial_report(pair, knobs, python, error, tolerance, ulps)
    except KeyboardInterrupt as stop:
        stop.report = _partial_report(pair, knobs, python, stop, tolerance, ulps)
        raise
    return compare_runs(r, python, pair.name, tolerance, ulps)


def _partial_report(pair: ProgramPair, knobs: Knobs, python: Run | None,
                    stopped: ProgramError | KeyboardInterrupt, tolerance: float | None,
                    ulps: int | None) -> ParityReport:
    """The report of what finished when a side stopped, failing (``stopped`` is the
    :class:`ProgramError`) or interrupted (its run: the fits before)."""
    failed = getattr(stopped, "run", None)
    failed = failed if isinstance(failed, Run) else None
    if python is None:
        python, r = failed or _no_run(pair, "python", knobs), _no_run(pair, "r", knobs)
    else:
        r = failed or _no_run(pair, "r", knobs)
    error = stopped if isinstance(stopped, ProgramError) else None
    return compare_runs(r, python, pair.name, tolerance, ulps, error=error,
                        interrupted=error is None)


def _no_run(pair: ProgramPair, side: str, knobs: Knobs) -> Run:
    program = pair.r if side == "r" else pair.python
    return Run(program.describe(), side, knobs, [], 0.0, {})


def run_parity(name: str, knobs: Knobs | None = None, tolerance: float | None = None,
               ulps: int | None = None) -> ParityReport:
    """Run bundled pair ``name`` in Python and in R with the same knobs and compare.

    Example (runs R in this process):
    >>> report = run_parity("iris", Knobs(epochs=3))
    >>> report.exact
    True
    """
    return compare_programs(get_pair(name), knobs, tolerance, ulps)
