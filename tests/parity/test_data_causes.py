"""The classic porting mistakes are recognised from the numbers and named with their fix."""

from __future__ import annotations

import numpy as np
import pytest

from keras_rparity.parity.compare import compare_fits
from keras_rparity.parity.data_causes import data_cause, shape_cause
from keras_rparity.parity.explain import explain_fit
from keras_rparity.record import ArrayFingerprint, FitRecord, history_frame

RNG = np.random.default_rng(0)
FEATURES = RNG.normal(5.0, 2.0, size=(30, 3))
LABELS = RNG.integers(0, 3, size=(30, 1)).astype(np.float64)


def record(x=FEATURES, y=LABELS) -> FitRecord:
    weights = [np.ones((3, 1), np.float32)]
    return FitRecord(
        label="m", loss="mse", history=history_frame({"loss": [1.0]}),
        x=ArrayFingerprint.of(x), y=ArrayFingerprint.of(y), input_shape=(None, 3),
        output_shape=(None, 1), param_count=3, output_activation="linear", weights=weights,
        seconds=0.0, arrays=(x, y), initial_weights=weights)


def explained(r_x=FEATURES, py_x=FEATURES, r_y=LABELS, py_y=LABELS):
    found = explain_fit(compare_fits(record(r_x, r_y), record(py_x, py_y)))
    assert found is not None and found.kind == "data"
    return found


def test_r_scale_against_numpy_std_is_sd_n_minus_1_with_both_fixes():
    centred = FEATURES - FEATURES.mean(axis=0)
    r_scaled, py_scaled = centred / FEATURES.std(axis=0, ddof=1), centred / FEATURES.std(axis=0)
    found = explained(r_x=r_scaled, py_x=py_scaled)
    assert found.cause == "sd_n_minus_1"
    assert "with n = 30" in found.message and "R divided by a standard deviation computed " \
        "with n - 1, Python with n" in found.message
    assert "ddof=1" in found.fix and "sqrt((n - 1) / n)" in found.fix


def test_scaled_data_with_an_offset_still_shows_the_ratio_and_either_side_is_named():
    centred = FEATURES - FEATURES.mean(axis=0)
    r_x, py_x = centred / FEATURES.std(axis=0) + 10, centred / FEATURES.std(axis=0, ddof=1) + 10
    found = explained(r_x=r_x.astype(np.float32), py_x=py_x.astype(np.float32))
    assert found.cause == "sd_n_minus_1"
    assert "Python divided by a standard deviation computed with n - 1, R with n" in \
        found.message


def test_a_ratio_that_is_no_sample_size_is_not_called_sd():
    assert data_cause(FEATURES * 1.3, FEATURES) is None


def test_labels_from_one_against_labels_from_zero_name_both_ranges():
    found = explained(r_y=LABELS + 1)
    assert found.cause == "labels_from_one"
    assert "exactly 1 larger in R than in Python" in found.message and "(1..3)" in found.message
    assert "as.integer(y) - 1L" in found.fix
    assert data_cause(LABELS, LABELS + 1).explanation.startswith(
        "Every element is exactly 1 larger in Python than in R")


def test_a_consistent_renumbering_of_the_classes_is_the_class_order():
    permuted = np.array([2.0, 0.0, 1.0])[LABELS.astype(int)]
    found = explained(r_y=permuted)
    assert found.cause == "class_order" and "R 0 = Python 1" in found.message
    assert "factor(x, levels = " in found.fix and "pd.Categorical(x, categories=" in found.fix


def test_integer_division_on_one_side():
    fractions = FEATURES / 7
    found = explained(r_x=np.floor(fractions), py_x=fractions)
    assert found.cause == "integer_division" and "R's values are Python's cut" in found.message


def test_values_rounded_on_one_side_and_halves_rounded_differently():
    found = explained(py_x=np.round(FEATURES, 2))
    assert found.cause == "rounded" and "Python's values are R's rounded to 2 decimal(s)" \
        in found.message
    halves = np.array([[0.5, 1.5, 2.5], [3.25, 1.0, 4.0]])
    up = np.floor(halves + 0.5)
    cause = data_cause(up, np.round(halves))
    assert cause.name == "rounded_halves" and "floor(x + 0.5)" in cause.explanation


def test_a_dropped_dimension_is_named_with_drop_false():
    found = explained(r_y=LABELS.ravel())
    assert found.cause == "dropped_dimension" and "Python" not in found.message.split(":")[1][:4]
    assert "`y` has shape (30,) in R but (30, 1) in Python" in found.message
    assert "drop = FALSE" in found.fix and "reshape(-1, 1)" in found.fix
    assert shape_cause((30, 1), (30,)).explanation.startswith(
        "The same sizes but for a dimension of length 1 that Python dropped")


@pytest.mark.parametrize("kind", ["normal", "labels"])
def test_random_data_drawn_on_each_side_can_never_match(kind):
    r_gen, py_gen = np.random.default_rng(1), np.random.default_rng(2)
    if kind == "normal":
        r, py = r_gen.normal(size=(200, 2)), py_gen.normal(size=(200, 2))
    else:
        r, py = (g.integers(0, 4, size=(400, 1)).astype(float) for g in (r_gen, py_gen))
    cause = data_cause(r, py)
    assert cause is not None and cause.name == "random_draws"
    assert "can never match" in cause.explanation and "write.csv" in cause.fix


def test_unrelated_data_of_other_distributions_is_not_called_random():
    assert data_cause(FEATURES, FEATURES[::-1] * 3 + 100) is None
