"""Learning curves of R and Python drawn over each other, one figure per experiment."""

from __future__ import annotations

from pathlib import Path

from keras_rparity.parity.compare import ParityReport


def plot_parity_overlay(report: ParityReport, path: str | Path) -> Path:
    """Per fit and metric, R (solid line) under Python (markers); saves a PNG.

    Where the two sides agree bit for bit the markers sit exactly on the line.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = [(f, metric) for f in report.fits for metric in f.per_epoch["metric"].unique()]
    fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 3.4), squeeze=False)
    for ax, (fit, metric) in zip(axes[0], panels, strict=True):
        rows = fit.per_epoch[fit.per_epoch["metric"] == metric]
        ax.plot(rows["epoch"], rows["r"], "-", color="#1f77b4", linewidth=2.5, label="R")
        ax.plot(rows["epoch"], rows["python"], "o", color="#ff7f0e", markersize=4,
                label="Python")
        ax.set_title(f"{fit.label}\n{metric} (max |diff| {fit.per_epoch_max(metric):.3g})",
                     fontsize=9)
        ax.set_xlabel("epoch")
        ax.set_ylabel(metric)
        ax.legend(fontsize=8)
    fig.suptitle(f"{report.experiment}: R vs Python", fontsize=11)
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
