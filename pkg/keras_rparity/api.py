"""The high-level functions, friendly to Python and to R (through reticulate).

Every function takes plain values (R doubles such as ``epochs = 3`` are
accepted where whole numbers are meant) and returns pandas DataFrames, which
reticulate turns into R data frames, or file paths.

Example:
>>> from keras_rparity import history
>>> history("iris", loss="mse", epochs=3).shape  # doctest: +SKIP
(3, 2)
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from keras_rparity.bridge.reticulate_host import for_r
from keras_rparity.experiments.context import Knobs
from keras_rparity.experiments.registry import EXPERIMENTS, get_experiment
from keras_rparity.experiments.runs import run_side
from keras_rparity.parity.compare import ParityReport, run_parity


def _knobs(epochs: float | None, seed: float, per_class: float | None) -> Knobs:
    return Knobs(epochs=epochs, seed=seed, per_class=per_class)


@for_r
def experiments() -> pd.DataFrame:
    """The experiments: name, title, dataset, fits (losses) and the R program."""
    return pd.DataFrame([{"name": e.name, "title": e.title, "dataset": e.dataset,
                          "losses": ", ".join(e.fits), "r_program": e.r_program}
                         for e in EXPERIMENTS.values()])


@for_r
def history(experiment: str = "iris", loss: str | None = None, side: str = "python",
            epochs: float | None = None, seed: float = 42,
            per_class: float | None = None) -> pd.DataFrame:
    """Train one experiment on one side; the per-epoch history of one fit
    (``epoch``, ``loss``, and ``accuracy`` for classifiers)."""
    label = get_experiment(experiment).resolve_fit(loss)  # fail before training
    return run_side(experiment, side, _knobs(epochs, seed, per_class)).history(label)


def parity(experiment: str = "iris", epochs: float | None = None, seed: float = 42,
           per_class: float | None = None) -> ParityReport:
    """Run ``experiment`` in Python and R and compare (a :class:`ParityReport`)."""
    get_experiment(experiment)
    return run_parity(experiment, _knobs(epochs, seed, per_class))


@for_r
def parity_table(experiment: str = "iris", epochs: float | None = None, seed: float = 42,
                 per_class: float | None = None) -> pd.DataFrame:
    """One row per fit: max |dloss|, shapes/params/data equal, exact, seconds per side."""
    return parity(experiment, epochs, seed, per_class).table()


@for_r
def parity_epochs(experiment: str = "iris", loss: str | None = None,
                  epochs: float | None = None, seed: float = 42,
                  per_class: float | None = None) -> pd.DataFrame:
    """Per epoch and metric of one fit: the R value, the Python value, their difference."""
    label = get_experiment(experiment).resolve_fit(loss)
    return parity(experiment, epochs, seed, per_class).fit(label).per_epoch


def plot_parity(experiment: str = "iris", path: str = "parity.png",
                epochs: float | None = None, seed: float = 42,
                per_class: float | None = None) -> str:
    """Run parity and save the R-vs-Python learning-curve overlay as a PNG; returns its path."""
    from keras_rparity.report.parity_plots import plot_parity_overlay

    report = parity(experiment, epochs, seed, per_class)
    return str(plot_parity_overlay(report, Path(path)))
