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
    fails. A failed Python side leaves R unrun (its run has no fits).
    """
    check_acceptance(tolerance, ulps)  # fail before training
    knobs = knobs or Knobs()
    try:
        python = pair.run("python", knobs)
    except ProgramError as error:
        r = Run(pair.r.describe(), "r", knobs, [], 0.0, {})
        return compare_runs(r, _partial(error, pair, "python", knobs), pair.name, tolerance,
                            ulps, error=error)
    try:
        r = pair.run("r", knobs)
    except ProgramError as error:
        return compare_runs(_partial(error, pair, "r", knobs), python, pair.name, tolerance,
                            ulps, error=error)
    return compare_runs(r, python, pair.name, tolerance, ulps)


def _partial(error: ProgramError, pair: ProgramPair, side: str, knobs: Knobs) -> Run:
    """The failed side's run up to the failure."""
    run = error.run if isinstance(error.run, Run) else None
    program = pair.r if side == "r" else pair.python
    return run or Run(program.describe(), side, knobs, [], 0.0, {})


def run_parity(name: str, knobs: Knobs | None = None, tolerance: float | None = None,
               ulps: int | None = None) -> ParityReport:
    """Run bundled pair ``name`` in Python and in R with the same knobs and compare.

    Example (runs R in this process):
    >>> report = run_parity("iris", Knobs(epochs=3))
    >>> report.exact
    True
    """
    return compare_programs(get_pair(name), knobs, tolerance, ulps)
