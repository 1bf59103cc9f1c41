"""A custom layer class: a keras.layers.Layer subclass with __init__, build, call and
get_config, in a Sequential model.

Python port of custom_layer_class.R: the same data, layer, model and training.
"""

import keras
import numpy as np
from keras import ops


class ScaledDense(keras.layers.Layer):
    def __init__(self, units, scale=1.0, **kwargs):
        super().__init__(**kwargs)
        self.units = int(units)
        self.scale = scale

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[1], self.units),
                                      initializer="glorot_uniform", name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, inputs):
        return (ops.matmul(inputs, self.kernel) + self.bias) * self.scale

    def get_config(self):
        config = super().get_config()
        config.update(units=self.units, scale=self.scale)
        return config


n = 160
row = np.arange(1, n + 1)[:, None]
col = np.arange(1, 5)[None, :]
x = ((row * 5 + col * 7) % 13) / 12
y = (x[:, 0] - x[:, 1] + 0.5 * x[:, 2] * x[:, 3])[:, None]

keras.utils.set_random_seed(42)
# Added one by one, as R's pipe does: ScaledDense is built (its weights drawn) when it
# is added, before the Dense layer after it is created.
model = keras.Sequential([keras.Input(shape=(4,))])
model.add(ScaledDense(16, scale=0.5))
model.add(keras.layers.Activation("relu"))
model.add(keras.layers.Dense(1))

model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse")
history = model.fit(x.astype("float32"), y.astype("float32"), epochs=6, batch_size=16,
                    verbose=0)
config = model.layers[0].get_config()
assert config["units"] == 16 and config["scale"] == 0.5
