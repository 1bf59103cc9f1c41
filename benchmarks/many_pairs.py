"""Many pairs at once: 8 copies of the shipped iris pair (150 rows, 2 fits of 50 epochs
each), checked as 8 separate `parity --r --python` commands, then as one
`parity DIR --workers 1`, `--workers 2` and on Ray with 2 actors (a local Ray instance).

Prints each way's wall time (process start to exit, measured from outside), the
ratios the goals are about, the per-pair seconds inside the workers, and the load
average before and after (other work on the machine slows every figure).

It also measures what the machine allows without keras-rparity: the plain Keras port
(iris_regression.py) trained in one process, then in two processes at once, each set up
as a worker is (TensorFlow's threads). How much longer each takes when two run together
bounds what a second worker can give: pairs made of small fits spend their time in
Keras' per-epoch data pipeline (a new tf.data iterator and its threads every epoch),
which leaves cores idle when every core is busy.

    python benchmarks/many_pairs.py [--pairs 8] [--epochs N] [--no-ray]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "r_examples"


def make_pairs(folder: Path, count: int) -> list[Path]:
    """``count`` copies of the iris pair (each with its iris.csv); returns the R files."""
    made = []
    for i in range(1, count + 1):
        pair = folder / f"iris_{i}"
        pair.mkdir(parents=True)
        for name in ("iris_regression.R", "iris_regression.py", "iris.csv"):
            shutil.copy(EXAMPLES / name, pair / name.replace("iris_regression", f"iris_{i}"))
        made.append(pair / f"iris_{i}.R")
    return made


def child_env() -> dict[str, str]:
    """This process's environment, with the package importable from the checkout."""
    return {**os.environ, "PYTHONPATH": str(ROOT / "pkg")}


def keras_rparity(*args: str) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "keras_rparity", *args], capture_output=True,
                          text=True, env=child_env(), cwd=ROOT, timeout=3600)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"keras-rparity {' '.join(args)} exited {done.returncode}:\n"
                         f"{done.stderr[-3000:]}")
    return seconds, done


#: A plain Keras process: the port run once to warm up, then ``runs`` times, timed.
PLAIN_KERAS = """
import contextlib, os, runpy, sys, time
from keras_rparity.pool.worker_setup import forwarded_env, init_worker, threads_per_worker
init_worker(forwarded_env(), threads_per_worker(int(sys.argv[3])))
with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):  # Keras' progress
    runpy.run_path(sys.argv[1], run_name="__main__")
    started = time.perf_counter()
    for _ in range(int(sys.argv[2])):
        runpy.run_path(sys.argv[1], run_name="__main__")
print(time.perf_counter() - started)
"""


def plain_keras_seconds(port: Path, runs: int, processes: int) -> list[float]:
    """Seconds of ``runs`` runs of the plain Keras ``port`` in each of ``processes``
    processes started together (Keras imported and warmed up before timing)."""
    children = [subprocess.Popen([sys.executable, "-c", PLAIN_KERAS, str(port), str(runs),
                                  str(processes)], stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True, env=child_env())
                for _ in range(processes)]
    return [float(child.communicate(timeout=3600)[0].split()[-1]) for child in children]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=8)
    parser.add_argument("--epochs", type=int, default=None,
                        help="epochs of every fit (default: the programs' 50)")
    parser.add_argument("--no-ray", action="store_true", help="leave out the Ray run")
    parser.add_argument("--plain-runs", type=int, default=8,
                        help="runs of the plain Keras port per process for the bound")
    args = parser.parse_args()
    knobs = ["--seed", "42"] + (["--epochs", str(args.epochs)] if args.epochs else [])
    folder = Path(tempfile.mkdtemp(prefix="rparity-many-pairs-"))
    r_files = make_pairs(folder / "pairs", args.pairs)
    print(f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}; "
          f"{os.cpu_count()} cores; {args.pairs} pairs")
    times: dict[str, float] = {}
    serial = 0.0
    for r_file in r_files:
        seconds, _ = keras_rparity("parity", "--r", str(r_file), "--python",
                                   str(r_file.with_suffix(".py")), *knobs)
        serial += seconds
    times["separate commands"] = serial
    per_pair: dict[str, list[float]] = {}
    cores = os.cpu_count() or 1
    ways = [("--workers 1", ["--workers", "1"]), ("--workers 2", ["--workers", "2"]),
            (f"--workers {cores + 1}", ["--workers", str(cores + 1)])]
    if not args.no_ray:
        ways.append(("Ray, 2 actors", ["--ray-address", "local", "--workers", "2"]))
    for label, options in ways:
        seconds, done = keras_rparity("parity", str(folder / "pairs"), *options, *knobs,
                                      "--json", "--out", str(folder / "report"))
        summary = json.loads(done.stdout)
        assert summary["counts"]["hold"] == args.pairs, summary["counts"]
        times[label] = seconds
        per_pair[label] = [p["seconds"] for p in summary["pairs"]]
    print(f"{'way':20} {'wall s':>8} {'s/pair':>8} {'pair s in worker (mean)':>24}")
    for label, seconds in times.items():
        inside = per_pair.get(label)
        mean = f"{sum(inside) / len(inside):.2f}" if inside else "-"
        print(f"{label:20} {seconds:8.1f} {seconds / args.pairs:8.2f} {mean:>24}")
    one, two = times["--workers 1"], times["--workers 2"]
    print(f"--workers 1 / separate commands: {one / serial:.2f}x (goal <= 0.5)")
    print(f"--workers 2 speed-up over --workers 1: {one / two:.2f}x (goal >= 1.6)")
    print(f"--workers {cores + 1} (cores + 1) speed-up over --workers 1: "
          f"{one / times[f'--workers {cores + 1}']:.2f}x")
    if "Ray, 2 actors" in times:
        print(f"Ray (2 actors) speed-up over --workers 1: {one / times['Ray, 2 actors']:.2f}x")
    port = EXAMPLES / "iris_regression.py"
    alone = plain_keras_seconds(port, args.plain_runs, 1)[0]
    together = max(plain_keras_seconds(port, args.plain_runs, 2))
    print(f"plain Keras, no keras-rparity: {args.plain_runs} runs of the port take "
          f"{alone:.1f} s in one process, {together:.1f} s in each of two at once: "
          f"a second process gives at most {2 * alone / together:.2f}x here")
    print(f"load average after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
