"""Keras is instrumented for a run only, and restored afterwards, also on error."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from keras_rparity.errors import ProgramError
from keras_rparity.programs import PythonProgram
from keras_rparity.record import Knobs


def tiny_fit(epochs: int = 3, verbose=None) -> None:
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    kwargs = {} if verbose is None else {"verbose": verbose}
    model.fit(np.ones((4, 2)), np.ones((4, 1)), epochs=epochs, **kwargs)


def test_fit_and_layer_creation_are_restored_after_the_run():
    fit, new = keras.Model.fit, keras.layers.Layer.__dict__["__new__"]
    run = PythonProgram(function=tiny_fit).run(Knobs(epochs=1))
    assert keras.Model.fit is fit and keras.layers.Layer.__dict__["__new__"] is new
    assert "fit" not in keras.Model.__dict__
    assert run.fits[0].epochs == 1  # the knob replaced the program's 3


def test_restored_also_when_the_program_fails():
    def broken():
        tiny_fit()
        raise ValueError("the program failed")

    load_data = keras.datasets.cifar10.load_data
    with pytest.raises(ProgramError, match="ValueError: the program failed"):
        PythonProgram(function=broken).run()
    assert "fit" not in keras.Model.__dict__
    assert keras.datasets.cifar10.load_data is load_data


def test_fits_record_initial_weights_and_optimizer():
    (fit,) = PythonProgram(function=tiny_fit).run(Knobs(epochs=2)).fits
    assert [w.shape for w in fit.initial_weights] == [(2, 1), (1,)]
    assert not np.array_equal(fit.initial_weights[0], fit.weights[0])  # it trained
    assert fit.optimizer["class"] == "SGD"
    assert fit.optimizer["learning_rate"] == float(np.float32(0.01))  # Keras keeps float32


def test_the_seed_knob_gives_the_same_initial_weights_every_run():
    first = PythonProgram(function=tiny_fit).run(Knobs(epochs=1, seed=5)).fits[0]
    again = PythonProgram(function=tiny_fit).run(Knobs(epochs=1, seed=5)).fits[0]
    other = PythonProgram(function=tiny_fit).run(Knobs(epochs=1, seed=6)).fits[0]
    np.testing.assert_array_equal(first.initial_weights[0], again.initial_weights[0])
    assert not np.array_equal(first.initial_weights[0], other.initial_weights[0])


def test_datasets_are_served_from_the_data_layer(with_cifar10_fixture):
    seen = {}

    def program():
        (x, y), (x_test, _) = keras.datasets.cifar10.load_data()
        seen["shapes"] = (x.shape, y.shape, x_test.shape)

    run = PythonProgram(function=program).run(Knobs(per_class=2))
    assert seen["shapes"] == ((20, 32, 32, 3), (20, 1), (20, 32, 32, 3))
    assert run.data_sources == {"cifar10": "fixture"}


def test_dataset_arguments_are_refused():
    with pytest.raises(ProgramError, match="takes no arguments under keras-rparity"):
        PythonProgram(function=lambda: keras.datasets.mnist.load_data("x.npz")).run()


def test_a_python_file_runs_as_main(tmp_path):
    program = tmp_path / "port.py"
    program.write_text("import numpy as np, keras\n"
                       "if __name__ == '__main__':\n"
                       "    m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])\n"
                       "    m.compile(optimizer='sgd', loss='mse')\n"
                       "    m.fit(np.ones((4, 2)), np.ones((4, 1)), epochs=2)\n")
    run = PythonProgram(path=program).run()
    assert len(run.fits) == 1 and run.program == str(program)
