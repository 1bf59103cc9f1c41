"""The tutorial's figures as tables, and its central gradient argument."""

from __future__ import annotations

import numpy as np
import pytest

from keras_rparity.lab.tutorial_figures import (
    crossentropy_penalty,
    output_gradients,
    sigmoid_saturation,
    softmax_winner_takes_all,
)


def test_gradients_match_closed_forms():
    table = output_gradients()
    np.testing.assert_allclose(table["mse_autodiff"], table["mse_closed_form"], atol=1e-5)
    np.testing.assert_allclose(table["bce_autodiff"], table["bce_closed_form"], atol=1e-5)


def test_mse_gradient_vanishes_where_confidently_wrong_but_bce_does_not():
    table = output_gradients().set_index("z")
    wrong = table.loc[table.index <= -6]
    assert (wrong["mse_autodiff"].abs() < 5e-3).all()
    assert (wrong["bce_autodiff"] < -0.99).all()
    at = table.loc[-10.0]
    assert abs(at["bce_autodiff"]) / abs(at["mse_autodiff"]) > 1e4
    assert table.loc[0.0, "mse_autodiff"] == pytest.approx(-0.25)
    assert table.loc[0.0, "bce_autodiff"] == pytest.approx(-0.5)


def test_negative_example_mirrors():
    table = output_gradients(z=[10.0], y=0)
    assert table["bce_autodiff"].iloc[0] == pytest.approx(1.0, abs=1e-4)
    assert table["mse_autodiff"].iloc[0] == pytest.approx(0.0, abs=1e-4)
    with pytest.raises(ValueError, match="binary"):
        output_gradients(y=0.5)


def test_crossentropy_penalty_grows_for_confident_mistakes():
    table = crossentropy_penalty()
    np.testing.assert_allclose(table["keras"], table["closed_form"], rtol=1e-6)
    positive = table[table["y"] == 1]
    assert positive["keras"].iloc[0] == pytest.approx(-np.log(0.001), rel=1e-6)
    assert positive["keras"].is_monotonic_decreasing


def test_sigmoid_saturation_table():
    table = sigmoid_saturation()
    assert table["sigmoid"].between(0, 1).all()
    assert table.loc[table["x"].abs() >= 7, "saturated"].all()
    assert not table.loc[table["x"].abs() <= 6, "saturated"].any()


def test_softmax_winner_takes_all():
    table = softmax_winner_takes_all()
    assert len(table) == 10 and table["softmax"].sum() == pytest.approx(1.0)
    winner = table["raw"].idxmax()
    assert table["softmax"].idxmax() == winner
    assert table.loc[winner, "softmax"] > 2 * table.loc[winner, "linear_share"]
    assert table["softmax"].rank().tolist() == table["raw"].rank().tolist()
