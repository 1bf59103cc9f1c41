"""Compare two runs fit by fit: data, shapes, parameter counts, weights, metrics.

Parity means: the same prepared data (shape and every value), the same model
(input/output shapes, parameter count, initial weights) and the same numbers out
(loss and every metric, each epoch, and the final weights). Differences are
measured, never rounded away: absolute differences and float32 ULP distances. One rule
of sameness holds everywhere (:mod:`keras_rparity.equality`): NaN is the same as NaN, in
the data, the metrics and the weights alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from keras_rparity.equality import abs_difference, max_abs_difference, same_arrays
from keras_rparity.parity.ulps import max_ulps, ulp_distance
from keras_rparity.record import FitRecord
from keras_rparity.record.fit_record import ELEMENTWISE_MAX_BYTES, same_as_trained


@dataclass
class FitParity:
    """How one fit compares between R and Python."""

    index: int
    label: str
    r: FitRecord
    python: FitRecord
    per_epoch: pd.DataFrame  # epoch, metric, r, python, abs_diff, rel_diff, ulps

    @property
    def both(self) -> dict[str, FitRecord]:
        return {"r": self.r, "python": self.python}

    def _by_side(self, attribute: str) -> dict[str, object]:
        return {side: getattr(record, attribute) for side, record in self.both.items()}

    @property
    def epochs(self) -> dict[str, int]:
        return self._by_side("epochs")

    @property
    def input_shape(self) -> dict[str, tuple]:
        return self._by_side("input_shape")

    @property
    def output_shape(self) -> dict[str, tuple]:
        return self._by_side("output_shape")

    @property
    def param_count(self) -> dict[str, int]:
        return self._by_side("param_count")

    @property
    def x_shape(self) -> dict[str, tuple]:
        return {side: record.x.shape for side, record in self.both.items()}

    @property
    def y_shape(self) -> dict[str, tuple]:
        return {side: record.y.shape for side, record in self.both.items()}

    @property
    def seconds(self) -> dict[str, float]:
        return self._by_side("seconds")

    @property
    def findings(self) -> dict[str, list[str]]:
        return self._by_side("finding_codes")

    @property
    def max_abs_diff(self) -> float:
        """Largest absolute difference of any metric at any epoch (0 when there are no
        epochs; NaN when no value has a counterpart)."""
        diffs = self.per_epoch["abs_diff"].to_numpy()
        if diffs.size == 0:
            return 0.0
        return float("nan") if np.isnan(diffs).all() else float(np.nanmax(diffs))

    @property
    def max_rel_diff(self) -> float:
        rel = self.per_epoch["rel_diff"].to_numpy()
        return float(np.nanmax(rel)) if rel.size and not np.isnan(rel).all() else 0.0

    @property
    def max_ulps(self) -> int:
        """Largest float32 ULP distance of any metric at any epoch."""
        return max_ulps(self.per_epoch["r"], self.per_epoch["python"])

    def array_equal(self, name: str) -> bool:
        """Same shape and values of ``x`` or ``y`` as Keras trains on them: element by
        element where both sides kept arrays of at most ``ELEMENTWISE_MAX_BYTES``, else by
        fingerprint."""
        return self._array_equal[name]

    @cached_property
    def _array_equal(self) -> dict[str, bool]:
        if compared_elementwise(self.r, self.python):
            return {name: same_as_trained(a, b) for name, a, b
                    in zip(("x", "y"), self.r.arrays, self.python.arrays, strict=True)}
        return {name: getattr(self.r, name).same_values(getattr(self.python, name))
                for name in ("x", "y")}

    @property
    def data_equal(self) -> bool:
        """Same shapes and values of ``x`` and ``y`` as Keras trains on them."""
        return self.array_equal("x") and self.array_equal("y")

    @property
    def shapes_equal(self) -> bool:
        return all(len(set(d.values())) == 1
                   for d in (self.input_shape, self.output_shape, self.x_shape, self.y_shape))

    @property
    def params_equal(self) -> bool:
        return len(set(self.param_count.values())) == 1

    @cached_property
    def initial_weights_equal(self) -> bool | None:
        """Whether both models started from the same weights (``None``: not recorded)."""
        if self.r.initial_weights is None or self.python.initial_weights is None:
            return None
        return _same_weights(self.r.initial_weights, self.python.initial_weights)

    @cached_property
    def weights_max_abs_diff(self) -> float:
        """Largest absolute difference of the final weights (inf when shapes differ)."""
        return weights_max_abs_diff(self.r.weights, self.python.weights)

    @cached_property
    def weights_max_ulps(self) -> int:
        """Largest float32 ULP distance of the final weights (-1 when shapes differ)."""
        if not _same_shapes(self.r.weights, self.python.weights):
            return -1
        return max((max_ulps(a, b) for a, b in zip(self.r.weights, self.python.weights,
                                                    strict=True)), default=0)

    @property
    def metrics_equal(self) -> bool:
        return (len(set(self.epochs.values())) == 1 and not self.one_sided.any()
                and self.metrics_within())

    @property
    def one_sided(self) -> pd.Series:
        """Per row of :attr:`per_epoch`: a metric or epoch only one side recorded (a NaN
        value is recorded: diverging to NaN is a value, not a missing one)."""
        return _recorded(self.r.history, self.per_epoch) != _recorded(self.python.history,
                                                                        self.per_epoch)

    def metrics_within(self, tolerance: float | None = None, ulps: int | None = None) -> bool:
        """Every per-epoch metric within ``tolerance`` (absolute) or ``ulps`` (float32
        ULPs); with neither, bitwise equal (NaN = NaN)."""
        return not self.breaking(tolerance, ulps).any()

    def breaking(self, tolerance: float | None = None, ulps: int | None = None) -> pd.Series:
        """Per row of :attr:`per_epoch`: does this value break what is accepted (outside
        ``tolerance``/``ulps``; with neither, not bitwise equal)? A value one side lacks,
        or NaN against a number, breaks any acceptance."""
        return breaking_rows(self.per_epoch, tolerance, ulps)

    @property
    def exact(self) -> bool:
        """Bitwise parity: equal data, shapes, parameter counts, weights and metrics."""
        return (self.data_equal and self.shapes_equal and self.params_equal
                and self.initial_weights_equal is not False and self.metrics_equal
                and self.weights_max_abs_diff == 0.0)

    def within(self, tolerance: float | None = None, ulps: int | None = None) -> bool:
        """Equal structure (data, shapes, parameter counts, epochs) and every metric and
        final weight within ``tolerance`` (absolute) or ``ulps`` (float32 ULPs)."""
        if tolerance is None and ulps is None:
            return self.exact
        if not (self.data_equal and self.shapes_equal and self.params_equal
                and len(set(self.epochs.values())) == 1 and not self.one_sided.any()):
            return False
        if not self.metrics_within(tolerance, ulps):
            return False
        if tolerance is not None:
            return bool(self.weights_max_abs_diff <= tolerance)
        return 0 <= self.weights_max_ulps <= ulps

    def per_epoch_max(self, metric: str) -> float:
        """Largest absolute R-Python difference of one metric over the epochs."""
        return float(self.per_epoch.loc[self.per_epoch["metric"] == metric, "abs_diff"].max())

    def losses(self, metric: str = "loss") -> pd.DataFrame:
        """Per-epoch values of one metric, one column per side."""
        rows = self.per_epoch[self.per_epoch["metric"] == metric]
        return rows[["epoch", "r", "python", "abs_diff", "ulps"]].reset_index(drop=True)


def compared_elementwise(r: FitRecord, py: FitRecord) -> bool:
    """Are the two fits' data compared element by element (both kept, neither side's
    ``x`` and ``y`` over :data:`~keras_rparity.record.fit_record.ELEMENTWISE_MAX_BYTES`)?"""
    return all(record.arrays is not None
               and sum(np.asarray(a).nbytes for a in record.arrays) <= ELEMENTWISE_MAX_BYTES
               for record in (r, py))


def compare_fits(r: FitRecord, py: FitRecord, index: int = 0) -> FitParity:
    """Compare one fit recorded on each side."""
    return FitParity(index=index, label=py.label if py.label == r.label else
                     f"{r.label} | {py.label}", r=r, python=py,
                     per_epoch=per_epoch_table(r.history, py.history))


def per_epoch_table(r: pd.DataFrame, py: pd.DataFrame) -> pd.DataFrame:
    """Every metric at every epoch: R's value, Python's, |diff|, relative diff, ULPs.

    A metric or epoch only one side has appears with NaN on the other side.

    Example:
    >>> t = per_epoch_table(pd.DataFrame({"epoch": [1], "loss": [0.5]}),
    ...                     pd.DataFrame({"epoch": [1], "loss": [0.5]}))
    >>> t[["metric", "abs_diff", "ulps"]].values.tolist()
    [['loss', 0.0, 0]]
    """
    metrics = [c for c in py.columns if c != "epoch"]
    metrics += [c for c in r.columns if c != "epoch" and c not in metrics]
    r_long = r.melt(id_vars="epoch", var_name="metric", value_name="r")
    py_long = py.melt(id_vars="epoch", var_name="metric", value_name="python")
    merged = py_long.merge(r_long, on=["epoch", "metric"], how="outer")
    merged["abs_diff"] = abs_difference(merged["r"].to_numpy(), merged["python"].to_numpy())
    scale = merged["python"].abs().where(merged["python"] != 0, 1.0)
    merged["rel_diff"] = (merged["abs_diff"] / scale).where(merged["abs_diff"] != 0, 0.0)
    merged["ulps"] = ulp_distance(merged["r"].to_numpy(), merged["python"].to_numpy())
    order = {m: i for i, m in enumerate(metrics)}
    merged = merged.sort_values(
        ["metric", "epoch"], key=lambda s: s.map(order) if s.name == "metric" else s)
    return merged[["epoch", "metric", "r", "python", "abs_diff", "rel_diff",
                   "ulps"]].reset_index(drop=True)


def breaking_rows(per_epoch: pd.DataFrame, tolerance: float | None = None,
                  ulps: int | None = None) -> pd.Series:
    """Which rows of a :func:`per_epoch_table` break what is accepted: ``abs_diff`` over
    ``tolerance``, ``ulps`` over ``ulps`` (or -1: NaN against a number), or, with
    neither, any ULP of difference. NaN on both sides is the same value (0 ULPs, 0 diff).

    Example:
    >>> t = per_epoch_table(pd.DataFrame({"epoch": [1, 2], "loss": [np.nan, 0.5]}),
    ...                     pd.DataFrame({"epoch": [1, 2], "loss": [np.nan, 0.25]}))
    >>> breaking_rows(t).tolist(), breaking_rows(t, tolerance=0.3).tolist()
    ([False, True], [False, False])
    """
    if tolerance is not None:
        return ~(per_epoch["abs_diff"] <= tolerance)
    if ulps is not None:
        return ~((per_epoch["ulps"] >= 0) & (per_epoch["ulps"] <= ulps))
    return per_epoch["ulps"] != 0


def _recorded(history: pd.DataFrame, per_epoch: pd.DataFrame) -> pd.Series:
    """Per row of a :func:`per_epoch_table`: did ``history`` record that metric at that
    epoch (a NaN value counts as recorded)?"""
    return (per_epoch["metric"].isin(history.columns)
            & per_epoch["epoch"].isin(history["epoch"]))


def _same_shapes(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
    return len(a) == len(b) and all(x.shape == y.shape for x, y in zip(a, b, strict=True))


def _same_weights(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
    return len(a) == len(b) and all(same_arrays(x, y) for x, y in zip(a, b, strict=True))


def weights_max_abs_diff(a: list[np.ndarray], b: list[np.ndarray]) -> float:
    """Largest absolute difference over all weight arrays (NaN = NaN: 0; NaN against a
    number: NaN); inf when their shapes differ.

    Example:
    >>> weights_max_abs_diff([np.array([np.nan, 1.0])], [np.array([np.nan, 1.5])])
    0.5
    """
    if not _same_shapes(a, b):
        return float("inf")
    diffs = [max_abs_difference(x, y) for x, y in zip(a, b, strict=True)]
    return float(np.max(diffs)) if diffs else 0.0
