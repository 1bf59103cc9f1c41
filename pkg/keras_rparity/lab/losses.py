"""Five Keras losses, each computed by a plain numpy formula and by Keras.

The losses are the tutorial's and seed 002's: mean squared error, mean
absolute error, binary crossentropy, categorical crossentropy and sparse
categorical crossentropy. Every name Keras or the tutorials use for them
(``"mse"``, ``"MeanSquaredError"``, ``"bce"``, ...) resolves to one
:class:`LossSpec`.

Keras' clipping semantics, which the numpy references reproduce:

* Crossentropy on probabilities clips the predictions to
  ``[epsilon, 1 - epsilon]`` with ``epsilon = keras.config.epsilon() = 1e-7``
  before taking the log, so a prediction of exactly 0 or 1 costs at most
  ``-log(1e-7) ≈ 16.118`` instead of infinity. The bounds are computed in the
  prediction's dtype (float32 by default): ``1 - 1e-7`` rounds to
  ``0.99999988``, so a confident wrong 1 costs ``-log(1.19e-7) ≈ 15.942``.
* ``categorical_crossentropy`` first rescales each row of predictions to sum
  to 1 and then clips; ``sparse_categorical_crossentropy`` clips first and then
  normalises through a log-softmax of the log-probabilities.
* With ``from_logits=True`` nothing is clipped: the log-sum-exp form is exact.
* Every loss averages over the last axis, then over the examples.

Inputs may be numpy arrays, tensors or plain (nested) Python lists; they are
converted to numpy first, because Keras 3 rejects plain nested lists for
sparse labels, and validated so that a label form that does not fit the loss
raises :class:`~keras_rparity.errors.LossLabelMismatchError` naming the loss
that would fit.

Example:
>>> round(reference_loss("bce", [1, 0, 1, 1], [0.9, 0.1, 0.8, 0.6]), 5)
0.23617
>>> resolve_loss("MeanSquaredError").name
'mean_squared_error'
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from keras_rparity.errors import InvalidChoiceError, LossLabelMismatchError
from keras_rparity.pairing.loss_names import (  # noqa: F401  (re-exported: the lab's names)
    LABEL_FORMS,
    LOSSES,
    LossSpec,
    find_loss,
    loss_choices,
    resolve_loss,
)

#: Keras' fuzz factor (``keras.config.epsilon()``), used to clip probabilities.
EPSILON = 1e-7

# --- input normalisation -----------------------------------------------------


def _as_array(values: object, what: str) -> np.ndarray:
    try:
        array = np.asarray(values, dtype=np.float64)
    except (ValueError, TypeError) as exc:
        raise LossLabelMismatchError(
            f"{what} must be a rectangular array of numbers (nested lists need rows of "
            f"equal length): {exc}"
        ) from None
    if array.ndim == 0 or array.size == 0:
        raise LossLabelMismatchError(
            f"{what} must hold one entry per example; got shape {array.shape}"
        )
    if not np.all(np.isfinite(array)):
        raise LossLabelMismatchError(f"{what} contains NaN or infinite values")
    return array


def _is_whole(array: np.ndarray) -> bool:
    return bool(np.all(array == np.round(array)))


def _drop_trailing_one(shape: tuple[int, ...]) -> tuple[int, ...]:
    return shape[:-1] if shape and shape[-1] == 1 else shape


def _fit_trailing_one(y_true: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """``(n,)`` labels against ``(n, 1)`` predictions (or the reverse) are reshaped."""
    if y_true.shape != shape and _drop_trailing_one(y_true.shape) == _drop_trailing_one(shape):
        return y_true.reshape(shape)
    return y_true


def _length_hint(y_true: np.ndarray, y_pred: np.ndarray) -> str:
    if y_true.shape[0] != y_pred.shape[0]:
        return (f" Labels describe {y_true.shape[0]} examples but predictions "
                f"{y_pred.shape[0]}: pass one label per prediction.")
    return ""


def _prepare_same(spec: LossSpec, y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    y_true = _fit_trailing_one(y_true, y_pred.shape)
    if y_true.shape != y_pred.shape:
        hint = _length_hint(y_true, y_pred)
        if not hint and y_pred.ndim >= 2 and y_pred.shape[-1] > 1 and _is_whole(y_true):
            hint = (f" The labels look like one class index per example for "
                    f"{y_pred.shape[-1]} classes: use sparse_categorical_crossentropy.")
        raise LossLabelMismatchError(
            f"{spec.name} compares labels and predictions element by element, so they "
            f"need the same shape; got labels {y_true.shape} and predictions "
            f"{y_pred.shape}.{hint}"
        )
    if spec.crossentropy and (y_true.min() < 0 or y_true.max() > 1):
        raise LossLabelMismatchError(
            f"{spec.name} labels are probabilities of the positive class, in [0, 1]; got "
            f"values from {y_true.min():g} to {y_true.max():g}. Class indices belong with "
            "sparse_categorical_crossentropy, continuous targets with mean_squared_error."
        )
    return y_true


def _require_class_axis(spec: LossSpec, y_pred: np.ndarray) -> None:
    if y_pred.ndim < 2 or y_pred.shape[-1] < 2:
        raise LossLabelMismatchError(
            f"{spec.name} needs predictions with one column per class, shape (n, k) with "
            f"k >= 2; got {y_pred.shape}. For one probability per example use "
            "binary_crossentropy."
        )


def _prepare_onehot(spec: LossSpec, y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    _require_class_axis(spec, y_pred)
    classes = y_pred.shape[-1]
    if y_true.shape != y_pred.shape:
        hint = _length_hint(y_true, y_pred)
        one_per_example = y_true.shape in (y_pred.shape[:-1], (*y_pred.shape[:-1], 1))
        if one_per_example and _is_whole(y_true):
            raise LossLabelMismatchError(
                f"{spec.name} expects one-hot labels shaped like the predictions "
                f"{y_pred.shape}, but got integer class labels of shape {y_true.shape}. "
                "Use sparse_categorical_crossentropy for integer labels, or one-hot encode "
                f"them with keras.utils.to_categorical(y, {classes})."
            )
        raise LossLabelMismatchError(
            f"{spec.name} expects labels shaped like the predictions {y_pred.shape} (one "
            f"column per class); got {y_true.shape}.{hint}"
        )
    if y_true.min() < 0 or y_true.max() > 1:
        raise LossLabelMismatchError(
            f"{spec.name} labels are class probabilities (one-hot rows) in [0, 1]; got "
            f"values from {y_true.min():g} to {y_true.max():g}."
        )
    return y_true


def _prepare_integer(spec: LossSpec, y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    _require_class_axis(spec, y_pred)
    classes = y_pred.shape[-1]
    if y_true.ndim == y_pred.ndim and y_true.shape[-1] == 1:
        y_true = y_true.reshape(y_true.shape[:-1])
    if y_true.shape == y_pred.shape:
        raise LossLabelMismatchError(
            f"{spec.name} expects one integer class index per example, shape "
            f"{y_pred.shape[:-1]} or {(*y_pred.shape[:-1], 1)}, but got labels with one "
            f"column per class {y_true.shape} (one-hot). Use categorical_crossentropy for "
            "one-hot labels, or convert them with y.argmax(axis=-1)."
        )
    if y_true.shape != y_pred.shape[:-1]:
        raise LossLabelMismatchError(
            f"{spec.name} expects one class index per example, shape {y_pred.shape[:-1]}; "
            f"got labels {y_true.shape} for predictions {y_pred.shape}."
            f"{_length_hint(y_true.reshape(-1), y_pred)}"
        )
    if not _is_whole(y_true):
        raise LossLabelMismatchError(
            f"{spec.name} labels are class indices and must be whole numbers; got "
            f"fractional values such as {y_true[y_true != np.round(y_true)].flat[0]:g}. "
            "Soft labels (class probabilities) belong with categorical_crossentropy."
        )
    if y_true.min() < 0 or y_true.max() >= classes:
        raise LossLabelMismatchError(
            f"{spec.name} class indices must lie in 0..{classes - 1} for {classes} "
            f"predicted classes; got values from {y_true.min():g} to {y_true.max():g}."
        )
    return y_true.astype(np.int64)


_PREPARERS: dict[str, Callable[[LossSpec, np.ndarray, np.ndarray], np.ndarray]] = {
    "same": _prepare_same,
    "onehot": _prepare_onehot,
    "integer": _prepare_integer,
}


def prepare_inputs(name: str, y_true: object, y_pred: object) -> tuple[np.ndarray, np.ndarray]:
    """Labels and predictions as validated numpy arrays for loss ``name``.

    Predictions become float64; sparse labels become int64 of shape ``(n,)``,
    other labels float64 shaped like the predictions.

    Raises:
        LossLabelMismatchError: the label form does not fit the loss (one-hot
            labels with a sparse loss, integer labels with a categorical loss,
            a different number of examples, ...); the message names the loss
            that fits.

    Example:
    >>> y, p = prepare_inputs("scce", [[2], [1]], [[0.1, 0.2, 0.7], [0.2, 0.6, 0.2]])
    >>> y.tolist(), y.dtype.name
    ([2, 1], 'int64')
    >>> prepare_inputs("cce", [2, 1], [[0.1, 0.2, 0.7], [0.2, 0.6, 0.2]])
    Traceback (most recent call last):
    ...
    keras_rparity.errors.LossLabelMismatchError: categorical_crossentropy expects one-hot ...
    """
    spec = resolve_loss(name)
    labels = _as_array(y_true, "labels (y_true)")
    predictions = _as_array(y_pred, "predictions (y_pred)")
    return _PREPARERS[spec.labels](spec, labels, predictions), predictions


# --- numpy references ----------------------------------------------------------


def clip_bounds(dtype: str = "float32") -> tuple[float, float]:
    """Keras' clipping interval ``[epsilon, 1 - epsilon]``, rounded to ``dtype``.

    Example:
    >>> clip_bounds("float64")
    (1e-07, 0.9999999)
    >>> clip_bounds("float32")[1] < 0.9999999
    True
    """
    low = np.asarray(EPSILON, dtype=dtype)
    high = np.asarray(1, dtype=dtype) - low
    return float(low), float(high)


def _reduce(per_element: np.ndarray) -> float:
    """Mean over the last axis, then over the examples (Keras' reduction)."""
    return float(np.mean(np.mean(per_element, axis=-1)))


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def reference_mse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """``mean((y - p)**2)``.

    Example:
    >>> round(reference_mse(np.array([3.0, -0.5, 2.0, 7.0]), np.array([2.5, 0.0, 2.1, 7.8])), 6)
    0.2875
    """
    return _reduce((y_true - y_pred) ** 2)


def reference_mae(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """``mean(|y - p|)``.

    Example:
    >>> round(reference_mae(np.array([3.0, -0.5, 2.0, 7.0]), np.array([2.5, 0.0, 2.1, 7.8])), 6)
    0.475
    """
    return _reduce(np.abs(y_true - y_pred))


def reference_bce(y_true: np.ndarray, y_pred: np.ndarray, from_logits: bool = False,
                  dtype: str = "float32") -> float:
    """``-mean(y log p + (1 - y) log(1 - p))`` with p clipped; exact from logits.

    Example:
    >>> round(reference_bce(np.array([1.0]), np.array([0.0])), 3)  # clipped at 1e-7
    16.118
    >>> round(reference_bce(np.array([1.0]), np.array([-1000.0]), from_logits=True), 3)
    1000.0
    """
    if from_logits:
        z = y_pred
        return _reduce(np.maximum(z, 0) - z * y_true + np.log1p(np.exp(-np.abs(z))))
    p = np.clip(y_pred, *clip_bounds(dtype))
    return _reduce(-(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))


def reference_cce(y_true: np.ndarray, y_pred: np.ndarray, from_logits: bool = False,
                  dtype: str = "float32") -> float:
    """``-sum(y log p)`` per example, rows of p rescaled to sum 1, then clipped.

    Example:
    >>> y = np.array([[0.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
    >>> p = np.array([[0.1, 0.2, 0.7], [0.2, 0.6, 0.2]])
    >>> round(reference_cce(y, p), 5)
    0.43375
    """
    if from_logits:
        log_p = _log_softmax(y_pred)
    else:
        p = y_pred / y_pred.sum(axis=-1, keepdims=True)
        log_p = np.log(np.clip(p, *clip_bounds(dtype)))
    return float(np.mean(-(y_true * log_p).sum(axis=-1)))


def reference_scce(y_true: np.ndarray, y_pred: np.ndarray, from_logits: bool = False,
                   dtype: str = "float32") -> float:
    """``-log p[y]`` per example: p clipped, then normalised by a log-softmax.

    Example:
    >>> p = np.array([[0.1, 0.2, 0.7], [0.2, 0.6, 0.2]])
    >>> round(reference_scce(np.array([2, 1]), p), 5)
    0.43375
    """
    log_p = _log_softmax(y_pred if from_logits else np.log(np.clip(y_pred, *clip_bounds(dtype))))
    picked = np.take_along_axis(log_p, y_true.astype(np.int64)[..., None], axis=-1)
    return float(np.mean(-picked))


_REFERENCES: dict[str, Callable[..., float]] = {
    "mean_squared_error": reference_mse,
    "mean_absolute_error": reference_mae,
    "binary_crossentropy": reference_bce,
    "categorical_crossentropy": reference_cce,
    "sparse_categorical_crossentropy": reference_scce,
}


def _check_from_logits(spec: LossSpec, from_logits: bool) -> None:
    if from_logits and not spec.crossentropy:
        choices = [other.name for other in LOSSES.values() if other.crossentropy]
        raise InvalidChoiceError("loss with from_logits=True", spec.name, choices)


def reference_loss(name: str, y_true: object, y_pred: object, from_logits: bool = False,
                   dtype: str = "float32") -> float:
    """Loss ``name`` by the numpy formula, with Keras' clipping in ``dtype``.

    Inputs are rounded to ``dtype`` first, as Keras does when it converts them
    to tensors, and then computed in float64.

    Example:
    >>> round(reference_loss("mse", [3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.1, 7.8]), 6)
    0.2875
    """
    spec = resolve_loss(name)
    _check_from_logits(spec, from_logits)
    labels, predictions = prepare_inputs(spec.name, y_true, y_pred)
    predictions = predictions.astype(dtype).astype(np.float64)
    if spec.labels != "integer":
        labels = labels.astype(dtype).astype(np.float64)
    function = _REFERENCES[spec.name]
    if spec.crossentropy:
        return function(labels, predictions, from_logits=from_logits, dtype=dtype)
    return function(labels, predictions)


def keras_loss(name: str, y_true: object, y_pred: object, from_logits: bool = False) -> float:
    """Loss ``name`` computed by the Keras loss class (float32, Keras' defaults).

    Example:
    >>> round(keras_loss("sparse_categorical_crossentropy", [2, 1],
    ...                  [[0.1, 0.2, 0.7], [0.2, 0.6, 0.2]]), 5)
    0.43375
    """
    import keras

    spec = resolve_loss(name)
    _check_from_logits(spec, from_logits)
    labels, predictions = prepare_inputs(spec.name, y_true, y_pred)
    options = {"from_logits": True} if from_logits else {}
    loss = getattr(keras.losses, spec.keras_class)(**options)
    return float(keras.ops.convert_to_numpy(loss(labels, predictions)))
