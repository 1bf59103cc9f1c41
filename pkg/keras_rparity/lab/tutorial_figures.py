"""The tutorial's figures, computed as tables.

1. :func:`sigmoid_saturation`: the sigmoid squashes everything into (0, 1) and
   goes flat at both ends.
2. :func:`crossentropy_penalty`: ``-log p`` (true class 1) and ``-log(1 - p)``
   (true class 0): confident wrong predictions cost the most.
3. :func:`softmax_winner_takes_all`: ten raw outputs and their softmax; the
   exponential widens the gaps, so the largest output takes most of the mass.
4. :func:`output_gradients`: the central argument. For a positive example
   (``y = 1``) and pre-activation ``z``, ``dLoss/dz`` of sigmoid + MSE is
   ``2 (s - y) s (1 - s)``, which vanishes exactly where the prediction is
   confidently wrong (``z << 0``), while sigmoid + binary crossentropy gives
   ``s - y``, close to -1 there: the log in the negative log-likelihood undoes
   the exp in the sigmoid.

Derivatives come from ``tf.GradientTape`` through Keras; each table carries
the closed form next to the autodiff value.

Example:
>>> g = output_gradients(z=[-8.0])
>>> round(float(g["mse_autodiff"][0]), 5), round(float(g["bce_autodiff"][0]), 5)
(-0.00067, -0.99966)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from keras_rparity.lab.activations import SATURATION_THRESHOLD, autodiff

#: The z grid of the figures; |z| <= 10 keeps sigmoid outputs clear of Keras'
#: 1e-7 clipping (beyond |z| ≈ 16 the clipped log would flatten BCE as well).
Z_GRID = np.round(np.linspace(-10.0, 10.0, 401), 10)


def _vector(values: Sequence[float] | np.ndarray | None, default: np.ndarray,
            what: str) -> np.ndarray:
    array = default if values is None else np.asarray(values, dtype=np.float64)
    if array.ndim != 1 or array.size == 0 or not np.all(np.isfinite(array)):
        raise ValueError(f"{what} must be a 1-D array of finite numbers")
    return array


def sigmoid_saturation(x: Sequence[float] | np.ndarray | None = None,
                       threshold: float = SATURATION_THRESHOLD) -> pd.DataFrame:
    """Columns ``x``, ``sigmoid``, ``derivative`` (autodiff), ``saturated``.

    Example:
    >>> sigmoid_saturation([0.0, 8.0])["saturated"].tolist()
    [False, True]
    """
    grid = _vector(x, Z_GRID, "x")
    values, slopes = autodiff("sigmoid", grid)
    return pd.DataFrame({"x": grid, "sigmoid": values, "derivative": slopes,
                         "saturated": np.abs(slopes) < threshold})


def crossentropy_penalty(p: Sequence[float] | np.ndarray | None = None) -> pd.DataFrame:
    """Per-example Keras binary crossentropy against the predicted probability.

    Long table with columns ``p``, ``y`` (0 or 1), ``keras`` and
    ``closed_form`` (``-log p`` for y = 1, ``-log(1 - p)`` for y = 0).

    Example:
    >>> t = crossentropy_penalty([0.01, 0.99])
    >>> t.query("y == 1")["keras"].round(3).tolist()
    [4.605, 0.01]
    """
    import keras

    probabilities = _vector(p, np.linspace(0.001, 0.999, 999), "p")
    if probabilities.min() <= 0 or probabilities.max() >= 1:
        raise ValueError("p must lie strictly between 0 and 1")
    tables = []
    for label in (1.0, 0.0):
        targets = np.full((probabilities.size, 1), label)
        per_example = keras.losses.binary_crossentropy(targets, probabilities[:, None])
        closed = -np.log(probabilities) if label else -np.log1p(-probabilities)
        tables.append(pd.DataFrame({"p": probabilities, "y": int(label),
                                    "keras": keras.ops.convert_to_numpy(per_example),
                                    "closed_form": closed}))
    return pd.concat(tables, ignore_index=True)


def softmax_winner_takes_all(raw: Sequence[float] | np.ndarray | None = None,
                             seed: int = 7) -> pd.DataFrame:
    """Ten raw outputs (seeded normal, sd 2, unless given) and their softmax.

    Columns ``unit``, ``raw``, ``linear_share`` (``raw - min`` rescaled to sum
    1: the relationships as they were) and ``softmax`` (Keras).

    Example:
    >>> t = softmax_winner_takes_all([1.0, 2.0, 3.0])
    >>> t["softmax"].round(3).tolist(), t["linear_share"].round(3).tolist()
    ([0.09, 0.245, 0.665], [0.0, 0.333, 0.667])
    """
    import keras

    outputs = _vector(raw, np.random.default_rng(seed).normal(0.0, 2.0, 10), "raw")
    shifted = outputs - outputs.min()
    total = shifted.sum()
    linear = shifted / total if total > 0 else np.full_like(outputs, 1 / outputs.size)
    softmax = keras.ops.convert_to_numpy(keras.activations.softmax(outputs[None, :]))[0]
    return pd.DataFrame({"unit": np.arange(outputs.size), "raw": outputs,
                         "linear_share": linear, "softmax": softmax.astype(np.float64)})


def output_gradients(z: Sequence[float] | np.ndarray | None = None,
                     y: float = 1.0) -> pd.DataFrame:
    """``dLoss/dz`` for sigmoid + MSE and sigmoid + BCE, autodiff and closed form.

    The loss is Keras' ``mean_squared_error`` / ``binary_crossentropy`` per
    example of ``keras.ops.sigmoid(z)``, so BCE is computed from the
    probability (``keras.activations.sigmoid`` would tag its output with the
    logits and let the TensorFlow backend switch to the logits formula).

    Columns: ``z``, ``sigmoid``, ``mse_autodiff``, ``mse_closed_form``
    (``2 (s - y) s (1 - s)``), ``bce_autodiff``, ``bce_closed_form`` (``s - y``).

    Example:
    >>> output_gradients(z=[0.0])[["mse_closed_form", "bce_closed_form"]].values.tolist()
    [[-0.25, -0.5]]
    """
    import keras
    import tensorflow as tf

    if y not in (0, 1):
        raise ValueError(f"y must be 0 or 1 (a binary label); got {y!r}")
    grid = _vector(z, Z_GRID, "z")
    logits = tf.constant(grid[:, None])
    targets = tf.constant(np.full((grid.size, 1), float(y)))
    gradients = {}
    for name, loss in (("mse", keras.losses.mean_squared_error),
                       ("bce", keras.losses.binary_crossentropy)):
        with tf.GradientTape() as tape:
            tape.watch(logits)
            total = tf.reduce_sum(loss(targets, keras.ops.sigmoid(logits)))
        gradients[name] = tape.gradient(total, logits).numpy()[:, 0]
    s = 1.0 / (1.0 + np.exp(-grid))
    return pd.DataFrame({
        "z": grid,
        "sigmoid": s,
        "mse_autodiff": gradients["mse"],
        "mse_closed_form": 2.0 * (s - y) * s * (1.0 - s),
        "bce_autodiff": gradients["bce"],
        "bce_closed_form": s - y,
    })
