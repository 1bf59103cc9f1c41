"""Pictures of a sweep: learning curves, confusion matrices, a summary of final accuracy.

Figures are drawn with :class:`matplotlib.figure.Figure` directly (no pyplot),
so they work in worker processes and without a display.

Example:
>>> import numpy as np, tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "cm.png")
>>> plot_confusion(np.eye(3, dtype=int) * 5, ["a", "b", "c"], "relu + adam", path).name
'cm.png'
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

_SPLIT_STYLE = {"train": {"color": "tab:blue", "linestyle": "--"},
                "validation": {"color": "tab:orange", "linestyle": "-"}}


def _save(figure: Figure, path: str | os.PathLike[str]) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100, bbox_inches="tight")
    return path


def _grid(n: int, max_cols: int = 4) -> tuple[int, int]:
    cols = min(n, max_cols)
    return math.ceil(n / cols), cols


def plot_learning_curves(epochs: pd.DataFrame, metric: str, path: str | os.PathLike[str],
                         title: str = "") -> Path:
    """One panel per activation/optimizer pair: train vs validation ``metric`` per epoch.

    Lines are means over repeats; the band shows their min-max range.

    Args:
        epochs: the long per-epoch table (columns ``pair``, ``epoch``, ``split``, ``metric``).
        metric: ``"accuracy"`` or ``"loss"``.
    """
    if metric not in ("accuracy", "loss"):
        raise ValueError(f"metric must be 'accuracy' or 'loss', got {metric!r}")
    pairs = list(dict.fromkeys(epochs["pair"]))
    if not pairs:
        raise ValueError("no epochs to plot")
    rows, cols = _grid(len(pairs))
    figure = Figure(figsize=(3.6 * cols, 2.9 * rows), layout="constrained")
    axes = figure.subplots(rows, cols, sharex=True, sharey=True, squeeze=False).ravel()
    for ax, pair in zip(axes, pairs, strict=False):
        for split, style in _SPLIT_STYLE.items():
            part = epochs[(epochs["pair"] == pair) & (epochs["split"] == split)]
            stats = part.groupby("epoch")[metric].agg(["mean", "min", "max"])
            ax.plot(stats.index, stats["mean"], marker="o", markersize=3, label=split, **style)
            if part["run_id"].nunique() > 1:
                ax.fill_between(stats.index, stats["min"], stats["max"], alpha=0.2,
                                color=style["color"])
        ax.set_title(pair.replace("+", " + "), fontsize=10)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(True, alpha=0.3)
    for ax in axes[len(pairs):]:
        ax.set_visible(False)
    axes[0].legend(fontsize=8)
    figure.supxlabel("epoch")
    figure.supylabel(metric)
    if title:
        figure.suptitle(title)
    return _save(figure, path)


def plot_confusion(confusion: np.ndarray, class_names: Sequence[str], title: str,
                   path: str | os.PathLike[str]) -> Path:
    """A confusion matrix (rows true, columns predicted) with the counts written in."""
    confusion = np.asarray(confusion)
    n = confusion.shape[0]
    if confusion.shape != (n, n):
        raise ValueError(f"confusion matrix must be square, got shape {confusion.shape}")
    names = list(class_names) or [str(i) for i in range(n)]
    figure = Figure(figsize=(6.5, 5.5), layout="constrained")
    ax = figure.subplots()
    image = ax.imshow(confusion, cmap="Blues")
    figure.colorbar(image, ax=ax)
    threshold = confusion.max() / 2 if confusion.size else 0
    for i in range(n):
        for j in range(n):
            ax.text(j, i, int(confusion[i, j]), ha="center", va="center", fontsize=7,
                    color="white" if confusion[i, j] > threshold else "black")
    ax.set_xticks(range(n), names, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(n), names, fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(title, fontsize=10)
    return _save(figure, path)


def plot_summary(runs: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Final validation accuracy per pair: mean bar, min-max whisker, one dot per repeat.

    One panel per model; pairs keep the order of the table.
    """
    models = list(dict.fromkeys(runs["model"]))
    if not models:
        raise ValueError("no runs to plot")
    pairs = list(dict.fromkeys(runs["pair"]))
    figure = Figure(figsize=(max(4.0, 1.1 * len(pairs) + 1.5), 3.6 * len(models)),
                    layout="constrained")
    axes = figure.subplots(len(models), 1, squeeze=False).ravel()
    for ax, model in zip(axes, models, strict=True):
        part = runs[runs["model"] == model]
        here = [p for p in pairs if p in set(part["pair"])]
        stats = part.groupby("pair")["final_val_accuracy"].agg(["mean", "min", "max"]).loc[here]
        x = np.arange(len(here))
        ax.bar(x, stats["mean"], color="tab:blue", alpha=0.6)
        ax.errorbar(x, stats["mean"], yerr=[stats["mean"] - stats["min"],
                                            stats["max"] - stats["mean"]],
                    fmt="none", ecolor="black", capsize=4)
        for i, pair in enumerate(here):
            values = part.loc[part["pair"] == pair, "final_val_accuracy"].to_numpy()
            ax.scatter(np.full(values.shape, x[i]), values, color="black", s=12, zorder=3)
        ax.set_xticks(x, [p.replace("+", "\n+ ") for p in here], fontsize=8)
        ax.set_ylabel("final validation accuracy")
        ax.set_title(f"{model}: mean (bar), min-max (whisker), repeats (dots)", fontsize=10)
        ax.grid(True, axis="y", alpha=0.3)
    return _save(figure, path)
