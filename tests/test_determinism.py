"""Each backend's deterministic mode: switched on, and two seeded fits are bitwise equal."""

from __future__ import annotations

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


@pytest.mark.parametrize("name", ["tensorflow", "jax", "torch"])
def test_two_seeded_fits_are_bitwise_equal(backend_child, backend_probe, name):
    if name == "tensorflow":  # this process's backend
        out = backend_probe.determinism(name)
    else:  # in a fresh process for that backend
        out = backend_child(name)["determinism"]
    assert out["same"], "two fits with the same seed differ"
    assert len(set(out["losses"])) == 3  # it trained (the loss changed every epoch)
    if name == "tensorflow":
        assert out["flags"] == {"op_determinism": True}
    if name == "torch":
        assert out["flags"] == {"deterministic": True, "cudnn_benchmark": False}
