"""Command-line options shared by several commands (one definition each)."""

from __future__ import annotations

import argparse

from keras_rparity.experiments.context import Knobs


def add_knob_options(parser: argparse.ArgumentParser, epochs_help: str,
                     verbose_default: int = 0) -> None:
    """--epochs, --seed, --per-class and --verbose, as every training command takes them."""
    parser.add_argument("--epochs", type=int, default=None, help=epochs_help)
    parser.add_argument("--seed", type=int, default=42, help="seed set before each model (42)")
    parser.add_argument("--per-class", type=int, default=None, dest="per_class",
                        help="image datasets: keep the first N images of each class "
                             "(default: the experiment's size)")
    parser.add_argument("--verbose", type=int, default=verbose_default, choices=(0, 1, 2),
                        help=f"Keras fit verbosity on both sides ({verbose_default})")


def knob_values(args: argparse.Namespace) -> dict[str, object]:
    """The knob options as given (``None`` where the option was left out)."""
    return {"epochs": args.epochs, "seed": args.seed, "per_class": args.per_class,
            "verbose": args.verbose}


def knobs_from_args(args: argparse.Namespace) -> Knobs:
    return Knobs(**knob_values(args))
