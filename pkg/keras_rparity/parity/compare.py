"""Compare the R and Python runs of one experiment, fit by fit.

Parity means: the same prepared data (shape and every value), the same model
(input/output shapes, parameter count) and the same numbers out (loss and
every metric, each epoch). Differences are reported, never rounded away.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from keras_rparity.experiments.context import ArrayFingerprint, FitRecord, Knobs
from keras_rparity.experiments.runs import SideRun, run_side


@dataclass
class FitParity:
    """How one fit compares between R and Python."""

    label: str
    epochs: dict[str, int]
    per_epoch: pd.DataFrame  # epoch, metric, r, python, abs_diff, rel_diff
    max_abs_diff: float
    max_rel_diff: float
    input_shape: dict[str, tuple]
    output_shape: dict[str, tuple]
    param_count: dict[str, int]
    x_shape: dict[str, tuple]
    y_shape: dict[str, tuple]
    data_equal: bool
    weights_max_abs_diff: float
    seconds: dict[str, float]
    findings: dict[str, list[str]]

    @property
    def shapes_equal(self) -> bool:
        return all(len(set(d.values())) == 1
                   for d in (self.input_shape, self.output_shape, self.x_shape, self.y_shape))

    @property
    def params_equal(self) -> bool:
        return len(set(self.param_count.values())) == 1

    @property
    def exact(self) -> bool:
        """Bitwise parity: equal data, shapes, parameter counts, metrics and weights."""
        return (self.max_abs_diff == 0.0 and self.data_equal and self.shapes_equal
                and self.params_equal and self.weights_max_abs_diff == 0.0
                and len(set(self.epochs.values())) == 1)

    def per_epoch_max(self, metric: str) -> float:
        """Largest absolute R-Python difference of one metric over the epochs."""
        return float(self.per_epoch.loc[self.per_epoch["metric"] == metric, "abs_diff"].max())

    def losses(self, metric: str = "loss") -> pd.DataFrame:
        """Per-epoch values of one metric, one column per side."""
        rows = self.per_epoch[self.per_epoch["metric"] == metric]
        return rows[["epoch", "r", "python", "abs_diff"]].reset_index(drop=True)


@dataclass
class ParityReport:
    """All fits of one experiment, compared."""

    experiment: str
    knobs: Knobs
    fits: list[FitParity]
    seconds: dict[str, float]
    data_sources: dict[str, dict[str, str]]

    @property
    def exact(self) -> bool:
        return bool(self.fits) and all(f.exact for f in self.fits)

    def fit(self, label: str) -> FitParity:
        for f in self.fits:
            if f.label == label:
                return f
        raise LookupError(f"no fit {label!r} in {[f.label for f in self.fits]}")

    def table(self) -> pd.DataFrame:
        """One row per fit: the parity summary."""
        return pd.DataFrame([{
            "experiment": self.experiment,
            "loss": f.label,
            "epochs": f.epochs["python"],
            "max_abs_dloss": f.max_abs_diff,
            "max_rel_dloss": f.max_rel_diff,
            "shapes_equal": f.shapes_equal,
            "params_equal": f.params_equal,
            "data_equal": f.data_equal,
            "weights_max_abs_diff": f.weights_max_abs_diff,
            "exact": f.exact,
            "findings": ", ".join(sorted(set(f.findings["r"]) | set(f.findings["python"])))
            or "none",
            "r_seconds": f.seconds["r"],
            "python_seconds": f.seconds["python"],
        } for f in self.fits])

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary, including per-epoch values for every fit."""
        return {
            "experiment": self.experiment,
            "knobs": asdict(self.knobs),
            "exact": self.exact,
            "data_sources": self.data_sources,
            "seconds": self.seconds,
            "fits": [_fit_dict(f) for f in self.fits],
        }


def _fit_dict(f: FitParity) -> dict[str, Any]:
    metrics = {m: {"r": g["r"].tolist(), "python": g["python"].tolist()}
               for m, g in f.per_epoch.groupby("metric", sort=False)}
    return {
        "loss": f.label, "epochs": f.epochs["python"], "metrics": metrics,
        "max_abs_diff": f.max_abs_diff, "max_rel_diff": f.max_rel_diff,
        "shapes_equal": f.shapes_equal, "params_equal": f.params_equal,
        "data_equal": f.data_equal, "weights_max_abs_diff": f.weights_max_abs_diff,
        "exact": f.exact,
        "input_shape": f.input_shape, "output_shape": f.output_shape,
        "param_count": f.param_count, "x_shape": f.x_shape, "y_shape": f.y_shape,
        "seconds": f.seconds, "findings": f.findings,
    }


