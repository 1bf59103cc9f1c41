"""A parity report: two runs compared fit by fit, the verdict and the first difference.

Example (runs R in this process):
>>> from keras_rparity.programs import ProgramPair
>>> from keras_rparity.record import Knobs
>>> from keras_rparity.programs.bundled import r_examples_dir
>>> pair = r_examples_dir() / "examples" / "functional_regression"
>>> programs = ProgramPair.from_files(f"{pair}.R", f"{pair}.py")
>>> knobs = Knobs(epochs=1)
>>> report = compare_runs(programs.r.run(knobs), programs.python.run(knobs))
>>> report.exact, report.first_difference
(True, None)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from keras_rparity.errors import InvalidArgumentError, ProgramError
from keras_rparity.parity.compare import FitParity, compare_fits
from keras_rparity.parity.explain import Difference, first_difference
from keras_rparity.programs.run import Run
from keras_rparity.record import Knobs
from keras_rparity.record.knobs import check_knob

#: Columns of :meth:`ParityReport.table`.
TABLE_COLUMNS = ("experiment", "fit", "loss", "epochs", "data_equal", "shapes_equal",
                 "params_equal", "initial_weights_equal", "max_abs_dloss", "max_rel_dloss",
                 "max_ulps", "weights_max_abs_diff", "exact", "verdict", "findings",
                 "r_seconds", "python_seconds")
#: The per-fit columns shown in text (the command line's table, a failing test's message).
SUMMARY_COLUMNS = ("fit", "loss", "epochs", "data_equal", "shapes_equal", "params_equal",
                   "initial_weights_equal", "max_abs_dloss", "max_ulps", "exact", "verdict")


@dataclass(frozen=True)
class ParityReport:
    """Two runs (R and Python) of a program pair, compared.

    Attributes:
        pair: the pair's name (``experiment``: the same, the name the table and JSON use).
        r, python: the runs.
        fits: one :class:`FitParity` per pair of fits, in order.
        tolerance, ulps: what the verdict accepts beyond exact equality (``None``: nothing).
        first_difference: the first difference that breaks the verdict (``None``: it holds).
        error: the failure of a program, when one failed (the fits before it are kept).
        interrupted: the run was stopped (Ctrl-C, SIGTERM) before both sides finished; the
            fits that did finish are kept, and there is no verdict.
    """

    pair: str
    r: Run
    python: Run
    fits: list[FitParity]
    tolerance: float | None = None
    ulps: int | None = None
    first_difference: Difference | None = None
    error: ProgramError | None = None
    interrupted: bool = False

    @property
    def experiment(self) -> str:
        """The pair's name, as the table column and JSON key ``experiment`` call it."""
        return self.pair

    @property
    def knobs(self) -> Knobs:
        return self.python.knobs

    @property
    def seconds(self) -> dict[str, float]:
        return {"r": self.r.seconds, "python": self.python.seconds}

    @property
    def data_sources(self) -> dict[str, dict[str, str]]:
        return {"r": self.r.data_sources, "python": self.python.data_sources}

    @property
    def same_fit_count(self) -> bool:
        return len(self.r.fits) == len(self.python.fits)

    @property
    def exact(self) -> bool:
        """Bitwise parity of every fit, and the same number of fits (at least one)."""
        return self.exact_of(self.fits)

    @property
    def verdict(self) -> bool:
        """Exact, or (with ``tolerance``/``ulps``) every fit within what is accepted."""
        return self.verdict_of(self.fits)

    @property
    def finished(self) -> bool:
        """Both programs ran to their end: no failure, no interrupt."""
        return self.error is None and not self.interrupted

    def exact_of(self, fits: Sequence[FitParity]) -> bool:
        """:attr:`exact`, for some of the fits: both programs finished, the same number of
        fits on both sides, at least one chosen, and each of them bitwise equal."""
        return (self.finished and self.same_fit_count and bool(fits)
                and all(f.exact for f in fits))

    def verdict_of(self, fits: Sequence[FitParity]) -> bool:
        """:attr:`verdict`, for some of the fits (the same rule as :meth:`exact_of`)."""
        return self.finished and verdict_holds(self.r, self.python, fits, self.tolerance,
                                               self.ulps)

    def fit(self, label: str) -> FitParity:
        for f in self.fits:
            if f.label == label:
                return f
        raise LookupError(f"no fit {label!r} in {[f.label for f in self.fits]}")

    def table(self) -> pd.DataFrame:
        """One row per fit: what matched, the largest distances, the verdict."""
        return pd.DataFrame(columns=TABLE_COLUMNS, data=[{
            "experiment": self.pair,
            "fit": f.index + 1,
            "loss": f.label,
            "epochs": f.epochs["python"],
            "data_equal": f.data_equal,
            "shapes_equal": f.shapes_equal,
            "params_equal": f.params_equal,
            "initial_weights_equal": f.initial_weights_equal,
            "max_abs_dloss": f.max_abs_diff,
            "max_rel_dloss": f.max_rel_diff,
            "max_ulps": f.max_ulps,
            "weights_max_abs_diff": f.weights_max_abs_diff,
            "exact": f.exact,
            "verdict": f.within(self.tolerance, self.ulps),
            "findings": ", ".join(sorted(set(f.findings["r"]) | set(f.findings["python"])))
            or "none",
            "r_seconds": f.seconds["r"],
            "python_seconds": f.seconds["python"],
        } for f in self.fits])[list(TABLE_COLUMNS)]

    def per_epoch(self) -> pd.DataFrame:
        """Every fit, metric and epoch: R's value, Python's, |diff|, ULPs."""
        frames = [f.per_epoch.assign(fit=f.index + 1, loss=f.label) for f in self.fits]
        if not frames:
            return pd.DataFrame(columns=["fit", "loss", "epoch", "metric", "r", "python",
                                         "abs_diff", "rel_diff", "ulps"])
        table = pd.concat(frames, ignore_index=True)
        return table[["fit", "loss", *[c for c in table.columns if c not in ("fit", "loss")]]]

    def explain(self, indexing: str = "python") -> str:
        """The verdict in words, then the first difference and its fix (array indexes as
        ``indexing`` writes them: ``"python"``, 0-based, or ``"r"``, 1-based)."""
        accepted = (f" within tolerance {self.tolerance:g}" if self.tolerance is not None else
                    f" within {self.ulps} ULPs" if self.ulps is not None else "")
        fits = f"{len(self.r.fits)} fit(s) in R, {len(self.python.fits)} in Python"
        if self.error is not None:
            return (f"{self.experiment}: NO VERDICT, a program failed ({fits} before the "
                    f"failure).\n{self.error}")
        if self.interrupted:
            return (f"{self.experiment}: NO VERDICT, interrupted ({fits} finished before "
                    f"it).{self._finished_fits_in_words(accepted)}")
        if self.verdict:
            kind = self._how_equal(accepted)
            largest = max((f.max_abs_diff for f in self.fits), default=0.0)
            ulps = max((f.max_ulps for f in self.fits), default=0)
            return (f"{self.pair}: PARITY HOLDS, {kind} ({fits}; max |diff| "
                    f"{largest:g}, max {ulps} float32 ULPs).")
        return (f"{self.pair}: PARITY FAILS{accepted} ({fits}).\n"
                f"First difference, {self.first_difference.describe(indexing)}")

    def _finished_fits_in_words(self, accepted: str) -> str:
        """What the fits that finished on both sides show (after an interrupt)."""
        if not self.fits:
            return " No fit finished on both sides."
        kind = self._how_equal(accepted) or "not equal (see the table)"
        return f" The {len(self.fits)} fit(s) that finished on both sides are {kind}."

    def _how_equal(self, accepted: str) -> str | None:
        """How the compared fits agree: bitwise, within what is accepted, or not at all."""
        if all(f.exact for f in self.fits):
            return "bitwise equal"
        if all(f.within(self.tolerance, self.ulps) for f in self.fits):
            return f"equal{accepted}"
        return None

    def plot(self, path: str | Path) -> Path:
        """The overlay of R's and Python's learning curves, as a PNG; returns its path."""
        from keras_rparity.parity.overlay import plot_parity_overlay

        return plot_parity_overlay(self, Path(path))

    @property
    def environment(self) -> dict[str, Any]:
        """Keras backend (name, version, device), R Keras API and reticulate of the run."""
        return {**self.python.environment, **self.r.environment}

    def describe_environment(self) -> str:
        """One line: the backend and the R Keras API both sides ran with."""
        env = self.environment
        backend = env.get("backend") or {}
        parts = [f"backend: {backend.get('name', '?')} {backend.get('version', '')} "
                 f"({backend.get('device', '?')})".replace("  ", " ")]
        if "r_keras_api" in env:
            parts.append(f"R Keras API: {env['r_keras_api']}; reticulate {env['reticulate']}")
        return "; ".join(parts)

    def to_dict(self, fits: Sequence[FitParity] | None = None) -> dict[str, Any]:
        """JSON-ready summary, including per-epoch values for every fit (``fits``: only
        these, with ``exact`` and ``verdict`` judged on them by the report's rule)."""
        fits = self.fits if fits is None else list(fits)
        return {
            "experiment": self.pair,
            "environment": self.environment,
            "programs": {"r": self.r.program, "python": self.python.program},
            "knobs": asdict(self.knobs),
            "tolerance": self.tolerance,
            "ulps": self.ulps,
            "exact": self.exact_of(fits),
            "verdict": self.verdict_of(fits),
            "fit_count": {"r": len(self.r.fits), "python": len(self.python.fits)},
            "first_difference": (self.first_difference.to_dict()
                                 if self.first_difference else None),
            "error": self.error.to_dict() if self.error is not None else None,
            "interrupted": self.interrupted,
            "data_sources": self.data_sources,
            "seconds": self.seconds,
            "fits": [_fit_dict(f, self.tolerance, self.ulps) for f in fits],
        }


