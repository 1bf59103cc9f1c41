"""keras-rparity: the R Keras activations/loss tutorial in Python, proven equal to R.

Data flows one way: ``data`` -> ``experiments`` (models) -> history records
-> ``parity``. The ``bridge`` runs the R programs in ``r_examples/`` in this
same process through rpy2 and reticulate.
"""

from keras_rparity import quiet  # noqa: F401  (environment defaults before TF loads)
from keras_rparity.api import (
    experiments,
    history,
    parity,
    parity_epochs,
    parity_table,
    plot_parity,
)
from keras_rparity.errors import (
    DatasetMissingError,
    InvalidArgumentError,
    InvalidChoiceError,
    KerasRParityError,
    LossLabelMismatchError,
    RError,
    RUnavailableError,
)
from keras_rparity.lab.pairing import check_pairing

__version__ = "0.1.0"


def _adapt_to_reticulate_host() -> None:
    """Under R's reticulate, make pandas results arrive in R as data frames."""
    from keras_rparity.bridge.reticulate_host import (
        register_pandas_conversion,
        running_under_reticulate,
    )

    if running_under_reticulate():
        register_pandas_conversion()


_adapt_to_reticulate_host()

__all__ = [
    "DatasetMissingError",
    "InvalidArgumentError",
    "InvalidChoiceError",
    "KerasRParityError",
    "LossLabelMismatchError",
    "RError",
    "RUnavailableError",
    "__version__",
    "check_pairing",
    "experiments",
    "history",
    "parity",
    "parity_epochs",
    "parity_table",
    "plot_parity",
]
