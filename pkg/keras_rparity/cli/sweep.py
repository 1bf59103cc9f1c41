"""``keras-rparity sweep``: train every activation x optimizer pair and rank them.

Examples::

    keras-rparity sweep --activations relu,sigmoid,tanh,leaky_relu \\
        --optimizers adam,sgd,momentum --models conv --epochs 5 --per-class 500 \\
        --repeats 3 --executor process --workers 2 --out out/sweep
    keras-rparity sweep --preset seed000            # 4 pairs, conv, 10 epochs, 1,000/class

Finished runs are kept in ``OUT/runs/``; running the same command again only
trains the runs that are missing.
"""

from __future__ import annotations

import argparse
import functools
from pathlib import Path

from keras_rparity.cli.backend_option import add_backend_option, apply_backend
from keras_rparity.validation import DEFAULT_SEED, arg_type

#: Settings used when neither a flag nor the preset gives one.
DEFAULTS = {
    "activations": "relu,sigmoid,tanh,leaky_relu",
    "optimizers": "adam,sgd,momentum",
    "models": "conv",
    "epochs": 5,
    "per_class": 500,
    "repeats": 1,
}


def _per_class(text: str) -> int | None:
    """``N`` images per class, or ``all``."""
    if text.strip().lower() == "all":
        return None
    return _PER_CLASS(text)


_PER_CLASS = arg_type("--per-class")


def _names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "sweep", help="train activation x optimizer pairs on Fashion-MNIST and rank them",
        description="Train every hidden activation x optimizer x model x repeat, save each "
                    "finished run under OUT/runs/ (a rerun skips them), write runs/epochs "
                    "tables (CSV, Parquet), plots and OUT/summary.md ranking the pairs. "
                    "Validation data is the test split.")
    p.add_argument("--preset", default=None,
                   help="a named sweep; 'seed000' = relu+adam, sigmoid+sgd, tanh+momentum, "
                        "leaky_relu+adam on the conv net, 10 epochs, 1000 images per class "
                        "(flags given explicitly override its size)")
    p.add_argument("--activations", default=None,
                   help=f"comma-separated Keras activations ({DEFAULTS['activations']})")
    p.add_argument("--optimizers", default=None,
                   help=f"comma-separated: sgd, momentum, adam, rmsprop, adagrad "
                        f"({DEFAULTS['optimizers']})")
    p.add_argument("--models", default=None, help="comma-separated: conv, dense (conv)")
    p.add_argument("--epochs", type=arg_type("--epochs"), default=None,
                   help=f"epochs per run ({DEFAULTS['epochs']})")
    p.add_argument("--per-class", type=_per_class, default=argparse.SUPPRESS, dest="per_class",
                   help=f"first N images per class of train and test, or 'all' "
                        f"({DEFAULTS['per_class']})")
    p.add_argument("--repeats", type=arg_type("--repeats"), default=None,
                   help="runs per combination, seeded SEED, SEED+1, ... (1)")
    p.add_argument("--seed", type=arg_type("--seed", min_val=0), default=DEFAULT_SEED,
                   help=f"seed of the first repeat ({DEFAULT_SEED})")
    p.add_argument("--batch-size", type=arg_type("--batch-size"), default=32, dest="batch_size",
                   help="samples per gradient step of fit (32)")
    add_backend_option(p)
    p.add_argument("--dataset", default="fashion_mnist",
                   help="fashion_mnist (Debian package dataset-fashion-mnist) or mnist "
                        "(needs mnist.npz in $KERAS_HOME/datasets) (fashion_mnist)")
    p.add_argument("--executor", default="process",
                   help="serial (one run after the other in this process), process (a pool "
                        "of worker processes on this machine, each importing Keras once) or "
                        "ray (Ray actors; with --ray-address on an existing cluster) (process)")
    p.add_argument("--workers", type=arg_type("--workers"), default=None,
                   help="runs at once (all cores; with --ray-address: the cluster's CPUs)")
    p.add_argument("--ray-address", default=None, dest="ray_address", metavar="HOST:PORT",
                   help="join the Ray cluster whose head listens there (start it with "
                        "`ray start --head`; add machines with `ray start --address=HOST:PORT`)"
                        "; needs --executor ray")
    p.add_argument("--out", type=Path, default=None,
                   help="output directory (out/sweep, or out/sweep-PRESET)")
    p.add_argument("--no-progress", action="store_false", dest="progress",
                   help="no progress bar")
    p.set_defaults(func=main)


