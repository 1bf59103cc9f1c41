"""The lab's tutorial convnet is the model the CIFAR ports build (checked against their
recorded fits on the CIFAR-format FIXTURE)."""

from __future__ import annotations

import pytest

from keras_rparity.lab.tutorial_models import cifar_cnn
from keras_rparity.programs.bundled import run_side
from keras_rparity.record import Knobs


@pytest.mark.parametrize(("name", "units", "activation"),
                         [("bird_vs_plane", 1, "sigmoid"), ("cifar10", 10, "softmax")])
def test_cifar_cnn_is_the_ports_model(with_cifar10_fixture, name, units, activation):
    (fit,) = run_side(name, "python", Knobs(epochs=1, per_class=2)).fits
    model = cifar_cnn(units, activation)
    assert model.count_params() == fit.param_count
    assert model.output_shape == fit.output_shape
    assert fit.output_activation == activation
    assert [layer.__class__.__name__ for layer in model.layers] == [
        "Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D", "Flatten", "Dense", "Dense"]
