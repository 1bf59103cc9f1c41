"""Bird vs plane on every installed Keras backend: speed, R/Python ratios, memory, parity.

For each backend (and each ``jit_compile`` setting that changes what runs: TensorFlow
``auto``, which is no XLA under op determinism, and ``true``, XLA; PyTorch ``auto``
(eager) and ``true`` (``torch.compile``); JAX always compiles), each side runs in its
own fresh process (``side_process.py``). Printed, as a Markdown table to paste in the
README, with the machine it was measured on: seconds per epoch and training samples
per second of each side, the fit-time and whole-process R/Python ratios, the peak RSS
of each side, and whether R = Python bitwise (every metric of every epoch, and the
final weights). A second table gives what each backend's determinism settings cost
(the Python side with and without them).

Data: CIFAR-10 when Keras' cache has it, else a generated CIFAR-format fixture
(the output says which); ``--per-class 1000`` is a 10,000-image training set, of
which bird vs plane trains on 2,000.

    python benchmarks/backends.py [--per-class 1000] [--epochs 5] [--backends jax,torch]
        [--no-jit-variants] [--no-determinism-cost]
"""

from __future__ import annotations

import argparse
import sys

# a sibling script (this folder is on sys.path when a script here is run)
from r_side_stages import bitwise_equal, keras_home_with_data, machine, run_side

#: jit_compile settings that change what runs, per backend ("auto" is the default).
JIT_VARIANTS = {"tensorflow": ("auto", "true"), "jax": ("auto",), "torch": ("auto", "true")}
JIT_MEANING = {("tensorflow", "auto"): "auto (no XLA: op determinism)",
               ("tensorflow", "true"): "true (XLA)", ("jax", "auto"): "auto (XLA)",
               ("torch", "auto"): "auto (eager)", ("torch", "true"): "true (torch.compile)"}


def deterministic_settings(backend: str) -> list[str]:
    from keras_rparity.determinism import deterministic_settings as settings

    return settings(backend)


def installed_backends() -> list[str]:
    from keras_rparity.backend import available_backends

    return [name for name, version in available_backends().items() if version]


def measure(backend: str, jit: str, options: list[str], home: str | None) -> dict:
    """Both sides of one configuration (or the failure that stopped it)."""
    args = [*options, "--backend", backend, "--jit", jit]
    try:
        return {"python": run_side("python", args, home), "r": run_side("r", args, home)}
    except SystemExit as failure:
        return {"error": str(failure).strip().splitlines()[-1]}


def speed_row(backend: str, jit: str, result: dict) -> str:
    label = JIT_MEANING.get((backend, jit), jit)
    if "error" in result:
        return f"| {backend} | {label} | failed: {result['error']} | | | | | | | | |"
    py, r = result["python"], result["r"]
    version = py["backend"]["version"]

    def per_epoch(side: dict) -> float:
        return side["fit_seconds"] / side["epochs"]

    def rate(side: dict) -> float:
        return side["samples"] * side["epochs"] / side["fit_seconds"]

    return (f"| {backend} {version} | {label} | {per_epoch(py):.2f} | {per_epoch(r):.2f} | "
            f"{rate(py):,.0f} | {rate(r):,.0f} | {r['fit_seconds'] / py['fit_seconds']:.2f} | "
            f"{py['wall_seconds']:.1f} / {r['wall_seconds']:.1f} = "
            f"{r['wall_seconds'] / py['wall_seconds']:.2f} | "
            f"{r['cpu_seconds'] / py['cpu_seconds']:.2f} | "
            f"{py['peak_rss_mb'] / 1024:.2f} / {r['peak_rss_mb'] / 1024:.2f} | "
            f"{'yes' if bitwise_equal(py, r) else 'NO'} |")


def determinism_row(backend: str, on: dict, off: dict) -> str:
    on_epoch = on["fit_seconds"] / on["epochs"]
    off_epoch = off["fit_seconds"] / off["epochs"]
    settings = ", ".join(f"`{s}`" for s in deterministic_settings(backend))
    return (f"| {backend} | {settings} | {on_epoch:.2f} | {off_epoch:.2f} | "
            f"{(on_epoch / off_epoch - 1) * 100:+.0f}% |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-class", type=int, default=1000)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--backends", default=None,
                        help="comma-separated (default: every installed backend)")
    parser.add_argument("--no-jit-variants", action="store_true",
                        help="only each backend's default jit_compile")
    parser.add_argument("--no-determinism-cost", action="store_true")
    args = parser.parse_args()
    backends = args.backends.split(",") if args.backends else installed_backends()
    home = keras_home_with_data(args.per_class)
    options = ["--epochs", str(args.epochs), "--per-class", str(args.per_class)]

    rows, results = [], {}
    for backend in backends:
        for jit in JIT_VARIANTS[backend][:1 if args.no_jit_variants else None]:
            results[backend, jit] = measure(backend, jit, options, home)
            rows.append(speed_row(backend, jit, results[backend, jit]))
            print(rows[-1], file=sys.stderr, flush=True)  # progress

    first = next((r["python"] for r in results.values() if "python" in r), None)
    data = "?" if first is None else (
        "CIFAR-10" if first["source"] == "cifar-10" else f"{first['source']} (NOT CIFAR-10)")
    samples = "?" if first is None else f"{first['samples']:,}"
    print(f"Bird vs plane, {samples} training images (of {args.per_class * 10:,}), "
          f"{args.epochs} epochs, batch 32; data: {data}.")
    print(f"Machine: {machine()}.\n")
    print("| backend | jit_compile | Python s/epoch | R s/epoch | Python samples/s | "
          "R samples/s | fit R/Py | whole process Py / R s (R/Py) | process CPU R/Py | "
          "peak RSS Py / R GB | R = Python bitwise |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))

    if args.no_determinism_cost:
        return
    print("\nWhat determinism costs (Python side, default jit_compile):\n")
    print("| backend | settings | s/epoch deterministic | s/epoch without | cost |")
    print("|---|---|---|---|---|")
    for backend in backends:
        on = results.get((backend, "auto"), {}).get("python")
        if on is None:
            continue
        if not deterministic_settings(backend):  # JAX on a CPU: the same program either way
            print(f"| {backend} | none needed (CPU) | - | - | none: nothing is switched |")
            continue
        try:
            off = run_side("python", [*options, "--backend", backend, "--no-determinism"], home)
        except SystemExit as failure:
            print(f"| {backend} | failed: {str(failure).strip().splitlines()[-1]} | | | |")
            continue
        print(determinism_row(backend, on, off), flush=True)


if __name__ == "__main__":
    main()
