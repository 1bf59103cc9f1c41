"""The first difference, on hand-made fit records (no training): kinds, order, wording."""

from __future__ import annotations

import numpy as np

from keras_rparity.parity.compare import compare_fits
from keras_rparity.parity.data_causes import column_major, data_cause
from keras_rparity.parity.explain import (
    describe_array_difference,
    explain_fit,
    first_difference,
)
from keras_rparity.parity.ulps import max_ulps, ulp_distance
from keras_rparity.record import ArrayFingerprint, FitRecord, history_frame

X = np.arange(12.0).reshape(6, 2)


def record(x=X, losses=(3.0, 2.0), initial=None, final=None, optimizer=None, label="mse"):
    y = np.zeros((6, 1))
    weights = [np.ones((2, 1), np.float32), np.zeros(1, np.float32)]
    return FitRecord(
        label=label, loss="mean_squared_error", history=history_frame({"loss": list(losses)}),
        x=ArrayFingerprint.of(x), y=ArrayFingerprint.of(y), input_shape=(None, 2),
        output_shape=(None, 1), param_count=3, output_activation="linear",
        weights=final if final is not None else weights, seconds=0.0, arrays=(x, y),
        initial_weights=initial if initial is not None else weights,
        optimizer=optimizer or {"class": "Adam", "learning_rate": 0.001})


def test_equal_records_have_no_difference():
    assert explain_fit(compare_fits(record(), record())) is None


def test_column_major_data_is_recognised():
    r_x = X.ravel(order="C").reshape(6, 2, order="F")
    found = explain_fit(compare_fits(record(x=r_x), record()))
    assert found.kind == "data" and found.fit == 1
    assert "`x` differs first at index [0, 1]: R 6, Python 1" in found.message
    assert "column-major" in found.message


def test_reordered_rows_are_named():
    shuffled = describe_array_difference("x", X[::-1], X, data_cause(X[::-1], X))
    assert "same values in a different order" in shuffled
    assert column_major(X[::-1], X) is None


def test_data_is_compared_as_keras_trains_on_it():
    """R hands doubles to fit, a port may hand float32: both train on the same float32."""
    thirds = np.full((6, 2), 1 / 3)
    r_side, py_side = record(x=thirds), record(x=thirds.astype(np.float32))
    fit = compare_fits(r_side, py_side)
    assert fit.data_equal and explain_fit(fit) is None
    nudged = compare_fits(record(x=thirds + 1e-3), py_side)
    assert not nudged.data_equal and explain_fit(nudged).kind == "data"


def test_reversed_dimensions_are_named():
    found = explain_fit(compare_fits(record(x=X.T), record()))
    assert found.kind == "data" and "dimensions reversed" in found.message


def test_initial_weights_in_another_order_mean_layer_order():
    a = [np.ones((2, 2), np.float32), np.zeros((2, 2), np.float32)]
    found = explain_fit(compare_fits(record(initial=a), record(initial=a[::-1])))
    assert found.kind == "initial_weights"
    assert "layers were created in a different order" in found.message


def test_other_initial_weights_mean_the_seed(seed=None):
    other = [np.full((2, 1), 0.5, np.float32), np.zeros(1, np.float32)]
    found = explain_fit(compare_fits(record(initial=other), record()))
    assert found.kind == "initial_weights"
    assert "weight array 1 of 2, shape (2, 1), max |diff| 0.5" in found.message
    assert "set_random_seed(42)" in found.fix and "drop --seed none" in found.fix


def test_data_is_checked_before_weights_and_metrics():
    other = [np.full((2, 1), 0.5, np.float32), np.zeros(1, np.float32)]
    found = explain_fit(compare_fits(record(x=X + 1, initial=other, losses=(9.0, 9.0)),
                                     record()))
    assert found.kind == "data"


