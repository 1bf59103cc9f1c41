"""Fixtures of the pairing-checker tests: tiny Keras models."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.fixture(scope="session")
def output_model() -> Callable[..., object]:
    """``output_model(activation, units=1, loss=None)``: Input(4) -> Dense(units)."""
    import keras

    def build(activation: str, units: int = 1, loss: object = None) -> object:
        model = keras.Sequential([keras.Input(shape=(4,)),
                                  keras.layers.Dense(units, activation=activation)])
        if loss is not None:
            model.compile(optimizer="adam", loss=loss)
        return model

    return build
