"""Wall time of the iris job through the R bridge versus pure Python.

Both sides are warmed up first (R start, TensorFlow import, graph tracing), then
each side runs the tutorial's iris job (two fits of 50 epochs) ``--repeats``
times; the median wall time of each and their ratio are printed.

    python benchmarks/iris_bridge.py [--epochs 50] [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

from keras_rparity.programs.bundled import run_side
from keras_rparity.record import Knobs


def time_side(side: str, knobs: Knobs, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run_side("iris", side, knobs)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    knobs = Knobs(epochs=args.epochs)

    start = time.perf_counter()
    from keras_rparity.bridge import get_bridge

    get_bridge()
    print(f"R start (rpy2 + reticulate + R Keras layer): {time.perf_counter() - start:.2f} s")
    for side in ("python", "r"):  # warm-up
        run_side("iris", side, Knobs(epochs=1))
    python = statistics.median(time_side("python", knobs, args.repeats))
    r = statistics.median(time_side("r", knobs, args.repeats))
    print(f"iris job, 2 fits x {args.epochs} epochs, median of {args.repeats}:")
    print(f"  pure Python : {python:.3f} s")
    print(f"  R via bridge: {r:.3f} s")
    print(f"  ratio R/Python: {r / python:.3f}")


if __name__ == "__main__":
    main()
