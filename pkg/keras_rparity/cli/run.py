"""``keras-rparity run``: the main job (every experiment, both languages, a report)."""

from __future__ import annotations

import argparse

from keras_rparity.cli.backend_option import add_backend_option, apply_backend
from keras_rparity.cli.options import add_knob_options, knob_values


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "run", help="run every tutorial experiment in Python and R, print and write parity",
        description="Runs iris regression, bird vs plane and CIFAR-10 ten classes in Python "
                    "and, when R is available, in R; prints the parity table and writes a "
                    "report folder. Default sizes (quick): iris 50 epochs; CIFAR-10 "
                    "experiments 5 epochs on the first 1000 images per class; the "
                    "activation x optimizer pairs 3 epochs on 200 Fashion-MNIST images per "
                    "class. --full uses the programs' own sizes (the tutorial's 50 epochs "
                    "on all images).")
    p.add_argument("--full", action="store_true", help="the tutorial's full sizes (slow)")
    add_knob_options(p, "override epochs everywhere", verbose_default=2)
    add_backend_option(p)
    p.add_argument("--experiments", default=None,
                   help="comma-separated subset: iris,bird_vs_plane,cifar10,activation_optimizer")
    p.add_argument("--no-r", action="store_true", help="Python side only")
    p.add_argument("--out", default="rparity-report", help="report folder (rparity-report)")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    apply_backend(args)
    from keras_rparity.report.tables import to_text
    from keras_rparity.tutorial import FIXTURE_WARNING, run_tutorial, write_report

    overrides = knob_values(args)
    chosen = args.experiments.split(",") if args.experiments else None
    result = run_tutorial("full" if args.full else "quick", overrides, with_r=not args.no_r,
                          experiments=chosen)
    files = write_report(result, args.out)
    table = result.table()
    print()
    if len(table):
        print(to_text(table.drop(columns=["data"]) if (table["data"] != FIXTURE_WARNING).all()
                      else table))
    for note in result.notes:
        print(f"note: {note}")
    print(f"report: {files[1]} ({len(files)} files)")
    exact = table["exact"] if len(table) else []
    return 1 if any(v is False for v in exact) else 0
