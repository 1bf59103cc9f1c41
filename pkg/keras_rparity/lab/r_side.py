"""The third way to compute a loss: Keras called from R, through the in-process bridge.

R computes the loss the way an R user would: the R keras loss object
(``loss_binary_crossentropy()``) applied to R vectors and matrices. Plugged
into :mod:`keras_rparity.lab.loss_table` as the side ``"r"`` through that module's
one mechanism, :func:`~keras_rparity.lab.loss_table.register_loss_side`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from keras_rparity.lab import loss_table
from keras_rparity.lab.loss_table import LossSide, register_loss_side

R_SIDE = "r"


def r_loss(loss_name: str, y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Loss ``loss_name`` (canonical Keras name) computed by Keras from R.

    Example (needs R):
    >>> r_loss("mean_squared_error", np.array([3.0, -0.5]), np.array([2.5, 0.0]))  # doctest: +SKIP
    0.25
    """
    from keras_rparity.bridge import get_bridge

    value = get_bridge().call(f"loss_{loss_name}()", y_true, y_pred)
    return float(np.asarray(value))


def sides_with_r() -> dict[str, LossSide]:
    """Start R (RUnavailableError if it cannot), register ``"r"`` as a loss side (once)
    and return the registered sides, R included; every later table has it too."""
    from keras_rparity.bridge import get_bridge

    get_bridge()
    if loss_table.LOSS_SIDES.get(R_SIDE) is not r_loss:
        register_loss_side(R_SIDE, r_loss, replace=True)
    return dict(loss_table.LOSS_SIDES)


def check_r_program(path: str | Path, epochs: int = 1, per_class: int = 5) -> list[Any]:
    """Run an R Keras program briefly through the bridge and return its fit records,
    each carrying the pairing findings for its model, loss and labels.

    The program runs for ``epochs`` epochs on ``per_class`` images per class (the
    checker needs the compiled model and the labels, which exist once ``fit`` is
    called), so any R program can be checked without editing it.
    """
    from keras_rparity.programs import RProgram
    from keras_rparity.record import Knobs

    return RProgram(path=path).run(Knobs(epochs=epochs, per_class=per_class)).fits