def _fit_dict(f: FitParity, tolerance: float | None, ulps: int | None) -> dict[str, Any]:
    metrics = {m: {"r": g["r"].tolist(), "python": g["python"].tolist(),
                   "ulps": [int(u) for u in g["ulps"]]}
               for m, g in f.per_epoch.groupby("metric", sort=False)}
    return {
        "fit": f.index + 1, "loss": f.label, "epochs": f.epochs["python"], "metrics": metrics,
        "max_abs_diff": f.max_abs_diff, "max_rel_diff": f.max_rel_diff,
        "max_ulps": f.max_ulps, "shapes_equal": f.shapes_equal,
        "params_equal": f.params_equal, "data_equal": f.data_equal,
        "initial_weights_equal": f.initial_weights_equal,
        "weights_max_abs_diff": f.weights_max_abs_diff, "weights_max_ulps": f.weights_max_ulps,
        "exact": f.exact, "verdict": f.within(tolerance, ulps),
        "input_shape": f.input_shape, "output_shape": f.output_shape,
        "param_count": f.param_count, "x_shape": f.x_shape, "y_shape": f.y_shape,
        "seconds": f.seconds, "findings": f.findings,
        "data": {name: {side: getattr(record, name).to_dict()
                        for side, record in f.both.items()} for name in ("x", "y")},
    }


