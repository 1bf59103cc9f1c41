"""The first difference between two runs, explained: what, where, and how to fix it.

Fits are paired in order. The checks run in this order, per fit, and the first one
that fails is the answer: number of fits; data (``x`` then ``y``: the first differing
element, and its cause recognised: :mod:`~keras_rparity.parity.data_causes`); shapes;
parameter counts; initial weights (seed or layer-construction order); the loss; optimizer
settings; per-epoch metrics; final weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from keras_rparity.equality import same_arrays, same_elements
from keras_rparity.parity.compare import FitParity, compared_elementwise, weights_max_abs_diff
from keras_rparity.parity.data_causes import DataCause, data_cause, shape_cause
from keras_rparity.record import FitRecord
from keras_rparity.record.fit_record import as_trained, block_checksum

#: How array indexes are shown: NumPy's (0-based) or R's (1-based).
INDEXINGS = ("python", "r")

#: Kinds of difference, in the order they are looked for.
KINDS = ("fit_count", "data", "shape", "param_count", "initial_weights", "loss", "optimizer",
         "metrics", "final_weights")

SEED_FIX = ("Either let keras-rparity seed both sides identically (the default, seed 42: "
            "drop --seed none / seed=None), or set the same seed in both programs right "
            "before building each model (R: set_random_seed(42); Python: "
            "keras.utils.set_random_seed(42)).")
DATA_FIX = "Prepare the data the same way on both sides (same rows, same order, same scaling)."
ORDER_FIX = ("Create the layers in the same order in both programs (the seed draws one "
             "initializer seed per layer, in creation order).")


@dataclass(frozen=True)
class Difference:
    """The first difference: ``kind`` (one of :data:`KINDS`), the fit (1-based, ``None``
    for the number of fits), a message saying where, how to fix it, and for data the
    recognised ``cause`` (a :data:`~keras_rparity.parity.data_causes.CAUSES` name)."""

    kind: str
    fit: int | None
    message: str
    fix: str = ""
    cause: str | None = None
    r_message: str | None = None  # the message with R's 1-based indexes, when it has any

    def describe(self, indexing: str = "python") -> str:
        """The difference and its fix in words; ``indexing="r"`` shows array indexes as
        R users write them (``x[1, 1]``), ``"python"`` as NumPy's (``index [0, 0]``).

        Example:
        >>> d = Difference("data", 1, "`x` differs first at index [0, 1]", "Fix it.",
        ...                r_message="`x` differs first at x[1, 2]")
        >>> print(d.describe("r"))
        fit 1: `x` differs first at x[1, 2]
        Fix: Fix it.
        """
        if indexing not in INDEXINGS:
            raise ValueError(f"indexing must be one of {INDEXINGS}; got {indexing!r}")
        message = self.r_message if indexing == "r" and self.r_message else self.message
        where = f"fit {self.fit}: " if self.fit is not None else ""
        return f"{where}{message}" + (f"\nFix: {self.fix}" if self.fix else "")

    def __str__(self) -> str:
        return self.describe()

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def first_difference(r_fits: Sequence[FitRecord], py_fits: Sequence[FitRecord],
                     fits: Sequence[FitParity], tolerance: float | None = None,
                     ulps: int | None = None, seed: int | None = None) -> Difference | None:
    """The first difference between two runs (``None`` when the verdict holds)."""
    if not r_fits and not py_fits:
        return Difference("fit_count", None, "neither program called fit(): there is nothing "
                          "to compare.", "Run programs that train a Keras model with fit().")
    if len(r_fits) != len(py_fits):
        return _fit_count(r_fits, py_fits)
    for fit in fits:
        found = explain_fit(fit, tolerance, ulps, seed)
        if found is not None:
            return found
    return None


def _fit_count(r_fits: Sequence[FitRecord], py_fits: Sequence[FitRecord]) -> Difference:
    more, fewer = ("R", "Python") if len(r_fits) > len(py_fits) else ("Python", "R")
    longer = r_fits if more == "R" else py_fits
    extra = longer[min(len(r_fits), len(py_fits)):]
    labels = ", ".join(f"fit {len(longer) - len(extra) + i + 1} ({f.label!r})"
                       for i, f in enumerate(extra))
    return Difference(
        "fit_count", None,
        f"R recorded {len(r_fits)} fit(s) and Python {len(py_fits)}: {more} has {labels} "
        f"that {fewer} does not.",
        "Make both programs call fit() the same number of times, in the same order.")


def explain_fit(fit: FitParity, tolerance: float | None = None, ulps: int | None = None,
                seed: int | None = None) -> Difference | None:
    """The first difference within one pair of fits (``None`` when they agree)."""
    n = fit.index + 1
    for check in (_data, _shapes, _param_count):
        found = check(fit, n)
        if found is not None:
            return found
    if fit.initial_weights_equal is False:
        return _initial_weights(fit, n, seed)
    if fit.within(tolerance, ulps):
        return None
    if fit.r.loss != fit.python.loss:
        return Difference("loss", n, f"the models are compiled with different losses: R "
                          f"{fit.r.loss!r}, Python {fit.python.loss!r}.",
                          "Compile both models with the same loss.")
    if fit.r.optimizer and fit.python.optimizer and fit.r.optimizer != fit.python.optimizer:
        return _optimizer(fit, n, tolerance, ulps)
    if not fit.metrics_within(tolerance, ulps):
        return _metrics(fit, n, tolerance, ulps)
    return Difference(
        "final_weights", n,
        f"the per-epoch metrics agree but the final weights differ (max |diff| "
        f"{fit.weights_max_abs_diff:g}, {fit.weights_max_ulps} float32 ULPs).",
        "Look for a difference after the last epoch (another fit on the same model, or "
        "weights changed by a callback).")


# --- data ---------------------------------------------------------------------------------


def _data(fit: FitParity, n: int) -> Difference | None:
    for name in ("x", "y"):
        r_print, py_print = getattr(fit.r, name), getattr(fit.python, name)
        if fit.array_equal(name):
            continue
        r_arr, py_arr = _arrays(fit.r, name), _arrays(fit.python, name)
        if r_print.shape != py_print.shape:
            cause = shape_cause(r_print.shape, py_print.shape)
            return Difference(
                "data", n, f"`{name}` has shape {r_print.shape} in R but {py_print.shape} in "
                f"Python." + (f" {cause.explanation}" if cause else ""),
                cause.fix if cause else "Prepare the data the same way on both sides.",
                cause=cause.name if cause else None)
        if r_arr is None or py_arr is None:
            return Difference(
                "data", n, f"`{name}` holds different values in R and Python (same shape "
                f"{r_print.shape}; the arrays were not kept, so the first differing element "
                "is not known).", DATA_FIX)
        if not compared_elementwise(fit.r, fit.python):
            return _large_data(name, fit, n, r_arr, py_arr)
        r_arr, py_arr = as_trained(r_arr), as_trained(py_arr)  # as each model saw them
        cause = data_cause(r_arr, py_arr)
        return _data_difference(n, name, r_arr, py_arr, cause)
    return None


def _arrays(record: FitRecord, name: str) -> np.ndarray | None:
    if record.arrays is None:
        return None
    return np.asarray(record.arrays[0 if name == "x" else 1])


def _large_data(name: str, fit: FitParity, n: int, r_arr: np.ndarray,
                py_arr: np.ndarray) -> Difference:
    """A difference in arrays too large to compare whole: the fingerprints' block
    checksums give the first differing block of rows; only that block is read (as
    float64: about ``DIGEST_BLOCK`` bytes a side), for the element, both values and what
    the block shows of the cause."""
    r_print, py_print = getattr(fit.r, name), getattr(fit.python, name)
    block = r_print.first_differing_block(py_print)
    rows = r_print.rows_of_block(block)
    changed = [side for side, arr, prints in (("R", r_arr, r_print), ("Python", py_arr, py_print))
               if block_checksum(arr, block, prints.block_rows) != prints.blocks[block]]
    if changed:
        return Difference(
            "data", n, f"`{name}` holds different values in R and Python (same shape "
            f"{r_print.shape}, first in rows {rows.start}-{min(rows.stop, r_print.shape[0]) - 1}"
            f"); {' and '.join(changed)} changed the array after fit(), so its values then "
            "are not known.", DATA_FIX)
    r_block, py_block = as_trained(r_arr[rows]), as_trained(py_arr[rows])
    cause = data_cause(r_block, py_block, whole=False)
    return _data_difference(n, name, r_block, py_block, cause, rows.start)


def _data_difference(n: int, name: str, r: np.ndarray, py: np.ndarray,
                     cause: DataCause | None, first_row: int | None = None) -> Difference:
    python, r_text = (describe_array_difference(name, r, py, cause, first_row, indexing)
                      for indexing in INDEXINGS)
    return Difference("data", n, python, cause.fix if cause else DATA_FIX,
                      cause=cause.name if cause else None, r_message=r_text)


def shown_value(value: object) -> str:
    """A number as short as its own dtype allows (float32's 1.4 is ``1.4``, not
    1.39999998: R's fits are recorded as float32, as Keras trains on them).

    Example:
    >>> shown_value(np.float32(1.4)), shown_value(np.float64(2.0)), shown_value(np.int32(3))
    ('1.4', '2', '3')
    """
    scalar = np.asarray(value)[()]
    if not isinstance(scalar, np.floating) or not np.isfinite(scalar):
        return str(scalar)
    if scalar == 0 or 1e-4 <= abs(scalar) < 1e16:
        return np.format_float_positional(scalar, trim="-")
    return np.format_float_scientific(scalar, trim="-")


def describe_array_difference(name: str, r: np.ndarray, py: np.ndarray,
                              cause: DataCause | None = None, first_row: int | None = None,
                              indexing: str = "python") -> str:
    """Where two same-shape arrays first differ, and (``cause``) why.

    ``first_row``: ``r`` and ``py`` are the block of rows of larger arrays that starts
    there (indexes are shown in the whole array). ``indexing``: ``"python"`` (NumPy's
    0-based ``index [0, 1]``) or ``"r"`` (R's 1-based ``x[1, 2]``).

    Example:
    >>> r, py = np.array([[1.0, 2.0]]), np.array([[1.0, 3.0]])
    >>> print(describe_array_difference("x", r, py))
    `x` differs first at index [0, 1]: R 2, Python 3 (1 of 2 elements differ).
    >>> print(describe_array_difference("x", r, py, indexing="r"))
    `x` differs first at x[1, 2]: R 2, Python 3 (1 of 2 elements differ).
    """
    r64, py64 = np.asarray(r, np.float64), np.asarray(py, np.float64)
    differs = ~same_elements(r64, py64)
    first = tuple(int(i) for i in np.argwhere(differs)[0])
    base = 1 if indexing == "r" else 0
    index = [i + base for i in first]
    if first_row is not None and index:
        index[0] += first_row
    where = (f"{name}[{', '.join(map(str, index))}]" if indexing == "r"
             else f"index [{', '.join(map(str, index))}]")
    counted = (f"{int(differs.sum())} of {differs.size} elements differ" if first_row is None
               else f"{int(differs.sum())} of the {differs.size} elements of rows "
                    f"{first_row + base}-{first_row + len(r64) - 1 + base} differ; the arrays "
                    "are too large to compare whole, the fingerprints' block checksums located "
                    "these rows")
    text = (f"`{name}` differs first at {where}: "
            f"R {shown_value(r[first])}, Python {shown_value(py[first])} ({counted}).")
    return f"{text} {cause.explanation}" if cause else text


# --- model --------------------------------------------------------------------------------


def _shapes(fit: FitParity, n: int) -> Difference | None:
    for what, values in (("input shape", fit.input_shape), ("output shape", fit.output_shape)):
        if values["r"] != values["python"]:
            return Difference("shape", n, f"the model's {what} is {values['r']} in R but "
                              f"{values['python']} in Python.",
                              "Build the same layers with the same sizes on both sides.")
    return None


def _param_count(fit: FitParity, n: int) -> Difference | None:
    counts = fit.param_count
    if counts["r"] == counts["python"]:
        return None
    return Difference("param_count", n, f"the model has {counts['r']} parameters in R but "
                      f"{counts['python']} in Python.",
                      "Build the same layers (units, filters, kernel sizes, biases) on both sides.")


def _initial_weights(fit: FitParity, n: int, seed: int | None) -> Difference:
    r_w, py_w = fit.r.initial_weights, fit.python.initial_weights
    where = _first_differing_weight(r_w, py_w)
    if _same_weights_other_order(r_w, py_w):
        return Difference(
            "initial_weights", n, f"the models start from the same weights in a different "
            f"order ({where}): the layers were created in a different order.", ORDER_FIX)
    cause = ("" if seed is None else
             f" keras-rparity set seed {seed} on both sides, so the programs reseed or draw "
             "random numbers differently before building the model, or create layers in "
             "a different order.")
    return Difference(
        "initial_weights", n, f"the models start from different initial weights ({where}): "
        f"the seed differs, or was not set right before building the model.{cause}",
        SEED_FIX + " " + ORDER_FIX)


def _first_differing_weight(r_w: list[np.ndarray], py_w: list[np.ndarray]) -> str:
    for i, (a, b) in enumerate(zip(r_w, py_w, strict=False)):
        if not same_arrays(a, b):
            return (f"weight array {i + 1} of {len(r_w)}, shape {tuple(a.shape)}, max |diff| "
                    f"{weights_max_abs_diff([a], [b]):g}")
    return f"{len(r_w)} weight arrays in R, {len(py_w)} in Python"


def _same_weights_other_order(r_w: list[np.ndarray], py_w: list[np.ndarray]) -> bool:
    if len(r_w) != len(py_w) or not r_w:
        return False
    unmatched = list(py_w)
    for a in r_w:
        match = next((i for i, b in enumerate(unmatched)
                      if same_arrays(a, b)), None)
        if match is None:
            return False
        unmatched.pop(match)
    return True


def _optimizer(fit: FitParity, n: int, tolerance: float | None,
               ulps: int | None) -> Difference:
    r_o, py_o = fit.r.optimizer, fit.python.optimizer
    keys = [k for k in dict.fromkeys([*r_o, *py_o]) if r_o.get(k) != py_o.get(k)]
    shown = ", ".join(f"{k}: R {_setting(r_o.get(k))}, Python {_setting(py_o.get(k))}"
                      for k in keys)
    return Difference(
        "optimizer", n, f"the optimizers differ ({shown}); the metrics differ from epoch "
        f"{_first_epoch(fit, tolerance, ulps)} on.",
        "Compile both models with the same optimizer settings.")


def _setting(value: object) -> str:
    """An optimizer setting as written in a program: float32 values to 7 digits.

    Example:
    >>> _setting(0.009999999776482582), _setting("SGD"), _setting(None)
    ('0.01', "'SGD'", 'None')
    """
    return f"{value:.7g}" if isinstance(value, float) else repr(value)


def _first_epoch(fit: FitParity, tolerance: float | None, ulps: int | None) -> int | None:
    """The first epoch whose metrics break what is accepted (``None``: none does)."""
    bad = fit.per_epoch[fit.breaking(tolerance, ulps)]
    return int(bad["epoch"].min()) if len(bad) else None


def _metrics(fit: FitParity, n: int, tolerance: float | None, ulps: int | None) -> Difference:
    table = fit.per_epoch
    missing = table[fit.one_sided]
    if len(missing):
        row = missing.iloc[0]
        side = "R" if np.isnan(row["python"]) else "Python"
        return Difference("metrics", n, f"only {side} recorded {row['metric']!r} at epoch "
                          f"{int(row['epoch'])} (epochs: R {fit.epochs['r']}, Python "
                          f"{fit.epochs['python']}).",
                          "Train for the same epochs with the same metrics on both sides.")
    row = table[fit.breaking(tolerance, ulps)].sort_values(["epoch"], kind="stable").iloc[0]
    allowed = (f" (tolerance {tolerance:g})" if tolerance is not None else
               f" (allowed {ulps} ULPs)" if ulps is not None else "")
    distance = (f"|diff| {row['abs_diff']:.3g}, {int(row['ulps'])} float32 ULPs"
                if row["ulps"] >= 0 else "NaN on one side only")
    return Difference(
        "metrics", n, f"{row['metric']} differs first at epoch {int(row['epoch'])}: R "
        f"{row['r']:.9g}, Python {row['python']:.9g} ({distance}; over all epochs max "
        f"|diff| {fit.max_abs_diff:.3g}, max {fit.max_ulps} ULPs){allowed}.",
        "Same data, model and initial weights, yet different training: compare the "
        "compile() settings (optimizer, loss, metrics) and fit() arguments (batch_size, "
        "shuffle, validation) of the two programs.")
