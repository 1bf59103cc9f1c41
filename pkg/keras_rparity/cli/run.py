"""``keras-rparity run``: the main job (every experiment, both languages, a report)."""

from __future__ import annotations

import argparse
import sys

from keras_rparity.cli.backend_option import add_backend_option, apply_backend
from keras_rparity.cli.options import add_knob_options, knob_values


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "run", help="run every tutorial experiment in Python and R, print and write parity",
        description="Runs iris regression, bird vs plane and CIFAR-10 ten classes in Python "
                    "and in R; prints the parity table and writes a report folder. Default "
                    "sizes (quick): iris 50 epochs; CIFAR-10 experiments 5 epochs on the "
                    "first 1000 images per class; the activation x optimizer pairs 3 epochs "
                    "on 200 Fashion-MNIST images per class. --full uses the programs' own "
                    "sizes (the tutorial's 50 epochs on all images). Without CIFAR-10 the "
                    "CIFAR programs run on a synthetic CIFAR-format stand-in, labelled as "
                    "such (parity of the programs only; accuracies mean nothing). Exit "
                    "status: 0 all compared fits bitwise equal; 1 a difference or a failed "
                    "experiment; 2 bad input; 3 R unavailable (use --no-r); 130 interrupted "
                    "(the report holds what finished).")
    p.add_argument("--full", action="store_true", help="the tutorial's full sizes (slow)")
    add_knob_options(p, "override epochs everywhere", verbose_default=2, seed_none=False)
    add_backend_option(p)
    p.add_argument("--experiments", default=None,
                   help="comma-separated subset: iris,bird_vs_plane,cifar10,activation_optimizer")
    p.add_argument("--no-r", "--python-only", action="store_true", dest="no_r",
                   help="Python side only (no parity is checked; exit 0 when it runs)")
    p.add_argument("--no-standin", action="store_false", dest="standin",
                   help="skip the CIFAR-10 experiments when CIFAR-10 is missing instead of "
                        "running them on the synthetic stand-in")
    p.add_argument("--out", default="rparity-report", help="report folder (rparity-report)")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    apply_backend(args)
    from keras_rparity.cli.preflight import check_output_folder
    from keras_rparity.data.cache import check_keras_cache
    from keras_rparity.report.tables import to_text
    from keras_rparity.tutorial import run_tutorial, write_report

    overrides = knob_values(args)
    chosen = [n.strip() for n in args.experiments.split(",")] if args.experiments else None
    check_output_folder(args.out)
    check_keras_cache()
    result = run_tutorial("full" if args.full else "quick", overrides, with_r=not args.no_r,
                          experiments=chosen, standin=args.standin)
    files = write_report(result, args.out)
    table = result.table()
    print()
    if len(table):
        print(to_text(table if _has_warning(table) else table.drop(columns=["data"])))
    for note in result.notes:
        print(f"note: {note}")
    print(f"report: {files[1]} ({len(files)} files)")
    return _exit_status(result, table)


def _has_warning(table) -> bool:
    """Did some experiment run on data that is not the real dataset?"""
    from keras_rparity.tutorial import SOURCE_WARNINGS

    return table["data"].isin(list(SOURCE_WARNINGS.values())).any()


def _exit_status(result, table) -> int:
    """130 interrupted, 3 no parity checked for want of R, 1 a difference or a failure."""
    from keras_rparity.cli import EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_NO_R, EXIT_OK

    if result.interrupted:
        print(f"keras-rparity: interrupted during {result.interrupted}; the report holds "
              "what finished", file=sys.stderr)
        return EXIT_INTERRUPTED
    if result.failed:
        print(f"keras-rparity: failed: {', '.join(result.failed)} (see the notes above); the "
              "report holds the rest", file=sys.stderr)
        return EXIT_FINDINGS
    if result.r_missing:
        print("keras-rparity: R is not available, so no parity was checked; the report "
              "holds the Python side. Install R (see `keras-rparity doctor`) or run with "
              "--no-r", file=sys.stderr)
        return EXIT_NO_R
    exact = table["exact"] if len(table) else []
    return EXIT_FINDINGS if any(v is False for v in exact) else EXIT_OK
