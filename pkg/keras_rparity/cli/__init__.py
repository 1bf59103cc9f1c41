"""The ``keras-rparity`` command line.

Each command group lives in its own module of this package and exposes
``register(subparsers)``; this module only assembles them and turns every
failure into one clear line and an exit status that tells the truth
(:data:`EXIT_CODES`).
"""

from __future__ import annotations

import argparse
import importlib
import sys
import textwrap
from collections.abc import Callable, Sequence

from keras_rparity import quiet
from keras_rparity.backend import prepare_keras
from keras_rparity.errors import (
    KerasRParityError,
    LossLabelMismatchError,
    ProgramError,
    RUnavailableError,
    os_error_message,
)

quiet.quiet_command_start()

#: Modules of this package that contribute sub-commands, in help order.
COMMAND_MODULES = (
    "run",
    "parity",
    "port",
    "doctor",
    "data",
    "lab",
    "check",
    "sweep",
    "vignettes",
)

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_NO_R = 3
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143

#: Exit status -> what it means (shown in ``--help`` and the README).
EXIT_CODES = {
    EXIT_OK: "done; every compared fit is bitwise equal in R and Python, no error findings",
    EXIT_FINDINGS: "done, and something is wrong with the results: R and Python differ, "
                   "an experiment failed, or a pairing check found an error",
    EXIT_ERROR: "could not run: bad arguments or input (missing file, unusable KERAS_HOME, "
                "an error in an R program); the message says what to fix",
    EXIT_NO_R: "R is not available, so no parity was checked (run --no-r for the Python "
               "side alone); see `keras-rparity doctor`",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C); what finished is reported",
    EXIT_TERMINATED: "terminated (SIGTERM): as for Ctrl-C",
}

#: Environment variables the commands read.
ENVIRONMENT = {
    "KERAS_HOME": "Keras' cache; datasets in $KERAS_HOME/datasets (default ~/.keras)",
    "KERAS_BACKEND": "Keras backend: tensorflow (default), jax or torch (or --backend)",
    "KERAS_RPARITY_R_API": "R Keras API: auto (keras3 if it loads, else the bundled "
                           "layer), keras3 or builtin",
    "KERAS_RPARITY_CACHE": "folder for the bundled R Keras layer's byte-compiled cache "
                           "(default ~/.cache/keras-rparity; empty: no cache)",
    "KERAS_RPARITY_R_EXAMPLES": "folder of the bundled program pairs (default: the "
                                "installed copy, or the checkout's r_examples/)",
    "KERAS_RPARITY_VIGNETTES": "folder of the vignettes (default: the installed copy, or "
                               "the checkout's)",
    "R_HOME": "the R installation to embed (default: what `R RHOME` prints)",
    "RETICULATE_PYTHON": "set by keras-rparity to this Python: R runs in this process",
    "TF_CPP_MIN_LOG_LEVEL": "TensorFlow's C++ log level (default 3: fatal errors only)",
}


def epilog() -> str:
    """The text under the options in ``keras-rparity --help``.

    Example:
    >>> "130  interrupted" in epilog() and "KERAS_HOME" in epilog()
    True
    """
    codes = "\n".join(textwrap.fill(meaning, 88, initial_indent=f"  {code:<3}  ",
                                     subsequent_indent=" " * 7)
                       for code, meaning in EXIT_CODES.items())
    names = "\n".join(f"  {name:<25} {meaning}" for name, meaning in ENVIRONMENT.items())
    return f"exit status:\n{codes}\n\nenvironment variables:\n{names}"


def build_parser() -> argparse.ArgumentParser:
    from keras_rparity import __version__

    parser = argparse.ArgumentParser(
        prog="keras-rparity",
        description="Run the R Keras activations/loss tutorial in Python and R, and prove "
                    "parity.\n\nseeds: both sides are seeded identically (seed 42) right "
                    "before each model is built;\n--seed S for another seed, --seed none "
                    "(parity) for programs that seed themselves.",
        epilog=epilog(), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"keras_rparity.cli.{name}").register(subparsers)
    return parser


def _say_error(message: str) -> None:
    print(f"keras-rparity: error: {message}", file=sys.stderr)


def _loss_label_findings(exc: ProgramError) -> int:
    """A loss/label mismatch inside a program: the checker's findings, fixes in the
    program's language."""
    from keras_rparity.pairing import format_findings

    where = f" at {exc.location}" if exc.location else ""
    call = f" in {exc.call}" if exc.call else ""
    side = "R" if exc.side == "r" else "Python"
    print(f"== {side} program{where}{call}: labels the loss cannot read")
    print(format_findings(exc.python_error.findings, side=exc.side))
    return EXIT_FINDINGS


def run_command(args: argparse.Namespace) -> int:
    """Run the chosen command; every failure becomes one line and an exit status."""
    from keras_rparity.interrupts import terminate_as_interrupt

    with terminate_as_interrupt() as termination:
        return _run_command(args, termination.terminated)


def _run_command(args: argparse.Namespace, terminated: Callable[[], bool]) -> int:
    from keras_rparity.interrupts import reraise_lost_interrupts

    try:
        with reraise_lost_interrupts():
            return int(args.func(args) or 0)
    except ProgramError as exc:
        if isinstance(exc.python_error, LossLabelMismatchError) and exc.python_error.findings:
            return _loss_label_findings(exc)
        _say_error(str(exc))
        return EXIT_ERROR
    except RUnavailableError as exc:
        _say_error(str(exc))
        return EXIT_NO_R
    except KerasRParityError as exc:
        _say_error(str(exc))
        return EXIT_ERROR
    except OSError as exc:  # disk full, permissions, a file where a folder belongs
        _say_error(os_error_message(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        if terminated():
            print("keras-rparity: terminated", file=sys.stderr)
            return EXIT_TERMINATED
        print("keras-rparity: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def main(argv: Sequence[str] | None = None) -> int:
    """The command line (``argv``: the arguments, default ``sys.argv[1:]``)."""
    prepare_keras()  # before any command imports Keras
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_ERROR
    return run_command(args)
