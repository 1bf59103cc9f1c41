"""Command-line options shared by several commands (one definition each)."""

from __future__ import annotations

import argparse

from keras_rparity.record import Knobs
from keras_rparity.validation import DEFAULT_SEED, arg_type


def add_knob_options(parser: argparse.ArgumentParser, epochs_help: str,
                     verbose_default: int = 0, seed_default: int | None = DEFAULT_SEED,
                     seed_help: str | None = None) -> None:
    """--epochs, --seed, --per-class and --verbose, as every training command takes them."""
    parser.add_argument("--epochs", type=arg_type("--epochs"), default=None, help=epochs_help)
    parser.add_argument("--seed", type=arg_type("--seed", min_val=0), default=seed_default,
                        help=seed_help or f"seed set before each model ({seed_default})")
    parser.add_argument("--per-class", type=arg_type("--per-class"), default=None,
                        dest="per_class",
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
