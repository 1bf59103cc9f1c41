"""``keras-rparity parity``: an R program against its Python port, or a bundled pair.

    keras-rparity parity --r model.R --python model.py [--seed S] [--json]
    keras-rparity parity iris --epochs 3

Exit status 0 when the verdict holds (bitwise equal, or within --tolerance/--ulps),
1 when it does not, 2 when a program failed (the fits before the failure are still
reported, and the error in one line); a table by default (per fit, then the first
difference explained), JSON with --json (then stdout carries only the JSON: the
programs' own output goes to stderr).
"""

from __future__ import annotations

import argparse
from contextlib import nullcontext
from dataclasses import replace

from keras_rparity.cli.backend_option import add_backend_option, apply_backend
from keras_rparity.cli.options import add_json_options, add_knob_options, json_text, knobs_from_args
from keras_rparity.errors import InvalidArgumentError
from keras_rparity.programs.bundled import TUTORIAL, get_entry
from keras_rparity.validation import DEFAULT_SEED, arg_type

#: Columns of the per-fit table printed by default.
TABLE_COLUMNS = ("fit", "loss", "epochs", "data_equal", "shapes_equal", "params_equal",
                 "initial_weights_equal", "max_abs_dloss", "max_ulps", "exact", "verdict")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "parity", help="compare an R program with its Python port (or a bundled pair)",
        description="Run an R program and its Python port with the same knobs; compare "
                    "their fits one by one (data, shapes, parameter counts, initial weights, "
                    "per-epoch metrics, final weights) and explain the first difference. "
                    "Exit status 0 when the verdict holds, 1 when it does not.")
    p.add_argument("experiment", nargs="?", choices=sorted(TUTORIAL),
                   help="a bundled pair (instead of --r/--python)")
    p.add_argument("--r", dest="r_program", metavar="MODEL.R", help="the R program")
    p.add_argument("--python", dest="python_program", metavar="MODEL.PY",
                   help="the Python program (plain Keras code)")
    p.add_argument("--loss", default=None,
                   help="bundled pairs: which fit to show, e.g. mse or mae for iris "
                        "(default: all)")
    add_knob_options(p, "epochs per fit (default: the programs' own)", seed_default=None,
                     seed_help=f"seed set identically on both sides right before each model "
                               f"is built (default: the programs seed themselves; bundled "
                               f"pairs: {DEFAULT_SEED})")
    accept = p.add_mutually_exclusive_group()
    accept.add_argument("--tolerance", type=arg_type("--tolerance", float, min_val=0),
                        default=None, help="accept metrics within this absolute difference")
    accept.add_argument("--ulps", type=arg_type("--ulps", min_val=0), default=None,
                        help="accept metrics within this many float32 ULPs")
    add_backend_option(p)
    add_json_options(p)
    p.set_defaults(func=main)


def _check_choice(args: argparse.Namespace) -> None:
    programs = (args.r_program, args.python_program)
    if args.experiment and any(programs):
        raise InvalidArgumentError("give a bundled pair name or --r and --python, not both")
    if not args.experiment and not all(programs):
        raise InvalidArgumentError("give both --r MODEL.R and --python MODEL.PY (or the name of "
                                   f"a bundled pair: {', '.join(sorted(TUTORIAL))})")
    if args.loss and not args.experiment:
        raise InvalidArgumentError("--loss selects a fit of a bundled pair; with --r/--python "
                                   "every fit is compared")


def main(args: argparse.Namespace) -> int:
    from keras_rparity.bridge.r_runtime import locate_r_home
    from keras_rparity.cli.preflight import check_input_file
    from keras_rparity.data.cache import check_keras_cache
    from keras_rparity.programs.isolation import output_to_stderr

    _check_choice(args)
    apply_backend(args)
    for what, path in (("R program", args.r_program), ("Python program", args.python_program)):
        if path is not None:
            check_input_file(path, what)  # before R or Keras start
    locate_r_home()  # no R: one line now, not after the Python side has trained
    check_keras_cache()
    knobs = knobs_from_args(args)
    with output_to_stderr() if args.json else nullcontext():
        report, labels = _run(args, knobs)
    fits = [f for f in report.fits if labels is None or f.label in labels]
    holds = (report.verdict if labels is None
             else all(f.within(report.tolerance, report.ulps) for f in fits))
    if args.json:
        print(json_text(_json_summary(report, labels, holds), args))
    elif report.error is None or fits:
        print(_text(report, fits))
    if report.error is not None:
        raise report.error  # one line on stderr; exit 2 (see cli.run_command)
    return 0 if holds else 1


def _run(args: argparse.Namespace, knobs):
    """The report, and the labels of the fits to show (``None``: all)."""
    from keras_rparity.parity import compare_programs, run_parity
    from keras_rparity.programs import ProgramPair

    if args.experiment:
        entry = get_entry(args.experiment)
        labels = [entry.resolve_fit(args.loss)] if args.loss else None
        if knobs.seed is None:
            knobs = replace(knobs, seed=DEFAULT_SEED)
        report = run_parity(args.experiment, knobs, args.tolerance, args.ulps)
    else:
        labels = None
        pair = ProgramPair.from_files(args.r_program, args.python_program)
        report = compare_programs(pair, knobs, args.tolerance, args.ulps)
    return report, labels


def _json_summary(report, labels: list[str] | None, holds: bool) -> dict:
    summary = report.to_dict()
    if labels is not None:
        summary["fits"] = [f for f in summary["fits"] if f["loss"] in labels]
        summary["exact"] = all(f["exact"] for f in summary["fits"])
        summary["verdict"] = holds
    return summary


def _text(report, fits) -> str:
    from keras_rparity.report.tables import to_text
    from keras_rparity.tutorial import source_warning

    table = report.table()
    table = table[table["fit"].isin([f.index + 1 for f in fits])]
    lines = [to_text(table[list(TABLE_COLUMNS)]), report.describe_environment(), ""]
    warning = source_warning(report.data_sources.get("python", {}))
    if warning:
        lines.insert(0, f"data: {warning}")
    for f in fits:
        lines.append(f"fit {f.index + 1} ({f.label}): max |dloss| = {f.max_abs_diff:g}, "
                     f"{f.max_ulps} ULPs, params: {f.param_count['python']}")
        for side, codes in f.findings.items():
            if codes:
                lines.append(f"  pairing findings ({side}): {', '.join(codes)}")
        lines.append(f.losses().to_string(index=False, float_format=lambda v: f"{v:.9g}"))
    lines += ["", report.explain()]
    return "\n".join(lines)
