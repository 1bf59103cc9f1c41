"""Running an experiment on one side (Python or R) and what comes back."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pandas as pd

from keras_rparity.experiments.context import FitRecord, Knobs, RunContext
from keras_rparity.experiments.registry import get_experiment

SIDES = ("python", "r")


@dataclass
class SideRun:
    """All fits of one experiment run on one side."""

    experiment: str
    side: str
    knobs: Knobs
    fits: list[FitRecord]
    seconds: float
    data_sources: dict[str, str]

    def fit(self, loss: str | None = None) -> FitRecord:
        """The record of one fit, by loss name or alias (default: the first)."""
        label = get_experiment(self.experiment).resolve_fit(loss)
        for record in self.fits:
            if record.label == label:
                return record
        raise LookupError(f"the {self.side} run of {self.experiment!r} recorded no fit {label!r}; "
                          f"it recorded {[f.label for f in self.fits]}")

    def history(self, loss: str | None = None) -> pd.DataFrame:
        """Per-epoch history of one fit: ``epoch`` then loss and metrics."""
        return self.fit(loss).history.copy()


def run_side(name: str, side: str, knobs: Knobs | None = None) -> SideRun:
    """Run experiment ``name`` on ``side`` (``"python"`` or ``"r"``) with ``knobs``."""
    from keras_rparity.errors import InvalidChoiceError

    if side not in SIDES:
        raise InvalidChoiceError("side", side, SIDES)
    experiment = get_experiment(name)
    knobs = knobs or Knobs()
    ctx = RunContext(knobs=knobs, side=side)
    start = time.perf_counter()
    if side == "python":
        experiment.run_python(ctx)
    else:
        from keras_rparity.bridge import get_bridge

        get_bridge().run_program(experiment.r_program_path(), ctx)
    return SideRun(name, side, knobs, ctx.fits, time.perf_counter() - start, ctx.data_sources)
