"""``keras-rparity doctor``: versions, R bridge and datasets, with remedies."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "doctor", help="check R, reticulate, rpy2, Keras and datasets",
        description="Check what keras-rparity needs (Python packages, R, reticulate, rpy2, "
                    "the R Keras API, datasets) and say how to fix what is missing. Exit "
                    "status 1 when something other than a dataset is missing.")
    p.add_argument("--json", action="store_true",
                   help="print the checks as JSON (name, ok, detail, remedy) instead of a table")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from keras_rparity.doctor import format_checks, run_doctor

    checks = run_doctor()
    print(json.dumps([asdict(c) for c in checks], indent=2) if args.json else format_checks(checks))
    return 0 if all(c.ok for c in checks if not c.name.startswith("dataset")) else 1
