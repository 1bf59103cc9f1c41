"""The activation x optimizer comparison (seed 000), on Fashion-MNIST (the Python port
of activation_optimizer.R): the same small convnet trained with four hidden-activation /
optimizer pairs. The output stays softmax + categorical crossentropy (one-hot labels);
only the hidden activation and the optimizer change. Test images are the validation data.
"""

import keras
from keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()

x_train = (x_train / 255)[..., None]
x_test = (x_test / 255)[..., None]
y_train = keras.utils.to_categorical(y_train, 10)
y_test = keras.utils.to_categorical(y_test, 10)

pairs = {
    "relu_adam": ("relu", lambda: keras.optimizers.Adam()),
    "sigmoid_sgd": ("sigmoid", lambda: keras.optimizers.SGD()),
    "tanh_momentum": ("tanh", lambda: keras.optimizers.SGD(learning_rate=0.01, momentum=0.9)),
    "leaky_relu_adam": ("leaky_relu", lambda: keras.optimizers.Adam()),
}

for name, (activation, optimizer) in pairs.items():
    model = keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, (3, 3), activation=activation),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dense(10, activation="softmax"),
    ], name=name)

    model.compile(optimizer=optimizer(), loss="categorical_crossentropy", metrics=["accuracy"])

    model.fit(x_train, y_train, epochs=10, batch_size=32, validation_data=(x_test, y_test))
