"""Distances in float32 units in the last place (ULPs): how many representable float32
numbers lie between two values. Keras trains in float32, so a metric recorded by one
side and by the other are ``0`` ULPs apart when bitwise equal, ``1`` when neighbours.

Example:
>>> import numpy as np
>>> ulp_distance(np.float32(1.0), np.nextafter(np.float32(1.0), np.float32(2.0)))
array(1)
>>> int(ulp_distance(0.0, -0.0))
0
"""

from __future__ import annotations

import numpy as np


def _ordered(values: np.ndarray) -> np.ndarray:
    """float32 bit patterns mapped to integers that sort like the floats."""
    bits = np.asarray(values, dtype=np.float32).view(np.int32).astype(np.int64)
    return np.where(bits < 0, -(bits & 0x7FFFFFFF), bits)


def ulp_distance(a: object, b: object) -> np.ndarray:
    """Elementwise float32 ULP distance of ``a`` and ``b`` (rounded to float32 first);
    ``-1`` where either is NaN and the other is not."""
    a32 = np.asarray(a, dtype=np.float32)
    b32 = np.asarray(b, dtype=np.float32)
    distance = np.abs(_ordered(a32) - _ordered(b32))
    nan_a, nan_b = np.isnan(a32), np.isnan(b32)
    distance = np.where(nan_a & nan_b, 0, distance)
    return np.where(nan_a ^ nan_b, -1, distance)


def max_ulps(a: object, b: object) -> int:
    """The largest ULP distance (``0`` for empty inputs; ``-1`` when NaN meets a number).

    Example:
    >>> max_ulps([1.0, 2.0], [1.0, 2.0])
    0
    """
    distance = ulp_distance(a, b)
    if distance.size == 0:
        return 0
    return -1 if (distance < 0).any() else int(distance.max())
