"""Parity between the R and Python runs of an experiment."""

from keras_rparity.parity.compare import FitParity, ParityReport, compare, compare_fits, run_parity

__all__ = ["FitParity", "ParityReport", "compare", "compare_fits", "run_parity"]
