"""keras_rparity.testing.assert_parity: passes on parity, else a readable AssertionError."""

from __future__ import annotations

import pytest

from keras_rparity.testing import assert_parity, parity_message

pytestmark = pytest.mark.r

KNOBS = {"seed": 42, "epochs": 2}


def test_a_pair_in_parity_passes_and_returns_the_report(bridge, iris_pair):
    r, python = iris_pair()
    report = assert_parity(r, python, **KNOBS)
    assert report.exact and [f.label for f in report.fits] == ["mean_squared_error",
                                                              "mean_absolute_error"]
    assert parity_message(report).startswith("iris_regression: PARITY HOLDS, bitwise equal")


def test_a_broken_pair_fails_with_the_difference_and_the_epoch_table(bridge, iris_pair):
    r, python = iris_pair(broken=True)
    with pytest.raises(AssertionError) as failure:
        assert_parity(r, python, **KNOBS)
    message = str(failure.value)
    lines = message.splitlines()
    assert lines[0] == "iris_regression: PARITY FAILS (2 fit(s) in R, 2 in Python)."
    assert "learning_rate: R 0.001, Python 0.01" in message
    assert "Per fit:" in message and "Per epoch, fit 1 (mean_squared_error)" in message
    header = lines[lines.index(next(x for x in lines if x.startswith("Per epoch"))) + 1]
    assert header.split() == ["epoch", "metric", "r", "python", "abs_diff", "ulps"]
    assert len([x for x in lines if x.split()[:2] in (["1", "loss"], ["2", "loss"])]) == 2


def test_a_tolerance_wide_enough_accepts_the_difference_and_says_so(bridge, iris_pair):
    r, python = iris_pair(broken=True)
    report = assert_parity(r, python, tolerance=10.0, **KNOBS)
    assert report.verdict and not report.exact
    assert "within tolerance 10" in parity_message(report)
