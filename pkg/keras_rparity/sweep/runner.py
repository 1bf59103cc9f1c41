"""Run a sweep: skip finished runs, execute the rest, save each as it finishes, report.

Example (trains 2 tiny dense models; needs Fashion-MNIST):
>>> from keras_rparity.sweep.grid import make_grid
>>> grid = make_grid(["relu", "tanh"], ["adam"], models=["dense"], epochs=1, per_class=10)
>>> outcome = run_sweep(grid, "sweep-example", progress=False)
>>> len(outcome.ran) + len(outcome.skipped), outcome.runs.shape[0]
(2, 2)
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from keras_rparity.pool.executors import Executor, SerialExecutor
from keras_rparity.sweep.grid import RunConfig
from keras_rparity.sweep.run_one import RunResult, run_one
from keras_rparity.sweep.store import SweepStore


@dataclass
class SweepOutcome:
    """What :func:`run_sweep` did and produced.

    Attributes:
        out: the output directory.
        ran: ids of the runs trained by this call, in the order they finished.
        skipped: ids of the runs found finished on disk and not redone.
        runs: one row per run of the grid (see :mod:`keras_rparity.sweep.store`).
        epochs: the long per-epoch table.
        files: the report files written (tables, plots, ``summary.md``).
    """

    out: Path
    ran: list[str]
    skipped: list[str]
    runs: pd.DataFrame
    epochs: pd.DataFrame
    results: list[RunResult] = field(repr=False, default_factory=list)
    files: list[Path] = field(default_factory=list)


def _unique(grid: Sequence[RunConfig]) -> list[RunConfig]:
    return list({c.run_id: c for c in grid}.values())


def _progress(total: int, done: int, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, initial=done, unit="run", desc="sweep", disable=not enabled,
                dynamic_ncols=True)


def run_sweep(grid: Sequence[RunConfig], out: str | os.PathLike[str],
              executor: Executor | None = None, progress: bool = True, report: bool = True,
              fn: Callable[[RunConfig], RunResult] = run_one) -> SweepOutcome:
    """Train every run of ``grid`` not yet stored under ``out``, then write tables and report.

    Args:
        grid: the runs (see :func:`keras_rparity.sweep.grid.make_grid`).
        out: output directory (created if needed).
        executor: where runs execute; default :class:`SerialExecutor`.
        progress: show a tqdm bar over the whole sweep (finished runs count as done).
        report: also draw the plots and write ``summary.md``.
        fn: the function run for each config (tests may wrap :func:`run_one`).
    """
    grid = _unique(grid)
    if not grid:
        raise ValueError("the sweep grid is empty")
    store = SweepStore(out)
    stored = {c.run_id: store.load(c.run_id) for c in grid}
    todo = [c for c in grid if stored[c.run_id] is None]
    skipped = [c.run_id for c in grid if stored[c.run_id] is not None]
    ran: list[str] = []
    executor = executor or SerialExecutor()
    with _progress(len(grid), len(skipped), progress) as bar, \
            contextlib.closing(executor.map(fn, todo)) as results:
        for result in results:
            store.save(result)
            stored[result.run_id] = result
            ran.append(result.run_id)
            bar.set_postfix_str(f"{result.config.pair} {result.test_accuracy:.3f}", refresh=False)
            bar.update(1)
    ordered = [stored[c.run_id] for c in grid]
    runs, epochs = store.write_tables(ordered)
    outcome = SweepOutcome(out=store.out, ran=ran, skipped=skipped, runs=runs, epochs=epochs,
                           results=ordered,
                           files=[store.out / f"{n}.{e}" for n in ("runs", "epochs")
                                  for e in ("csv", "parquet")])
    if report:
        from keras_rparity.sweep.report import write_report

        outcome.files += write_report(store.out, ordered, runs, epochs)
    return outcome
