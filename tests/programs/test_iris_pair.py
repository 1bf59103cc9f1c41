"""The iris pair: the plain Python port equals the R program, to the last bit."""

from __future__ import annotations

import numpy as np
import pytest

from keras_rparity.data.iris import sepal_arrays
from keras_rparity.parity import compare_runs
from keras_rparity.programs.bundled import run_side
from keras_rparity.record import Knobs

pytestmark = pytest.mark.r

KNOBS = Knobs(epochs=5, keep_arrays=True)


@pytest.fixture(scope="module")
def runs(bridge):
    return {side: run_side("iris", side, KNOBS) for side in ("python", "r")}


@pytest.mark.parametrize("loss", ["mean_squared_error", "mean_absolute_error"])
def test_losses_equal_to_the_last_bit(runs, loss):
    report = compare_runs(runs["r"], runs["python"])
    fit = report.fit(loss)
    assert fit.epochs == {"r": 5, "python": 5}
    assert fit.max_abs_diff == 0.0
    np.testing.assert_array_equal(runs["r"].history(loss)["loss"],
                                  runs["python"].history(loss)["loss"])
    assert fit.weights_max_abs_diff == 0.0
    assert fit.exact


def test_shapes_and_parameter_counts(runs):
    for side in ("r", "python"):
        for fit in runs[side].fits:
            assert fit.input_shape == (None, 1)
            assert fit.output_shape == (None, 1)
            assert fit.param_count == 32 * 1 + 32 + 32 * 1 + 1
            assert fit.x.shape == (150, 1) and fit.y.shape == (150, 1)


def test_python_arrays_equal_the_ones_r_built(runs):
    x, y = sepal_arrays()
    r_x, r_y = runs["r"].fits[0].arrays  # as Keras got them: R's doubles as float32
    assert r_x.dtype == np.float32
    np.testing.assert_array_equal(r_x, x.astype(np.float32))
    np.testing.assert_array_equal(r_y, y.astype(np.float32))
    py_x, py_y = runs["python"].fits[0].arrays  # the plain port's own reading of iris.csv
    np.testing.assert_array_equal(py_x, x)
    np.testing.assert_array_equal(py_y, y)


def test_losses_decrease(runs):
    for fit in runs["python"].fits:
        assert fit.history["loss"].iloc[-1] < fit.history["loss"].iloc[0]


@pytest.mark.parametrize("side", ["python", "r"])
def test_rerun_of_one_side_is_bitwise_identical(runs, side):
    again = run_side("iris", side, KNOBS)
    for first, second in zip(runs[side].fits, again.fits, strict=True):
        np.testing.assert_array_equal(first.history["loss"], second.history["loss"])


def test_a_different_seed_changes_the_numbers(runs):
    other = run_side("iris", "python", Knobs(epochs=5, seed=7))
    assert not np.array_equal(other.fits[0].history["loss"], runs["python"].fits[0].history["loss"])
