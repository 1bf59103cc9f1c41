"""Run records: the knobs a run applies and what each side's fits produced.

* :mod:`~keras_rparity.record.knobs`: :class:`Knobs` (epochs, seed, per_class, ...);
* :mod:`~keras_rparity.record.fit_record`: :class:`FitRecord`, :class:`ArrayFingerprint`;
* :mod:`~keras_rparity.record.context`: :class:`RunContext`, what a running program
  reports to.
"""

from keras_rparity.record.context import RunContext
from keras_rparity.record.fit_record import ArrayFingerprint, FitRecord, history_frame
from keras_rparity.record.knobs import Knobs

__all__ = ["ArrayFingerprint", "FitRecord", "Knobs", "RunContext", "history_frame"]
