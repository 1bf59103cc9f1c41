"""Grid, names and run ids."""

from __future__ import annotations

import pytest

from keras_rparity.errors import InvalidChoiceError
from keras_rparity.sweep.grid import RunConfig, get_preset, make_grid
from keras_rparity.sweep.models import build_model
from keras_rparity.sweep.optimizers import make_optimizer


def test_invalid_activation_lists_the_valid_ones():
    with pytest.raises(InvalidChoiceError) as info:
        make_grid(["relu", "relux"], ["adam"])
    assert info.value.what == "activation" and info.value.value == "relux"
    assert {"relu", "leaky_relu", "sigmoid", "tanh", "elu"} <= set(info.value.choices)
    assert "valid choices: " in str(info.value) and "'leaky_relu'" in str(info.value)


def test_invalid_optimizer_model_dataset_list_the_valid_ones():
    with pytest.raises(InvalidChoiceError, match="'sgd', 'momentum', 'adam', 'rmsprop'"):
        make_grid(["relu"], ["nadam"])
    with pytest.raises(InvalidChoiceError, match="'conv', 'dense'"):
        make_grid(["relu"], ["adam"], models=["mlp"])
    with pytest.raises(InvalidChoiceError, match="'fashion_mnist', 'mnist'"):
        make_grid(["relu"], ["adam"], dataset="cifar10")
    with pytest.raises(InvalidChoiceError, match="momentum"):
        make_optimizer("Momentum")
    with pytest.raises(InvalidChoiceError, match="seed000"):
        get_preset("seed001")


def test_grid_product_and_stable_ids():
    grid = make_grid(["relu", "tanh"], ["adam", "sgd"], models=["conv", "dense"], repeats=2,
                     seed=7, epochs=2, per_class=20)
    assert len(grid) == 16 and len({c.run_id for c in grid}) == 16
    assert [c.seed for c in grid[:2]] == [7, 8]
    again = make_grid(["relu", "tanh"], ["adam", "sgd"], models=["conv", "dense"], repeats=2,
                      seed=7, epochs=2, per_class=20)
    assert [c.run_id for c in grid] == [c.run_id for c in again]
    changed = RunConfig(**{**grid[0].settings(), "epochs": 3})
    assert changed.run_id != grid[0].run_id and changed.run_id.startswith("conv-relu-adam-r0-")


def test_seed000_preset_pairs():
    preset = get_preset("seed000")
    assert preset.pairs == (("relu", "adam"), ("sigmoid", "sgd"), ("tanh", "momentum"),
                            ("leaky_relu", "adam"))
    grid = make_grid(pairs=preset.pairs, models=preset.models, epochs=1, per_class=5)
    assert [c.pair for c in grid] == ["relu+adam", "sigmoid+sgd", "tanh+momentum",
                                      "leaky_relu+adam"]


def test_models_and_optimizers_are_the_documented_ones():
    conv, dense = build_model("conv", "relu"), build_model("dense", "leaky_relu")
    assert [type(layer).__name__ for layer in conv.layers] == [
        "Conv2D", "MaxPooling2D", "Flatten", "Dense"]
    assert conv.layers[0].filters == 32 and conv.count_params() == 320 + 5408 * 10 + 10
    assert [getattr(layer, "units", None) for layer in dense.layers] == [None, 64, 64, 10]
    assert dense.layers[1].activation.__name__ == "leaky_relu"
    momentum = make_optimizer("momentum")
    assert type(momentum).__name__ == "SGD" and momentum.momentum == pytest.approx(0.9)
    assert float(momentum.learning_rate) == pytest.approx(0.01)
