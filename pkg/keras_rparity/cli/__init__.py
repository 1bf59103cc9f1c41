"""The ``keras-rparity`` command line.

Each command group lives in its own module of this package and exposes
``register(subparsers)``; this module only assembles them and turns the
package's errors into one clear line and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from keras_rparity import quiet  # noqa: F401  (environment defaults before TF loads)
from keras_rparity.errors import KerasRParityError

#: Modules of this package that contribute sub-commands, in help order.
COMMAND_MODULES = (
    "run",
    "parity",
    "doctor",
    "data",
    "lab",
    "check",
    "sweep",
    "vignettes",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="keras-rparity",
        description="Run the R Keras activations/loss tutorial in Python and R, and prove parity.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"keras_rparity.cli.{name}")
        except ModuleNotFoundError as exc:  # a command group not written yet
            if exc.name != f"keras_rparity.cli.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KerasRParityError as exc:
        print(f"keras-rparity: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("keras-rparity: interrupted", file=sys.stderr)
        return 130
