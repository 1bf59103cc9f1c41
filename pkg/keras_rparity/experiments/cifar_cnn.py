"""The tutorial's small CIFAR-10 convnet, shared by experiments 2 and 3.

conv 8 filters 3x3 "same" relu -> max-pool 2 -> conv 8 -> max-pool 2 ->
flatten -> dense 32 relu -> dense ``units`` with the output activation.
"""

from __future__ import annotations

import keras
from keras import layers

IMAGE_SHAPE = (32, 32, 3)


def build_cnn(units: int, activation: str) -> keras.Model:
    """The convnet with ``units`` outputs and the given output activation.

    Example:
    >>> build_cnn(1, "sigmoid").count_params()
    17257
    """
    return keras.Sequential([
        keras.Input(shape=IMAGE_SHAPE),
        layers.Conv2D(8, (3, 3), padding="same", activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(8, (3, 3), padding="same", activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dense(32, activation="relu"),
        layers.Dense(units, activation=activation),
    ])


def scale_pixels(x):
    """Pixels 0..255 to 0..1 as R does it: in double precision (``x / 255``)."""
    return x / 255.0
