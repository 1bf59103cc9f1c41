"""Fashion-MNIST with a functional model whose output is raw scores (logits).

Python port of fashion_logits_early_stopping.R.
"""

import keras
import numpy as np
import pandas as pd

(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_train = x_train / 255
x_test = x_test / 255
y_train = y_train.astype("int32")
y_test = y_test.astype("int32")

keras.utils.set_random_seed(42)
inputs = keras.Input(shape=(28, 28))
x = keras.layers.Flatten()(inputs)
x = keras.layers.Dense(32, activation="relu")(x)
scores = keras.layers.Dense(10)(x)
model = keras.Model(inputs, scores)

model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.002),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)

history = model.fit(
    x_train.astype("float32"), y_train,
    epochs=6,
    batch_size=32,
    validation_data=(x_test.astype("float32"), y_test),
    callbacks=[keras.callbacks.EarlyStopping(monitor="val_loss", patience=2,
                                             restore_best_weights=True)],
)

history_table = pd.DataFrame(history.history)
test_scores = model.evaluate(x_test.astype("float32"), y_test, verbose=0, return_dict=True)
logits = model.predict(x_test.astype("float32"), verbose=0)
predicted_class = np.argmax(logits, axis=1)
