"""Command-line options shared by several commands (one definition each)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from keras_rparity.record import Knobs
from keras_rparity.record.knobs import KNOB_CONSTRAINTS, knob_arg_type

#: Keys of a JSON summary that hold wall-clock times (they differ between identical runs).
TIMING_KEYS = ("seconds",)


def add_knob_options(parser: argparse.ArgumentParser, epochs_help: str,
                     verbose_default: int = 0, seed_none: bool = True) -> None:
    """--epochs, --seed, --per-class and --verbose, as every training command takes them,
    checked against the one knob table (:data:`~keras_rparity.record.knobs.KNOB_CONSTRAINTS`).

    Numbers are checked like the Python and R APIs check them: ``--epochs 2.0`` is 2.
    ``--seed`` defaults to 42 on both sides; ``seed_none``: ``--seed none`` is accepted
    (the programs seed themselves).
    """
    parser.add_argument("--epochs", type=knob_arg_type("epochs", "--epochs"), default=None,
                        help=epochs_help)
    seed = knob_arg_type("seed", "--seed")
    if not seed_none:
        seed = _refusing_none(seed)
    parser.add_argument("--seed", type=seed, default=Knobs.seed, metavar="SEED" + (
                        "|none" if seed_none else ""), help=KNOB_CONSTRAINTS["seed"].help
                        if seed_none else f"seed set before each model ({Knobs.seed})")
    parser.add_argument("--per-class", type=knob_arg_type("per_class", "--per-class"),
                        default=None, dest="per_class",
                        help=KNOB_CONSTRAINTS["per_class"].help + " (default: the "
                             "experiment's size)")
    parser.add_argument("--verbose", type=knob_arg_type("verbose", "--verbose"),
                        default=verbose_default, metavar="{0,1,2}",
                        help="Keras fit verbosity on both sides: 0 silent, 1 progress bar "
                             "(on a terminal; elsewhere one line per epoch), 2 one line per "
                             f"epoch ({verbose_default})")


def add_acceptance_options(parser: argparse.ArgumentParser) -> None:
    """--tolerance or --ulps (one of them), from the one knob table."""
    accept = parser.add_mutually_exclusive_group()
    for knob in ("tolerance", "ulps"):
        accept.add_argument(f"--{knob}", type=knob_arg_type(knob, f"--{knob}"), default=None,
                            help=KNOB_CONSTRAINTS[knob].help)


def _refusing_none(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """``parse``, refusing ``none`` (commands whose programs never seed themselves)."""

    def refuse(text: str) -> Any:
        value = parse(text)
        if value is None:
            raise argparse.ArgumentTypeError(
                "`--seed none` is for programs that seed themselves (keras-rparity parity); "
                "this command's programs do not: give a whole number (default 42)")
        return value

    refuse.__name__ = parse.__name__
    return refuse


def fit_verbosity(verbose: int, stream: Any = None) -> int:
    """Keras' verbosity for ``verbose``: progress bars (1) only on a terminal, else 2.

    Example:
    >>> import io
    >>> fit_verbosity(1, io.StringIO()), fit_verbosity(0, io.StringIO())
    (2, 0)
    """
    stream = sys.stdout if stream is None else stream
    if verbose == 1 and not (hasattr(stream, "isatty") and stream.isatty()):
        return 2
    return verbose


def knob_values(args: argparse.Namespace) -> dict[str, object]:
    """The knob options as given (``None`` where the option was left out)."""
    return {"epochs": args.epochs, "seed": args.seed, "per_class": args.per_class,
            "verbose": fit_verbosity(args.verbose)}


def knobs_from_args(args: argparse.Namespace) -> Knobs:
    return Knobs(**knob_values(args))


def add_json_options(parser: argparse.ArgumentParser) -> None:
    """--json and --no-timings (byte-identical JSON for identical runs)."""
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--no-timings", action="store_true", dest="no_timings",
                        help="with --json: leave out wall-clock times, so two identical runs "
                             "print byte-identical JSON")


def without_timings(value: Any) -> Any:
    """``value`` (nested dicts and lists) without its wall-clock time entries.

    Example:
    >>> without_timings({"loss": [1.0], "seconds": {"r": 2.5}, "fits": [{"seconds": 1}]})
    {'loss': [1.0], 'fits': [{}]}
    """
    if isinstance(value, dict):
        return {k: without_timings(v) for k, v in value.items() if k not in TIMING_KEYS}
    if isinstance(value, list):
        return [without_timings(v) for v in value]
    return value


def json_text(summary: Any, args: argparse.Namespace) -> str:
    """The JSON a command prints; keys sorted, timings dropped with --no-timings."""
    if getattr(args, "no_timings", False):
        summary = without_timings(summary)
    return json.dumps(summary, indent=2, sort_keys=True, default=str)
