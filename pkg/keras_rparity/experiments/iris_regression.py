"""Experiment 1 of the tutorial: iris regression with a linear output.

Sepal width is predicted from sepal length by a dense net whose output unit
is linear: the model's output is the mean (MSE) or the median (MAE) of a
conditional distribution, so the loss follows from what we want to predict.
The R original is ``r_examples/iris_regression.R``.
"""

from __future__ import annotations

import keras

from keras_rparity.data.iris import sepal_arrays
from keras_rparity.experiments.context import RunContext

#: The two cost functions the tutorial compiles the model with, in its order.
LOSSES = ("mean_squared_error", "mean_absolute_error")
EPOCHS = 50


def build_model() -> keras.Model:
    """Dense(32) -> Dense(1), both linear; input shape is inferred at the first fit."""
    return keras.Sequential([keras.layers.Dense(32), keras.layers.Dense(1)])


def run(ctx: RunContext) -> RunContext:
    """Train one fresh model per loss on all 150 rows; fits are recorded in ``ctx``."""
    x, y = sepal_arrays()
    for loss in LOSSES:
        model = ctx.build(build_model)
        model.compile(optimizer="adam", loss=loss)
        ctx.fit(model, x=x, y=y, epochs=EPOCHS)
    return ctx
