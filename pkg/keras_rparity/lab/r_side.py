"""The third way to compute a loss: Keras called from R, through the in-process bridge.

R computes the loss the way an R user would: the R keras loss object
(``loss_binary_crossentropy()``) applied to R vectors and matrices. Plugged
into :mod:`keras_rparity.lab.loss_table` as the side ``"r"``.
"""

from __future__ import annotations

import numpy as np

from keras_rparity.lab.loss_table import LOSS_SIDES, LossSide

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
    """The registered sides plus ``"r"``; starts R (RUnavailableError if it cannot)."""
    from keras_rparity.bridge import get_bridge

    get_bridge()
    return {**LOSS_SIDES, R_SIDE: r_loss}
