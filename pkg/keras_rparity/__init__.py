"""keras-rparity: the R Keras activations/loss tutorial in Python, proven equal to R.

Data flows one way: ``data`` -> ``experiments`` (models) -> history records
-> ``parity``. The ``bridge`` runs the R programs in ``r_examples/`` in this
same process through rpy2 and reticulate.
"""

from keras_rparity import quiet  # noqa: F401  (environment defaults before TF loads)
from keras_rparity.errors import (
    DatasetMissingError,
    InvalidChoiceError,
    KerasRParityError,
    LossLabelMismatchError,
    RError,
    RUnavailableError,
)

__version__ = "0.1.0"

__all__ = [
    "DatasetMissingError",
    "InvalidChoiceError",
    "KerasRParityError",
    "LossLabelMismatchError",
    "RError",
    "RUnavailableError",
    "__version__",
]
