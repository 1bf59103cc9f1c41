"""Sweep throughput (runs per minute) with one worker and with all cores.

The grid is fixed: relu/tanh x adam/sgd on the conv net, 2 repeats (8 runs),
2 epochs on the first 100 images per class of Fashion-MNIST. Each executor
writes into its own temporary directory, so every run is really trained.
Timings cover ``run_sweep`` without plots; process pools include starting
their workers (a spawned worker imports TensorFlow, ~5 s), the serial executor
runs in this already-warm process.

Usage::

    python benchmarks/sweep_throughput.py [--workers N] [--parallel process|ray]

Uses ``$KERAS_HOME`` (default ``~/.keras``) for the Fashion-MNIST links.
"""

from __future__ import annotations

import argparse
import tempfile
import time

from keras_rparity.sweep import make_executor, make_grid, run_sweep
from keras_rparity.sweep.executors import Executor, cpu_count
from keras_rparity.sweep.run_one import cached_dataset

GRID = {"activations": ["relu", "tanh"], "optimizers": ["adam", "sgd"], "models": ["conv"],
        "repeats": 2, "epochs": 2, "subset": 100, "seed": 1}


def runs_per_minute(executor: Executor) -> tuple[int, float]:
    """Run the fixed grid with ``executor``; returns (runs, seconds)."""
    grid = make_grid(**GRID)
    with tempfile.TemporaryDirectory(prefix="sweep-bench-") as out:
        start = time.perf_counter()
        outcome = run_sweep(grid, out, executor, progress=False, report=False)
        seconds = time.perf_counter() - start
    return len(outcome.ran), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=cpu_count(),
                        help="workers of the parallel executor (all cores)")
    parser.add_argument("--parallel", default="process", choices=("process", "ray"),
                        help="parallel executor (process)")
    args = parser.parse_args()
    cached_dataset("fashion_mnist", GRID["subset"])  # warm this process: TF import, data
    setups = [("serial", 1), ("process", 1), (args.parallel, args.workers)]
    print(f"grid: {len(make_grid(**GRID))} runs ({GRID}); cores: {cpu_count()}")
    for kind, workers in setups:
        runs, seconds = runs_per_minute(make_executor(kind, workers))
        print(f"{kind:>8} x{workers}: {runs} runs in {seconds:6.1f} s = "
              f"{60 * runs / seconds:6.1f} runs/min")


if __name__ == "__main__":
    main()
