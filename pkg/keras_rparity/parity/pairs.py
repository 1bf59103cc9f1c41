"""Run both programs of a pair with the same knobs and compare them.

Example (runs R in this process):
>>> from keras_rparity.programs.bundled import r_examples_dir
>>> pair = r_examples_dir() / "examples" / "functional_regression"
>>> compare_programs(ProgramPair.from_files(f"{pair}.R", f"{pair}.py"), Knobs(epochs=1)).verdict
True
"""

from __future__ import annotations

from keras_rparity.parity.report import ParityReport, check_acceptance, compare_runs
from keras_rparity.programs import ProgramPair
from keras_rparity.programs.bundled import get_pair
from keras_rparity.record import Knobs


def compare_programs(pair: ProgramPair, knobs: Knobs | None = None,
                     tolerance: float | None = None, ulps: int | None = None) -> ParityReport:
    """Run ``pair`` in Python, then in R, with the same knobs; compare fit by fit."""
    check_acceptance(tolerance, ulps)  # fail before training
    knobs = knobs or Knobs()
    python = pair.python.run(knobs)
    r = pair.r.run(knobs)
    return compare_runs(r, python, pair.name, tolerance, ulps)


def run_parity(name: str, knobs: Knobs | None = None, tolerance: float | None = None,
               ulps: int | None = None) -> ParityReport:
    """Run bundled pair ``name`` in Python and in R with the same knobs and compare.

    Example (runs R in this process):
    >>> report = run_parity("iris", Knobs(epochs=3))
    >>> report.exact
    True
    """
    return compare_programs(get_pair(name), knobs, tolerance, ulps)
