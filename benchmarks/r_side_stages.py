"""What the R side costs, stage by stage: bird vs plane at full CIFAR-10 size.

Runs each side of bird vs plane in its own fresh process (``side_process.py``) on
50,000 training images (CIFAR-10 when Keras' cache has it, else a generated
CIFAR-format fixture of that size: the output says which), and prints, per stage,
seconds and peak resident memory of each side, then the whole-process wall times
(measured from outside, interpreter start included), their R/Python ratio, the
peak RSS of each process and whether R = Python bitwise (per-epoch history and
weights).

    python benchmarks/r_side_stages.py [--epochs 5] [--per-class N] [--backend NAME]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGE_NOTES = {
    "python start": "interpreter, keras-rparity, Keras + backend import",
    "R start": "rpy2, R, reticulate bound to this Python, R Keras layer",
    "dataset": "read the batches (R: and hand the arrays to R)",
    "preprocessing": "x / 255, select birds and planes (the program's own code)",
    "model": "build and compile the convnet",
    "to numpy": "arrays handed to Keras (R: R -> NumPy float32)",
    "keras input": "Keras' data adapter for the arrays",
    "training": "the epochs",
    "fit record": "history, fingerprints and weights recorded",
}


def keras_home_with_data(per_class: int | None) -> str | None:
    """None when CIFAR-10 is in Keras' cache, else a Keras home holding a fixture that
    has at least ``per_class`` images per class (all: 5,000 a class)."""
    from keras_rparity.data.cifar10 import cifar10_status
    from keras_rparity.data.cifar10_fixture import install_cifar10_fixture

    if cifar10_status().present:
        return None
    per_batch = 10_000 if per_class is None else max(10, per_class * 10 // 5)
    home = Path(tempfile.gettempdir()) / f"rparity-bench-cifar10-fixture-{per_batch}"
    if not cifar10_status(home).present:
        install_cifar10_fixture(home, per_batch=per_batch, seed=0)
    return str(home)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_side(side: str, options: list[str], keras_home: str | None) -> dict:
    """One side in a fresh process; its JSON report plus the wall time seen from here."""
    env = dict(os.environ)
    if keras_home:
        env["KERAS_HOME"] = keras_home
    start, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run([sys.executable, str(HERE / "side_process.py"), "--side", side,
                           *options], capture_output=True, text=True, env=env, check=False)
    wall, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"the {side} side failed:\n{done.stderr[-3000:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report["wall_seconds"], report["cpu_seconds"] = wall, cpu
    return report


def bitwise_equal(a: dict, b: dict) -> bool:
    """Same per-epoch history (every metric) and the same final weights, bit for bit."""
    return a["history"] == b["history"] and a["weights_sha"] == b["weights_sha"]


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    return (f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def stage_table(py: dict, r: dict) -> str:
    rows = ["| stage | what | Python s (CPU s) | R s (CPU s) | Python peak MB | R peak MB |",
            "|---|---|---|---|---|---|"]
    py_stages = {s["stage"]: s for s in py["stages"]}
    for stage in r["stages"]:
        name = stage["stage"]
        other = py_stages.get(name)
        rows.append(f"| {name} | {STAGE_NOTES.get(name, '')} | {_cell(other, 'seconds')} | "
                    f"{_cell(stage, 'seconds')} | {_cell(other, 'peak_mb')} | "
                    f"{_cell(stage, 'peak_mb')} |")
    return "\n".join(rows)


def _cell(stage: dict | None, what: str) -> str:
    if stage is None:
        return "-"
    if what == "peak_mb":
        return f"{stage['peak_mb']:,.0f}"
    return f"{stage['seconds']:.2f} ({stage.get('cpu_seconds', float('nan')):.2f})"


def summary_table(py: dict, r: dict) -> str:
    fit_ratio = r["fit_seconds"] / py["fit_seconds"]
    wall_ratio = r["wall_seconds"] / py["wall_seconds"]
    rss_ratio = r["peak_rss_mb"] / py["peak_rss_mb"]
    return "\n".join([
        "| | Python | R | R/Python |", "|---|---|---|---|",
        f"| fit (s) | {py['fit_seconds']:.2f} | {r['fit_seconds']:.2f} | {fit_ratio:.2f} |",
        f"| whole process (s) | {py['wall_seconds']:.2f} | {r['wall_seconds']:.2f} | "
        f"{wall_ratio:.2f} |",
        f"| whole process CPU (s) | {py['cpu_seconds']:.2f} | {r['cpu_seconds']:.2f} | "
        f"{r['cpu_seconds'] / py['cpu_seconds']:.2f} |",
        f"| peak RSS (MB) | {py['peak_rss_mb']:,.0f} | {r['peak_rss_mb']:,.0f} | "
        f"{rss_ratio:.2f} |",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--per-class", type=int, default=None,
                        help="images per class (default: all, 5,000 a class)")
    parser.add_argument("--backend", default=None, help="Keras backend (default: TensorFlow)")
    args = parser.parse_args()
    home = keras_home_with_data(args.per_class)
    options = ["--epochs", str(args.epochs), "--stages"]
    if args.per_class:
        options += ["--per-class", str(args.per_class)]
    if args.backend:
        options += ["--backend", args.backend]
    py = run_side("python", options, home)
    r = run_side("r", options, home)
    data = "CIFAR-10" if py["source"] == "cifar-10" else f"{py['source']} (NOT CIFAR-10)"
    backend = py["backend"]
    print(f"bird vs plane, {py['samples']:,} training images x {py['epochs']} epochs; data: "
          f"{data}; {backend['name']} {backend['version']} on {backend['device']}")
    print(f"machine: {machine()}")
    print(f"R = Python bitwise: {bitwise_equal(py, r)}\n")
    print(stage_table(py, r))
    print()
    print(summary_table(py, r))


if __name__ == "__main__":
    main()
