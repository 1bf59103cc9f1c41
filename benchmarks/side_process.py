"""One side (Python or R) of bird vs plane in this process, measured stage by stage.

Run by ``backends.py`` and ``r_side_stages.py``, one fresh process per side, so that
each side's peak memory is its own. Prints one JSON line: per stage the seconds, the
resident memory at its end and the peak resident memory during it (Linux: the peak is
reset between stages through ``/proc/self/clear_refs``) and its CPU time (all threads:
less sensitive than wall time to other load on the machine), the fit's own time, the
per-epoch history (to check R = Python bitwise) and the backend.

Stages (both sides, where they apply): ``python start`` (interpreter, keras-rparity,
Keras and its backend), ``R start`` (rpy2, R, reticulate, the R Keras layer),
``dataset`` (loaded; on the R side also handed to R), ``preprocessing`` (``x / 255``,
selecting birds and planes), ``model`` (build, compile), ``to numpy`` (the arrays
handed to Keras: R -> NumPy on the R side, ``np.asarray(x, float32)`` on Python's),
``keras input`` (Keras' own data adapter: its copy of the arrays), ``training`` (the
epochs), ``fit record`` (fingerprints, weights).

    python benchmarks/side_process.py --side r [--backend jax] [--per-class 1000]
        [--epochs 1] [--jit auto|true|false] [--no-determinism] [--stages]
"""

from __future__ import annotations

import time

START = time.perf_counter()

import argparse  # noqa: E402  (the clock starts first)
import functools  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402


def _status_kb(field: str) -> int:
    text = Path("/proc/self/status").read_text()
    match = re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE)
    return int(match.group(1)) if match else 0


def _cpu_seconds() -> float:
    """CPU time of this process so far (all threads, user + system)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class StageClock:
    """Marks the end of each stage: seconds since the last mark, RSS, peak RSS during it."""

    def __init__(self, reset_peaks: bool) -> None:
        self.reset_peaks = reset_peaks
        self.last = START
        self.last_cpu = 0.0
        self.stages: list[dict[str, float | str]] = []
        self.peak_mb = 0.0

    def mark(self, name: str) -> None:
        now, cpu = time.perf_counter(), _cpu_seconds()
        peak = _status_kb("VmHWM") / 1024
        self.peak_mb = max(self.peak_mb, peak)
        self.stages.append({"stage": name, "seconds": now - self.last,
                            "cpu_seconds": cpu - self.last_cpu,
                            "rss_mb": _status_kb("VmRSS") / 1024, "peak_mb": peak})
        if self.reset_peaks:
            try:
                Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to VmRSS
            except OSError:
                self.reset_peaks = False
        self.last, self.last_cpu = time.perf_counter(), _cpu_seconds()


def _wrap(owner: object, attribute: str, before: str | None = None,
          after: str | None = None, clock: StageClock | None = None,
          first_call_only: bool = False) -> None:
    """Mark stage ``before`` when ``owner.attribute`` is entered (``first_call_only``: the
    first time only) and ``after`` on return."""
    original = getattr(owner, attribute)
    calls = [0]

    @functools.wraps(original)  # keeps the signature: keras-rparity binds fit's arguments
    def wrapped(*args, **kwargs):
        calls[0] += 1
        if before and not (first_call_only and calls[0] > 1):
            clock.mark(before)
        result = original(*args, **kwargs)
        if after:
            clock.mark(after)
        return result

    setattr(owner, attribute, wrapped)


def _instrumented_r_program(path: Path) -> str:
    """The R program with a stage mark after its dataset line (only there: nothing in
    Python runs when R finishes converting the dataset)."""
    text = path.read_text()
    line = "cifar10 <- dataset_cifar10()\n"
    if line not in text:
        raise SystemExit(f"{path} no longer has the line {line!r}: update this benchmark")
    mark = 'reticulate::import_main()$mark_stage("dataset")\n'
    return text.replace(line, line + mark, 1)


def _force_jit(setting: str) -> None:
    """Make every ``compile`` (Python's and R's, one Keras) use ``jit_compile=setting``."""
    import keras

    value = {"true": True, "false": False}[setting]
    original = keras.Model.compile

    def compile_with_jit(self, *args, **kwargs):
        kwargs["jit_compile"] = value
        return original(self, *args, **kwargs)

    keras.Model.compile = compile_with_jit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--side", choices=("python", "r"), required=True)
    parser.add_argument("--backend", default=None)
    parser.add_argument("--per-class", type=int, default=None)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--jit", choices=("auto", "true", "false"), default="auto")
    parser.add_argument("--no-determinism", action="store_true")
    parser.add_argument("--stages", action="store_true",
                        help="reset the peak between stages (per-stage peaks)")
    args = parser.parse_args()

    import __main__
    from keras_rparity import backend

    if hasattr(backend, "use_backend"):
        backend.use_backend(args.backend)
    elif args.backend:  # an older keras-rparity (a "before" measurement)
        os.environ["KERAS_BACKEND"] = args.backend
    clock = StageClock(reset_peaks=args.stages)
    __main__.mark_stage = clock.mark

    import keras
    from keras.src.trainers import data_adapters

    from keras_rparity import determinism
    from keras_rparity.backend import backend_info
    from keras_rparity.programs import RProgram
    from keras_rparity.programs.bundled import get_pair
    from keras_rparity.record import Knobs, RunContext

    if args.no_determinism:
        determinism.enable_deterministic_ops = lambda: keras.backend.backend()
    if args.jit != "auto":
        _force_jit(args.jit)
    _wrap(RunContext, "load_dataset", after=None if args.side == "r" else "dataset",
          clock=clock)
    # Called at every layer, input and model the program creates: the first ends preprocessing.
    _wrap(RunContext, "model_construction", before="preprocessing", clock=clock,
          first_call_only=True)
    _wrap(RunContext, "preflight", before="model", clock=clock)
    _wrap(keras.Model, "fit", before="to numpy", after="training", clock=clock)
    _wrap(data_adapters, "get_data_adapter", after="keras input", clock=clock)
    _wrap(RunContext, "record_fit", after="fit record", clock=clock)
    info = backend_info()
    clock.mark("python start")

    knobs = Knobs(epochs=args.epochs, per_class=args.per_class)
    pair = get_pair("bird_vs_plane")
    if args.side == "python":
        run = pair.python.run(knobs)
    else:
        from keras_rparity.bridge import get_bridge

        get_bridge()
        clock.mark("R start")
        program = Path(tempfile.mkdtemp(prefix="bench-r-program-")) / "cifar_bird_vs_plane.R"
        program.write_text(_instrumented_r_program(Path(pair.r.path)))
        run = RProgram(path=program).run(knobs)
    fit = run.fits[0]
    print(json.dumps({
        "side": args.side, "backend": info, "jit": args.jit,
        "determinism": not args.no_determinism,
        "stages": clock.stages, "fit_seconds": fit.seconds, "samples": fit.x.shape[0],
        "epochs": fit.epochs, "source": run.data_sources["cifar10"],
        "history": {c: fit.history[c].tolist() for c in fit.history.columns},
        "weights_sha": hashlib.sha256(
            b"".join(w.tobytes() for w in fit.weights)).hexdigest(),
        "seconds": time.perf_counter() - START,
        "peak_rss_mb": max(clock.peak_mb,
                           resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }))


if __name__ == "__main__":
    main()
