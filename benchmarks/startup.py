"""What every command pays before its first fit: `parity --r --python` on the shipped iris
pair, from process start to the first fit of the R side, stage by stage.

Each repetition is a fresh process. "source" loads the bundled R Keras layer the old way
(``KERAS_RPARITY_CACHE=""``: every generated file sourced, R compiling functions at their
first calls); "cache" reads it byte-compiled from its cache (written by one untimed run
first). Prints the median of each stage over the repetitions and the load average.

    python benchmarks/startup.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Stages, in the order a command meets them (seconds since the process started).
MARKS = ("keras_rparity imported", "keras imported", "R started (rpy2)",
         "reticulate loaded", "bundled layer loaded", "bridge ready", "first Python fit",
         "first R fit")


def child() -> None:
    """One `parity --r --python` run, marking when each stage ends."""
    t0 = float(os.environ["STARTUP_T0"])
    marks: dict[str, float] = {}

    def mark(name: str) -> None:
        marks.setdefault(name, time.time() - t0)

    import keras_rparity.cli as cli
    mark("keras_rparity imported")
    import keras
    mark("keras imported")
    from keras_rparity.bridge import r_runtime, session

    def after(owner, name, label):
        original = getattr(owner, name)

        def wrapped(*args, **kwargs):
            value = original(*args, **kwargs)
            mark(label)
            return value
        setattr(owner, name, wrapped)

    after(r_runtime, "import_rpy2", "R started (rpy2)")
    after(session, "import_rpy2", "R started (rpy2)")
    after(session, "check_reticulate", "reticulate loaded")
    after(session.RBridge, "__init__", "bridge ready")
    support_fn = session.RBridge._support_fn
    layer = {}

    def timed_support_fn(self, name):
        fn = support_fn(self, name)
        if name != "rparity_load_builtin_api":
            return fn

        def load(*args):
            started = time.perf_counter()
            value = fn(*args)
            layer["seconds"] = time.perf_counter() - started
            mark("bundled layer loaded")
            return value
        return load
    session.RBridge._support_fn = timed_support_fn
    in_r = {"now": False}
    run_program = session.RBridge.run_program

    def run_r(self, *args, **kwargs):
        in_r["now"] = True
        return run_program(self, *args, **kwargs)
    session.RBridge.run_program = run_r
    fit = keras.Model.fit

    @functools.wraps(fit)  # the instrumentation binds fit's arguments by its signature
    def first_fit(self, *args, **kwargs):
        mark("first R fit" if in_r["now"] else "first Python fit")
        return fit(self, *args, **kwargs)
    keras.Model.fit = first_fit
    examples = ROOT / "r_examples"
    with open(os.devnull, "w") as quiet:
        stdout, sys.stdout = sys.stdout, quiet
        try:
            status = cli.main(["parity", "--r", str(examples / "iris_regression.R"),
                               "--python", str(examples / "iris_regression.py"),
                               "--seed", "42", "--epochs", "1"])
        finally:
            sys.stdout = stdout
    print(json.dumps({"marks": marks, "layer_seconds": layer.get("seconds"),
                      "status": status}))


def layer_loads(cache: str, times: int = 15) -> dict[str, float]:
    """The bundled layer's load alone, in one process: the fastest of ``times`` loads
    sourced and from the cache (the fastest is the least disturbed by other load)."""
    os.environ["KERAS_RPARITY_CACHE"] = cache
    sys.path.insert(0, str(ROOT / "pkg"))  # this checkout's package, as the children use
    from keras_rparity.bridge import get_bridge
    from keras_rparity.bridge.r_api_cache import api_cache_dir
    from keras_rparity.bridge.session import r_dir

    bridge = get_bridge()
    load = bridge._support_fn("rparity_load_builtin_api")
    layer, null = str(r_dir() / "keras_api"), bridge._ro.NULL
    best = {"source": float("inf"), "cache": float("inf")}
    for _ in range(times):
        for way, folder in (("source", null), ("cache", api_cache_dir())):
            started = time.perf_counter()
            load(layer, folder)
            best[way] = min(best[way], time.perf_counter() - started)
    return best


def run_once(cache: str) -> dict:
    env = {**os.environ, "KERAS_RPARITY_CACHE": cache, "STARTUP_T0": repr(time.time()),
           "PYTHONPATH": str(ROOT / "pkg")}
    done = subprocess.run([sys.executable, __file__, "--child"], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"the child failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child()
        return
    cache = tempfile.mkdtemp(prefix="rparity-startup-cache-")
    run_once(cache)  # writes the cache
    runs: dict[str, list[dict]] = {"source": [], "cache": []}
    for _ in range(args.repeat):  # interleaved: both see the same load
        runs["source"].append(run_once(""))
        runs["cache"].append(run_once(cache))
    print(f"load average before/after: {os.getloadavg()}; {args.repeat} runs each, medians")
    print(f"{'stage (s since process start)':34} {'source':>8} {'cache':>8}")
    for stage in MARKS:
        values = {k: statistics.median(r["marks"][stage] for r in v) for k, v in runs.items()}
        print(f"{stage:34} {values['source']:8.3f} {values['cache']:8.3f}")
    layer = {k: statistics.median(r["layer_seconds"] for r in v) for k, v in runs.items()}
    print(f"{'bundled layer load alone':34} {layer['source']:8.4f} {layer['cache']:8.4f}  "
          f"({layer['cache'] / layer['source']:.2f}x)")
    best = layer_loads(cache)
    print(f"{'layer load alone, fastest of 15':34} {best['source']:8.4f} {best['cache']:8.4f}  "
          f"({best['cache'] / best['source']:.2f}x)")
    r_side = {k: statistics.median(r["marks"]["first R fit"] - r["marks"]["first Python fit"]
                                   for r in v) for k, v in runs.items()}
    print(f"{'first Python fit -> first R fit':34} {r_side['source']:8.3f} "
          f"{r_side['cache']:8.3f}")


if __name__ == "__main__":
    main()
