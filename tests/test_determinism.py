"""Each backend's deterministic mode: switched on, and two seeded fits are bitwise equal."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from keras_rparity.determinism import (
    deterministic_settings,
    seed_everything,
)
from keras_rparity.errors import InvalidChoiceError


def test_settings_are_listed_per_backend():
    assert deterministic_settings("tensorflow") == [
        "tf.config.experimental.enable_op_determinism()"]
    assert "torch.use_deterministic_algorithms(True)" in deterministic_settings("torch")
    assert deterministic_settings("jax") == []
    with pytest.raises(InvalidChoiceError):
        deterministic_settings("theano")


def test_seed_is_validated():
    with pytest.raises(ValueError, match="seed"):
        seed_everything(-1)


CHILD = """
import json, sys
from keras_rparity.backend import use_backend
use_backend(sys.argv[1])
import numpy as np
import keras
from keras_rparity.determinism import seed_everything

def train():
    seed_everything(7)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dropout(0.3), keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    x = np.random.default_rng(0).random((64, 4)).astype("float32")
    history = model.fit(x, x.sum(axis=1), epochs=3, batch_size=8, verbose=0)
    return history.history["loss"], [w.tolist() for w in model.get_weights()]

first, second = train(), train()
flags = {}
if sys.argv[1] == "tensorflow":
    from tensorflow.python.framework.config import is_op_determinism_enabled
    flags = {"op_determinism": is_op_determinism_enabled()}
if sys.argv[1] == "torch":
    import torch
    flags = {"deterministic": torch.are_deterministic_algorithms_enabled(),
             "cudnn_benchmark": torch.backends.cudnn.benchmark}
print(json.dumps({"backend": keras.backend.backend(), "same": first == second,
                  "losses": first[0], "flags": flags}))
"""


@pytest.mark.parametrize("name", ["tensorflow", "jax", "torch"])
def test_two_seeded_fits_are_bitwise_equal(name):
    done = subprocess.run([sys.executable, "-c", CHILD, name], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["backend"] == name
    assert out["same"], "two fits with the same seed differ"
    assert len(set(out["losses"])) == 3  # it trained (the loss changed every epoch)
    if name == "tensorflow":
        assert out["flags"] == {"op_determinism": True}
    if name == "torch":
        assert out["flags"] == {"deterministic": True, "cudnn_benchmark": False}
