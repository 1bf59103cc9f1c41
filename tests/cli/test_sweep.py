"""``keras-rparity sweep`` end to end on a tiny preset, and its argument handling."""

from __future__ import annotations

import pandas as pd
import pytest

from keras_rparity.cli import build_parser, main
from keras_rparity.cli.sweep import _settings


def test_preset_with_overrides(tmp_path, capsys, fashion_mnist_installed):
    out = tmp_path / "seed000"
    argv = ["sweep", "--preset", "seed000", "--models", "dense", "--epochs", "1", "--per-class",
            "5", "--executor", "serial", "--no-progress", "--out", str(out)]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "trained 4, reused 0" in printed and " wins with mean final validation" in printed
    runs = pd.read_csv(out / "runs.csv")
    assert list(runs["pair"]) == ["relu+adam", "sigmoid+sgd", "tanh+momentum", "leaky_relu+adam"]
    assert set(runs["epochs"]) == {1} and set(runs["per_class"]) == {5}
    assert main(argv) == 0
    assert "trained 0, reused 4" in capsys.readouterr().out


def test_defaults_and_preset_sizes():
    parse = build_parser().parse_args
    preset = _settings(parse(["sweep", "--preset", "seed000"]))
    assert (preset["epochs"], preset["per_class"], preset["models"]) == (10, 1000, "conv")
    assert len(preset["pairs"]) == 4 and str(preset["out"]).endswith("sweep-seed000")
    plain = _settings(parse(["sweep", "--per-class", "all", "--activations", "relu"]))
    assert plain["per_class"] is None and plain["pairs"] is None and plain["activations"] == "relu"


def test_bad_names_exit_2_with_the_choices(capsys):
    assert main(["sweep", "--optimizers", "adam,nadam", "--out", "unused"]) == 2
    assert "valid choices: 'sgd', 'momentum'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["sweep", "--per-class", "many"])
