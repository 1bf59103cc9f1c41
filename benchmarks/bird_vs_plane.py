"""Bird vs plane at a fixed size: throughput, R/Python wall-time ratio, peak memory.

Each side runs in its own fresh process (so peak memory is that side's own):
the Python port, and the R program through the in-process bridge. Printed:
training samples per second (from the fit's own wall time), total wall time,
the R/Python ratio, and peak resident memory of each process.

Uses CIFAR-10 when it is in the Keras cache; otherwise a generated CIFAR-format
fixture of the same size (timings are then real, the images are not: the output
says which).

    python benchmarks/bird_vs_plane.py [--per-class 1000] [--epochs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

CHILD = """
import json, resource, sys, time
start = time.perf_counter()
from keras_rparity.programs.bundled import run_side
from keras_rparity.record import Knobs
run = run_side("bird_vs_plane", sys.argv[1], Knobs(epochs=int(sys.argv[2]),
               per_class=int(sys.argv[3])))
fit = run.fits[0]
print(json.dumps({"fit_seconds": fit.seconds, "samples": fit.x.shape[0],
                  "epochs": fit.epochs, "source": run.data_sources["cifar10"],
                  "wall_seconds": time.perf_counter() - start,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def ensure_data(per_class: int) -> str | None:
    """KERAS_HOME to use: None if CIFAR-10 is present, else a folder with a fixture."""
    from keras_rparity.errors import DatasetMissingError

    try:
        from keras_rparity.data.cifar10 import load_cifar10

        load_cifar10(per_class=1)
        return None
    except DatasetMissingError:
        from keras_rparity.data.cifar10_fixture import install_cifar10_fixture

        home = tempfile.mkdtemp(prefix="bench-cifar10-fixture-")
        # a batch holds per_batch / 10 images per class; five training batches
        install_cifar10_fixture(home, per_batch=max(10, per_class * 10 // 5), seed=0)
        return home


def run_side(side: str, epochs: int, per_class: int, keras_home: str | None) -> dict:
    env = dict(os.environ)
    if keras_home:
        env["KERAS_HOME"] = keras_home
    done = subprocess.run([sys.executable, "-c", CHILD, side, str(epochs), str(per_class)],
                          capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{side} side failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-class", type=int, default=1000)
    parser.add_argument("--epochs", type=int, default=3)
    args = parser.parse_args()
    home = ensure_data(args.per_class)
    results = {side: run_side(side, args.epochs, args.per_class, home) for side in ("python", "r")}
    source = results["python"]["source"]
    print(f"bird vs plane: {results['python']['samples']} images x {args.epochs} epochs, "
          f"data: {'CIFAR-10' if source == 'cifar-10' else source + ' (generated, NOT CIFAR-10)'}")
    for side, r in results.items():
        rate = r["samples"] * r["epochs"] / r["fit_seconds"]
        print(f"  {side:>6}: {rate:8.0f} samples/s in fit, fit {r['fit_seconds']:.2f} s, "
              f"process {r['wall_seconds']:.2f} s, peak RSS {r['peak_rss_mb']:.0f} MB")
    ratio = results["r"]["fit_seconds"] / results["python"]["fit_seconds"]
    wall = results["r"]["wall_seconds"] / results["python"]["wall_seconds"]
    print(f"  R/Python fit wall-time ratio: {ratio:.3f} (whole process: {wall:.3f})")


if __name__ == "__main__":
    main()
