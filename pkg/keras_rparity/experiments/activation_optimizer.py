"""The activation x optimizer comparison of seed 000, on Fashion-MNIST, as a parity
experiment: four hidden-activation / optimizer pairs on the sweep's small convnet.

The full comparison (grids, repeats, confusion matrices) is :mod:`keras_rparity.sweep`;
this port mirrors ``r_examples/activation_optimizer.R`` fit for fit so that R and
Python can be compared on the same pairs.
"""

from __future__ import annotations

import numpy as np

from keras_rparity.experiments.context import RunContext

#: The seed's pairs, in the R program's order: fit label -> (activation, optimizer name).
PAIRS = {
    "relu_adam": ("relu", "adam"),
    "sigmoid_sgd": ("sigmoid", "sgd"),
    "tanh_momentum": ("tanh", "momentum"),
    "leaky_relu_adam": ("leaky_relu", "adam"),
}
EPOCHS = 10


def one_hot(labels: np.ndarray, num_classes: int = 10) -> np.ndarray:
    """Integer labels to one-hot rows (float64, as R's ``to_categorical`` gives)."""
    return np.eye(num_classes)[np.asarray(labels).reshape(-1)]


def run(ctx: RunContext) -> RunContext:
    import keras

    from keras_rparity.sweep.models import build_model
    from keras_rparity.sweep.optimizers import make_optimizer

    data = ctx.load_dataset("fashion_mnist")
    (x_train, y_train), (x_test, y_test) = data.train, data.test
    x_train = (x_train / 255.0)[..., np.newaxis]
    x_test = (x_test / 255.0)[..., np.newaxis]
    y_train, y_test = one_hot(y_train), one_hot(y_test)
    for label, (activation, optimizer) in PAIRS.items():
        model = ctx.build(lambda a=activation: build_model("conv", a))
        model.compile(optimizer=make_optimizer(optimizer), loss="categorical_crossentropy",
                      metrics=["accuracy"])
        ctx.fit(model, x=x_train, y=y_train, epochs=EPOCHS, batch_size=32, label=label,
                validation_data=(x_test.astype("float32"), y_test.astype("float32")))
    keras.backend.clear_session(free_memory=True)
    return ctx
