"""Seed 000's activation x optimizer pairs on real Fashion-MNIST: R equals Python."""

from __future__ import annotations

import pytest

from keras_rparity.parity import run_parity
from keras_rparity.programs.bundled import BUNDLED_PAIRS
from keras_rparity.record import Knobs

pytestmark = pytest.mark.r


@pytest.fixture(scope="module")
def report(bridge):
    return run_parity("activation_optimizer", Knobs(epochs=2, per_class=20))


def test_every_pair_is_bitwise_equal_including_validation(report):
    assert [f.label for f in report.fits] == list(BUNDLED_PAIRS["activation_optimizer"].fits)
    for fit in report.fits:
        assert set(fit.per_epoch["metric"]) == {"loss", "accuracy", "val_loss", "val_accuracy"}
        assert fit.max_abs_diff == 0.0, fit.label
        assert fit.exact, fit.label


def test_data_shapes_follow_the_size_knob(report):
    fit = report.fits[0]
    assert fit.x_shape == {"r": (200, 28, 28, 1), "python": (200, 28, 28, 1)}
    assert fit.y_shape == {"r": (200, 10), "python": (200, 10)}
    assert fit.param_count["r"] == (3 * 3 * 1 * 32 + 32) + (13 * 13 * 32 * 10 + 10)


def test_real_fashion_mnist_was_used(report):
    for side in ("r", "python"):
        assert report.data_sources[side]["fashion_mnist"].startswith("fashion_mnist: Keras cache")
