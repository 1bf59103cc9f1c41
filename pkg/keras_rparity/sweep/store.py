"""On-disk results of a sweep: one JSON file per finished run, plus tidy tables.

Layout under the output directory::

    runs/<run_id>.json         one finished run (config, histories, confusion matrix, ...)
    runs.csv, runs.parquet     one row per run of the current grid (scalar results)
    epochs.csv, epochs.parquet one row per run x epoch x split (train / validation)

A run file is written atomically (temporary file, then rename) once the run has
finished, so an interrupted sweep keeps every finished run and a rerun skips
them; deleting one run file makes only that run train again.

Example:
>>> import tempfile
>>> store = SweepStore(tempfile.mkdtemp())
>>> store.has("conv-relu-adam-r0-0123456789ab")
False
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from keras_rparity.sweep.run_one import RunResult

#: Scalar columns of ``runs.csv``, in order.
RUN_COLUMNS = (
    "run_id", "dataset", "model", "activation", "optimizer", "pair", "repeat", "seed",
    "epochs", "per_class", "batch_size", "final_train_loss", "final_train_accuracy",
    "final_val_loss", "final_val_accuracy", "best_val_accuracy", "test_loss",
    "test_accuracy", "param_count", "seconds",
)

#: Columns of ``epochs.csv``, in order.
EPOCH_COLUMNS = ("run_id", "model", "activation", "optimizer", "pair", "repeat", "seed",
                 "epoch", "split", "loss", "accuracy")


def current_umask() -> int:
    """The process's file-creation mask (read without changing it for long).

    Example:
    >>> 0 <= current_umask() <= 0o777
    True
    """
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, write) -> None:
    """Write via ``write(tmp_path)`` to a temporary file next to ``path``, then rename it.

    The file gets the permissions any new file gets here (0666 less the umask), not the
    temporary file's private 0600.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        os.chmod(tmp, 0o666 & ~current_umask())
        write(Path(tmp))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class SweepStore:
    """Finished runs and tables of one sweep output directory."""

    def __init__(self, out: str | os.PathLike[str]):
        self.out = Path(out)
        self.runs_dir = self.out / "runs"

    def path(self, run_id: str) -> Path:
        """The JSON file of one run."""
        return self.runs_dir / f"{run_id}.json"

    def has(self, run_id: str) -> bool:
        """Whether the run finished earlier (its file exists and is readable)."""
        return self.load(run_id) is not None

    def save(self, result: RunResult) -> Path:
        """Store one finished run; returns its file."""
        text = json.dumps(result.to_dict(), indent=1, sort_keys=True)
        path = self.path(result.run_id)
        write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        return path

    def load(self, run_id: str) -> RunResult | None:
        """The stored result of ``run_id``, or ``None`` (missing or unreadable file)."""
        path = self.path(run_id)
        if not path.is_file():
            return None
        try:
            return RunResult.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError) as exc:
            warnings.warn(f"ignoring unreadable run file {path} ({exc}); the run will be redone",
                          stacklevel=2)
            return None

    def write_tables(self, results: Iterable[RunResult]) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Write ``runs`` and ``epochs`` tables as CSV and Parquet; returns both frames."""
        results = list(results)
        runs, epochs = runs_table(results), epochs_table(results)
        for name, frame in (("runs", runs), ("epochs", epochs)):
            write_atomic(self.out / f"{name}.csv", lambda tmp, f=frame: f.to_csv(tmp, index=False))
            write_atomic(self.out / f"{name}.parquet",
                          lambda tmp, f=frame: f.to_parquet(tmp, index=False))
        return runs, epochs


def _config_columns(result: RunResult) -> dict[str, object]:
    c = result.config
    return {"run_id": c.run_id, "dataset": c.dataset, "model": c.model,
            "activation": c.activation, "optimizer": c.optimizer, "pair": c.pair,
            "repeat": c.repeat, "seed": c.seed, "epochs": c.epochs, "per_class": c.per_class,
            "batch_size": c.batch_size}


def runs_table(results: Iterable[RunResult]) -> pd.DataFrame:
    """One row per run: its settings and scalar results (``val`` = the test split)."""
    rows = []
    for r in results:
        h = r.history
        rows.append({**_config_columns(r),
                     "final_train_loss": h["loss"][-1], "final_train_accuracy": h["accuracy"][-1],
                     "final_val_loss": h["val_loss"][-1],
                     "final_val_accuracy": h["val_accuracy"][-1],
                     "best_val_accuracy": max(h["val_accuracy"]),
                     "test_loss": r.test_loss, "test_accuracy": r.test_accuracy,
                     "param_count": r.param_count, "seconds": r.seconds})
    frame = pd.DataFrame(rows, columns=list(RUN_COLUMNS))
    return frame.astype({"per_class": "Int64"})


def epochs_table(results: Iterable[RunResult]) -> pd.DataFrame:
    """Long per-epoch table: one row per run, epoch (1-based) and split."""
    rows = []
    for r in results:
        c = r.config
        keys = {"run_id": c.run_id, "model": c.model, "activation": c.activation,
                "optimizer": c.optimizer, "pair": c.pair, "repeat": c.repeat, "seed": c.seed}
        for split, prefix in (("train", ""), ("validation", "val_")):
            for i, (loss, acc) in enumerate(zip(r.history[f"{prefix}loss"],
                                                r.history[f"{prefix}accuracy"], strict=True)):
                rows.append({**keys, "epoch": i + 1, "split": split, "loss": loss,
                             "accuracy": acc})
    return pd.DataFrame(rows, columns=list(EPOCH_COLUMNS))
