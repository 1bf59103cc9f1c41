"""Activation gallery: autodiff derivatives vs closed forms, regions as data."""

from __future__ import annotations

import numpy as np
import pytest

from keras_rparity.errors import InvalidChoiceError
from keras_rparity.lab.activations import (
    ACTIVATIONS,
    activation_gallery,
    activation_summary,
    autodiff,
    regions,
    resolve_activation,
    softmax_jacobian,
    softmax_jacobian_autodiff,
    summarize_activation,
)

EXPECTED = ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "softplus",
            "silu", "gelu", "mish", "softmax"]
GRID = np.round(np.linspace(-8.0, 8.0, 321), 10)  # includes the kink at 0


def test_the_twelve_activations_are_registered():
    assert list(ACTIVATIONS) == EXPECTED
    assert resolve_activation("swish").name == "silu"
    with pytest.raises(InvalidChoiceError, match="'mish'"):
        resolve_activation("swoosh")


@pytest.mark.parametrize("name", [n for n in EXPECTED if ACTIVATIONS[n].derivative])
def test_autodiff_matches_closed_form(name):
    spec = ACTIVATIONS[name]
    values, slopes = autodiff(name, GRID)
    np.testing.assert_allclose(values, spec.function(GRID), atol=1e-5, rtol=0)
    np.testing.assert_allclose(slopes, spec.derivative(GRID), atol=1e-5, rtol=0)


def test_softmax_jacobian_autodiff_matches_closed_form():
    for z in ([0.0, 0.0], [1.0, 2.0, 3.0], [5.0, -3.0, 0.5, 2.0]):
        jacobian = softmax_jacobian_autodiff(z)
        np.testing.assert_allclose(jacobian, softmax_jacobian(z), atol=1e-10)
        np.testing.assert_allclose(jacobian.sum(axis=0), 0.0, atol=1e-12)  # outputs sum to 1


def test_softmax_gallery_curve_is_a_jacobian_diagonal():
    _, slopes = autodiff("softmax", [0.3])
    assert slopes[0] == pytest.approx(softmax_jacobian([0.3, 0.0])[0, 0])


def test_sigmoid_saturates_at_both_ends():
    summary = summarize_activation("sigmoid")
    assert [r.describe() for r in summary.saturation] == ["x <= -6.91", "x >= 6.91"]
    assert summary.dead == ()
    assert 0 < summary.observed_min < 1e-4 and summary.max_abs_derivative == pytest.approx(0.25)


def test_relu_is_dead_for_non_positive_inputs_and_leaky_relu_is_not():
    relu = summarize_activation("relu")
    assert [r.describe() for r in relu.dead] == ["x <= 0"]
    leaky = summarize_activation("leaky_relu")
    assert leaky.dead == () and leaky.saturation == ()
    assert leaky.observed_min == pytest.approx(-2.0)  # Keras' slope 0.2


def test_summary_table_covers_every_activation():
    table = activation_summary()
    assert table["activation"].tolist() == EXPECTED
    assert {"output_range", "observed_min", "observed_max", "saturation", "dead"} <= set(table)
    rows = table.set_index("activation")
    assert rows.loc["linear", "saturation"] == "none"
    assert rows.loc["tanh", "saturation"] == "x <= -4.15; x >= 4.15"
    assert rows.loc["selu", "observed_min"] == pytest.approx(-1.7581, abs=1e-3)


def test_gallery_is_long_form():
    table = activation_gallery(["tanh", "relu"], x=[-1.0, 0.0, 1.0])
    assert table.shape == (6, 6)
    assert table.query("activation == 'relu'")["derivative"].tolist() == [0.0, 0.0, 1.0]


def test_regions_of_a_mask():
    x = np.arange(6.0)
    found = regions(x, np.array([True, False, True, True, False, True]))
    assert [r.describe() for r in found] == ["x <= 0", "[2, 3]", "x >= 5"]
    assert regions(x, np.ones(6, bool))[0].describe() == "all x"


@pytest.mark.parametrize("bad", [[], [[1.0]], [1.0, np.inf]])
def test_invalid_grids(bad):
    with pytest.raises(ValueError):
        summarize_activation("relu", bad)
