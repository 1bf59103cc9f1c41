"""The high-level functions, friendly to Python and to R (through reticulate).

Every function takes plain values (R doubles such as ``epochs = 3`` are
accepted where whole numbers are meant) and returns a report, pandas
DataFrames (which reticulate turns into R data frames) or file paths.

Example:
>>> from keras_rparity import compare, history
>>> from keras_rparity.programs.bundled import r_examples_dir
>>> pair = r_examples_dir() / "examples" / "functional_regression"
>>> compare(r=f"{pair}.R", python=f"{pair}.py", epochs=1).verdict
True
>>> history("iris", loss="mse", epochs=3).shape
(3, 2)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from keras_rparity.backend import use_backend
from keras_rparity.bridge.reticulate_host import for_r
from keras_rparity.parity import ParityReport, compare_programs, run_parity
from keras_rparity.programs import (
    ProgramPair,
    PythonProgram,
    RProgram,
    as_python_program,
)
from keras_rparity.programs.bundled import TUTORIAL, get_entry, run_side
from keras_rparity.record import Knobs
from keras_rparity.validation import DEFAULT_SEED


def compare(r: str | Path | RProgram, python: str | Path | PythonProgram | Callable[[], Any],
            *, seed: float | None = None, epochs: float | None = None,
            per_class: float | None = None, tolerance: float | None = None,
            ulps: float | None = None, verbose: float = 0,
            backend: str | None = None) -> ParityReport:
    """Run an R program and its Python port with the same knobs; compare them fit by fit.

    Args:
        r: a ``.R`` file (or an :class:`~keras_rparity.programs.RProgram`).
        python: a ``.py`` file, a module name, a function (or a
            :class:`~keras_rparity.programs.PythonProgram`): plain Keras code.
        seed: set right before each model is built, identically on both sides
            (default: the programs seed themselves).
        epochs: replaces every ``fit``'s ``epochs``.
        per_class: image datasets: keep the first ``per_class`` images of each class.
        tolerance: accept per-epoch metrics and final weights within this absolute
            difference (default: exact).
        ulps: or accept them within this many float32 ULPs.
        verbose: Keras ``fit`` verbosity where the programs do not set it.
        backend: the Keras backend both sides run on (``"tensorflow"``, ``"jax"``,
            ``"torch"``; default: ``$KERAS_BACKEND`` or TensorFlow). A process keeps the
            backend Keras started with: choose it before anything imports Keras.

    Returns:
        A :class:`~keras_rparity.parity.ParityReport`: ``.verdict``, ``.exact``,
        ``.first_difference``, ``.table()``, ``.per_epoch()``, ``.explain()``,
        ``.plot(path)``, ``.to_dict()``.

    Raises:
        ProgramError: a program failed (``.side``, ``.file``, ``.line``, ``.call``,
            ``.message``; ``.report``: the report of the fits before the failure). From R
            it arrives as an R error with the same one line.
    """
    use_backend(backend)
    pair = ProgramPair.from_files(r, as_python_program(python))
    knobs = Knobs(epochs=epochs, seed=seed, per_class=per_class, verbose=verbose)
    report = compare_programs(pair, knobs, tolerance=tolerance, ulps=ulps)
    if report.error is not None:
        report.error.report = report
        raise report.error
    return report



def _knobs(epochs: float | None, seed: float | None, per_class: float | None,
           backend: str | None = None) -> Knobs:
    """The knobs of a bundled-pair call, after choosing the backend (before Keras loads)."""
    use_backend(backend)
    return Knobs(epochs=epochs, seed=seed, per_class=per_class)


@for_r
def experiments() -> pd.DataFrame:
    """The bundled pairs: name, title, dataset, fits (losses) and the programs."""
    return pd.DataFrame([{"name": e.name, "title": e.title, "dataset": e.dataset,
                          "losses": ", ".join(e.fits), "r_program": e.r_program,
                          "python_program": e.python_program}
                         for e in TUTORIAL.values()])


@for_r
def history(experiment: str = "iris", loss: str | None = None, side: str = "python",
            epochs: float | None = None, seed: float = DEFAULT_SEED,
            per_class: float | None = None, backend: str | None = None) -> pd.DataFrame:
    """Train one bundled pair on one side; the per-epoch history of one fit
    (``epoch``, ``loss``, and ``accuracy`` for classifiers)."""
    label = get_entry(experiment).resolve_fit(loss)  # fail before training
    return run_side(experiment, side, _knobs(epochs, seed, per_class, backend)).history(label)


def parity(experiment: str = "iris", epochs: float | None = None, seed: float = DEFAULT_SEED,
           per_class: float | None = None, backend: str | None = None) -> ParityReport:
    """Run a bundled pair in Python and R and compare (a :class:`ParityReport`)."""
    get_entry(experiment)
    return run_parity(experiment, _knobs(epochs, seed, per_class, backend))


@for_r
def parity_table(experiment: str = "iris", epochs: float | None = None,
                 seed: float = DEFAULT_SEED, per_class: float | None = None,
                 backend: str | None = None) -> pd.DataFrame:
    """One row per fit: max |dloss|, ULPs, shapes/params/data equal, exact, seconds per side."""
    return parity(experiment, epochs, seed, per_class, backend).table()


@for_r
def parity_epochs(experiment: str = "iris", loss: str | None = None,
                  epochs: float | None = None, seed: float = DEFAULT_SEED,
                  per_class: float | None = None, backend: str | None = None) -> pd.DataFrame:
    """Per epoch and metric of one fit: the R value, the Python value, their difference."""
    label = get_entry(experiment).resolve_fit(loss)
    return parity(experiment, epochs, seed, per_class, backend).fit(label).per_epoch


def plot_parity(experiment: str = "iris", path: str = "parity.png",
                epochs: float | None = None, seed: float = DEFAULT_SEED,
                per_class: float | None = None, backend: str | None = None) -> str:
    """Run parity and save the R-vs-Python learning-curve overlay as a PNG; returns its path."""
    return str(parity(experiment, epochs, seed, per_class, backend).plot(path))
