"""The two small networks of the sweep, with a configurable hidden activation.

* ``conv``: ``Conv2D(32, 3x3, activation) -> MaxPooling2D(2) -> Flatten ->
  Dense(num_classes, softmax)`` (the small conv net of the activation/optimizer
  comparison on MNIST).
* ``dense``: ``Flatten -> Dense(64, activation) -> Dense(64, activation) ->
  Dense(num_classes, softmax)`` (the dense net of the activation comparison;
  flattening the 28x28x1 image inside the model is the same as feeding 784 columns).

Both start from ``keras.Input(shape=input_shape)`` (no ``input_shape=`` on a
layer) and end in a softmax. Activation names are Keras' own
(``keras.activations``), including ``"leaky_relu"`` (Keras 3's default
negative slope, 0.2).

Example:
>>> check_model("resnet")
Traceback (most recent call last):
...
keras_rparity.errors.InvalidChoiceError: invalid model 'resnet'; valid choices: 'conv', 'dense'
"""

from __future__ import annotations

import functools
import inspect
from typing import Any

from keras_rparity.errors import InvalidChoiceError

#: Model names accepted by :func:`build_model`.
MODELS = ("conv", "dense")

_NOT_ACTIVATIONS = ("get", "serialize", "deserialize")


@functools.cache
def activation_names() -> tuple[str, ...]:
    """Names of Keras activations usable as a hidden layer's ``activation=``.

    Functions that need more than the input (``threshold``) are left out.

    Example:
    >>> {"relu", "leaky_relu", "sigmoid", "tanh"} <= set(activation_names())
    True
    """
    import keras

    names = []
    for name in dir(keras.activations):
        function = getattr(keras.activations, name)
        if name.startswith("_") or name in _NOT_ACTIVATIONS or not callable(function):
            continue
        params = list(inspect.signature(function).parameters.values())[1:]
        if all(p.default is not inspect.Parameter.empty or p.kind in (p.VAR_POSITIONAL,
                                                                        p.VAR_KEYWORD)
               for p in params):
            names.append(name)
    return tuple(sorted(names))


def check_activation(name: str) -> str:
    """Return ``name`` if Keras knows it as an activation, else raise InvalidChoiceError."""
    if name not in activation_names():
        raise InvalidChoiceError("activation", name, activation_names())
    return name


def check_model(name: str) -> str:
    """Return ``name`` if it is one of :data:`MODELS`, else raise InvalidChoiceError."""
    if name not in MODELS:
        raise InvalidChoiceError("model", name, MODELS)
    return name


def _conv_layers(activation: str, num_classes: int) -> list[Any]:
    from keras import layers

    return [
        layers.Conv2D(32, (3, 3), activation=activation),
        layers.MaxPooling2D((2, 2)),
        layers.Flatten(),
        layers.Dense(num_classes, activation="softmax"),
    ]


def _dense_layers(activation: str, num_classes: int) -> list[Any]:
    from keras import layers

    return [
        layers.Flatten(),
        layers.Dense(64, activation=activation),
        layers.Dense(64, activation=activation),
        layers.Dense(num_classes, activation="softmax"),
    ]


def build_model(model_name: str, activation: str, num_classes: int = 10,
                input_shape: tuple[int, ...] = (28, 28, 1)) -> Any:
    """An uncompiled ``keras.Sequential`` model; seed before calling for reproducible weights.

    Args:
        model_name: ``"conv"`` or ``"dense"``.
        activation: a Keras activation name for the hidden layers.
        num_classes: units of the softmax output layer.
        input_shape: shape of one image, channels last.

    Example:
    >>> build_model("dense", "tanh").count_params()
    55050
    """
    check_model(model_name)
    check_activation(activation)
    if isinstance(num_classes, bool) or int(num_classes) != num_classes or num_classes < 2:
        raise ValueError(f"num_classes must be a whole number >= 2, got {num_classes!r}")
    import keras

    hidden = _conv_layers if model_name == "conv" else _dense_layers
    return keras.Sequential(
        [keras.Input(shape=tuple(input_shape)), *hidden(activation, int(num_classes))],
        name=f"{model_name}_{activation}",
    )
