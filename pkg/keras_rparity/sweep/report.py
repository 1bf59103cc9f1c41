"""Write a sweep's pictures and ``summary.md`` into its output directory.

Files (relative to the output directory)::

    plots/learning_curves_<model>_accuracy.png   one panel per activation/optimizer pair
    plots/learning_curves_<model>_loss.png
    plots/confusion/<run_id>.png                 one per run (redrawn when the run is newer)
    plots/summary.png                            final validation accuracy, spread over repeats
    summary.md                                   ranking table and the computed winner
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from keras_rparity.sweep.plots import plot_confusion, plot_learning_curves, plot_summary
from keras_rparity.sweep.run_one import RunResult
from keras_rparity.sweep.store import SweepStore
from keras_rparity.sweep.summary import summary_markdown


def _stale(picture: Path, source: Path) -> bool:
    return not picture.exists() or (source.exists()
                                    and picture.stat().st_mtime < source.stat().st_mtime)


def write_confusions(out: Path, results: Sequence[RunResult]) -> list[Path]:
    """One confusion-matrix PNG per run, drawn only if missing or older than the run file."""
    store, paths = SweepStore(out), []
    for result in results:
        path = out / "plots" / "confusion" / f"{result.run_id}.png"
        if _stale(path, store.path(result.run_id)):
            c = result.config
            title = (f"{c.activation} + {c.optimizer} ({c.model}, seed {c.seed}): "
                     f"test accuracy {result.test_accuracy:.3f}")
            plot_confusion(result.confusion, result.class_names, title, path)
        paths.append(path)
    return paths


def write_report(out: str | Path, results: Sequence[RunResult], runs: pd.DataFrame,
                 epochs: pd.DataFrame) -> list[Path]:
    """Draw all plots and write ``summary.md``; returns the files."""
    out = Path(out)
    plots: list[Path] = []
    for model in dict.fromkeys(runs["model"]):
        part = epochs[epochs["model"] == model]
        for metric in ("accuracy", "loss"):
            plots.append(plot_learning_curves(
                part, metric, out / "plots" / f"learning_curves_{model}_{metric}.png",
                title=f"{model} net: train vs validation {metric}"))
    plots.append(plot_summary(runs, out / "plots" / "summary.png"))
    confusions = write_confusions(out, results)
    summary = out / "summary.md"
    links = [p.relative_to(out).as_posix() for p in plots] + ["plots/confusion/"]
    summary.write_text(summary_markdown(runs, links), encoding="utf-8")
    return [*plots, *confusions, summary]
