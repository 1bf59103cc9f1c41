"""``keras_rparity.validation``: the one scalar validator and its argparse form."""

from __future__ import annotations

import argparse

import numpy as np
import pytest

from keras_rparity.errors import InvalidArgumentError, KerasRParityError
from keras_rparity.validation import arg_type, check_scalar


@pytest.mark.parametrize("value, want", [
    (1, 1), (50, 50), (50.0, 50), (np.int64(3), 3), (np.float32(2.0), 2),
])
def test_whole_numbers_accepted_as_int(value: object, want: int):
    got = check_scalar(value, "per_class")
    assert got == want and type(got) is int


def test_none_only_when_allowed():
    assert check_scalar(None, "per_class", allow_none=True) is None
    with pytest.raises(TypeError, match=r"^`per_class` must be a positive whole number; got None$"):
        check_scalar(None, "per_class")


@pytest.mark.parametrize("bad, shown", [
    (0, "0"), (-3, "-3"), (2.5, "2.5"), (float("inf"), "inf"), (np.float64(0.5), "0.5"),
    (float("nan"), r"NaN \(R's NA\)"),
])
def test_out_of_range_is_a_value_error(bad: object, shown: str):
    with pytest.raises(InvalidArgumentError,
                       match=rf"^`epochs` must be a positive whole number; got {shown}$"):
        check_scalar(bad, "epochs")
    assert issubclass(InvalidArgumentError, ValueError)
    assert issubclass(InvalidArgumentError, KerasRParityError)


@pytest.mark.parametrize("bad", [True, False, np.bool_(True), "3", [1]])
def test_wrong_kind_is_a_type_error(bad: object):
    with pytest.raises(TypeError, match=r"^`seed` must be a non-negative whole number; got "):
        check_scalar(bad, "seed", min_val=0)


def test_ranges_and_floats():
    assert check_scalar(0, "seed", min_val=0) == 0
    assert check_scalar(2, "verbose", min_val=0, max_val=2) == 2
    with pytest.raises(InvalidArgumentError, match="from 0 to 2; got 3"):
        check_scalar(3, "verbose", min_val=0, max_val=2)
    assert check_scalar(1e-3, "threshold", float, min_val=0, include_min=False) == 1e-3
    with pytest.raises(InvalidArgumentError, match="`threshold` must be a positive number; got 0"):
        check_scalar(0, "threshold", float, min_val=0, include_min=False)


def test_messages_have_no_python_only_words():
    with pytest.raises(InvalidArgumentError) as info:
        check_scalar(0, "epochs", allow_none=True)
    assert "None" not in str(info.value)


def test_arg_type_parses_text_like_r_doubles():
    parse = arg_type("--epochs")
    assert parse("2.0") == 2 and parse("3") == 3
    for bad in ("two", "0", "1.5"):
        with pytest.raises(argparse.ArgumentTypeError, match="`--epochs` must be a positive"):
            parse(bad)
