"""Why the data differ: the classic R -> Python porting mistakes, recognised from the
two arrays alone and named with the fix in each language.

:data:`CAUSES` are tried in order on two same-shape arrays (R's, Python's); the first
that fits the numbers is the answer. Each test holds for every element (float32
rounding aside), so a cause is named only when all the numbers fit it.

Example:
>>> x = np.array([[1.0, 2.0], [3.0, 5.0], [4.0, 9.0]])
>>> z = (x - x.mean(0)) / x.std(0)                  # NumPy's std(): n
>>> print(data_cause(z * np.sqrt(2 / 3), z).name)  # R's scale(): n - 1
sd_n_minus_1
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from keras_rparity.equality import same_elements

#: Relative precision of float32 data: how far "the same ratio" may stray.
FLOAT32_SLACK = 1e-5
#: At most this many distinct labels are read as classes.
MAX_CLASSES = 1000


@dataclass(frozen=True)
class DataCause:
    """A recognised cause: its ``name``, a sentence saying what the numbers show and
    why, and the ``fix`` in R and in Python."""

    name: str
    explanation: str
    fix: str


def data_cause(r: np.ndarray, py: np.ndarray, whole: bool = True) -> DataCause | None:
    """The first of :data:`CAUSES` that explains how ``r`` differs from ``py`` (same
    shape), or ``None``. ``whole=False``: the arrays are a block of rows of larger ones,
    so causes that need every row (the order of values, random draws) are not tried."""
    r64, py64 = np.asarray(r, np.float64), np.asarray(py, np.float64)
    if r64.shape != py64.shape or r64.size == 0 or same_elements(r64, py64).all():
        return None
    if not (np.isfinite(r64).all() and np.isfinite(py64).all()):
        return None
    for needs_whole, detect in CAUSES:
        if whole or not needs_whole:
            found = detect(r64, py64)
            if found is not None:
                return found
    return None


def shape_cause(r_shape: tuple[int, ...], py_shape: tuple[int, ...]) -> DataCause | None:
    """Shapes that are the same dimensions reversed, or differ by dimensions of length 1
    (R's ``drop``).

    Example:
    >>> shape_cause((150,), (150, 1)).name, shape_cause((3, 2), (2, 3)).name
    ('dropped_dimension', 'reversed_dimensions')
    """
    if r_shape == py_shape[::-1]:
        return DataCause(
            "reversed_dimensions", "The same dimensions reversed: R's dim() order is the "
            "reverse of what Python built.",
            "Transpose one side: aperm(x) (or t(x)) in R, or np.transpose(x) in Python.")
    if len(r_shape) == len(py_shape) or (tuple(d for d in r_shape if d != 1)
                                         != tuple(d for d in py_shape if d != 1)):
        return None
    fewer = "R" if len(r_shape) < len(py_shape) else "Python"
    return DataCause(
        "dropped_dimension", f"The same sizes but for a dimension of length 1 that {fewer} "
        "dropped: R drops it when it subsets (x[, 1] is a vector), NumPy when it indexes "
        "with a number (y[:, 0]); Keras then broadcasts (n,) against (n, 1), which changes "
        "the loss.",
        "Keep the dimension on both sides: x[, 1, drop = FALSE] in R, y[:, [0]] or "
        "y.reshape(-1, 1) in Python (or drop it on both: as.vector(y) and y.ravel()).")


# --- the causes: tests on two same-shape, finite float64 arrays --------------------------


def column_major(r: np.ndarray, py: np.ndarray) -> DataCause | None:
    """R filled the array column by column where Python filled it row by row."""
    if r.ndim < 2 or not (np.array_equal(r.ravel(order="F"), py.ravel(order="C"))
                          or np.array_equal(r.ravel(order="C"), py.ravel(order="F"))):
        return None
    return DataCause(
        "column_major", "R's array holds the same values in column-major order: R fills "
        "matrix()/array() column by column, Python's reshape fills row by row.",
        "Fill the array in the same order on both sides: in R, matrix(v, ncol = k, "
        "byrow = TRUE) or aperm(array(v, rev(dims))); or in Python, reshape(..., order='F').")


def _whole(a: np.ndarray) -> bool:
    return bool(np.all(a == np.round(a)))


def labels_from_one(r: np.ndarray, py: np.ndarray) -> DataCause | None:
    """Whole numbers, every one exactly 1 apart the same way: labels 1..K against 0..K-1."""
    shift = r - py
    if not (_whole(r) and _whole(py)) or not (np.all(shift == 1) or np.all(shift == -1)):
        return None
    one, zero = ("R", "Python") if shift.flat[0] == 1 else ("Python", "R")
    k = int(max(r.max(), py.max()))
    return DataCause(
        "labels_from_one", f"Every element is exactly 1 larger in {one} than in {zero}: "
        f"{one}'s labels count from 1 (1..{k}), {zero}'s from 0. R's factor codes "
        "(as.integer(factor)), which.max() and seq_along() count from 1; Keras' sparse "
        "labels and to_categorical() want 0..K-1.",
        "Count labels from 0 on both sides: as.integer(y) - 1L in R (in Python, y - 1 "
        "if the port copied R's 1-based labels).")


def relabelled_classes(r: np.ndarray, py: np.ndarray) -> DataCause | None:
    """Whole-number labels, the same set on both sides, consistently renumbered: the class
    order differs (factor levels against pd.Categorical / first appearance)."""
    if not (_whole(r) and _whole(py)):
        return None
    labels = np.unique(r)
    if len(labels) > min(MAX_CLASSES, r.size // 2) or not np.array_equal(labels, np.unique(py)):
        return None
    pairs = np.unique(np.stack([r.ravel(), py.ravel()], axis=1), axis=0)
    if len(pairs) > MAX_CLASSES or len(np.unique(pairs[:, 0])) != len(pairs) \
            or len(np.unique(pairs[:, 1])) != len(pairs):
        return None
    shown = ", ".join(f"R {a:g} = Python {b:g}" for a, b in pairs[pairs[:, 0] != pairs[:, 1]][:4])
    return DataCause(
        "class_order", f"The labels are a consistent renumbering of each other ({shown}): "
        "the classes are numbered in a different order. R's factor() numbers its levels in "
        "sorted order (in the locale's collation); pd.factorize() and "
        "pd.Categorical(..., ordered by appearance) number them as they first appear, and "
        "Python sorts strings by code point.",
        "Name the class order explicitly on both sides: factor(x, levels = c(\"a\", \"b\", "
        "\"c\")) in R, pd.Categorical(x, categories=[\"a\", \"b\", \"c\"]).codes in Python.")


def _columns(a: np.ndarray) -> np.ndarray:
    return a.reshape(a.shape[0], -1) if a.ndim > 1 else a.reshape(-1, 1)


def sd_n_minus_1(r: np.ndarray, py: np.ndarray) -> DataCause | None:
    """Centred values that differ by one ratio sqrt(n / (n - 1)) in every column: R's
    ``scale()``/``sd()`` divide by n - 1, NumPy's ``std()`` by n."""
    rc, pc = _columns(r), _columns(py)
    if rc.shape[0] < 2:
        return None
    rc, pc = rc - rc.mean(axis=0), pc - pc.mean(axis=0)
    varying = np.abs(pc).max(axis=0) > 0
    if not varying.any() or (np.abs(rc[:, ~varying]) > 0).any():
        return None
    rc, pc = rc[:, varying], pc[:, varying]
    ratio = (rc * pc).sum() / (pc * pc).sum()
    scale = np.abs(rc).max()
    if ratio <= 0 or abs(ratio - 1) < FLOAT32_SLACK or \
            np.abs(rc - ratio * pc).max() > 10 * FLOAT32_SLACK * scale:
        return None
    n = _sample_size(ratio, r.shape[0])
    if n is None:
        return None
    smaller = "R" if ratio < 1 else "Python"
    larger = "Python" if smaller == "R" else "R"
    return DataCause(
        "sd_n_minus_1", f"Every column of {smaller}'s values (centred) is {larger}'s times "
        f"the same ratio {min(ratio, 1 / ratio):.6g} = sqrt((n - 1) / n) with n = {n}: "
        f"{smaller} divided by a standard deviation computed with n - 1, {larger} with n. "
        "R's scale() and sd() (and pandas' .std()) use n - 1; NumPy's std() uses n.",
        "Use one definition on both sides: np.std(x, axis=0, ddof=1) in Python to match R's "
        "scale()/sd(); or sd(x) * sqrt((n - 1) / n) in R to match NumPy's std().")


def _sample_size(ratio: float, rows: int) -> int | None:
    """The n with ratio = sqrt(n / (n - 1)) or its inverse: the rows of the data, or a
    whole number found from the ratio (only small n can be told apart in float32)."""
    k2 = max(ratio, 1 / ratio) ** 2
    estimate = k2 / (k2 - 1)
    if abs(estimate - rows) <= 0.01 * rows:
        return rows
    if estimate <= 1000 and abs(estimate - round(estimate)) < 0.01 and round(estimate) >= 2:
        return round(estimate)
    return None


def column_shift(r: np.ndarray, py: np.ndarray) -> DataCause | None:
    """Each column differs by one constant: centred or shifted on one side only."""
    shift = _columns(r) - _columns(py)
    scale = max(np.abs(r).max(), np.abs(py).max())
    if np.abs(shift - shift[0]).max() > FLOAT32_SLACK * scale:
        return None
    constant = np.unique(shift[0])
    what = (f"by the same {constant[0]:.6g}" if len(constant) == 1
            else "by one constant per column")
    return DataCause(
        "shifted", f"Every element differs {what} (R minus Python): one side subtracted "
        "(or added) a value the other did not, e.g. centred on a mean computed from other "
        "rows, or from one side only.",
        "Centre and shift the data the same way on both sides (the same rows for the mean: "
        "colMeans(x) in R, x.mean(axis=0) in Python).")


def integer_division(r: np.ndarray, py: np.ndarray) -> DataCause | None:
    """One side holds the other's values rounded down (or toward zero) to whole numbers."""
    for whole_side, other, name, frac in (("R", "Python", r, py), ("Python", "R", py, r)):
        if _whole(name) and not _whole(frac) and (np.array_equal(name, np.floor(frac))
                                                   or np.array_equal(name, np.trunc(frac))):
            return DataCause(
                "integer_division", f"{whole_side}'s values are {other}'s cut to whole "
                "numbers: an integer division (R's %/%, Python's //) or as.integer()/int() "
                "on one side where the other divides with /.",
                "Divide with / on both sides (R's %/% and Python's // floor the result; "
                "as.integer() and astype(int) cut toward zero).")
    return None


def _has_decimals(a: np.ndarray, d: int) -> bool:
    """Every value has at most ``d`` decimals (as far as float32 can tell)."""
    scaled = a * 10.0**d
    slack = 1e-6 * float(np.abs(scaled).max()) + 1e-9
    return slack < 0.05 and bool(np.all(np.abs(scaled - np.round(scaled)) <= slack))


def rounded(r: np.ndarray, py: np.ndarray) -> DataCause | None:
    """One side rounded to d decimals and the other not, or halves rounded differently."""
    for side, other, a, b in (("R", "Python", r, py), ("Python", "R", py, r)):
        for d in range(7):
            if _has_decimals(a, d) and not _has_decimals(b, d) and \
                    np.allclose(a, np.round(b, d), rtol=FLOAT32_SLACK, atol=1e-9):
                return DataCause(
                    "rounded", f"{side}'s values are {other}'s rounded to {d} decimal(s): "
                    f"{side} rounded (round(), signif(), sprintf()/format() read back) and "
                    f"{other} did not.",
                    "Round on both sides or on neither: round(x, d) in R and np.round(x, d) "
                    "in Python both round halves to even.")
    for d in range(7):
        apart = np.abs(r - py)
        if _has_decimals(r, d) and _has_decimals(py, d) and \
                np.allclose(apart[apart > 0], 10.0**-d, rtol=1e-4):
            return DataCause(
                "rounded_halves", f"Both sides hold values with {d} decimal(s) that differ "
                f"by exactly one unit of the last one ({10.0**-d:g}) where they differ: "
                "halves were rounded differently. R's round() and NumPy's np.round() round "
                "halves to even; sprintf()/format()/f-strings round the binary value, and "
                "floor(x + 0.5) rounds halves up.",
                "Round with round(x, d) in R and np.round(x, d) in Python (both halves to "
                "even), not with text formatting or floor(x + 0.5).")
    return None


def reordered(r: np.ndarray, py: np.ndarray) -> DataCause | None:
    """The same values in another order (rows ordered differently)."""
    if not np.array_equal(np.sort(r, axis=None), np.sort(py, axis=None)):
        return None
    return DataCause(
        "reordered", "Both hold the same values in a different order (rows ordered "
        "differently).",
        "Order the rows the same way on both sides (no shuffling or sorting on one side "
        "only; R's order() and NumPy's argsort() break ties differently unless stable).")


def random_draws(r: np.ndarray, py: np.ndarray) -> DataCause | None:
    """Unrelated values from one distribution: data drawn at random on each side."""
    agree = float(same_elements(r, py).mean())
    if _whole(r) and _whole(py):
        values = np.union1d(r, py)
        if len(values) > 50:
            return None
        p_r = np.array([(r == v).mean() for v in values])
        p_py = np.array([(py == v).mean() for v in values])
        chance = float((p_r * p_py).sum())
        if agree > chance + 4 * np.sqrt(chance * (1 - chance) / r.size) + 1 / r.size:
            return None
    else:
        spread = max(r.std(), py.std())
        if agree > 0.01 or spread == 0 or abs(r.mean() - py.mean()) > 0.25 * spread \
                or not 0.75 < r.std() / max(py.std(), 1e-300) < 4 / 3:
            return None
    return DataCause(
        "random_draws", f"No pattern links the two sides (only {agree:.1%} of the elements "
        f"agree), yet both look drawn from one distribution (mean R {r.mean():.4g}, Python "
        f"{py.mean():.4g}; sd R {r.std():.4g}, Python {py.std():.4g}): data made with R's "
        "rnorm()/runif()/sample() and NumPy's random generator can never match, even with "
        "the same seed: they are different generators.",
        "Make the data once and read it on both sides: e.g. write.csv(x, \"x.csv\", "
        "row.names = FALSE) in R and np.loadtxt(\"x.csv\", delimiter=\",\", skiprows=1) in "
        "Python, or np.save(\"x.npy\", x) in Python and reticulate::import(\"numpy\")$load("
        "\"x.npy\") in R.")


#: (needs every row, test), tried in this order.
CAUSES: tuple[tuple[bool, Callable[[np.ndarray, np.ndarray], DataCause | None]], ...] = (
    (True, column_major),
    (False, labels_from_one),
    (False, relabelled_classes),
    (False, sd_n_minus_1),
    (False, column_shift),
    (False, integer_division),
    (False, rounded),
    (True, reordered),
    (True, random_draws),
)
