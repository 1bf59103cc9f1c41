"""The activation/loss/label pairing checker, below everything that records or compares runs.

* :mod:`~keras_rparity.pairing.loss_names`: every spelling of the five losses -> one spec;
* :mod:`~keras_rparity.pairing.checker`: :func:`check_pairing`, its rules and findings,
  and the descriptions of a model's output, its loss and its labels.

Both the run records (every ``fit`` is checked once) and the lab use it.
"""

from keras_rparity.pairing.checker import (
    BLOCKING_FINDINGS,
    FINDING_CODES,
    Finding,
    blocking_message,
    check_pairing,
    describe_labels,
    describe_loss,
    describe_output,
    format_findings,
)
from keras_rparity.pairing.loss_names import LOSSES, LossSpec, find_loss, resolve_loss

__all__ = [
    "BLOCKING_FINDINGS",
    "FINDING_CODES",
    "LOSSES",
    "Finding",
    "LossSpec",
    "blocking_message",
    "check_pairing",
    "describe_labels",
    "describe_loss",
    "describe_output",
    "find_loss",
    "format_findings",
    "resolve_loss",
]
