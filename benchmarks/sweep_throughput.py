"""Sweep throughput (runs per minute): serial, a process pool and Ray, on one fixed grid.

The grid is fixed: relu/tanh x adam/sgd on the conv net, 2 repeats (8 runs),
2 epochs on the first 100 images per class of Fashion-MNIST. Each executor
writes into its own temporary directory, so every run is really trained.

Workers are started and warmed up (Keras imported, data loaded, one throw-away
training step) before the clock starts, as the serial executor runs in this
process after the same warm-up; their start-up time is printed separately.
Timings cover ``run_sweep`` without plots. "CPU s/run" is the CPU time of the
worker process during a run: when it is the same for every executor, the
workers add no overhead and runs/min scale with the cores they find free (on a
machine shared with other work, the load average printed alongside tells how
many were). "same bits" says whether every run gave exactly the serial
executor's numbers.

Usage::

    python benchmarks/sweep_throughput.py [--workers N] [--executors serial,process,ray]

Uses ``$KERAS_HOME`` (default ``~/.keras``) for the Fashion-MNIST links.
"""

from __future__ import annotations

import argparse
import functools
import os
import tempfile
import time

from keras_rparity.pool.executors import EXECUTORS, Executor
from keras_rparity.pool.worker_setup import cpu_count
from keras_rparity.sweep import make_executor, make_grid, run_sweep
from keras_rparity.sweep.run_one import RunResult, warm_up

GRID = {"activations": ["relu", "tanh"], "optimizers": ["adam", "sgd"], "models": ["conv"],
        "repeats": 2, "epochs": 2, "per_class": 100, "seed": 1}


def timed_sweep(executor: Executor) -> tuple[float, float, list[RunResult]]:
    """Start ``executor``, then run the fixed grid; returns (start-up s, sweep s, results)."""
    start = time.perf_counter()
    executor.start()
    ready = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sweep-bench-") as out:
        outcome = run_sweep(make_grid(**GRID), out, executor, progress=False, report=False)
    return ready - start, time.perf_counter() - ready, outcome.results


def numbers(results: list[RunResult]) -> list[tuple]:
    """What must be identical between executors: histories, test scores, confusion."""
    return [(r.run_id, r.history, r.test_loss, r.test_accuracy, r.confusion.tolist())
            for r in results]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=cpu_count(),
                        help="workers of the parallel executors (all cores)")
    parser.add_argument("--executors", default=",".join(EXECUTORS),
                        help="comma-separated executors to time (serial,process,ray)")
    args = parser.parse_args()
    kinds = [k.strip() for k in args.executors.split(",") if k.strip()]
    warm = functools.partial(warm_up, "fashion_mnist", GRID["per_class"])
    print(f"grid: {len(make_grid(**GRID))} runs ({GRID}); cores: {cpu_count()}; "
          f"load average before: {os.getloadavg()[0]:.2f}")
    reference, serial_rate = None, None
    for kind in kinds:
        workers = 1 if kind == "serial" else args.workers
        with make_executor(kind, workers, warm) as executor:
            startup, seconds, results = timed_sweep(executor)
        rate = 60 * len(results) / seconds
        serial_rate = rate if kind == "serial" else serial_rate
        reference = numbers(results) if reference is None else reference
        same = "yes" if numbers(results) == reference else "NO"
        speedup = f"{rate / serial_rate:4.2f}x serial" if serial_rate else ""
        cpu = sum(r.environment["cpu_seconds"] for r in results) / len(results)
        print(f"{kind:>8} x{workers}: start-up {startup:5.1f} s; {len(results)} runs in "
              f"{seconds:6.1f} s = {rate:6.1f} runs/min {speedup}; CPU {cpu:4.1f} s/run; "
              f"same bits: {same}; load average now: {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main()
