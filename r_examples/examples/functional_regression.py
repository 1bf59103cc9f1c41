"""Functional-API regression on arithmetic data, trained with SGD + momentum.

Python port of functional_regression.R: the same data (whole numbers and exact
divisions), the same model and training.
"""

import keras
import numpy as np
import pandas as pd

n = 200
row = np.arange(1, n + 1)[:, None]
col = np.arange(1, 4)[None, :]
x = ((row * 7 + col * 3) % 11) / 10
y = x[:, 0] + 2 * x[:, 1] - x[:, 2]

keras.utils.set_random_seed(42)
inputs = keras.Input(shape=(3,))
hidden = keras.layers.Dense(16, activation="relu")(inputs)
outputs = keras.layers.Dense(1)(hidden)
model = keras.Model(inputs=inputs, outputs=outputs)

model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=0.01, momentum=0.9),
    loss="mean_squared_error",
    metrics=["mean_absolute_error"],
)

history = model.fit(
    x.astype("float32"), y.astype("float32"),
    epochs=8,
    batch_size=16,
    validation_split=0.2,
)

history_table = pd.DataFrame(history.history)
scores = model.evaluate(x.astype("float32"), y.astype("float32"), verbose=0, return_dict=True)
predictions = model.predict(x[:5].astype("float32"), verbose=0)
