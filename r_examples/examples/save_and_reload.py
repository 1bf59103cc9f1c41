"""Save a trained model to a .keras file, load it back and keep training the loaded
copy.

Python port of save_and_reload.R: the same data, model, training and file.
"""

import keras
import numpy as np

n = 120
row = np.arange(1, n + 1)[:, None]
col = np.arange(1, 3)[None, :]
x = ((row * 9 + col * 4) % 29) / 28
y = (x[:, 0] - 0.5 * x[:, 1])[:, None]
x, y = x.astype("float32"), y  # R hands Keras float32 too

keras.utils.set_random_seed(42)
model = keras.Sequential([keras.Input(shape=(2,))])
model.add(keras.layers.Dense(8, activation="relu"))
model.add(keras.layers.Dense(1))
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse")
model.fit(x, y, epochs=3, batch_size=12, verbose=0)

model.save("saved_regression.keras")
reloaded = keras.models.load_model("saved_regression.keras")
np.testing.assert_allclose(reloaded.predict(x, verbose=0), model.predict(x, verbose=0))
reloaded.fit(x, y, epochs=3, batch_size=12, verbose=0)
