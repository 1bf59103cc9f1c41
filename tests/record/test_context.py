"""The run context: knobs, labels for fits, the seed rule, refusal of unreadable labels."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from keras_rparity.errors import InvalidArgumentError, LossLabelMismatchError
from keras_rparity.programs import PythonProgram
from keras_rparity.record import Knobs, RunContext, history_frame


def small_classifier(loss: str) -> keras.Model:
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, "softmax")])
    model.compile(optimizer="adam", loss=loss)
    return model


def test_knobs_accept_r_doubles_and_refuse_fractions():
    assert Knobs(epochs=3.0, per_class=50.0).epochs == 3
    assert Knobs(seed=None).seed is None
    with pytest.raises(InvalidArgumentError, match="`epochs` must be a positive whole number"):
        Knobs(epochs=2.5)


def test_epochs_knob_overrides_the_program():
    assert RunContext(Knobs(epochs=2)).epochs(50) == 2
    assert RunContext(Knobs()).epochs(50) == 50


def test_verbose_of_the_program_wins_over_the_knob():
    ctx = RunContext(Knobs(verbose=2))
    assert ctx.verbose(None) == 2 and ctx.verbose(0) == 0


def test_onehot_labels_with_sparse_loss_are_refused_before_fitting():
    def program():
        small_classifier("sparse_categorical_crossentropy").fit(
            np.ones((4, 4)), np.eye(3)[[0, 1, 2, 1]], epochs=1)

    with pytest.raises(LossLabelMismatchError, match="categorical_crossentropy"):
        PythonProgram(function=program).run(Knobs(epochs=1))


def test_fits_are_labelled_by_model_name_else_loss():
    def program():
        labels = np.array([0, 1, 2, 1])
        small_classifier("sparse_categorical_crossentropy").fit(np.ones((4, 4)), labels)
        named = small_classifier("sparse_categorical_crossentropy")
        named.name = "my_model"
        named.fit(np.ones((4, 4)), labels)
        small_classifier("sparse_categorical_crossentropy").fit(np.ones((4, 4)), labels)

    run = PythonProgram(function=program).run(Knobs(epochs=1))
    assert [f.label for f in run.fits] == ["sparse_categorical_crossentropy", "my_model",
                                           "sparse_categorical_crossentropy_2"]
    assert all(f.findings == [] for f in run.fits)


def test_the_pairing_checker_runs_once_per_fit(monkeypatch):
    import keras_rparity.record.context as context

    calls = []
    real = context.check_pairing
    monkeypatch.setattr(context, "check_pairing", lambda *a, **k: calls.append(1) or real(*a, **k))

    def program():
        small_classifier("sparse_categorical_crossentropy").fit(np.ones((4, 4)),
                                                                np.array([0, 1, 2, 1]))

    PythonProgram(function=program).run(Knobs(epochs=1))
    assert len(calls) == 1


def test_seed_is_set_at_the_first_construction_of_the_run_and_after_each_fit():
    ctx = RunContext(Knobs(seed=3))
    ctx.model_construction()
    ctx.model_construction()  # the same model's next layer: no reseed
    assert ctx.seeds_set == 1
    ctx.record_fit(small_classifier("mse"), np.ones((2, 4)), np.ones((2, 3)), {"loss": [1.0]},
                   0.0)
    ctx.model_construction()
    assert ctx.seeds_set == 2


def test_no_seed_knob_means_the_program_seeds_itself():
    ctx = RunContext(Knobs(seed=None))
    ctx.model_construction()
    assert ctx.seeds_set == 0


def test_history_frame_is_one_row_per_epoch():
    frame = history_frame({"loss": [0.5, 0.25], "accuracy": [0.1, 0.2]})
    assert list(frame.columns) == ["epoch", "loss", "accuracy"]
    assert list(frame["epoch"]) == [1, 2]
    with pytest.raises(ValueError, match="different lengths"):
        history_frame({"loss": [1.0], "accuracy": [1.0, 2.0]})
