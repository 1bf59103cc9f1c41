"""Learning curves of R and Python drawn over each other, one figure per pair."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from keras_rparity.parity.compare import FitParity


class Compared(Protocol):
    """What the overlay draws: a pair's name and its fits compared (a ``ParityReport`` is
    one; named here as a protocol so that this module needs nothing of the report's)."""

    pair: str
    fits: Sequence[FitParity]


def plot_parity_overlay(report: Compared, path: str | Path, note: str | None = None) -> Path:
    """Per fit and metric, R (solid line) under Python (markers); saves a PNG.

    Where the two sides agree bit for bit the markers sit exactly on the line.
    ``note`` (e.g. that the data are a synthetic stand-in) goes under the title.
    """
    from matplotlib.figure import Figure  # no pyplot: leaves the caller's backend alone
    from matplotlib.ticker import MaxNLocator

    metrics = list(dict.fromkeys(m for f in report.fits for m in f.per_epoch["metric"]))
    fig = Figure(figsize=(max(3.6 * len(metrics), 6.0), 2.9 * len(report.fits)))
    axes = fig.subplots(len(report.fits), len(metrics), squeeze=False)
    for row, fit in zip(axes, report.fits, strict=True):
        for ax, metric in zip(row, metrics, strict=True):
            rows = fit.per_epoch[fit.per_epoch["metric"] == metric]
            ax.plot(rows["epoch"], rows["r"], "-", color="#1f77b4", linewidth=2.5, label="R")
            ax.plot(rows["epoch"], rows["python"], "o", color="#ff7f0e", markersize=4,
                    label="Python")
            ax.set_title(f"{fit.label}: {metric}\nmax |R - Python| = "
                         f"{fit.per_epoch_max(metric):.3g}", fontsize=9)
            ax.set_xlabel("epoch", fontsize=8)
            ax.tick_params(labelsize=7)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes[0][0].legend(fontsize=8)
    title = f"{report.pair}: R vs Python"
    fig.suptitle(f"{title}\n{note}" if note else title, fontsize=11,
                 color="#b00000" if note else "black")
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    return path
