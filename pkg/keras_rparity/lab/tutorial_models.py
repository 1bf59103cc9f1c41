"""The tutorial's CIFAR-10 convnet as a function, for code that needs the model without
running a program.

The program pairs in ``r_examples/`` write the model out in full, as users do
(``cifar_bird_vs_plane.py``, ``cifar10_multiclass.py``); this builds the same
architecture with another output for the pairing checker's demonstrations and tests and
for benchmarks (``tests/lab/test_tutorial_models.py`` checks it against the ports).

Example:
>>> model = cifar_cnn(10, "softmax")
>>> model.count_params(), model.output_shape
(17554, (None, 10))
"""

from __future__ import annotations

from typing import Any


def cifar_cnn(units: int, activation: str) -> Any:
    """A new ``keras.Sequential`` on 32x32x3 images: two 3x3 convolutions of 8 filters,
    each followed by 2x2 max-pooling, a dense layer of 32 and an output layer of ``units``
    with ``activation``."""
    import keras
    from keras import layers

    return keras.Sequential([
        keras.Input(shape=(32, 32, 3)),
        layers.Conv2D(8, (3, 3), padding="same", activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(8, (3, 3), padding="same", activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dense(32, activation="relu"),
        layers.Dense(units, activation=activation),
    ])
