"""Taking the first N examples of each class: the one subsetting rule of the data layer.

Every loader that accepts ``per_class`` (CIFAR-10, Fashion-MNIST, MNIST, from Python
or R) keeps the first ``per_class`` examples of each class, in their original order.
The rule is deterministic, so the R and Python sides of a parity run train on the same
rows. A class with fewer examples keeps all it has.

Example:
>>> import numpy as np
>>> labels = np.array([2, 0, 2, 1, 0, 2, 1])
>>> first_per_class_index(labels, 1).tolist()
[0, 1, 3]
>>> xs, ys = first_per_class(np.arange(7) * 10, labels, 2)
>>> xs.tolist(), ys.tolist()
([0, 10, 20, 30, 40, 60], [2, 0, 2, 1, 0, 1])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from keras_rparity.errors import InvalidArgumentError
from keras_rparity.validation import check_scalar

__all__ = ["first_per_class", "first_per_class_index"]


def _count(per_class: Any) -> int:
    """``per_class`` checked; here ``None`` (keep everything) is not an option."""
    return check_scalar(per_class, "per_class")


def _flat_labels(labels: Any, what: str) -> np.ndarray:
    """Labels of shape ``(n,)`` or ``(n, 1)`` as a flat array."""
    labels = np.asarray(labels)
    if labels.ndim == 0 or labels.ndim > 2 or (labels.ndim == 2 and labels.shape[1] != 1):
        raise InvalidArgumentError(f"{what} must have shape (n,) or (n, 1), got {labels.shape}")
    return labels.reshape(-1)


def _first_index(flat: np.ndarray, count: int) -> np.ndarray:
    """Sorted positions of the first ``count`` items of each value of ``flat``."""
    order = np.argsort(flat, kind="stable")  # grouped by class, original order inside
    grouped = flat[order]
    positions = np.arange(flat.shape[0])
    starts = np.ones(flat.shape[0], dtype=bool)
    starts[1:] = grouped[1:] != grouped[:-1]
    rank = positions - np.maximum.accumulate(np.where(starts, positions, 0))
    return np.sort(order[rank < count])


def first_per_class_index(labels: Any, per_class: int | float) -> np.ndarray:
    """Indices of the first ``per_class`` items of each class, in their original order.

    Args:
        labels: class labels, shape ``(n,)`` or ``(n, 1)``.
        per_class: a positive whole number (see :func:`~keras_rparity.validation.check_scalar`).

    Returns:
        An increasing integer array, usable to index the examples and the labels.

    Raises:
        TypeError, InvalidArgumentError: a bad ``per_class`` (``None`` included), or
            labels of another shape.

    Example:
    >>> import numpy as np
    >>> first_per_class_index(np.array([1, 0, 1, 1, 0, 2]), 2).tolist()
    [0, 1, 2, 4, 5]
    >>> first_per_class_index([[3], [3], [3]], 5).tolist()  # fewer than asked: all kept
    [0, 1, 2]
    """
    count = _count(per_class)
    return _first_index(_flat_labels(labels, "labels"), count)


def first_per_class(x: Any, y: Any, per_class: int | float) -> tuple[np.ndarray, np.ndarray]:
    """Keep the first ``per_class`` examples of each class, in their original order.

    Deterministic: the same inputs give the same rows for every caller (R or Python).
    A class with fewer than ``per_class`` examples keeps all it has, so the result can
    be smaller than ``per_class`` times the number of classes.

    Args:
        x: examples, first axis = example.
        y: class labels, shape ``(n,)`` or ``(n, 1)``; returned in the same shape.
        per_class: a positive whole number (R doubles such as ``50.0`` are accepted).

    Returns:
        ``(x, y)`` restricted to the kept examples.

    Raises:
        TypeError, InvalidArgumentError: a bad ``per_class``, ``y`` of another shape, or
            ``x`` and ``y`` of different lengths.

    Example:
    >>> import numpy as np
    >>> x = np.arange(6) * 10
    >>> y = np.array([[1], [0], [1], [1], [0], [2]], dtype=np.uint8)
    >>> xs, ys = first_per_class(x, y, 2)
    >>> xs.tolist(), ys.ravel().tolist(), ys.shape
    ([0, 10, 20, 40, 50], [1, 0, 1, 0, 2], (5, 1))
    >>> first_per_class(x, y, 0)
    Traceback (most recent call last):
    ...
    keras_rparity.errors.InvalidArgumentError: `per_class` must be a positive whole number; got 0
    """
    count = _count(per_class)
    x, y = np.asarray(x), np.asarray(y)
    flat = _flat_labels(y, "y")
    if x.ndim == 0 or x.shape[0] != y.shape[0]:
        raise InvalidArgumentError(f"x and y must have the same number of examples, got "
                                   f"x {x.shape} and y {y.shape}")
    keep = _first_index(flat, count)
    return x[keep], y[keep]
