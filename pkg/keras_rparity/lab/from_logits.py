"""``from_logits`` made visible: crossentropy on probabilities saturates.

A probability that underflows below ``epsilon = 1e-7`` is clipped before the
log, so crossentropy computed on probabilities can never exceed
``-log(1e-7) ≈ 16.118``, however wrong the prediction. Computed from the
logits (``from_logits=True``), the log undoes the exp exactly
(``log softmax(z)_i = z_i - logsumexp(z)``) and the loss keeps growing
linearly with the logit gap, as maximum likelihood wants.

The tables feed Keras' probabilities to the loss *as numbers* (numpy arrays),
which is what happens to the output of ``predict()``, to values crossing from
R, or on other backends. (When the probabilities are a TensorFlow tensor just
produced by ``keras.activations.softmax``/``sigmoid``, the TF backend spots the
producing op and quietly uses its logits instead.)

Example:
>>> table = softmax_table(magnitudes=(1000,))
>>> table[["via_probabilities", "via_logits", "exact"]].round(3).values.tolist()
[[16.118, 1000.0, 1000.0]]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from keras_rparity.lab.losses import EPSILON

#: Logit magnitudes of the default tables: from mild to absurd confidence.
MAGNITUDES = (1, 2, 5, 10, 15, 20, 50, 100, 1000)

#: The most crossentropy on clipped probabilities can cost: ``-log(1e-7)``.
CLIP_CEILING = float(-np.log(EPSILON))


def _keras_value(loss: object, labels: np.ndarray, predictions: object) -> float:
    import keras

    return float(keras.ops.convert_to_numpy(loss(labels, predictions)))


def _check_magnitudes(magnitudes: Sequence[float]) -> list[float]:
    values = [float(m) for m in magnitudes]
    if not values or any(not np.isfinite(m) or m < 0 for m in values):
        raise ValueError(f"magnitudes must be finite numbers >= 0; got {list(magnitudes)}")
    return values


def softmax_table(magnitudes: Sequence[float] = MAGNITUDES,
                  direction: Sequence[float] = (1.0, 0.0, -1.0),
                  true_class: int = 1) -> pd.DataFrame:
    """Softmax + categorical crossentropy, on probabilities versus from logits.

    Each row uses the logits ``magnitude * direction`` (default
    ``[m, 0, -m]``) with ``true_class`` as the label, a confidently wrong
    prediction whose exact loss is ``logsumexp(z) - z[true_class]``.

    Columns: ``magnitude``, ``logits``, ``p_true`` (Keras' float32 softmax
    probability of the true class), ``via_probabilities`` (Keras CCE on those
    probabilities), ``via_logits`` (Keras CCE with ``from_logits=True``),
    ``exact`` (float64 log-sum-exp) and ``saturated`` (the probability path is
    off by more than 1e-3 relative).

    Example:
    >>> softmax_table(magnitudes=(1,))["via_logits"].round(4).tolist()
    [1.4076]
    """
    import keras

    direction_array = np.asarray(direction, dtype=np.float64)
    if direction_array.ndim != 1 or direction_array.size < 2:
        raise ValueError(f"direction must be a vector of at least 2 logits; got {direction}")
    if not 0 <= true_class < direction_array.size:
        raise ValueError(f"true_class must index one of the {direction_array.size} logits; "
                         f"got {true_class}")
    label = np.eye(direction_array.size)[[true_class]]
    on_probabilities = keras.losses.CategoricalCrossentropy()
    on_logits = keras.losses.CategoricalCrossentropy(from_logits=True)
    rows = []
    for magnitude in _check_magnitudes(magnitudes):
        logits = magnitude * direction_array[None, :]
        probabilities = keras.ops.convert_to_numpy(keras.ops.softmax(logits.astype("float32")))
        exact = float(np.logaddexp.reduce(logits[0]) - logits[0, true_class])
        via_probabilities = _keras_value(on_probabilities, label, probabilities)
        rows.append({
            "magnitude": magnitude,
            "logits": logits[0].tolist(),
            "p_true": float(probabilities[0, true_class]),
            "via_probabilities": via_probabilities,
            "via_logits": _keras_value(on_logits, label, logits),
            "exact": exact,
            "saturated": abs(via_probabilities - exact) > 1e-3 * max(1.0, exact),
        })
    return pd.DataFrame(rows)


def sigmoid_table(magnitudes: Sequence[float] = MAGNITUDES, label: int = 1) -> pd.DataFrame:
    """Sigmoid + binary crossentropy, on probabilities versus from logits.

    Each row uses a confidently wrong logit: ``-magnitude`` for ``label=1``,
    ``+magnitude`` for ``label=0``; the exact loss is ``softplus(magnitude)``.
    Columns as in :func:`softmax_table` (``logit`` instead of ``logits``).

    Example:
    >>> sigmoid_table(magnitudes=(1000,))[["via_probabilities", "exact"]].round(3).values.tolist()
    [[16.118, 1000.0]]
    """
    import keras

    if label not in (0, 1):
        raise ValueError(f"label must be 0 or 1; got {label!r}")
    target = np.array([[float(label)]])
    on_probabilities = keras.losses.BinaryCrossentropy()
    on_logits = keras.losses.BinaryCrossentropy(from_logits=True)
    rows = []
    for magnitude in _check_magnitudes(magnitudes):
        logit = magnitude if label == 0 else -magnitude
        logits = np.array([[logit]])
        probability = keras.ops.convert_to_numpy(keras.ops.sigmoid(logits.astype("float32")))
        exact = float(np.logaddexp(0.0, magnitude))
        via_probabilities = _keras_value(on_probabilities, target, probability)
        rows.append({
            "magnitude": magnitude,
            "logit": logit,
            "p_true": float(probability[0, 0] if label == 1 else 1 - probability[0, 0]),
            "via_probabilities": via_probabilities,
            "via_logits": _keras_value(on_logits, target, logits),
            "exact": exact,
            "saturated": abs(via_probabilities - exact) > 1e-3 * max(1.0, exact),
        })
    return pd.DataFrame(rows)
