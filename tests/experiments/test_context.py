"""The run context: knobs, labels for fits, refusal of unreadable labels."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from keras_rparity.errors import InvalidArgumentError, LossLabelMismatchError
from keras_rparity.experiments.context import Knobs, RunContext, history_frame


def small_classifier(loss: str) -> keras.Model:
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, "softmax")])
    model.compile(optimizer="adam", loss=loss)
    return model


def test_knobs_accept_r_doubles_and_refuse_fractions():
    assert Knobs(epochs=3.0, per_class=50.0).epochs == 3
    with pytest.raises(InvalidArgumentError, match="`epochs` must be a positive whole number"):
        Knobs(epochs=2.5)


def test_epochs_knob_overrides_the_program():
    assert RunContext(Knobs(epochs=2)).epochs(50) == 2
    assert RunContext(Knobs()).epochs(50) == 50


def test_onehot_labels_with_sparse_loss_are_refused_before_fitting():
    ctx = RunContext(Knobs(epochs=1))
    y = np.eye(3)[[0, 1, 2, 1]]
    with pytest.raises(LossLabelMismatchError, match="categorical_crossentropy"):
        ctx.fit(small_classifier("sparse_categorical_crossentropy"), np.ones((4, 4)), y)
    assert ctx.fits == []


def test_fits_are_labelled_by_model_name_else_loss():
    ctx = RunContext(Knobs(epochs=1))
    ctx.fit(small_classifier("sparse_categorical_crossentropy"), np.ones((4, 4)),
            np.array([0, 1, 2, 1]))
    named = small_classifier("sparse_categorical_crossentropy")
    named.name = "my_model"
    ctx.fit(named, np.ones((4, 4)), np.array([0, 1, 2, 1]))
    ctx.fit(small_classifier("sparse_categorical_crossentropy"), np.ones((4, 4)),
            np.array([0, 1, 2, 1]))
    assert [f.label for f in ctx.fits] == ["sparse_categorical_crossentropy", "my_model",
                                           "sparse_categorical_crossentropy_2"]
    assert all(f.findings == [] for f in ctx.fits)


def test_history_frame_is_one_row_per_epoch():
    frame = history_frame({"loss": [0.5, 0.25], "accuracy": [0.1, 0.2]})
    assert list(frame.columns) == ["epoch", "loss", "accuracy"]
    assert list(frame["epoch"]) == [1, 2]
    with pytest.raises(ValueError, match="different lengths"):
        history_frame({"loss": [1.0], "accuracy": [1.0, 2.0]})
