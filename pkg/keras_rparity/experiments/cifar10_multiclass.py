"""Experiment 3 of the tutorial: ten classes, softmax + sparse categorical crossentropy.

The softmax turns ten scores into a categorical distribution; crossentropy is
its negative log-likelihood. Labels stay integer class codes ("sparse").
The R original is ``r_examples/cifar10_multiclass.R``.
"""

from __future__ import annotations

from keras_rparity.experiments.cifar_cnn import build_cnn, scale_pixels
from keras_rparity.experiments.context import RunContext

EPOCHS = 50


def run(ctx: RunContext) -> RunContext:
    data = ctx.load_dataset("cifar10")
    x_train, y_train = data.train
    model = ctx.build(lambda: build_cnn(10, "softmax"))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    ctx.fit(model, x=scale_pixels(x_train), y=y_train, epochs=EPOCHS)
    return ctx
