"""Any model trains and records, in both languages: subclassed models, a custom
``train_step``, ``add_loss()`` without a compiled loss, several inputs and outputs by name.
R builds the same Python classes (through reticulate) and fits them with R data."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from keras_rparity.parity import compare_runs
from keras_rparity.programs import PythonProgram, RProgram
from keras_rparity.record import Knobs

MODELS = '''
import keras
import tensorflow as tf


class Subclassed(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = keras.layers.Dense(4, activation="tanh")
        self.out = keras.layers.Dense(1)

    def call(self, x):
        return self.out(self.hidden(x))


class OwnStep(Subclassed):
    """Trains with its own loss: compiled with an optimizer only."""

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            error = keras.ops.reshape(y, (-1, 1)) - self(x, training=True)
            loss = keras.ops.mean(keras.ops.square(error))
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply(grads, self.trainable_variables)
        return {"loss": loss}


class Penalty(keras.layers.Layer):
    def call(self, x):
        self.add_loss(keras.ops.mean(keras.ops.square(x - 0.5)))
        return x


def with_add_loss():
    inputs = keras.Input((2,))
    return keras.Model(inputs, Penalty()(keras.layers.Dense(3)(inputs)), name="added")


def two_in_two_out():
    a, b = keras.Input((1,), name="a"), keras.Input((1,), name="b")
    both = keras.layers.Dense(4, activation="tanh")(keras.layers.Concatenate()([a, b]))
    return keras.Model({"a": a, "b": b}, {"sum": keras.layers.Dense(1, name="sum")(both),
                                           "diff": keras.layers.Dense(1, name="diff")(both)},
                       name="two_by_two")
'''

R_PROGRAM = '''
models <- reticulate::import_from_path("any_models", path = "{folder}")
x <- matrix(seq(0, 1, length.out = 40), 20, 2)
y <- rowSums(x)
m <- models$Subclassed()
m %>% compile(optimizer = "sgd", loss = "mse")
m %>% fit(x, y, epochs = 2, batch_size = 5, shuffle = FALSE)
s <- models$OwnStep()
s %>% compile(optimizer = "sgd")
s %>% fit(x, y, epochs = 2, batch_size = 5, shuffle = FALSE)
a <- models$with_add_loss()
a %>% compile(optimizer = "sgd")
a %>% fit(x, epochs = 2, batch_size = 5, shuffle = FALSE)
mm <- models$two_in_two_out()
mm %>% compile(optimizer = "sgd", loss = list(sum = "mse", diff = "mae"))
mm %>% fit(list(a = x[, 1, drop = FALSE], b = x[, 2, drop = FALSE]),
           list(sum = y, diff = x[, 1] - x[, 2]), epochs = 2, batch_size = 5, shuffle = FALSE)
'''


def python_program(models):
    def program():
        x = np.linspace(0, 1, 40).reshape(20, 2, order="F")  # R's matrix() fills by column
        y = x.sum(axis=1)
        fit = {"epochs": 2, "batch_size": 5, "shuffle": False}
        m = models.Subclassed()
        m.compile(optimizer="sgd", loss="mse")
        m.fit(x, y, **fit)
        s = models.OwnStep()
        s.compile(optimizer="sgd")
        s.fit(x, y, **fit)
        a = models.with_add_loss()
        a.compile(optimizer="sgd")
        a.fit(x, **fit)
        mm = models.two_in_two_out()
        mm.compile(optimizer="sgd", loss={"sum": "mse", "diff": "mae"})
        mm.fit({"a": x[:, :1], "b": x[:, 1:]}, {"sum": y, "diff": x[:, 0] - x[:, 1]}, **fit)

    return program


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    folder = tmp_path_factory.mktemp("any-models")
    (folder / "any_models.py").write_text(MODELS)
    sys.path.insert(0, str(folder))
    try:
        import any_models

        yield folder, any_models
    finally:
        sys.path.remove(str(folder))
        sys.modules.pop("any_models", None)


@pytest.fixture(scope="module")
def python_run(models):
    return PythonProgram(function=python_program(models[1])).run(Knobs(seed=42))


def test_every_kind_of_model_is_recorded_in_python(python_run):
    subclassed, own_step, added, two = python_run.fits
    assert [f.epochs for f in python_run.fits] == [2, 2, 2, 2]
    assert subclassed.input_shape == (None, 2) and subclassed.output_shape == ()
    assert subclassed.finding_codes == []
    assert own_step.loss == "none" and own_step.finding_codes == ["no-compiled-loss"]
    assert added.label == "added" and added.finding_codes == ["no-compiled-loss"]
    assert added.y.shape == (0,)  # no y: nothing to record
    assert two.input_shape == ((None, 1), (None, 1))
    assert two.x.shape == (20, 2) and two.y.shape == (20, 2)  # by name, side by side
    assert two.finding_codes == ["no-compiled-loss"]
    for fit in python_run.fits:
        assert not np.array_equal(fit.initial_weights[0], fit.weights[0])  # it trained


def test_the_no_loss_finding_says_why():
    import keras

    from keras_rparity.pairing import check_pairing

    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd")
    (finding,) = check_pairing(model)
    assert finding.severity == "info" and "no compiled loss" in finding.title
    model.compile(optimizer="sgd", loss=["mse", "mae"])
    assert "one loss per output" in check_pairing(model)[0].title


def test_a_dataset_without_arrays_is_recorded_without_its_data():
    import keras
    import tensorflow as tf

    def program():
        model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
        model.compile(optimizer="sgd", loss="mse")
        data = tf.data.Dataset.from_tensor_slices((np.ones((4, 2)), np.ones(4))).batch(2)
        model.fit(data, shuffle=False)

    (fit,) = PythonProgram(function=program).run(Knobs(epochs=1)).fits
    assert fit.x.shape == (0,) and fit.epochs == 1


@pytest.mark.r
def test_r_fits_the_same_models_to_the_same_bits(bridge, models, python_run):
    folder, _ = models
    r_run = RProgram(code=R_PROGRAM.format(folder=folder)).run(Knobs(seed=42))
    report = compare_runs(r_run, python_run, "any model")
    assert [f.finding_codes for f in r_run.fits] == [f.finding_codes for f in python_run.fits]
    assert report.exact, report.explain()
    assert all(f.data_equal and f.initial_weights_equal for f in report.fits)


UNBUILT_R = r'''
library(keras3)
Critic <- Model("Critic",
  initialize = function(scorer, shifter, ...) {
    super$initialize(...)
    self$scorer <- scorer
    self$shifter <- shifter
    self$tracker <- metric_mean(name = "gap")
  },
  metrics = active_property(function() list(self$tracker)),
  train_step = function(real) {
    n <- shape(real)[[1]]            # a tensor: the last batch is smaller
    fake <- self$shifter(op_ones(shape(n, 2)))
    both <- op_concatenate(list(real, fake))
    labels <- op_concatenate(list(op_ones(c(n, 1)), op_zeros(c(n, 1))))
    with(tf$GradientTape() %as% tape, {
      loss <- op_mean(op_square(labels - self$scorer(both)))
    })
    variables <- c(self$scorer$trainable_variables, self$shifter$trainable_variables)
    self$optimizer$apply(tape$gradient(loss, variables), variables)
    self$tracker$update_state(loss)
    list(gap = self$tracker$result())
  }
)
scorer <- keras_model_sequential(input_shape = 2) |> layer_dense(1)
shifter <- keras_model_sequential(input_shape = 2) |> layer_dense(2)
critic <- Critic(scorer, shifter)
critic |> compile(optimizer = optimizer_sgd(0.1))
data <- matrix(seq(0, 1, length.out = 40), 20, 2) |>
  tfdatasets::tensor_slices_dataset() |>
  tfdatasets::dataset_map(\(row) op_cast(row, "float32")) |>
  tfdatasets::dataset_batch(6)
critic |> fit(tfdatasets::dataset_take(data, 3), epochs = 2)
'''


def unbuilt_python_program():
    import keras
    import tensorflow as tf

    class Critic(keras.Model):
        """Keras never builds it (no ``call()``): its weights are its two models'."""

        def __init__(self, scorer, shifter):
            super().__init__()
            self.scorer, self.shifter = scorer, shifter
            self.tracker = keras.metrics.Mean(name="gap")

        @property
        def metrics(self):
            return [self.tracker]

        def train_step(self, real):
            n = keras.ops.shape(real)[0]
            fake = self.shifter(keras.ops.ones((n, 2)))
            both = keras.ops.concatenate([real, fake])
            labels = keras.ops.concatenate([keras.ops.ones((n, 1)), keras.ops.zeros((n, 1))])
            with tf.GradientTape() as tape:
                loss = keras.ops.mean(keras.ops.square(labels - self.scorer(both)))
            variables = self.scorer.trainable_variables + self.shifter.trainable_variables
            self.optimizer.apply(tape.gradient(loss, variables), variables)
            self.tracker.update_state(loss)
            return {"gap": self.tracker.result()}

    scorer = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    shifter = keras.Sequential([keras.Input((2,)), keras.layers.Dense(2)])
    critic = Critic(scorer, shifter)
    critic.compile(optimizer=keras.optimizers.SGD(0.1))
    x = np.linspace(0, 1, 40).reshape(20, 2, order="F")
    data = tf.data.Dataset.from_tensor_slices(x).map(lambda row: tf.cast(row, "float32"))
    critic.fit(data.batch(6).take(3), epochs=2)


@pytest.fixture(scope="module")
def unbuilt_python_run():
    return PythonProgram(function=unbuilt_python_program).run(Knobs(seed=42))


def test_a_model_keras_never_builds_is_recorded(unbuilt_python_run):
    (fit,) = unbuilt_python_run.fits
    assert fit.param_count == (2 + 1) + (2 * 2 + 2)  # the scorer's and the shifter's
    assert fit.epochs == 2 and list(fit.history.columns[:2]) == ["epoch", "gap"]
    assert not np.array_equal(fit.initial_weights[0], fit.weights[0])


@pytest.mark.r
def test_r_train_step_sees_run_time_batch_sizes_and_fits_the_same_bits(
        bridge, unbuilt_python_run):
    r_run = RProgram(code=UNBUILT_R).run(Knobs(seed=42))
    report = compare_runs(r_run, unbuilt_python_run, "unbuilt model")
    assert report.exact, report.explain()
    assert r_run.fits[0].param_count == unbuilt_python_run.fits[0].param_count
