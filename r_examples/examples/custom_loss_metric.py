"""A custom loss and a custom metric: keras.losses.Loss and keras.metrics.Metric
subclasses given to compile().

Python port of custom_loss_metric.R: the same data, loss, metric, model and training.
"""

import keras
import numpy as np
from keras import ops


class WeightedSquares(keras.losses.Loss):
    def __init__(self, over_weight=2.0, **kwargs):
        super().__init__(**kwargs)
        self.over_weight = over_weight

    def call(self, y_true, y_pred):
        error = y_pred - y_true
        weight = ops.where(error > 0, self.over_weight, 1.0)
        return ops.mean(weight * ops.square(error), axis=-1)


class MaxAbsError(keras.metrics.Metric):
    def __init__(self, name="max_abs_error", **kwargs):
        super().__init__(name=name, **kwargs)
        self.largest = self.add_variable(shape=(), initializer="zeros", name="largest")

    def update_state(self, y_true, y_pred, sample_weight=None):
        batch_max = ops.max(ops.abs(y_pred - y_true))
        self.largest.assign(ops.maximum(self.largest, batch_max))

    def result(self):
        return self.largest.value

    def reset_state(self):
        self.largest.assign(0.0)


n = 120
row = np.arange(1, n + 1)[:, None]
col = np.arange(1, 3)[None, :]
x = ((row * 3 + col * 11) % 17) / 16
y = (2 * x[:, 0] - x[:, 1])[:, None]

keras.utils.set_random_seed(42)
model = keras.Sequential([keras.Input(shape=(2,))])
model.add(keras.layers.Dense(8, activation="tanh"))
model.add(keras.layers.Dense(1))

model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=0.05),
    loss=WeightedSquares(over_weight=3.0),
    metrics=[MaxAbsError()],
)
history = model.fit(x.astype("float32"), y.astype("float32"), epochs=5, batch_size=8,
                    verbose=0)
