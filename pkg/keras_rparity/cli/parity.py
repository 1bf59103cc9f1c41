"""``keras-rparity parity EXPERIMENT``: run one experiment in R and Python, compare."""

from __future__ import annotations

import argparse
import json

from keras_rparity.cli.backend_option import add_backend_option, apply_backend
from keras_rparity.cli.options import add_knob_options, knobs_from_args
from keras_rparity.experiments.registry import EXPERIMENTS, get_experiment


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "parity", help="run one experiment in R and in Python and compare them",
        description="Run an experiment on both sides with the same seed and data; print "
                    "per-epoch losses of each side and their differences. Exit status 1 "
                    "when the two sides are not bitwise equal.")
    p.add_argument("experiment", choices=sorted(EXPERIMENTS))
    p.add_argument("--loss", default=None,
                   help="which fit to show, e.g. mse or mae for iris (default: all)")
    add_knob_options(p, "epochs per fit (default: the tutorial's 50)")
    add_backend_option(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    apply_backend(args)
    from keras_rparity.backend import backend_info
    from keras_rparity.parity import run_parity

    experiment = get_experiment(args.experiment)
    labels = [experiment.resolve_fit(args.loss)] if args.loss else list(experiment.fits)
    report = run_parity(args.experiment, knobs_from_args(args))
    fits = [report.fit(label) for label in labels]
    if args.json:
        summary = report.to_dict()
        summary["fits"] = [f for f in summary["fits"] if f["loss"] in labels]
        summary["exact"] = all(f.exact for f in fits)
        summary["backend"] = backend_info()
        print(json.dumps(summary, indent=2, default=str))
    else:
        for f in fits:
            print(f"{report.experiment} / {f.label}: max |dloss| = {f.max_abs_diff:g}, "
                  f"shapes equal: {f.shapes_equal}, params: {f.param_count['python']} "
                  f"(equal: {f.params_equal}), data equal: {f.data_equal}, exact: {f.exact}")
            for side, codes in f.findings.items():
                if codes:
                    print(f"  pairing findings ({side}): {', '.join(codes)}")
            print(f.losses().to_string(index=False, float_format=lambda v: f"{v:.9g}"))
    return 0 if all(f.exact for f in fits) else 1
