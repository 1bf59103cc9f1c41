"""Experiment 2: binary classification, sigmoid output + binary crossentropy
(the Python port of cifar_bird_vs_plane.R).

Tell birds (CIFAR-10 class 2, labelled 0) from planes (class 0, labelled 1).
The sigmoid unit outputs the Bernoulli probability of "plane"; the negative
log-likelihood of a Bernoulli is binary crossentropy.
"""

import keras
import numpy as np
from keras import layers

(x_train, y_train), _ = keras.datasets.cifar10.load_data()

x_train = x_train / 255  # in double precision, as R's `/ 255`
labels = y_train.reshape(-1)

x_bird = x_train[labels == 2]
y_bird = np.zeros(len(x_bird))

x_plane = x_train[labels == 0]
y_plane = np.ones(len(x_plane))

x = np.concatenate([x_bird, x_plane], axis=0)
y = np.concatenate([y_bird, y_plane])

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(8, (3, 3), padding="same", activation="relu"),
    layers.MaxPooling2D(pool_size=(2, 2)),
    layers.Conv2D(8, (3, 3), padding="same", activation="relu"),
    layers.MaxPooling2D(pool_size=(2, 2)),
    layers.Flatten(),
    layers.Dense(32, activation="relu"),
    layers.Dense(1, activation="sigmoid"),
])

model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])

model.fit(x=x, y=y, epochs=50)
