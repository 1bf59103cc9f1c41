"""Checking whole-number arguments, in one place.

Counts and seeds may arrive as R doubles (``epochs = 3`` from R is ``3.0``), so a
whole float is accepted; fractions, ``bool``, NaN and values below the minimum are
refused with a message naming the argument and what it may be.
"""

from __future__ import annotations

import math

import numpy as np

from keras_rparity.errors import InvalidArgumentError


def whole_number(value: object, what: str, *, minimum: int = 1,
                 allow_none: bool = False) -> int | None:
    """``value`` as an ``int`` if it is a whole number >= ``minimum`` (or None, if allowed).

    Example:
    >>> whole_number(3.0, "epochs"), whole_number(None, "epochs", allow_none=True)
    (3, None)
    >>> whole_number(2.5, "epochs")
    Traceback (most recent call last):
    ...
    keras_rparity.errors.InvalidArgumentError: epochs must be a positive whole number, got 2.5
    """
    if value is None and allow_none:
        return None
    kind = "a positive whole number" if minimum == 1 else (
        "a non-negative whole number" if minimum == 0 else f"a whole number >= {minimum}")
    if allow_none:
        kind += " or None"
    is_number = isinstance(value, int | float | np.integer | np.floating) and not isinstance(
        value, bool | np.bool_)
    if not is_number or not math.isfinite(float(value)) or not float(value).is_integer() \
            or value < minimum:
        raise InvalidArgumentError(f"{what} must be {kind}, got {value!r}")
    return int(value)
