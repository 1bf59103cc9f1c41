"""What the pairing checker reads: a model's output, its loss and its labels, described.

:func:`describe_output` finds the last computing layer (looking through dropout,
flatten and reshape) and its activation and units; :func:`describe_loss` places a loss
(name, object or function, with ``from_logits``) in a family; :func:`describe_labels`
tells regression targets, binary labels, class indices, one-hot and multi-label rows
apart.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

import numpy as np

from keras_rparity.errors import KerasRParityError, LossLabelMismatchError
from keras_rparity.pairing.loss_names import find_loss

#: Activations whose units are independent probabilities (Bernoulli parameters).
SIGMOID_LIKE = frozenset({"sigmoid", "hard_sigmoid", "sparse_sigmoid"})
#: Activations whose units form one probability distribution (categorical).
SOFTMAX_LIKE = frozenset({"softmax", "sparsemax"})
#: Other activations the checker knows; their outputs are not probabilities.
OTHER_KNOWN = frozenset({
    "linear", "relu", "relu6", "leaky_relu", "prelu", "elu", "selu", "celu", "gelu", "silu",
    "mish", "softplus", "softsign", "tanh", "hard_tanh", "hard_silu", "exponential",
    "log_softmax", "log_sigmoid", "squareplus", "sparse_plus", "glu", "hard_shrink",
    "soft_shrink", "tanh_shrink", "threshold",
})

#: Loss families: what kind of label and prediction a loss compares.
LossFamily = Literal["regression", "binary", "categorical", "sparse"]
_FAMILY_OF = {
    "mean_squared_error": "regression",
    "mean_absolute_error": "regression",
    "binary_crossentropy": "binary",
    "categorical_crossentropy": "categorical",
    "sparse_categorical_crossentropy": "sparse",
}
#: Further Keras losses the checker places in a family (normalised spellings).
_EXTRA_FAMILIES = {
    "huber": "regression",
    "logcosh": "regression",
    "meansquaredlogarithmicerror": "regression",
    "msle": "regression",
    "meanabsolutepercentageerror": "regression",
    "mape": "regression",
    "binaryfocalcrossentropy": "binary",
    "categoricalfocalcrossentropy": "categorical",
}


@dataclass(frozen=True)
class OutputInfo:
    """The model's output: activation name (``None`` if unknown) and units."""

    activation: str | None
    raw: str
    units: int | None
    layer: str


@dataclass(frozen=True)
class LossInfo:
    """The loss: its (canonical when known) name, family and ``from_logits``."""

    name: str
    family: LossFamily | None
    from_logits: bool


@dataclass(frozen=True)
class LabelInfo:
    """What the labels look like.

    ``form`` is one of ``"binary"`` (one 0/1 column), ``"integer"`` (one
    column of class indices), ``"onehot"``, ``"multilabel"`` (several 1s in a
    row), ``"probabilities"`` (values in [0, 1]) or ``"regression"``.
    """

    form: str
    shape: tuple[int, ...]
    columns: int
    minimum: float
    maximum: float
    whole: bool

    @property
    def outside_unit_interval(self) -> bool:
        return self.minimum < 0 or self.maximum > 1


def _layer_class(name: str) -> type | None:
    import keras

    return getattr(keras.layers, name, None)


def _transparent_layers() -> tuple[type, ...]:
    names = ("Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D",
             "GaussianNoise", "GaussianDropout", "AlphaDropout", "ActivityRegularization",
             "Flatten", "Reshape", "Identity", "InputLayer")
    return tuple(cls for cls in map(_layer_class, names) if cls is not None)


_ACTIVATION_LAYERS = {"Softmax": "softmax", "ReLU": "relu", "LeakyReLU": "leaky_relu",
                      "ELU": "elu", "PReLU": "prelu"}


def _output_layer(model: object) -> object:
    import keras

    transparent = _transparent_layers()
    for layer in reversed(model.layers):
        if isinstance(layer, keras.Model):
            return _output_layer(layer)
        if not isinstance(layer, transparent):
            return layer
    raise KerasRParityError("the model has no layer that computes its output")


def _activation_name(layer: object) -> str:
    for cls_name, activation in _ACTIVATION_LAYERS.items():
        cls = _layer_class(cls_name)
        if cls is not None and isinstance(layer, cls):
            return activation
    function = getattr(layer, "activation", None)
    if callable(function):
        return getattr(function, "__name__", type(function).__name__)
    return type(layer).__name__