def verdict_holds(r: Run, python: Run, fits: Sequence[FitParity], tolerance: float | None,
                  ulps: int | None) -> bool:
    """The verdict's rule: the same number of fits on both sides, at least one of ``fits``,
    and each of them exact or within ``tolerance``/``ulps``."""
    return (len(r.fits) == len(python.fits) and bool(fits)
            and all(f.within(tolerance, ulps) for f in fits))


def check_acceptance(tolerance: float | None, ulps: int | None) -> tuple[float | None,
                                                                         int | None]:
    """Validate ``tolerance`` (absolute, >= 0) and ``ulps`` (>= 0); at most one of them.

    Example:
    >>> check_acceptance(None, 4)
    (None, 4)
    """
    if tolerance is not None and ulps is not None:
        raise InvalidArgumentError("give `tolerance` or `ulps`, not both")
    return check_knob("tolerance", tolerance), check_knob("ulps", ulps)


def compare_runs(r: Run, python: Run, name: str | None = None, tolerance: float | None = None,
                 ulps: int | None = None, error: ProgramError | None = None,
                 interrupted: bool = False) -> ParityReport:
    """Compare an R run and a Python run fit by fit (fits paired in order); ``error``: the
    failure of a program, whose run holds the fits before it; ``interrupted``: the runs
    were stopped before both finished (no verdict, no first difference)."""
    tolerance, ulps = check_acceptance(tolerance, ulps)
    pairs = zip(r.fits, python.fits, strict=False)  # unequal counts are reported, not raised
    fits = [compare_fits(rf, pf, i) for i, (rf, pf) in enumerate(pairs)]
    judged = error is None and not interrupted
    difference = (None if not judged or verdict_holds(r, python, fits, tolerance, ulps)
                  else first_difference(r.fits, python.fits, fits, tolerance, ulps,
                                        python.knobs.seed))
    return ParityReport(name or python.program, r, python, fits, tolerance, ulps, difference,
                        error, interrupted)