def _settings(args: argparse.Namespace) -> dict[str, object]:
    """Flag values, else the preset's, else :data:`DEFAULTS`."""
    from keras_rparity.sweep.grid import get_preset

    preset = get_preset(args.preset) if args.preset else None
    chosen = dict(DEFAULTS)
    if preset is not None:
        chosen.update(epochs=preset.epochs, per_class=preset.per_class, repeats=preset.repeats,
                      models=",".join(preset.models))
    for name in ("activations", "optimizers", "models", "epochs", "repeats"):
        if getattr(args, name) is not None:
            chosen[name] = getattr(args, name)
    if hasattr(args, "per_class"):
        chosen["per_class"] = args.per_class
    pairs = preset.pairs if preset is not None and args.activations is None \
        and args.optimizers is None else None
    chosen["pairs"] = pairs
    chosen["out"] = args.out or Path("out") / (f"sweep-{args.preset}" if args.preset else "sweep")
    return chosen


def main(args: argparse.Namespace) -> int:
    apply_backend(args)
    from keras_rparity.cli.preflight import check_output_folder
    from keras_rparity.data.cache import check_keras_cache
    from keras_rparity.data.loaders import require_dataset
    from keras_rparity.pool.executors import make_executor
    from keras_rparity.sweep.grid import make_grid
    from keras_rparity.sweep.run_one import warm_up
    from keras_rparity.sweep.runner import run_sweep
    from keras_rparity.sweep.store import SweepStore
    from keras_rparity.sweep.summary import rank_pairs, verdict

    s = _settings(args)
    # Workers warm up while the others work; here, a throw-away training would only add time.
    warm = (None if args.executor == "serial"
            else functools.partial(warm_up, args.dataset, s["per_class"]))
    executor = make_executor(args.executor, args.workers, warm, args.ray_address,
                             role="sweep")  # checks early
    grid = make_grid(_names(str(s["activations"])), _names(str(s["optimizers"])),
                     models=_names(str(s["models"])), repeats=s["repeats"], seed=args.seed,
                     epochs=s["epochs"], per_class=s["per_class"], dataset=args.dataset,
                     batch_size=args.batch_size, pairs=s["pairs"])
    check_keras_cache()  # before any training: one clear line if KERAS_HOME is unusable
    check_output_folder(s["out"])
    require_dataset(args.dataset)
    store = SweepStore(s["out"])
    finished = sum(store.has(c.run_id) for c in grid)
    with executor:
        if finished < len(grid):
            executor.start()
        print(f"sweep: {len(grid)} runs ({finished} already finished) -> {store.out}; "
              f"executor {args.executor} x{executor.workers}", flush=True)
        try:
            outcome = run_sweep(grid, store.out, executor, progress=args.progress)
        except KeyboardInterrupt:
            done = sum(store.has(c.run_id) for c in grid)
            print(f"sweep: {done} of {len(grid)} runs finished and saved in {store.runs_dir}; "
                  "run the same command again to train the rest", flush=True)
            raise
    print(f"trained {len(outcome.ran)}, reused {len(outcome.skipped)}")
    print(verdict(rank_pairs(outcome.runs)).replace("**", ""))
    print(f"summary: {store.out / 'summary.md'}; tables: {store.out / 'runs.csv'}, "
          f"{store.out / 'epochs.csv'}; plots: {store.out / 'plots'}")
    return 0
