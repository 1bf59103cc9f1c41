"""Many pairs over warm workers: the pool's map, a dead worker as that pair's error,
Ctrl-C keeping what finished (``tests/folder_parity`` runs them; each worker embeds R)."""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from keras_rparity.folder_parity.check import (
    DIFFERS,
    ERROR,
    HOLDS,
    PairOutcome,
    PairTask,
    check_pair,
    crashed_outcome,
    warm_up,
)
from keras_rparity.folder_parity.discover import FoundPairs, find_pairs
from keras_rparity.parity.report import check_acceptance
from keras_rparity.pool import Executor, ProcessExecutor, RayExecutor, cpu_count
from keras_rparity.record import Knobs

#: Exit status when Ctrl-C stopped the run (what finished is reported).
INTERRUPTED = 130

__all__ = ["FolderParity", "FoundPairs", "check_pairs", "find_pairs", "make_pair_executor"]


@dataclass
class FolderParity:
    """The outcome of every pair checked (in name order), the orphans, and how it ran."""

    outcomes: list[PairOutcome]
    orphans: tuple[str, ...]
    executor: str
    workers: int
    seconds: float
    interrupted: bool = False
    unfinished: list[str] = field(default_factory=list)

    @property
    def exit_status(self) -> int:
        """130 when interrupted, else the worst pair's: 2 (an error), 1 (differs), 0."""
        if self.interrupted:
            return INTERRUPTED
        return max((o.status for o in self.outcomes), default=HOLDS)

    def counts(self) -> dict[str, int]:
        """How many pairs hold, differ, failed; orphans; pairs not run (interrupted)."""
        statuses = [o.status for o in self.outcomes]
        return {"pairs": len(self.outcomes) + len(self.unfinished),
                "hold": statuses.count(HOLDS), "differ": statuses.count(DIFFERS),
                "error": statuses.count(ERROR), "not_run": len(self.unfinished),
                "orphans": len(self.orphans)}


def make_pair_executor(workers: int | None = None, ray_address: str | None = None,
                       env: dict[str, str] | None = None) -> Executor:
    """``workers`` warm processes (default: the cores), or Ray actors with ``ray_address``
    (``"local"``: a Ray instance started here)."""
    if ray_address:
        return RayExecutor(workers, warm_up, None if ray_address == "local" else ray_address,
                           role="pair", env=env)
    return ProcessExecutor(workers, warm_up, role="pair", env=env)


def check_pairs(found: FoundPairs, knobs: Knobs | None = None, tolerance: float | None = None,
                ulps: int | None = None, workers: int | None = None,
                ray_address: str | None = None,
                progress: Callable[[PairOutcome, int, int], None] | None = None) -> FolderParity:
    """Check every pair of ``found`` in warm workers; ``progress(outcome, done, total)`` is
    called as each finishes. Ctrl-C stops the workers and returns what finished."""
    tolerance, ulps = check_acceptance(tolerance, ulps)  # fail before any worker starts
    knobs = knobs or Knobs()
    tasks = [PairTask(p.name, str(p.r_path), str(p.python_path), knobs, tolerance, ulps)
             for p in found.pairs]
    workers = min(workers or cpu_count(), max(1, len(tasks)))
    started, outcomes, interrupted = time.perf_counter(), [], False
    scratch = tempfile.mkdtemp(prefix="keras-rparity-pairs-")
    # R's and Python's temporary files of local workers live here and go with it, even
    # when a worker had to be killed.
    env = None if ray_address and ray_address != "local" else {"TMPDIR": scratch}
    executor = make_pair_executor(workers, ray_address, env)
    try:
        with executor:
            for outcome in executor.map(check_pair, tasks, on_worker_death=crashed_outcome):
                outcomes.append(outcome)
                if progress is not None:
                    progress(outcome, len(outcomes), len(tasks))
    except KeyboardInterrupt:
        interrupted = True
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    done = {o.name for o in outcomes}
    return FolderParity(
        outcomes=sorted(outcomes, key=lambda o: o.name),
        orphans=tuple(str(p) for p in found.orphans),
        executor="ray" if ray_address else "process", workers=executor.workers,
        seconds=time.perf_counter() - started, interrupted=interrupted,
        unfinished=[t.name for t in tasks if t.name not in done])


def print_progress(outcome: PairOutcome, done: int, total: int) -> None:
    """One line per finished pair, on stderr."""
    word = {HOLDS: "holds", DIFFERS: "DIFFERS", ERROR: "ERROR"}[outcome.status]
    print(f"[{done}/{total}] {outcome.name}: {word} ({outcome.seconds:.1f} s)",
          file=sys.stderr, flush=True)
