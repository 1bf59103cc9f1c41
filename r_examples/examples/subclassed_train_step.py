"""A subclassed keras.Model with its own train_step (TensorFlow backend): gradients
under tf.GradientTape, the compiled metrics updated by hand.

Python port of subclassed_train_step.R: the same data, model and training.
"""

import keras
import numpy as np
import tensorflow as tf


class CustomModel(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = keras.layers.Dense(16, activation="relu")
        self.out = keras.layers.Dense(1)

    def call(self, inputs, training=None):
        return self.out(self.hidden(inputs))

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(y=y, y_pred=y_pred)
        gradients = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply(gradients, self.trainable_variables)
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {metric.name: metric.result() for metric in self.metrics}


n = 200
row = np.arange(1, n + 1)[:, None]
col = np.arange(1, 4)[None, :]
x = ((row * 7 + col * 5) % 23) / 22
y = (x[:, 0] * x[:, 1] - x[:, 2])[:, None]

keras.utils.set_random_seed(42)
model = CustomModel()
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse",
              metrics=["mae"])
history = model.fit(x.astype("float32"), y.astype("float32"), epochs=5, batch_size=20,
                    verbose=0)
