"""The one table of knob limits, and the seed rule: 42 on both sides unless told
otherwise; ``None`` (``none``, R's ``NULL``/``NA``) for programs that seed themselves."""

from __future__ import annotations

import argparse
import inspect

import pytest

from keras_rparity import api, validation
from keras_rparity.errors import InvalidArgumentError
from keras_rparity.record.knobs import (
    KNOB_CONSTRAINTS,
    Knobs,
    check_knob,
    knob_arg_type,
    parse_knob,
)
from keras_rparity.validation import DEFAULT_SEED


def test_every_entry_point_seeds_42_by_default():
    assert Knobs().seed == DEFAULT_SEED == 42
    for function in (api.compare, api.parity, api.history, api.parity_table,
                     api.parity_epochs, api.plot_parity):
        assert inspect.signature(function).parameters["seed"].default == DEFAULT_SEED, function


@pytest.mark.parametrize("text", ["none", "None", " NONE "])
def test_none_as_text_means_the_programs_seed_themselves(text):
    assert parse_knob("seed", text) is None
    assert knob_arg_type("seed", "--seed")(text) is None


def test_none_is_refused_where_a_knob_needs_a_value():
    with pytest.raises(argparse.ArgumentTypeError, match="`--verbose` must be a whole number"):
        knob_arg_type("verbose", "--verbose")("none")


@pytest.mark.parametrize(("knob", "bad"), [("seed", -1), ("epochs", 0), ("per_class", 0.5),
                                           ("verbose", 3), ("tolerance", -1e-9), ("ulps", -1)])
def test_the_table_s_limits_are_checked_with_the_name_the_user_wrote(knob, bad):
    with pytest.raises(InvalidArgumentError, match=f"`--{knob}` must be"):
        check_knob(knob, bad, f"--{knob}")
    assert set(KNOB_CONSTRAINTS) == {"seed", "epochs", "per_class", "verbose", "tolerance",
                                     "ulps"}


def test_r_s_na_is_no_seed_from_r_only(monkeypatch):
    with pytest.raises(InvalidArgumentError):
        Knobs(seed=float("nan"))  # a NaN from Python is a mistake, not R's NA
    monkeypatch.setattr(validation, "_called_from_r", lambda: True)
    for na in (True, float("nan"), validation.R_NA_INTEGER):  # logical, real, integer NA
        assert Knobs(seed=na).seed is None
    with pytest.raises(InvalidArgumentError, match="NA"):
        Knobs(epochs=float("nan"))  # only the seed reads NA as "not set"
