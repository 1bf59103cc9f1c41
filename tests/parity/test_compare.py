"""Comparing fit records: differences are found and reported, never rounded away."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from keras_rparity.parity.compare import compare_fits
from keras_rparity.record import ArrayFingerprint, FitRecord, history_frame


def record(losses, x=None, params=97, weights=None) -> FitRecord:
    x = np.arange(6.0).reshape(3, 2) if x is None else x
    y = np.array([[0.0], [1.0], [1.0]])
    return FitRecord(
        label="mean_squared_error", loss="mean_squared_error",
        history=history_frame({"loss": losses, "mae": [v / 2 for v in losses]}),
        x=ArrayFingerprint.of(x), y=ArrayFingerprint.of(y),
        input_shape=(None, 2), output_shape=(None, 1), param_count=params,
        output_activation="linear",
        weights=weights if weights is not None else [np.ones((2, 1), np.float32)],
        seconds=1.0)


def test_identical_records_are_exact():
    fit = compare_fits(record([3.0, 2.0]), record([3.0, 2.0]))
    assert fit.exact and fit.max_abs_diff == 0.0 and fit.data_equal


def test_one_ulp_in_one_epoch_is_not_exact():
    off = float(np.nextafter(np.float32(2.0), np.float32(3.0)))
    fit = compare_fits(record([3.0, off]), record([3.0, 2.0]))
    assert not fit.exact
    assert fit.max_abs_diff == pytest.approx(off - 2.0)
    losses = fit.losses()
    assert list(losses["abs_diff"]) == [0.0, off - 2.0]


def test_metrics_other_than_loss_are_compared():
    a, b = record([3.0, 2.0]), record([3.0, 2.0])
    b.history.loc[1, "mae"] = 0.5
    fit = compare_fits(a, b)
    assert fit.per_epoch_max("mae") == 0.5 and not fit.exact


def test_different_data_parameters_and_weights_are_reported():
    other_x = np.arange(6.0).reshape(3, 2) + 1e-12
    fit = compare_fits(record([1.0], x=other_x, params=98,
                              weights=[np.zeros((2, 1), np.float32)]), record([1.0]))
    assert not fit.data_equal and not fit.params_equal
    assert fit.weights_max_abs_diff == 1.0
    assert not fit.exact


def test_dtype_differences_alone_do_not_break_data_equality():
    labels_r = np.array([[2], [0]], dtype=np.int32)
    labels_py = np.array([[2], [0]], dtype=np.uint8)
    assert ArrayFingerprint.of(labels_r).digest == ArrayFingerprint.of(labels_py).digest


def test_a_metric_on_one_side_only_is_a_reported_difference():
    from keras_rparity.parity.explain import explain_fit

    a, b = record([1.0]), record([1.0])
    a.history = pd.DataFrame({"epoch": [1], "loss": [1.0]})
    fit = compare_fits(a, b)
    assert not fit.exact and not fit.metrics_equal
    difference = explain_fit(fit)
    assert difference.kind == "metrics"
    assert "only Python recorded 'mae' at epoch 1" in difference.message


@pytest.mark.parametrize("acceptance", [{}, {"tolerance": 1e-3}, {"ulps": 2}])
def test_nan_on_both_sides_is_the_same_in_metrics_and_weights(acceptance):
    nan_weights = [np.array([[np.nan], [1.0]], np.float32)]
    a = record([np.inf, np.nan], weights=nan_weights)
    b = record([np.inf, np.nan], weights=[w.copy() for w in nan_weights])
    fit = compare_fits(a, b)
    assert fit.weights_max_abs_diff == 0.0 and fit.weights_max_ulps == 0
    assert fit.max_abs_diff == 0.0 and fit.max_ulps == 0
    assert fit.exact and fit.within(**acceptance)


@pytest.mark.parametrize("acceptance", [{}, {"tolerance": 1e30}, {"ulps": 10**9}])
def test_nan_against_a_number_is_never_within(acceptance):
    fit = compare_fits(record([1.0, np.nan]), record([1.0, 2.0]))
    assert not fit.exact and not fit.within(**acceptance)
    weights = compare_fits(record([1.0], weights=[np.array([[np.nan], [1.0]], np.float32)]),
                           record([1.0]))
    assert np.isnan(weights.weights_max_abs_diff) and not weights.within(**acceptance)
