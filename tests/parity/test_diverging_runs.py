"""Identical programs that diverge to NaN are identical: the verdict holds with and
without a tolerance or ULPs (one NaN rule for data, metrics and weights)."""

from __future__ import annotations

import numpy as np
import pytest

from keras_rparity.parity import compare_programs
from keras_rparity.programs import ProgramPair, PythonProgram, RProgram
from keras_rparity.record import Knobs

pytestmark = pytest.mark.r

#: SGD with a learning rate of 1e4: the loss is inf after two epochs, NaN after three.
DIVERGING_R = """
x <- matrix(seq(0, 1, length.out = 20), ncol = 2)
y <- matrix(seq(0, 10, length.out = 10), ncol = 1)
model <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 1)
model %>% compile(optimizer = optimizer_sgd(learning_rate = 1e4), loss = "mse")
model %>% fit(x, y, epochs = 5, batch_size = 5, verbose = 0)
"""


def diverging_port() -> None:
    import keras

    x = np.linspace(0, 1, 20).reshape(10, 2, order="F")
    y = np.linspace(0, 10, 10).reshape(10, 1)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=1e4), loss="mse")
    model.fit(x, y, epochs=5, batch_size=5, verbose=0)


@pytest.fixture(scope="module")
def diverging_runs(bridge):
    pair = ProgramPair("diverging", RProgram(code=DIVERGING_R),
                       PythonProgram(function=diverging_port))
    knobs = Knobs(seed=42)
    return pair.run("r", knobs), pair.run("python", knobs)


@pytest.mark.parametrize("acceptance", [{}, {"tolerance": 1e-3}, {"ulps": 4}],
                         ids=["exact", "tolerance", "ulps"])
def test_runs_that_diverge_to_nan_identically_are_equal(diverging_runs, acceptance):
    from keras_rparity.parity import compare_runs

    report = compare_runs(*diverging_runs, **acceptance)
    losses = report.fits[0].losses()
    assert losses["r"].isna().any() and losses["python"].isna().any()  # NaN on both sides
    assert all(np.isnan(w).any() for w in report.fits[0].r.weights)
    assert report.verdict and report.exact, report.explain()
    assert report.first_difference is None
    assert report.fits[0].weights_max_abs_diff == 0.0
    assert "PARITY HOLDS" in report.explain()


def test_a_tolerance_names_the_first_epoch_that_breaks_it_and_nan_breaks_any(bridge):
    """R trains normally, Python diverges: epochs 1-2 differ by < 1e30, epoch 3 is inf
    and epoch 5 NaN in Python; NaN against a number breaks every tolerance."""
    finite_r = DIVERGING_R.replace("learning_rate = 1e4", "learning_rate = 1e-3")
    pair = ProgramPair("half", RProgram(code=finite_r), PythonProgram(function=diverging_port))
    report = compare_programs(pair, Knobs(seed=42), tolerance=1e30)
    assert not report.verdict
    assert report.first_difference.kind == "optimizer"
    assert "the metrics differ from epoch 3 on" in report.first_difference.message
    python = report.fits[0].losses()["python"]
    assert python[4:].isna().all() and report.fits[0].breaking(tolerance=1e300).iloc[3:].all()
