"""Checking scalar arguments, in one place (in the style of scikit-learn's ``check_scalar``).

Counts and seeds may arrive as R doubles (``epochs = 3`` from R is ``3.0``) or as
command-line text, so a whole float is accepted where a whole number is meant;
``bool``, NaN, fractions and values out of range are refused. A value of the wrong
kind raises :class:`TypeError`, one of the right kind but out of range raises
:class:`~keras_rparity.errors.InvalidArgumentError` (a :class:`ValueError`), and
every message reads "`name` must be ...; got ...".

Example:
>>> check_scalar(3.0, "epochs")
3
>>> check_scalar(0, "epochs")
Traceback (most recent call last):
...
keras_rparity.errors.InvalidArgumentError: `epochs` must be a positive whole number; got 0
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from keras_rparity.errors import InvalidArgumentError

#: The seed every run uses unless told otherwise (the tutorial's and the tests').
DEFAULT_SEED = 42

_NUMBER = (int, float, np.integer, np.floating)


def _describe(target_type: type, min_val: float | None, max_val: float | None,
              include_min: bool) -> str:
    """Words for what is allowed: 'a positive whole number', 'a number > 0', ..."""
    whole = target_type is int
    noun = "whole number" if whole else "number"
    if min_val is not None and max_val is None:
        if min_val == 0 and not include_min:
            return f"a positive {noun}"
        if min_val == 1 and include_min and whole:
            return f"a positive {noun}"
        if min_val == 0 and include_min:
            return f"a non-negative {noun}"
        return f"a {noun} {'>=' if include_min else '>'} {min_val:g}"
    if min_val is not None and max_val is not None:
        return f"a {noun} from {min_val:g} to {max_val:g}"
    if max_val is not None:
        return f"a {noun} <= {max_val:g}"
    return f"a {noun}"


#: R's integer (and logical) NA, the smallest 32-bit integer: what reticulate hands
#: Python for NA_integer_, and what R stores for NA in integer vectors.
R_NA_INTEGER = -(2**31)


def _called_from_r() -> bool:
    """Is this Python hosted by R (reticulate), so arguments may be R values?"""
    from keras_rparity.host import running_under_reticulate

    return running_under_reticulate()


def is_r_na(value: Any) -> bool:
    """Is ``value`` R's ``NA`` as it reaches Python when R hosts Python: NaN
    (``NA_real_``), ``NA_integer_``, or ``True`` (reticulate turns a logical ``NA`` into
    ``True``)? Always ``False`` when Python hosts (a NaN from Python is no R NA).

    Example:
    >>> is_r_na(float("nan")), is_r_na(R_NA_INTEGER)  # Python hosts here
    (False, False)
    """
    if not _called_from_r():
        return False
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    return isinstance(value, int | np.integer) and int(value) == R_NA_INTEGER


def _shown(value: Any) -> str:
    """How a refused value is shown; R's NA as NA (reticulate turns a logical NA into
    True and NA_integer_ into -2147483648)."""
    if isinstance(value, float) and math.isnan(value):
        return "NaN (R's NA)"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool | np.bool_):
        if bool(value) and _called_from_r():
            return "NA or TRUE (an R logical; R's NA arrives in Python as True)"
        return f"the logical {bool(value)}"
    if isinstance(value, int | np.integer) and int(value) == R_NA_INTEGER:
        return "NA (R's NA_integer_)"
    return repr(value.item() if isinstance(value, np.generic) else value)


def check_scalar(value: Any, name: str, target_type: type = int, *,
                 min_val: float | None = 1, max_val: float | None = None,
                 include_min: bool = True, allow_none: bool = False) -> Any:
    """``value`` as ``target_type`` (``int`` or ``float``) after checking kind and range.

    Args:
        value: the value to check; whole floats count as ``int`` (R doubles).
        name: the argument's name as the user wrote it (``"epochs"``, ``"--epochs"``).
        target_type: ``int`` for whole numbers, ``float`` for any finite number.
        min_val, max_val: the allowed range (``None``: unbounded on that side).
        include_min: whether ``min_val`` itself is allowed.
        allow_none: ``None`` passes through (meaning "not set").

    Raises:
        TypeError: ``value`` is not a number (strings, ``bool``, R logicals).
        InvalidArgumentError: a number, but fractional, not finite, or out of range.

    Example:
    >>> check_scalar(None, "per_class", allow_none=True) is None
    True
    >>> check_scalar(0.5, "threshold", float, min_val=0, include_min=False)
    0.5
    >>> check_scalar(True, "seed", min_val=0)
    Traceback (most recent call last):
    ...
    TypeError: `seed` must be a non-negative whole number; got the logical True
    >>> check_scalar(2.5, "epochs")
    Traceback (most recent call last):
    ...
    keras_rparity.errors.InvalidArgumentError: `epochs` must be a positive whole number; got 2.5
    """
    if value is None and allow_none:
        return None
    allowed = _describe(target_type, min_val, max_val, include_min)
    message = f"`{name}` must be {allowed}; got {_shown(value)}"
    if isinstance(value, bool | np.bool_) or not isinstance(value, _NUMBER):
        raise TypeError(message)
    number = float(value)
    if not math.isfinite(number) or (target_type is int and not number.is_integer()):
        raise InvalidArgumentError(message)
    too_low = min_val is not None and (number < min_val or (number == min_val and not include_min))
    if too_low or (max_val is not None and number > max_val):
        raise InvalidArgumentError(message)
    return int(number) if target_type is int else number


def arg_type(name: str, target_type: type = int, **limits: Any) -> Callable[[str], Any]:
    """An argparse ``type=`` that parses text and checks it with :func:`check_scalar`.

    ``--epochs 2.0`` is accepted as 2, as ``epochs = 2`` is from R.

    Example:
    >>> arg_type("--epochs")("2.0")
    2
    >>> arg_type("--epochs")("two")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: `--epochs` must be a positive whole number; got 'two'
    """

    def parse(text: str) -> Any:
        try:
            number = float(text)
        except ValueError:
            number = text
        try:
            return check_scalar(number, name, target_type, **limits)
        except (TypeError, ValueError) as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    parse.__name__ = name.lstrip("-").replace("-", "_")
    return parse
