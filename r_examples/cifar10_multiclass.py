"""Experiment 3: multi-class classification, softmax output + sparse categorical
crossentropy (the Python port of cifar10_multiclass.R).

All ten CIFAR-10 classes; the softmax turns ten raw scores into a probability
distribution over the classes. "Sparse" means labels are class codes.
"""

import keras
from keras import layers

(x_train, y_train), _ = keras.datasets.cifar10.load_data()

x_train = x_train / 255  # in double precision, as R's `/ 255`

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(8, (3, 3), padding="same", activation="relu"),
    layers.MaxPooling2D(pool_size=(2, 2)),
    layers.Conv2D(8, (3, 3), padding="same", activation="relu"),
    layers.MaxPooling2D(pool_size=(2, 2)),
    layers.Flatten(),
    layers.Dense(32, activation="relu"),
    layers.Dense(10, activation="softmax"),
])

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

model.fit(x=x_train, y=y_train, epochs=50)
