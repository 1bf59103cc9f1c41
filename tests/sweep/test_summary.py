"""The ranking and the verdict follow the numbers they are given."""

from __future__ import annotations

import pandas as pd
import pytest

from keras_rparity.sweep.summary import rank_pairs, summary_markdown, verdict


def _runs(accuracies: dict[tuple[str, str], list[float]]) -> pd.DataFrame:
    rows = [{"model": "conv", "activation": act, "optimizer": opt, "repeat": r,
             "final_val_accuracy": acc, "final_val_loss": 1 - acc, "test_accuracy": acc,
             "seconds": 1.0, "dataset": "fashion_mnist", "per_class": 20, "epochs": 2,
             "batch_size": 32, "seed": 42 + r}
            for (act, opt), values in accuracies.items() for r, acc in enumerate(values)]
    return pd.DataFrame(rows)


@pytest.mark.parametrize(("accuracies", "winner", "phrase"), [
    ({("relu", "adam"): [0.9, 0.92], ("tanh", "sgd"): [0.5, 0.6]}, "relu + adam",
     "all below the winner's lowest"),
    ({("relu", "adam"): [0.5, 0.6], ("tanh", "sgd"): [0.9, 0.92]}, "tanh + sgd",
     "all below the winner's lowest"),
    ({("relu", "adam"): [0.7, 0.9], ("tanh", "sgd"): [0.75, 0.8]}, "relu + adam",
     "ranges over repeats overlap"),
    ({("relu", "adam"): [0.7], ("tanh", "sgd"): [0.8]}, "tanh + sgd", "each has a single run"),
])
def test_verdict_is_computed(accuracies, winner, phrase):
    sentence = verdict(rank_pairs(_runs(accuracies)))
    assert sentence.startswith(f"**{winner}** (conv) wins") and phrase in sentence


def test_ties_break_on_loss_and_markdown_has_one_row_per_pair():
    runs = _runs({("relu", "adam"): [0.8], ("elu", "sgd"): [0.8], ("tanh", "sgd"): [0.1]})
    runs.loc[runs["activation"] == "elu", "final_val_loss"] = 0.01
    ranking = rank_pairs(runs)
    assert list(ranking["activation"]) == ["elu", "relu", "tanh"]
    assert list(ranking["rank"]) == [1, 2, 3]
    text = summary_markdown(runs, ["plots/summary.png"])
    assert "| 1 | conv | elu | sgd | 1 | 0.8000 | – | 0.8000 | 0.8000 | 0.0100 | 0.8000 | 1.0 |" \
        in text and "(plots/summary.png)" in text
    assert "| Rank | Model | Activation | Optimizer | Runs |" in text