def _units(model: object) -> int | None:
    try:
        units = model.outputs[0].shape[-1]
    except (AttributeError, IndexError, TypeError, ValueError):
        units = None
    if units is None:
        for layer in reversed(getattr(model, "layers", [])):
            units = getattr(layer, "units", None) or getattr(layer, "filters", None)
            if units is not None:
                break
    return int(units) if units is not None else None


def describe_output(model: object) -> OutputInfo:
    """The output activation (a trailing Activation/Softmax layer counts) and units.

    Example:
    >>> import keras
    >>> m = keras.Sequential([keras.layers.Dense(10), keras.layers.Softmax()])
    >>> output = describe_output(m)
    >>> output.activation, output.units
    ('softmax', 10)
    """
    if not hasattr(model, "layers"):
        raise KerasRParityError(
            f"check_pairing needs a Keras model (with .layers); got {type(model).__name__}")
    layer = _output_layer(model)
    raw = _activation_name(layer)
    known = raw in SIGMOID_LIKE | SOFTMAX_LIKE | OTHER_KNOWN
    return OutputInfo(activation=raw if known else None, raw=raw, units=_units(model),
                      layer=getattr(layer, "name", type(layer).__name__))


def _unwrap_single(loss: object) -> object:
    if isinstance(loss, dict | list | tuple):
        values = list(loss.values()) if isinstance(loss, dict) else list(loss)
        if len(values) != 1:
            raise KerasRParityError(
                "the model has one loss per output; check one output at a time by passing "
                "loss=<that output's loss>")
        return values[0]
    return loss


def _family(name: str) -> LossFamily | None:
    spec = find_loss(name)
    if spec is not None:
        return _FAMILY_OF[spec.name]
    return _EXTRA_FAMILIES.get(name.replace("_", "").replace("-", "").lower())


def describe_loss(loss: object) -> LossInfo:
    """Name, family and ``from_logits`` of a loss string, object or function.

    Example:
    >>> import keras
    >>> describe_loss(keras.losses.CategoricalCrossentropy(from_logits=True))
    LossInfo(name='categorical_crossentropy', family='categorical', from_logits=True)
    >>> describe_loss("mse")
    LossInfo(name='mean_squared_error', family='regression', from_logits=False)
    """
    loss = _unwrap_single(loss)
    if isinstance(loss, str):
        names, from_logits = [loss], False
    elif isinstance(loss, functools.partial):
        names = [getattr(loss.func, "__name__", "partial")]
        from_logits = bool(loss.keywords.get("from_logits", False))
    elif callable(loss):
        function = getattr(loss, "fn", None)
        names = [type(loss).__name__, getattr(loss, "name", None),
                 getattr(function, "__name__", None), getattr(loss, "__name__", None)]
        from_logits = getattr(loss, "from_logits", None)
        if from_logits is None:
            from_logits = getattr(loss, "_fn_kwargs", {}).get("from_logits", False)
        from_logits = bool(from_logits)
    else:
        raise KerasRParityError(
            f"loss must be a name, a Keras loss object or a function; got {type(loss).__name__}")
    names = [n for n in names if isinstance(n, str)]
    for name in names:
        family = _family(name)
        if family is not None:
            spec = find_loss(name)
            return LossInfo(spec.name if spec else name, family, from_logits)
    display = next((n for n in names[::-1] if n not in ("function", "LossFunctionWrapper")),
                   names[0] if names else type(loss).__name__)
    return LossInfo(display, None, from_logits)


def describe_labels(y: object) -> LabelInfo:
    """Classify labels; plain lists are fine.

    Example:
    >>> describe_labels([[1, 0, 1], [0, 1, 0]]).form
    'multilabel'
    >>> describe_labels([[3], [7]]).form
    'integer'
    """
    try:
        labels = np.asarray(y, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise LossLabelMismatchError(f"labels must be a rectangular array of numbers: {exc}") \
            from None
    if labels.ndim == 0 or labels.size == 0 or not np.all(np.isfinite(labels)):
        raise LossLabelMismatchError(
            f"labels must hold finite values, one entry per example; got shape {labels.shape}")
    columns = labels.shape[-1] if labels.ndim >= 2 else 1
    whole = bool(np.all(labels == np.round(labels)))
    low, high = float(labels.min()), float(labels.max())
    in_unit = low >= 0 and high <= 1
    if columns == 1:
        if whole and in_unit:
            form = "binary"
        elif whole and low >= 0:
            form = "integer"
        else:
            form = "probabilities" if in_unit else "regression"
    elif whole and in_unit:
        form = "multilabel" if np.any(labels.sum(axis=-1) > 1) else "onehot"
    else:
        form = "probabilities" if in_unit else "regression"
    return LabelInfo(form, tuple(labels.shape), int(columns), low, high, whole)
