"""``keras-rparity doctor``: versions, R bridge and datasets, with remedies."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("doctor", help="check R, reticulate, rpy2, Keras and datasets")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from keras_rparity.doctor import format_checks, run_doctor

    checks = run_doctor()
    print(json.dumps([asdict(c) for c in checks], indent=2) if args.json else format_checks(checks))
    return 0 if all(c.ok for c in checks if not c.name.startswith("dataset")) else 1
