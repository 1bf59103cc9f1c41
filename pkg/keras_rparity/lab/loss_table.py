"""Worked loss examples, computed by every registered side and compared.

A *side* is one way of computing a loss: a callable
``(loss_name, y_true, y_pred) -> float``. It receives the canonical loss name
(``"mean_squared_error"``, ...) and inputs already validated by
:func:`~keras_rparity.lab.losses.prepare_inputs`: float64 numpy arrays, and
for ``sparse_categorical_crossentropy`` int64 labels of shape ``(n,)``. Two
sides ship: ``"numpy"`` (the reference formulas) and ``"keras"`` (Keras in
Python). Another is plugged in by registering it, the one mechanism, which the
R side (Keras from R through the in-process bridge) uses too::

    register_loss_side("r", r_loss)      # what lab.r_side.sides_with_r() does

and then appears in every table. Results are tidy: one row per loss, inputs
and side, with the absolute difference to the ``"numpy"`` reference.

Example:
>>> table = compare_loss("mse", [3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.1, 7.8],
...                      sides={"numpy": numpy_side})
>>> table[["loss", "side", "value"]].round(4).to_dict("records")
[{'loss': 'mean_squared_error', 'side': 'numpy', 'value': 0.2875}]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from keras_rparity.errors import InvalidChoiceError
from keras_rparity.lab.losses import (
    LOSSES,
    keras_loss,
    prepare_inputs,
    reference_loss,
    resolve_loss,
)

#: ``(loss_name, y_true, y_pred) -> float``, see the module docstring.
LossSide = Callable[[str, np.ndarray, np.ndarray], float]

#: Columns of every loss table, in order.
COLUMNS = ("loss", "inputs", "side", "value", "abs_diff")

#: The side every other side is compared against.
REFERENCE_SIDE = "numpy"

#: Seed 002's worked examples (MAE reuses the MSE inputs), as plain lists.
SEED_INPUTS: dict[str, tuple[list, list]] = {
    "binary_crossentropy": ([1, 0, 1, 1], [0.9, 0.1, 0.8, 0.6]),
    "mean_squared_error": ([3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.1, 7.8]),
    "mean_absolute_error": ([3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.1, 7.8]),
    "categorical_crossentropy": ([[0, 0, 1], [0, 1, 0]], [[0.1, 0.2, 0.7], [0.2, 0.6, 0.2]]),
    "sparse_categorical_crossentropy": ([2, 1], [[0.1, 0.2, 0.7], [0.2, 0.6, 0.2]]),
}

#: The values those inputs give (exact arithmetic, to the digits shown).
SEED_VALUES: dict[str, float] = {
    "binary_crossentropy": 0.2361725,
    "mean_squared_error": 0.2875,
    "mean_absolute_error": 0.475,
    "categorical_crossentropy": 0.4337503,
    "sparse_categorical_crossentropy": 0.4337503,
}


def numpy_side(loss_name: str, y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """The numpy reference formulas with Keras' float32 semantics.

    Inputs are rounded to float32 as Keras does, so seed 002's MSE reads
    0.2875001 here (2.1 and 7.8 are not exact in float32), not 0.2875.
    """
    return reference_loss(loss_name, y_true, y_pred)


def keras_side(loss_name: str, y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """The Keras loss classes, called from Python."""
    return keras_loss(loss_name, y_true, y_pred)


#: The sides that ship, in table order.
BUILTIN_SIDES: dict[str, LossSide] = {REFERENCE_SIDE: numpy_side, "keras": keras_side}

#: Registered sides, in table order. Mutate through :func:`register_loss_side`.
LOSS_SIDES: dict[str, LossSide] = dict(BUILTIN_SIDES)


def register_loss_side(name: str, side: LossSide, replace: bool = False) -> None:
    """Add a way of computing losses; every later table includes it.

    Args:
        name: the label in the ``side`` column, e.g. ``"r"``.
        side: ``(loss_name, y_true, y_pred) -> float``, see the module docstring.
        replace: allow re-registering an existing name.

    Example:
    >>> register_loss_side("double", lambda name, y, p: 2 * numpy_side(name, y, p))
    >>> "double" in LOSS_SIDES
    True
    >>> del LOSS_SIDES["double"]
    """
    if not isinstance(name, str) or not name:
        raise ValueError(f"a loss side needs a non-empty string name; got {name!r}")
    if not callable(side):
        raise TypeError(f"loss side {name!r} must be callable (loss_name, y_true, y_pred) -> "
                        f"float; got {type(side).__name__}")
    if name in LOSS_SIDES and not replace:
        raise ValueError(f"loss side {name!r} is already registered; pass replace=True")
    LOSS_SIDES[name] = side


def compare_loss(name: str, y_true: object, y_pred: object,
                 sides: Mapping[str, LossSide] | None = None,
                 inputs: str = "custom") -> pd.DataFrame:
    """One loss on one pair of inputs, by every side, as a tidy table.

    Args:
        name: any accepted loss name (``"mse"``, ``"BinaryCrossentropy"``, ...).
        y_true, y_pred: arrays or plain lists; validated once, then handed to
            each side as numpy arrays (each side gets its own copy).
        sides: ``{side name: callable}``; default: :data:`LOSS_SIDES`. It must
            contain ``"numpy"``, the reference of the ``abs_diff`` column.
        inputs: a label for the ``inputs`` column.

    Example:
    >>> t = compare_loss("bce", [1, 0, 1, 1], [0.9, 0.1, 0.8, 0.6], inputs="seed")
    >>> t[["side", "value"]].round(5).values.tolist()
    [['numpy', 0.23617], ['keras', 0.23617]]
    """
    spec = resolve_loss(name)
    sides = LOSS_SIDES if sides is None else sides
    if REFERENCE_SIDE not in sides:
        raise InvalidChoiceError("set of loss sides (the reference side is missing)",
                                 sorted(sides), [REFERENCE_SIDE])
    labels, predictions = prepare_inputs(spec.name, y_true, y_pred)
    values = {side: float(compute(spec.name, labels.copy(), predictions.copy()))
              for side, compute in sides.items()}
    reference = values[REFERENCE_SIDE]
    rows = [{"loss": spec.name, "inputs": inputs, "side": side, "value": value,
             "abs_diff": abs(value - reference)} for side, value in values.items()]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def random_inputs(name: str, rng: np.random.Generator, n: int = 64,
                  classes: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """Labels and predictions of the right form for loss ``name``.

    Binary predictions include exact 0 and 1, so the clipping is exercised.

    Example:
    >>> y, p = random_inputs("scce", np.random.default_rng(0), n=4, classes=3)
    >>> y.shape, p.shape, bool(np.allclose(p.sum(axis=1), 1))
    ((4,), (4, 3), True)
    """
    spec = resolve_loss(name)
    if spec.labels == "same" and not spec.crossentropy:
        return rng.uniform(-2, 2, n), rng.uniform(-2, 2, n)
    if spec.labels == "same":
        labels = rng.integers(0, 2, n).astype(np.float64)
        predictions = rng.uniform(0, 1, n)
        predictions[:2] = (0.0, 1.0)
        return labels, predictions
    indices = rng.integers(0, classes, n)
    predictions = rng.dirichlet(np.ones(classes), n)
    if spec.labels == "integer":
        return indices, predictions
    return np.eye(classes)[indices], predictions


def worked_examples(sides: Mapping[str, LossSide] | None = None, seed: int = 0,
                    n: int = 64) -> pd.DataFrame:
    """Every loss on seed 002's inputs and on seeded random inputs, by every side.

    Example:
    >>> t = worked_examples(sides={"numpy": numpy_side})
    >>> seed = t[t["inputs"] == "seed"].set_index("loss")["value"]
    >>> round(float(seed["mean_squared_error"]), 6), round(float(seed["binary_crossentropy"]), 5)
    (0.2875, 0.23617)
    """
    rng = np.random.default_rng(seed)
    tables = []
    for name in LOSSES:
        tables.append(compare_loss(name, *SEED_INPUTS[name], sides=sides, inputs="seed"))
        tables.append(compare_loss(name, *random_inputs(name, rng, n=n), sides=sides,
                                   inputs=f"random(seed={seed}, n={n})"))
    return pd.concat(tables, ignore_index=True)
