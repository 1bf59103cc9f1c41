"""Named optimizers of the sweep, each a Keras class with fixed parameters.

The table is deliberately explicit so that an R keras program can mirror it
line by line, e.g. ``momentum`` is ``optimizer_sgd(learning_rate = 0.01,
momentum = 0.9)`` in R.

Example:
>>> OPTIMIZERS["momentum"]
OptimizerSpec(keras_class='SGD', params=(('learning_rate', 0.01), ('momentum', 0.9)))
>>> check_optimizer("nadam")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
keras_rparity.errors.InvalidChoiceError: invalid optimizer 'nadam'; valid choices: 'sgd', ...
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from keras_rparity.errors import InvalidChoiceError


@dataclass(frozen=True)
class OptimizerSpec:
    """A Keras optimizer class name (in ``keras.optimizers``) and its keyword arguments."""

    keras_class: str
    params: tuple[tuple[str, float], ...]

    def kwargs(self) -> dict[str, float]:
        return dict(self.params)


#: The optimizers a sweep may use, by name.
OPTIMIZERS: dict[str, OptimizerSpec] = {
    "sgd": OptimizerSpec("SGD", (("learning_rate", 0.01),)),
    "momentum": OptimizerSpec("SGD", (("learning_rate", 0.01), ("momentum", 0.9))),
    "adam": OptimizerSpec("Adam", (("learning_rate", 0.001),)),
    "rmsprop": OptimizerSpec("RMSprop", (("learning_rate", 0.001),)),
    "adagrad": OptimizerSpec("Adagrad", (("learning_rate", 0.01),)),
}


def check_optimizer(name: str) -> str:
    """Return ``name`` if it is a known optimizer, else raise :class:`InvalidChoiceError`."""
    if name not in OPTIMIZERS:
        raise InvalidChoiceError("optimizer", name, tuple(OPTIMIZERS))
    return name


def optimizer_params(name: str) -> dict[str, Any]:
    """Class and parameters of a named optimizer, for records and for R programs.

    Example:
    >>> optimizer_params("adam")
    {'class': 'Adam', 'learning_rate': 0.001}
    """
    spec = OPTIMIZERS[check_optimizer(name)]
    return {"class": spec.keras_class, **spec.kwargs()}


def make_optimizer(name: str) -> Any:
    """A fresh Keras optimizer for ``name`` (one per model: optimizers hold state).

    Example:
    >>> make_optimizer("momentum").momentum
    0.9
    """
    spec = OPTIMIZERS[check_optimizer(name)]
    import keras

    return getattr(keras.optimizers, spec.keras_class)(**spec.kwargs())
