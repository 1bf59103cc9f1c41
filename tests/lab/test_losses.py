"""Loss worked examples: numpy references, Keras, validation and the sides registry."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from keras_rparity.errors import InvalidChoiceError, LossLabelMismatchError
from keras_rparity.lab import loss_table
from keras_rparity.lab.loss_table import (
    SEED_INPUTS,
    SEED_VALUES,
    compare_loss,
    random_inputs,
    register_loss_side,
    worked_examples,
)
from keras_rparity.lab.losses import (
    LOSSES,
    keras_loss,
    prepare_inputs,
    reference_loss,
    resolve_loss,
)

ALL_LOSSES = list(LOSSES)
CLASSES3 = [[0.1, 0.2, 0.7], [0.2, 0.6, 0.2]]


def close(a: float, b: float, tol: float = 1e-6) -> bool:
    return abs(a - b) <= tol * max(1.0, abs(b))


@pytest.mark.parametrize(("name", "expected"), [
    ("binary_crossentropy", 0.23617), ("mean_squared_error", 0.2875),
    ("categorical_crossentropy", 0.43375), ("sparse_categorical_crossentropy", 0.43375),
    ("mean_absolute_error", 0.475),
])
def test_seed_numbers(name, expected):
    y, p = SEED_INPUTS[name]
    assert reference_loss(name, y, p) == pytest.approx(expected, abs=1e-5)
    assert keras_loss(name, y, p) == pytest.approx(expected, abs=1e-5)
    assert SEED_VALUES[name] == pytest.approx(expected, abs=1e-5)


@pytest.mark.parametrize("name", ALL_LOSSES)
def test_numpy_and_keras_agree_on_seed_and_random_inputs(name):
    cases = [SEED_INPUTS[name]]
    rng = np.random.default_rng(123)
    cases += [random_inputs(name, rng, n=50, classes=c) for c in (2, 4, 7)]
    for y, p in cases:
        assert close(keras_loss(name, y, p), reference_loss(name, y, p))


@pytest.mark.parametrize("name", ["binary_crossentropy", "categorical_crossentropy",
                                  "sparse_categorical_crossentropy"])
def test_from_logits_reference_matches_keras(name):
    rng = np.random.default_rng(5)
    y, _ = random_inputs(name, rng, n=40, classes=4)
    logits = rng.normal(0, 6, y.shape if name == "binary_crossentropy" else (40, 4))
    assert close(keras_loss(name, y, logits, from_logits=True),
                 reference_loss(name, y, logits, from_logits=True))


def test_clipping_uses_float32_bounds_like_keras():
    # 1 - 1e-7 rounds to 0.99999988 in float32: a confident wrong 1 costs 15.942, not 16.118
    value = reference_loss("bce", [0.0], [1.0])
    assert value == pytest.approx(-np.log(1.1920929e-07), rel=1e-6)
    assert close(keras_loss("bce", [0.0], [1.0]), value)
    assert reference_loss("bce", [0.0], [1.0], dtype="float64") == pytest.approx(16.118, abs=1e-3)


def test_categorical_rows_are_renormalised_like_keras():
    y, p = [[0, 1, 0]], [[0.2, 0.4, 0.4]]  # sums to 1
    unnormalised = [[0.4, 0.8, 0.8]]
    assert reference_loss("cce", y, unnormalised) == pytest.approx(reference_loss("cce", y, p))
    assert close(keras_loss("cce", y, unnormalised), reference_loss("cce", y, unnormalised))


@pytest.mark.parametrize("labels", [[2, 1], [[2], [1]], (2, 1), np.array([2, 1])])
def test_sparse_labels_accept_plain_lists(labels):
    assert keras_loss("scce", labels, CLASSES3) == pytest.approx(0.43375, abs=1e-5)


def test_registry_aliases_and_invalid_choice():
    for alias in ("mse", "mean_squared_error", "MeanSquaredError", "Mean-Squared-Error"):
        assert resolve_loss(alias).name == "mean_squared_error"
    assert resolve_loss("bce").name == "binary_crossentropy"
    assert resolve_loss("scce").keras_class == "SparseCategoricalCrossentropy"
    with pytest.raises(InvalidChoiceError) as info:
        resolve_loss("hinge")
    assert "'mse'" in str(info.value) and "'sparse_categorical_crossentropy'" in str(info.value)


def test_onehot_labels_with_sparse_loss_raise():
    with pytest.raises(LossLabelMismatchError, match="categorical_crossentropy for one-hot"):
        prepare_inputs("scce", [[0, 0, 1], [0, 1, 0]], CLASSES3)


def test_integer_labels_with_categorical_loss_raise():
    with pytest.raises(LossLabelMismatchError, match="sparse_categorical_crossentropy"):
        keras_loss("cce", [2, 1], CLASSES3)


@pytest.mark.parametrize(("name", "y", "p"), [
    ("mse", [1.0, 2.0, 3.0], [1.0, 2.0]),
    ("bce", [1, 0], [0.5, 0.5, 0.5]),
    ("scce", [2, 1, 0], CLASSES3),
    ("cce", [[0, 0, 1]], CLASSES3),
])
def test_length_mismatch_raises(name, y, p):
    with pytest.raises(LossLabelMismatchError, match="examples"):
        prepare_inputs(name, y, p)


@pytest.mark.parametrize(("name", "y", "p", "match"), [
    ("bce", [0, 2], [0.5, 0.5], r"\[0, 1\]"),
    ("scce", [3, 1], CLASSES3, "0..2"),
    ("scce", [1.5, 1], CLASSES3, "whole numbers"),
    ("scce", [1, 0], [0.3, 0.7], "one column per class"),
    ("mse", [[1, 2], [3]], [1.0, 2.0], "rectangular"),
    ("mse", [1.0, float("nan")], [1.0, 2.0], "NaN"),
])
def test_other_label_errors(name, y, p, match):
    with pytest.raises(LossLabelMismatchError, match=match):
        prepare_inputs(name, y, p)


def test_from_logits_rejected_for_regression_losses():
    with pytest.raises(InvalidChoiceError, match="from_logits"):
        reference_loss("mse", [1.0], [1.0], from_logits=True)


def test_column_vectors_match_flat_labels():
    assert close(keras_loss("bce", [[1], [0]], [0.8, 0.3]), reference_loss("bce", [1, 0],
                                                                            [[0.8], [0.3]]))


def test_compare_loss_is_tidy_and_a_third_side_plugs_in(monkeypatch):
    monkeypatch.setattr(loss_table, "LOSS_SIDES", dict(loss_table.BUILTIN_SIDES))
    received = {}

    def fake_r(loss_name, y_true, y_pred):
        received.update(name=loss_name, y=y_true, p=y_pred)
        return loss_table.numpy_side(loss_name, y_true, y_pred) + 1e-3

    register_loss_side("r", fake_r)
    with pytest.raises(ValueError, match="already registered"):
        register_loss_side("r", fake_r)
    table = compare_loss("SparseCategoricalCrossentropy", [[2], [1]], CLASSES3, inputs="seed")
    assert list(table.columns) == ["loss", "inputs", "side", "value", "abs_diff"]
    assert table["side"].tolist() == ["numpy", "keras", "r"]
    assert received["name"] == "sparse_categorical_crossentropy"
    assert received["y"].dtype == np.int64 and received["y"].shape == (2,)
    assert table.set_index("side").loc["r", "abs_diff"] == pytest.approx(1e-3)


def test_compare_loss_needs_the_reference_side():
    with pytest.raises(InvalidChoiceError, match="numpy"):
        compare_loss("mse", [1.0], [1.0], sides={"keras": loss_table.keras_side})


def test_worked_examples_table():
    table = worked_examples(seed=1, n=32)
    assert isinstance(table, pd.DataFrame)
    assert set(table["loss"]) == set(LOSSES) and set(table["side"]) == {"numpy", "keras"}
    assert len(table) == len(LOSSES) * 2 * 2
    keras_rows = table[table["side"] == "keras"]
    assert (keras_rows["abs_diff"] <= 1e-6 * np.maximum(1, keras_rows["value"])).all()
