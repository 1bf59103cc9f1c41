"""When two numbers are the same, in one place: the rule every comparison uses.

Two values are the same when they are equal, or both NaN. Identical programs that
diverge (a learning rate of 1e4 makes every loss NaN on both sides) are identical,
so NaN meets NaN at distance 0, like equal infinities; NaN against a number has no
finite distance (NaN here, -1 ULPs in :mod:`keras_rparity.parity.ulps`), so it breaks
every tolerance.

Example:
>>> same_elements([1.0, np.nan, np.inf], [1.0, np.nan, np.inf]).tolist()
[True, True, True]
>>> abs_difference([1.0, np.nan, np.nan, np.inf], [1.5, np.nan, 2.0, np.inf]).tolist()
[0.5, 0.0, nan, 0.0]
"""

from __future__ import annotations

from typing import Any

import numpy as np


def same_elements(a: Any, b: Any) -> np.ndarray:
    """Elementwise: equal, or both NaN (arrays of one shape, compared as float64)."""
    a64, b64 = np.asarray(a, np.float64), np.asarray(b, np.float64)
    with np.errstate(invalid="ignore"):
        return (a64 == b64) | (np.isnan(a64) & np.isnan(b64))


def abs_difference(a: Any, b: Any) -> np.ndarray:
    """Elementwise ``|a - b|`` as float64: 0 where :func:`same_elements`, NaN where
    one side is NaN and the other is not."""
    a64, b64 = np.asarray(a, np.float64), np.asarray(b, np.float64)
    with np.errstate(invalid="ignore"):
        return np.where(same_elements(a64, b64), 0.0, np.abs(a64 - b64))


def max_abs_difference(a: Any, b: Any) -> float:
    """The largest :func:`abs_difference` (0 for empty inputs; NaN when NaN meets a number).

    Example:
    >>> max_abs_difference([np.nan, 1.0], [np.nan, 3.0]), max_abs_difference([], [])
    (2.0, 0.0)
    """
    diff = abs_difference(a, b)
    return float(diff.max()) if diff.size else 0.0


def same_arrays(a: Any, b: Any) -> bool:
    """Same shape and every element the same (NaN = NaN).

    Example:
    >>> same_arrays(np.array([np.nan]), np.array([np.nan])), same_arrays([1.0], [[1.0]])
    (True, False)
    """
    a, b = np.asarray(a), np.asarray(b)
    return a.shape == b.shape and bool(same_elements(a, b).all())
