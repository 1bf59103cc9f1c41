"""PNG figures of the lab's tables (matplotlib, no display needed).

Figures are drawn on :class:`matplotlib.figure.Figure` objects directly, so
nothing touches pyplot's global state or needs a GUI backend: the Agg canvas
renders them to PNG.

Example:
>>> import tempfile
>>> paths = plot_activation_gallery(tempfile.mkdtemp(), names=["relu"])
>>> [p.name for p in paths]
['relu.png', 'overview.png']
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from keras_rparity.lab import from_logits, tutorial_figures
from keras_rparity.lab.activations import (
    ACTIVATIONS,
    GRID,
    SATURATION_THRESHOLD,
    ActivationSummary,
    autodiff,
    resolve_activation,
    summarize_activation,
)

DPI = 100


def _save(figure: Figure, path: str | Path) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(target, dpi=DPI)
    return target


def _shade(axes: Axes, summary: ActivationSummary) -> None:
    for region in summary.saturation:
        axes.axvspan(region.start, region.end, color="tab:orange", alpha=0.12, lw=0)
    for region in summary.dead:
        axes.axvspan(region.start, region.end, color="tab:red", alpha=0.12, lw=0)


def _draw_activation(axes: Axes, name: str, x: np.ndarray | None,
                     threshold: float, legend: bool) -> None:
    summary = summarize_activation(name, x, threshold)
    grid = GRID if x is None else np.asarray(x, dtype=np.float64)
    values, slopes = autodiff(name, grid)
    _shade(axes, summary)
    axes.plot(grid, values, color="tab:blue", label="f(x)")
    axes.plot(grid, slopes, color="tab:green", ls="--", label="f'(x) (autodiff)")
    axes.axhline(0, color="grey", lw=0.5)
    axes.set_title(name)
    if legend:
        axes.plot([], [], color="tab:orange", alpha=0.3, lw=8, label=f"|f'| < {threshold:g}")
        axes.plot([], [], color="tab:red", alpha=0.3, lw=8, label="f' = 0 (dead)")
        axes.legend(loc="best", fontsize="small")
        axes.set_xlabel("x")


def plot_activation(name: str, path: str | Path, x: Sequence[float] | None = None,
                    threshold: float = SATURATION_THRESHOLD) -> Path:
    """One activation and its autodiff derivative, saturated/dead regions shaded."""
    spec = resolve_activation(name)
    figure = Figure(figsize=(6, 4))
    axes = figure.add_subplot()
    _draw_activation(axes, spec.name, None if x is None else np.asarray(x), threshold, True)
    axes.set_title(f"{spec.name}: {spec.formula}", fontsize="medium")
    figure.tight_layout()
    return _save(figure, path)


def plot_activation_overview(path: str | Path, names: Sequence[str] | None = None,
                             x: Sequence[float] | None = None,
                             threshold: float = SATURATION_THRESHOLD) -> Path:
    """All activations (default: the twelve) on one grid of panels."""
    chosen = list(ACTIVATIONS) if names is None else [resolve_activation(n).name for n in names]
    columns = min(4, len(chosen))
    rows = math.ceil(len(chosen) / columns)
    figure = Figure(figsize=(3.2 * columns, 2.6 * rows))
    for index, name in enumerate(chosen):
        axes = figure.add_subplot(rows, columns, index + 1)
        _draw_activation(axes, name, None if x is None else np.asarray(x), threshold, False)
    figure.suptitle("Keras activations (solid) and autodiff derivatives (dashed)")
    figure.tight_layout()
    return _save(figure, path)


def plot_activation_gallery(directory: str | Path, names: Sequence[str] | None = None,
                            x: Sequence[float] | None = None,
                            threshold: float = SATURATION_THRESHOLD) -> list[Path]:
    """``<name>.png`` for each activation, then ``overview.png``; returns the paths."""
    chosen = list(ACTIVATIONS) if names is None else [resolve_activation(n).name for n in names]
    folder = Path(directory)
    paths = [plot_activation(name, folder / f"{name}.png", x, threshold) for name in chosen]
    paths.append(plot_activation_overview(folder / "overview.png", chosen, x, threshold))
    return paths


def plot_from_logits(path: str | Path, softmax: pd.DataFrame | None = None,
                     sigmoid: pd.DataFrame | None = None) -> Path:
    """Crossentropy on probabilities vs from logits, against the logit magnitude."""
    tables = {
        "softmax + categorical crossentropy": softmax if softmax is not None
        else from_logits.softmax_table(),
        "sigmoid + binary crossentropy": sigmoid if sigmoid is not None
        else from_logits.sigmoid_table(),
    }
    figure = Figure(figsize=(11, 4))
    for index, (title, table) in enumerate(tables.items()):
        axes = figure.add_subplot(1, 2, index + 1)
        axes.plot(table["magnitude"], table["exact"], color="black", lw=3, alpha=0.3,
                  label="exact (float64)")
        axes.plot(table["magnitude"], table["via_logits"], marker="o", label="from_logits=True")
        axes.plot(table["magnitude"], table["via_probabilities"], marker="s",
                  label="on probabilities (clipped)")
        axes.axhline(from_logits.CLIP_CEILING, color="tab:red", ls=":",
                     label=f"-log(1e-7) = {from_logits.CLIP_CEILING:.3f}")
        axes.set_xscale("log")
        axes.set_yscale("log")
        axes.set(title=title, xlabel="logit magnitude (confidently wrong)", ylabel="loss")
        axes.legend(fontsize="small")
    figure.tight_layout()
    return _save(figure, path)


def _sigmoid_saturation(axes: Axes) -> None:
    table = tutorial_figures.sigmoid_saturation()
    axes.plot(table["x"], table["sigmoid"], label="sigmoid(x)")
    axes.plot(table["x"], table["derivative"], ls="--", label="derivative")
    axes.fill_between(table["x"], 0, 1, where=table["saturated"], color="tab:orange",
                      alpha=0.15, label="saturated")
    axes.set(title="The sigmoid squishes its input into (0, 1)", xlabel="x")
    axes.legend(fontsize="small")


def _crossentropy_penalty(axes: Axes) -> None:
    table = tutorial_figures.crossentropy_penalty()
    for label, part in table.groupby("y"):
        axes.plot(part["p"], part["keras"], label=f"true class {label}")
    axes.set(title="Crossentropy penalises confident mistakes", xlabel="predicted P(y = 1)",
             ylabel="binary crossentropy")
    axes.legend(fontsize="small")


def _winner_takes_all(axes: Axes) -> None:
    table = tutorial_figures.softmax_winner_takes_all()
    width = 0.4
    axes.bar(table["unit"] - width / 2, table["linear_share"], width, label="raw (rescaled)")
    axes.bar(table["unit"] + width / 2, table["softmax"], width, label="softmax")
    axes.set(title="Softmax: the winner takes all", xlabel="output unit", ylabel="share")
    axes.set_xticks(table["unit"])
    axes.legend(fontsize="small")


def _output_gradients(axes: Axes) -> None:
    table = tutorial_figures.output_gradients()
    axes.plot(table["z"], table["mse_autodiff"], label="sigmoid + MSE")
    axes.plot(table["z"], table["bce_autodiff"], label="sigmoid + BCE")
    axes.axhline(0, color="grey", lw=0.5)
    axes.set(title="dLoss/dz for a positive example (y = 1)", xlabel="z (pre-activation)",
             ylabel="dLoss/dz")
    axes.legend(fontsize="small")


_TUTORIAL_FIGURES = {
    "sigmoid_saturation": _sigmoid_saturation,
    "crossentropy_penalty": _crossentropy_penalty,
    "softmax_winner_takes_all": _winner_takes_all,
    "output_gradients": _output_gradients,
}


def plot_tutorial_figures(directory: str | Path) -> list[Path]:
    """The tutorial's four figures as ``<name>.png`` in ``directory``."""
    paths = []
    for name, draw in _TUTORIAL_FIGURES.items():
        figure = Figure(figsize=(6, 4))
        draw(figure.add_subplot())
        figure.tight_layout()
        paths.append(_save(figure, Path(directory) / f"{name}.png"))
    return paths
