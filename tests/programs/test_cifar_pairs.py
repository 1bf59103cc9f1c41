"""CIFAR-10 experiments: R equals Python to the last bit (on the CIFAR-format FIXTURE)."""

from __future__ import annotations

import numpy as np
import pytest

from keras_rparity.parity import compare_runs
from keras_rparity.programs.bundled import run_side
from keras_rparity.record import Knobs

pytestmark = pytest.mark.r

KNOBS = Knobs(epochs=2, per_class=10, keep_arrays=True)


@pytest.fixture(scope="module")
def runs(bridge, cifar10_fixture_home):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KERAS_HOME", str(cifar10_fixture_home))
        return {(name, side): run_side(name, side, KNOBS)
                for name in ("bird_vs_plane", "cifar10") for side in ("python", "r")}


@pytest.mark.parametrize("name", ["bird_vs_plane", "cifar10"])
def test_loss_and_accuracy_equal_to_the_last_bit(runs, name):
    report = compare_runs(runs[name, "r"], runs[name, "python"])
    (fit,) = report.fits
    assert set(fit.per_epoch["metric"]) == {"loss", "accuracy"}
    assert fit.max_abs_diff == 0.0
    assert fit.weights_max_abs_diff == 0.0
    assert fit.shapes_equal and fit.params_equal and fit.data_equal
    assert fit.exact


def test_bird_vs_plane_shapes_and_labels(runs):
    for side in ("r", "python"):
        fit = runs["bird_vs_plane", side].fits[0]
        assert fit.x.shape == (20, 32, 32, 3) and fit.y.shape == (20,)
        assert fit.input_shape == (None, 32, 32, 3) and fit.output_shape == (None, 1)
        assert fit.param_count == 17257
        assert fit.output_activation == "sigmoid"
    _, y = runs["bird_vs_plane", "r"].fits[0].arrays
    np.testing.assert_array_equal(y, [0.0] * 10 + [1.0] * 10)  # birds first, then planes


def test_multiclass_shapes(runs):
    for side in ("r", "python"):
        fit = runs["cifar10", side].fits[0]
        assert fit.x.shape == (100, 32, 32, 3) and fit.y.shape == (100, 1)
        assert fit.output_shape == (None, 10)
        assert fit.param_count == 17257 - 33 + 330
        assert fit.loss == "sparse_categorical_crossentropy"


@pytest.mark.parametrize("name", ["bird_vs_plane", "cifar10"])
def test_prepared_arrays_equal(runs, name):
    r_x, r_y = runs[name, "r"].fits[0].arrays
    py_x, py_y = runs[name, "python"].fits[0].arrays
    # R's side is recorded as keras.Model.fit got it: R's doubles as float32
    assert (r_x.dtype, py_x.dtype) == (np.float32, np.float64)
    np.testing.assert_array_equal(r_x, py_x.astype(np.float32))
    np.testing.assert_array_equal(r_y.astype(np.float64), py_y.astype(np.float64))
    assert r_x.min() >= 0.0 and r_x.max() <= 1.0


def test_runs_are_labelled_as_fixture_data(runs):
    for run in runs.values():
        assert run.data_sources == {"cifar10": "fixture"}
