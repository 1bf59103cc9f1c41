"""The run context: knobs, labels for fits, the seed rule, refusal of unreadable labels."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from keras_rparity.errors import InvalidArgumentError, LossLabelMismatchError, ProgramError
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

    with pytest.raises(ProgramError, match="categorical_crossentropy") as caught:
        PythonProgram(function=program).run(Knobs(epochs=1))
    assert isinstance(caught.value.python_error, LossLabelMismatchError)


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


def _regression() -> keras.Model:  # like iris: no input shape until fit
    model = keras.Sequential([keras.layers.Dense(32), keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mean_squared_error")
    return model


def _multiclass() -> keras.Model:  # like cifar10: softmax, sparse labels, accuracy
    model = keras.Sequential([keras.Input((8, 8, 3)), keras.layers.Conv2D(4, 3, activation="relu"),
                              keras.layers.MaxPooling2D(), keras.layers.Flatten(),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer=keras.optimizers.SGD(0.01, momentum=0.9),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def _binary() -> keras.Model:  # like bird vs plane: sigmoid, dropout, accuracy
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="tanh"),
                              keras.layers.Dropout(0.3), keras.layers.Dense(1, "sigmoid")])
    model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
    return model


RNG = np.random.default_rng(0)
MODELS = {
    "regression": (_regression, RNG.random((150, 1)), RNG.random((150, 1))),
    "multiclass": (_multiclass, RNG.random((60, 8, 8, 3)), RNG.integers(0, 10, 60)),
    "binary": (_binary, RNG.random((90, 4)), RNG.integers(0, 2, (90, 1)).astype("float64")),
}


@pytest.mark.parametrize("name", list(MODELS))
def test_preparing_the_fit_saves_a_trace_and_changes_no_bit(name):
    build, x, y = MODELS[name]
    runs = []
    for prepared in (False, True):
        keras.utils.set_random_seed(3)
        model = build()
        traces = []
        step = model.train_step
        model.train_step = lambda data, step=step, traces=traces: (traces.append(1), step(data))[1]
        if prepared:
            RunContext(Knobs()).prepare_fit(model, x, y)
        history = model.fit(x, y, epochs=3, batch_size=16, validation_split=0.2, verbose=0)
        runs.append((history.history, [w.tobytes() for w in model.get_weights()], len(traces)))
    (plain_history, plain_weights, plain_traces), (history, weights, traces) = runs
    assert history == plain_history and weights == plain_weights  # the same bits as plain Keras
    assert (plain_traces, traces) == (2, 1)
