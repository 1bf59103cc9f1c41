"""keras-rparity: the R Keras activations/loss tutorial in Python, proven equal to R.

Point it at an R Keras program and its Python port: :func:`compare` runs both with
the same knobs and tells, fit by fit and epoch by epoch, whether they train the same
model on the same data to the same numbers, and if not, where they part. The layers
(see ARCHITECTURE.md) run one way: data -> pairing -> record -> bridge -> programs ->
parity -> report/lab/sweep -> api -> cli.

Importing the package sets nothing in the process (no environment variable, no import
hook): the Keras backend and TensorFlow's quiet start are set up where Keras is first
needed (:func:`keras_rparity.backend.prepare_keras`, called by every entry point).
"""

from keras_rparity.api import (
    compare,
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
from keras_rparity.pairing import check_pairing
from keras_rparity.port import port  # the function: keras_rparity.port("model.R")
from keras_rparity.r_results import testthat_helper

__version__ = "0.1.0"


def _adapt_to_reticulate_host() -> None:
    """Under R's reticulate, make pandas results arrive in R as data frames."""
    from keras_rparity.bridge.reticulate_host import (
        register_pandas_conversion,
        running_under_reticulate,
    )

    if running_under_reticulate():
        from keras_rparity.r_results import register_report_conversion

        register_pandas_conversion()
        register_report_conversion()


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
    "compare",
    "experiments",
    "history",
    "parity",
    "parity_epochs",
    "parity_table",
    "plot_parity",
    "port",
    "testthat_helper",
]
