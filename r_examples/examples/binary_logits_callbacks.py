"""Binary classification on arithmetic data: is a + b above 1?

Python port of binary_logits_callbacks.R: the same data, two models with different
optimizers, each seeded right before it is built.
"""

import keras
import numpy as np
import pandas as pd


def make_data(n, offset):
    i = np.arange(1, n + 1) + offset
    a = ((i * 37) % 100) / 100
    b = ((i * 59) % 100) / 100
    return np.stack([a, b], axis=1), (a + b > 1).astype("float64")


x_train, y_train = make_data(240, 0)
x_valid, y_valid = make_data(60, 240)


def build_model():
    keras.utils.set_random_seed(42)
    return keras.Sequential([
        keras.Input(shape=(2,)),
        keras.layers.Dense(8, activation="tanh"),
        keras.layers.Dropout(0.25),
        keras.layers.Dense(1),
    ])


optimizers = {
    "rmsprop": lambda: keras.optimizers.RMSprop(learning_rate=0.01, rho=0.8),
    "sgd_momentum": lambda: keras.optimizers.SGD(learning_rate=0.05, momentum=0.5),
}

tables = {}
for name, make_optimizer in optimizers.items():
    model = build_model()
    model.compile(
        optimizer=make_optimizer(),
        loss=keras.losses.BinaryCrossentropy(from_logits=True),
        metrics=[keras.metrics.BinaryAccuracy(threshold=0)],
    )
    history = model.fit(
        x_train.astype("float32"), y_train.astype("float32"),
        epochs=10,
        batch_size=20,
        validation_data=(x_valid.astype("float32"), y_valid.astype("float32")),
        callbacks=[keras.callbacks.EarlyStopping(monitor="val_loss", patience=3)],
    )
    tables[name] = pd.DataFrame(history.history)
    scores = model.evaluate(x_valid.astype("float32"), y_valid.astype("float32"), verbose=0,
                            return_dict=True)
    probabilities = 1 / (1 + np.exp(-model.predict(x_valid.astype("float32"), verbose=0)))