def test_optimizer_settings_are_named_when_the_metrics_differ():
    sgd = {"class": "SGD", "learning_rate": 0.01, "momentum": 0.9}
    found = explain_fit(compare_fits(record(optimizer=sgd, losses=(3.0, 2.5)), record()))
    assert found.kind == "optimizer"
    assert "class: R 'SGD', Python 'Adam'" in found.message
    assert "momentum: R 0.9, Python None" in found.message
    assert "from epoch 2 on" in found.message


def test_metrics_report_epoch_values_and_ulps():
    off = float(np.nextafter(np.float32(2.0), np.float32(3.0)))
    fit = compare_fits(record(losses=(3.0, off)), record())
    found = explain_fit(fit)
    assert found.kind == "metrics"
    assert "loss differs first at epoch 2: R 2.00000024, Python 2" in found.message
    assert "1 float32 ULPs" in found.message
    assert fit.max_ulps == 1
    assert fit.within(ulps=1) and not fit.within(ulps=0)
    assert fit.within(tolerance=off - 2.0) and not fit.within(tolerance=(off - 2.0) / 2)
    assert explain_fit(fit, ulps=1) is None


def test_final_weights_are_compared_last():
    final = [np.full((2, 1), 2.0, np.float32), np.zeros(1, np.float32)]
    found = explain_fit(compare_fits(record(final=final), record()))
    assert found.kind == "final_weights"


def test_fit_count_comes_first():
    r_fits = [record(), record(label="mae")]
    py_fits = [record(x=X + 1)]
    found = first_difference(r_fits, py_fits, [compare_fits(r_fits[0], py_fits[0])])
    assert found.kind == "fit_count" and found.fit is None
    assert "R has fit 2 ('mae') that Python does not" in found.message


def test_ulp_distances():
    one = np.float32(1.0)
    assert int(ulp_distance(one, np.nextafter(one, np.float32(0.0)))) == 1
    assert int(ulp_distance(-0.0, 0.0)) == 0
    assert int(ulp_distance(np.nextafter(np.float32(0), np.float32(1)),
                            -np.nextafter(np.float32(0), np.float32(1)))) == 2
    assert max_ulps([np.nan], [1.0]) == -1 and max_ulps([np.nan], [np.nan]) == 0


def test_no_fit_on_either_side_is_explained():
    found = first_difference([], [], [])
    assert found.kind == "fit_count" and "neither program called fit()" in found.message


def test_with_a_tolerance_the_first_epoch_that_breaks_it_is_named():
    one_ulp = float(np.nextafter(np.float32(3.0), np.float32(4.0)))
    fit = compare_fits(record(losses=(one_ulp, 2.5)), record())
    exact = explain_fit(fit)
    assert "differs first at epoch 1" in exact.message
    found = explain_fit(fit, tolerance=1e-3)
    assert found.kind == "metrics" and "differs first at epoch 2" in found.message
    assert "(tolerance 0.001)" in found.message
    assert "differs first at epoch 2" in explain_fit(fit, ulps=4).message


def test_with_a_tolerance_a_differing_optimizer_names_the_epoch_that_breaks_it():
    sgd = {"class": "SGD", "learning_rate": 0.01}
    one_ulp = float(np.nextafter(np.float32(3.0), np.float32(4.0)))
    found = explain_fit(compare_fits(record(optimizer=sgd, losses=(one_ulp, 2.5)), record()),
                        tolerance=1e-3)
    assert found.kind == "optimizer" and "from epoch 2 on" in found.message


def test_indexes_are_numpy_s_for_python_users_and_r_s_for_r_users():
    r_x = X.copy()
    r_x[2, 1] = -1.0
    found = explain_fit(compare_fits(record(x=r_x), record()))
    assert "`x` differs first at index [2, 1]: R -1, Python 5" in str(found)
    assert "`x` differs first at x[3, 2]: R -1, Python 5" in found.describe("r")
    assert found.describe("python") == str(found)


def test_nan_on_one_side_only_is_named_as_such():
    found = explain_fit(compare_fits(record(losses=(3.0, float("nan"))), record()),
                        tolerance=1.0)
    assert found.kind == "metrics"
    assert "loss differs first at epoch 2: R nan, Python 2 (NaN on one side only" in \
        found.message
