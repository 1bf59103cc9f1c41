"""A run: what one program produced on its side."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from keras_rparity.record import FitRecord, Knobs

SIDES = ("r", "python")


@dataclass
class Run:
    """All fits of one program run on one side.

    Attributes:
        program: what ran (a file path, a module, a function or ``<R code>``).
        side: ``"r"`` or ``"python"``.
        knobs: the knobs applied.
        fits: one record per ``fit``, in call order.
        seconds: wall time of the whole program.
        data_sources: dataset name -> where its arrays came from (``"fixture"``, ...).
        seeds_set: how many times the tool set the seed (the ``seed`` knob).
        recording_seconds: time the instrumented ``fit`` spent on its own work (checking,
            fingerprinting, copying weights, R's garbage collection), outside Keras' training.
        loss_aliases: short names accepted for fit labels (bundled pairs: ``mse``, ...).
        environment: what the numbers depend on besides the program: the Keras backend
            (name, version, device) and, on the R side, the R Keras API and reticulate.
    """

    program: str
    side: str
    knobs: Knobs
    fits: list[FitRecord]
    seconds: float
    data_sources: dict[str, str]
    seeds_set: int = 0
    recording_seconds: float = 0.0
    loss_aliases: dict[str, str] = field(default_factory=dict)
    environment: dict[str, object] = field(default_factory=dict)

    def fit(self, label: str | None = None) -> FitRecord:
        """The record of one fit by its label or a short alias (default: the first fit)."""
        if not self.fits:
            raise LookupError(f"the {self.side} program {self.program} recorded no fit")
        if label is None:
            return self.fits[0]
        label = self.loss_aliases.get(label, label)
        for record in self.fits:
            if record.label == label:
                return record
        raise LookupError(f"the {self.side} run of {self.program} recorded no fit {label!r}; "
                          f"it recorded {[f.label for f in self.fits]}")

    def history(self, label: str | None = None) -> pd.DataFrame:
        """Per-epoch history of one fit: ``epoch`` then loss and metrics."""
        return self.fit(label).history.copy()
