"""Crossentropy on probabilities saturates at -log(1e-7); from logits it does not."""

from __future__ import annotations

import pytest

from keras_rparity.lab.from_logits import CLIP_CEILING, sigmoid_table, softmax_table


def test_softmax_table_shows_16_118_versus_1000():
    row = softmax_table().set_index("magnitude").loc[1000.0]
    assert row["logits"] == [1000.0, 0.0, -1000.0]
    assert row["via_probabilities"] == pytest.approx(16.118, abs=1e-3)
    assert row["via_logits"] == pytest.approx(1000.0, rel=1e-6)
    assert row["exact"] == pytest.approx(1000.0)
    assert row["saturated"]


def test_sigmoid_table_shows_the_same_ceiling():
    table = sigmoid_table().set_index("magnitude")
    assert table.loc[1000.0, "via_probabilities"] == pytest.approx(CLIP_CEILING, abs=1e-3)
    assert table.loc[1000.0, "via_logits"] == pytest.approx(1000.0, rel=1e-6)
    assert table.loc[1000.0, "logit"] == -1000.0


@pytest.mark.parametrize("build", [softmax_table, sigmoid_table])
def test_paths_agree_until_probabilities_underflow_epsilon(build):
    table = build()
    mild = table[table["p_true"] > 1e-6]
    assert not mild["saturated"].any()
    assert (abs(mild["via_probabilities"] - mild["exact"]) < 1e-4 * mild["exact"]).all()
    assert (abs(table["via_logits"] - table["exact"]) <= 1e-5 * table["exact"]).all()
    assert table[table["p_true"] < 1e-8]["saturated"].all()
    assert (table["via_probabilities"] <= CLIP_CEILING + 1e-4).all()


def test_label_zero_flips_the_logit():
    assert sigmoid_table(magnitudes=(50,), label=0)["logit"].tolist() == [50.0]


@pytest.mark.parametrize(("call", "match"), [
    (lambda: softmax_table(magnitudes=(-1,)), "magnitudes"),
    (lambda: softmax_table(true_class=3), "true_class"),
    (lambda: softmax_table(direction=(1.0,)), "direction"),
    (lambda: sigmoid_table(label=2), "label"),
])
def test_invalid_arguments(call, match):
    with pytest.raises(ValueError, match=match):
        call()
