"""Experiment 2 of the tutorial: birds versus planes, sigmoid + binary crossentropy.

The sigmoid unit outputs P(plane | image), a Bernoulli parameter; binary
crossentropy is that Bernoulli's negative log-likelihood. Birds (CIFAR-10
class 2) are labelled 0 and come first, planes (class 0) are labelled 1.
The R original is ``r_examples/cifar_bird_vs_plane.R``.
"""

from __future__ import annotations

import numpy as np

from keras_rparity.experiments.cifar_cnn import build_cnn, scale_pixels
from keras_rparity.experiments.context import RunContext

BIRD, PLANE = 2, 0
EPOCHS = 50


def bird_vs_plane(x_train: np.ndarray, y_train: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Select birds then planes from the training set; labels 0 (bird), 1 (plane).

    Example:
    >>> x = np.arange(4).reshape(4, 1, 1, 1); y = np.array([[0], [2], [1], [2]])
    >>> xs, ys = bird_vs_plane(x, y)
    >>> xs.ravel().tolist(), ys.tolist()
    [[1, 3, 0], [0.0, 0.0, 1.0]]
    """
    labels = y_train.reshape(-1)
    x_bird, x_plane = x_train[labels == BIRD], x_train[labels == PLANE]
    x = np.concatenate([x_bird, x_plane], axis=0)
    y = np.concatenate([np.zeros(len(x_bird)), np.ones(len(x_plane))])
    return x, y


def run(ctx: RunContext) -> RunContext:
    data = ctx.load_dataset("cifar10")
    x_train, y_train = data.train
    x, y = bird_vs_plane(scale_pixels(x_train), y_train)
    model = ctx.build(lambda: build_cnn(1, "sigmoid"))
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    ctx.fit(model, x=x, y=y, epochs=EPOCHS)
    return ctx
