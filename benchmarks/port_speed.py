"""Time to port (without the check) the largest shipped R program, after start-up.

Start-up (R embedded, Keras imported, the R Keras layer loaded) is done first and timed
apart; then the largest ``.R`` file of ``r_examples/`` (and ``examples/``) is ported
``--rounds`` times (R parses it, the translator writes the port). Prints start-up, the
first port (it also builds the table of Keras endpoints) and the median of the others.
Target: under 2 s after start-up.

    python benchmarks/port_speed.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    started = time.perf_counter()
    import keras  # noqa: F401

    from keras_rparity.bridge import get_bridge
    from keras_rparity.port import port
    from keras_rparity.programs.bundled import r_examples_dir

    get_bridge()
    startup = time.perf_counter() - started
    programs = [*r_examples_dir().glob("*.R"), *(r_examples_dir() / "examples").glob("*.R")]
    largest = max(programs, key=lambda p: len(p.read_text()))
    lines = len(largest.read_text().splitlines())
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            port(largest, Path(folder) / "port.py", check=False)
            times.append(time.perf_counter() - t0)
    print(f"start-up (Keras + R + the R Keras layer): {startup:.2f} s")
    print(f"largest shipped R program: {largest.name} ({lines} lines)")
    print(f"first port: {times[0]:.3f} s; median of the next {len(times) - 1}: "
          f"{statistics.median(times[1:]):.3f} s (target: under 2 s)")


if __name__ == "__main__":
    main()
