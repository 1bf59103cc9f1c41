"""``keras-rparity port``: write the Python port of an R Keras program and check it.

    keras-rparity port model.R [-o model.py] [--no-check] [--json] [--data-from-r]

The port is written from R's own parse tree; then, unless ``--no-check``, both programs
run with the same knobs and their fits are compared. Exit status 0 only when the port is
exact (with ``--no-check``: when every line was translated), 1 when it is not.
"""

from __future__ import annotations

import argparse
import contextlib
import sys

from keras_rparity.cli.backend_option import add_backend_option, apply_backend
from keras_rparity.cli.options import add_json_options, add_knob_options, fit_verbosity, json_text


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "port", help="write the plain-Keras Python port of an R program, and check it exact",
        description="Translate an R Keras program into an idiomatic plain-Keras Python "
                    "program (from R's own parse tree), then run both with the same knobs "
                    "and compare them fit by fit. Exit status 0 only when the port is exact.")
    p.add_argument("r_program", metavar="MODEL.R", help="the R program")
    p.add_argument("-o", "--output", metavar="MODEL.PY", default=None,
                   help="where to write the port (default: MODEL.py beside the R program, "
                        "which must not exist yet)")
    p.add_argument("--no-check", action="store_true", dest="no_check",
                   help="write the port without running the two programs")
    p.add_argument("--data-from-r", action="store_true", dest="data_from_r",
                   help="when lines are not translated, the port's fits read the arrays R "
                        "passed to them (written beside the port as MODEL_data.npz)")
    add_knob_options(p, "epochs per fit in the check (default: the programs' own)")
    add_backend_option(p)
    add_json_options(p)
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from pathlib import Path

    from keras_rparity.cli.preflight import check_input_file
    from keras_rparity.errors import InvalidArgumentError
    from keras_rparity.port import port

    r_program = check_input_file(args.r_program, "R program")
    output = Path(args.output) if args.output else Path(r_program).with_suffix(".py")
    if args.output is None and output.exists():
        raise InvalidArgumentError(f"{output} exists: give the port another path with -o "
                                   "(or -o with that path to replace it)")
    apply_backend(args)
    if not args.no_check:
        from keras_rparity.bridge.r_runtime import locate_r_home
        from keras_rparity.data.cache import check_keras_cache

        locate_r_home()
        check_keras_cache()
    # with --json, stdout carries the JSON alone: what the programs print goes to stderr
    quiet = contextlib.redirect_stdout(sys.stderr) if args.json else contextlib.nullcontext()
    with quiet:
        _, report = port(args.r_program, output, check=not args.no_check,
                         seed=args.seed, epochs=args.epochs, per_class=args.per_class,
                         verbose=fit_verbosity(args.verbose), data_from_r=args.data_from_r)
    if args.json:
        print(json_text(report.to_dict(), args))
    else:
        print(report.text())
    passed = report.exact if report.checked else not report.untranslated
    return 0 if passed else 1
