"""A small binary classifier trained with SGD + momentum.

Python port of legacy_keras_style.R (written in the legacy R keras package's style):
the same data, model and training.
"""

import keras
import numpy as np

n = 150
row = np.arange(1, n + 1)[:, None]
col = np.arange(1, 4)[None, :]
x = ((row * 4 + col * 9) % 19) / 18
y = (x[:, 0] + x[:, 1] > x[:, 2] + 0.5).astype("float32")

keras.utils.set_random_seed(42)
model = keras.Sequential([keras.Input(shape=(3,))])
model.add(keras.layers.Dense(12, activation="relu"))
model.add(keras.layers.Dense(1, activation="sigmoid"))

model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=0.1, momentum=0.5),
    loss="binary_crossentropy",
    metrics=["accuracy"],
)
history = model.fit(x.astype("float32"), y, epochs=6, batch_size=10, verbose=0)
mean_prediction = float(keras.ops.mean(model(x.astype("float32"))))
