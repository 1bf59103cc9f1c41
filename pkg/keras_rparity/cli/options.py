"""Command-line options shared by several commands (one definition each)."""

from __future__ import annotations

import argparse

from keras_rparity.experiments.context import Knobs


def add_knob_options(parser: argparse.ArgumentParser, epochs_help: str) -> None:
    """--epochs, --seed, --per-class and --verbose, as every training command takes them."""
    parser.add_argument("--epochs", type=int, default=None, help=epochs_help)
    parser.add_argument("--seed", type=int, default=42, help="seed set before each model (42)")
    parser.add_argument("--per-class", type=int, default=None, dest="per_class",
                        help="CIFAR-10: keep the first N images of each class (default: all)")
    parser.add_argument("--verbose", type=int, default=0, choices=(0, 1, 2),
                        help="Keras fit verbosity on both sides (0)")


def knobs_from_args(args: argparse.Namespace, **overrides: object) -> Knobs:
    values = {"epochs": args.epochs, "seed": args.seed, "per_class": args.per_class,
              "verbose": args.verbose}
    values.update(overrides)
    return Knobs(**values)
