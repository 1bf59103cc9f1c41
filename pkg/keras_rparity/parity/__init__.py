"""Parity between an R run and a Python run: fit by fit, with the first difference explained.

* :mod:`~keras_rparity.parity.compare`: one pair of fits (:class:`FitParity`);
* :mod:`~keras_rparity.parity.explain`: the first difference and its fix;
* :mod:`~keras_rparity.parity.data_causes`: why the data differ (R -> Python porting mistakes);
* :mod:`~keras_rparity.parity.report`: :class:`ParityReport` and :func:`compare_runs`;
* :mod:`~keras_rparity.parity.pairs`: running a program pair (or a bundled one) and comparing.
"""

from keras_rparity.parity.compare import FitParity, compare_fits
from keras_rparity.parity.explain import Difference, first_difference
from keras_rparity.parity.pairs import compare_programs, run_parity
from keras_rparity.parity.report import ParityReport, compare_runs

__all__ = ["Difference", "FitParity", "ParityReport", "compare_fits", "compare_programs",
           "compare_runs", "first_difference", "run_parity"]
