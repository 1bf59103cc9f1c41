"""Run both programs of a pair with the same knobs and compare them.

Example (needs R):
>>> compare_programs(ProgramPair.from_files("model.R", "model.py")).verdict  # doctest: +SKIP
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

    Example (needs R):
    >>> report = run_parity("iris", Knobs(epochs=3))  # doctest: +SKIP
    >>> report.exact  # doctest: +SKIP
    True
    """
    return compare_programs(get_pair(name), knobs, tolerance, ulps)
