"""The third side: every loss computed by Keras from R equals Keras from Python to the
last bit, and agrees with the numpy reference to 1e-6 (float32 rounding and clipping)."""

from __future__ import annotations

import numpy as np
import pytest

from keras_rparity.lab.loss_table import worked_examples

pytestmark = pytest.mark.r


@pytest.fixture(scope="module")
def table(bridge):
    from keras_rparity.lab.r_side import sides_with_r

    return worked_examples(sides=sides_with_r(), seed=3, n=50)


def _values(table, side):
    rows = table[table["side"] == side].set_index(["loss", "inputs"])["value"]
    return rows.sort_index()


def test_every_loss_and_input_has_all_three_sides(table):
    assert set(table["side"]) == {"numpy", "keras", "r"}
    assert set(table["loss"]) == {"binary_crossentropy", "mean_squared_error",
                                  "mean_absolute_error", "categorical_crossentropy",
                                  "sparse_categorical_crossentropy"}
    assert table.groupby(["loss", "inputs"]).size().eq(3).all()
    assert {"seed"} < set(table["inputs"])


def test_r_equals_python_keras_bitwise(table):
    r, keras = _values(table, "r"), _values(table, "keras")
    np.testing.assert_array_equal(r.to_numpy(), keras.to_numpy())


def test_both_agree_with_the_numpy_reference(table):
    r, reference = _values(table, "r"), _values(table, "numpy")
    np.testing.assert_allclose(r.to_numpy(), reference.to_numpy(), rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize(("loss", "expected"), [
    ("binary_crossentropy", 0.23617), ("mean_squared_error", 0.2875),
    ("categorical_crossentropy", 0.43375), ("sparse_categorical_crossentropy", 0.43375)])
def test_seed_numbers_from_r(table, loss, expected):
    value = _values(table, "r")[(loss, "seed")]
    assert value == pytest.approx(expected, abs=1e-5)


def test_r_receives_plain_r_vectors(bridge):
    # The R side sees what an R user has: R doubles, not a NumPy object.
    seen = bridge.call("function(x) c(typeof(x), inherits(x, 'python.builtin.object'))",
                       np.array([1.0, 2.0]))
    assert list(seen) == ["double", "FALSE"]
