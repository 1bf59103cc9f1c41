"""Unpacking keras.datasets.fashion_mnist.load_data(), flattening the images and
one-hot labels.

Python port of dataset_unpacking.R: the same data, model and training.
"""

import keras

(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()

# R divides doubles by 255 and hands Keras float32: the same values as NumPy's
# float64 division rounded to float32.
x_train = (x_train.reshape(len(x_train), 28 * 28) / 255).astype("float32")
x_test = (x_test.reshape(len(x_test), 28 * 28) / 255).astype("float32")
y_train = keras.utils.to_categorical(y_train, 10)
y_test = keras.utils.to_categorical(y_test, 10)

keras.utils.set_random_seed(42)
model = keras.Sequential([keras.Input(shape=(28 * 28,))])
model.add(keras.layers.Dense(32, activation="relu"))
model.add(keras.layers.Dense(10, activation="softmax"))

model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
history = model.fit(x_train, y_train, epochs=3, batch_size=64,
                    validation_data=(x_test, y_test), verbose=0)
scores = model.evaluate(x_test, y_test, verbose=0, return_dict=True)