def compare_fits(r: FitRecord, py: FitRecord) -> FitParity:
    """Compare one fit recorded on each side."""
    per_epoch = _per_epoch(r.history, py.history)
    diffs = per_epoch["abs_diff"].to_numpy()
    rel = per_epoch["rel_diff"].to_numpy()
    both = {"r": r, "python": py}
    return FitParity(
        label=py.label,
        epochs={k: v.epochs for k, v in both.items()},
        per_epoch=per_epoch,
        max_abs_diff=float(np.nanmax(diffs)) if diffs.size else float("nan"),
        max_rel_diff=float(np.nanmax(rel)) if rel.size else float("nan"),
        input_shape={k: v.input_shape for k, v in both.items()},
        output_shape={k: v.output_shape for k, v in both.items()},
        param_count={k: v.param_count for k, v in both.items()},
        x_shape={k: v.x.shape for k, v in both.items()},
        y_shape={k: v.y.shape for k, v in both.items()},
        data_equal=_same_values(r.x, py.x) and _same_values(r.y, py.y),
        weights_max_abs_diff=_weights_diff(r.weights, py.weights),
        seconds={k: v.seconds for k, v in both.items()},
        findings={k: v.finding_codes for k, v in both.items()},
    )


def _per_epoch(r: pd.DataFrame, py: pd.DataFrame) -> pd.DataFrame:
    metrics = [c for c in py.columns if c != "epoch"]
    missing = [m for m in metrics if m not in r.columns]
    if missing:
        raise ValueError(f"the R history lacks metrics {missing}; it has {list(r.columns)}")
    r_long = r.melt(id_vars="epoch", value_vars=metrics, var_name="metric", value_name="r")
    py_long = py.melt(id_vars="epoch", value_vars=metrics, var_name="metric", value_name="python")
    merged = py_long.merge(r_long, on=["epoch", "metric"], how="outer")
    merged["abs_diff"] = (merged["r"] - merged["python"]).abs()
    scale = merged["python"].abs().where(merged["python"] != 0, 1.0)
    merged["rel_diff"] = merged["abs_diff"] / scale
    order = {m: i for i, m in enumerate(metrics)}
    merged = merged.sort_values(
        ["metric", "epoch"], key=lambda s: s.map(order) if s.name == "metric" else s)
    return merged[["epoch", "metric", "r", "python", "abs_diff", "rel_diff"]].reset_index(drop=True)


def _same_values(a: ArrayFingerprint, b: ArrayFingerprint) -> bool:
    """Same shape and values; dtypes may differ (R integers arrive as int32, NumPy's as uint8)."""
    return a.shape == b.shape and a.sha256 == b.sha256


def _weights_diff(a: list[np.ndarray], b: list[np.ndarray]) -> float:
    if len(a) != len(b) or any(x.shape != y.shape for x, y in zip(a, b, strict=True)):
        return float("inf")
    return max((float(np.max(np.abs(x - y))) for x, y in zip(a, b, strict=True) if x.size),
               default=0.0)


def compare(r: SideRun, py: SideRun) -> ParityReport:
    """Compare the R and Python runs of the same experiment, fit by fit."""
    if r.experiment != py.experiment:
        raise ValueError(f"cannot compare runs of {r.experiment!r} and {py.experiment!r}")
    r_labels, py_labels = [f.label for f in r.fits], [f.label for f in py.fits]
    if r_labels != py_labels:
        raise ValueError(f"R recorded fits {r_labels} but Python recorded {py_labels}")
    return ParityReport(
        experiment=py.experiment,
        knobs=py.knobs,
        fits=[compare_fits(rf, pf) for rf, pf in zip(r.fits, py.fits, strict=True)],
        seconds={"r": r.seconds, "python": py.seconds},
        data_sources={"r": r.data_sources, "python": py.data_sources},
    )


def run_parity(name: str, knobs: Knobs | None = None) -> ParityReport:
    """Run experiment ``name`` in Python and in R with the same knobs and compare.

    Example (needs R):
    >>> report = run_parity("iris", Knobs(epochs=3))  # doctest: +SKIP
    >>> report.exact  # doctest: +SKIP
    True
    """
    knobs = knobs or Knobs()
    py = run_side(name, "python", knobs)
    r = run_side(name, "r", knobs)
    return compare(r, py)
