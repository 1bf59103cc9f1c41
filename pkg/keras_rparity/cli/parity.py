"""``keras-rparity parity``: an R program against its Python port, a bundled pair, or
every pair under folders.

    keras-rparity parity --r model.R --python model.py [--seed S|none] [--json]
    keras-rparity parity iris --epochs 3
    keras-rparity parity models/ --workers 2       (see cli/folder_parity.py)

Both sides are seeded identically (seed 42) unless ``--seed`` says otherwise;
``--seed none`` for programs that seed themselves.

Exit status 0 when the verdict holds (bitwise equal, or within --tolerance/--ulps),
1 when it does not, 2 when a program failed (the fits before the failure are still
reported, and the error in one line); a table by default (per fit, then the first
difference explained), JSON with --json (then stdout carries only the JSON: the
programs' own output goes to stderr).
"""

from __future__ import annotations

import argparse
from contextlib import nullcontext
from pathlib import Path

from keras_rparity.cli.backend_option import add_backend_option, apply_backend
from keras_rparity.cli.folder_parity import add_folder_options, check_folder_options, run_folders
from keras_rparity.cli.options import (
    add_acceptance_options,
    add_json_options,
    add_knob_options,
    json_text,
    knobs_from_args,
)
from keras_rparity.errors import InvalidArgumentError
from keras_rparity.programs.bundled import BUNDLED_PAIRS, bundled_pair
from keras_rparity.validation import DEFAULT_SEED

SEED_RULE = (f"Both sides are seeded identically (seed {DEFAULT_SEED}) right before each "
             "model is built, unless --seed says otherwise; --seed none for programs that "
             "seed themselves (each must then set the same seed before building each model).")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "parity", help="compare an R program with its Python port (or a bundled pair)",
        description="Run an R program and its Python port with the same knobs; compare "
                    "their fits one by one (data, shapes, parameter counts, initial weights, "
                    "per-epoch metrics, final weights) and explain the first difference. "
                    "Exit status 0 when the verdict holds, 1 when it does not. " + SEED_RULE)
    p.add_argument("targets", nargs="*", metavar="PAIR|DIR",
                   help=f"a bundled pair ({', '.join(sorted(BUNDLED_PAIRS))}) instead of "
                        "--r/--python, or folders: every NAME.R with NAME.py beside it, "
                        "found recursively")
    p.add_argument("--r", dest="r_program", metavar="MODEL.R", help="the R program")
    p.add_argument("--python", dest="python_program", metavar="MODEL.PY",
                   help="the Python program (plain Keras code)")
    p.add_argument("--loss", default=None,
                   help="bundled pairs: which fit to show, e.g. mse or mae for iris "
                        "(default: all)")
    add_knob_options(p, "epochs per fit (default: the programs' own)")
    add_acceptance_options(p)
    add_backend_option(p)
    add_json_options(p)
    add_folder_options(p)
    p.set_defaults(func=main)


def _folders(args: argparse.Namespace) -> list[Path]:
    """The folders given (``[]`` for a bundled pair or none); sets ``args.pair``."""
    targets = args.targets
    args.pair = targets[0] if len(targets) == 1 and targets[0] in BUNDLED_PAIRS else None
    if args.pair or not targets:
        return []
    for target in targets:
        if not Path(target).is_dir():
            raise InvalidArgumentError(f"{target!r} is neither a bundled pair "
                                       f"({', '.join(sorted(BUNDLED_PAIRS))}) nor a folder of "
                                       "program pairs")
    return [Path(t) for t in targets]


def _check_choice(args: argparse.Namespace) -> None:
    programs = (args.r_program, args.python_program)
    if args.pair and any(programs):
        raise InvalidArgumentError("give a bundled pair name or --r and --python, not both")
    if not args.pair and not all(programs):
        raise InvalidArgumentError("give both --r MODEL.R and --python MODEL.PY (or the name of "
                                   f"a bundled pair: {', '.join(sorted(BUNDLED_PAIRS))})")
    if args.loss and not args.pair:
        raise InvalidArgumentError("--loss selects a fit of a bundled pair; with --r/--python "
                                   "every fit is compared")


def main(args: argparse.Namespace) -> int:
    from keras_rparity.bridge.r_runtime import locate_r_home
    from keras_rparity.cli.preflight import check_input_file
    from keras_rparity.data.cache import check_keras_cache
    from keras_rparity.programs.isolation import output_to_stderr

    folders = _folders(args)
    check_folder_options(args, bool(folders))
    if folders:
        if any((args.r_program, args.python_program, args.loss)):
            raise InvalidArgumentError("give folders of pairs, or --r and --python, not both "
                                       "(--loss selects a fit of a bundled pair)")
        apply_backend(args)
        return run_folders(args, folders)
    _check_choice(args)
    apply_backend(args)
    for what, path in (("R program", args.r_program), ("Python program", args.python_program)):
        if path is not None:
            check_input_file(path, what)  # before R or Keras start
    locate_r_home()  # no R: one line now, not after the Python side has trained
    check_keras_cache()
    knobs = knobs_from_args(args)
    try:
        with output_to_stderr() if args.json else nullcontext():
            report, labels = _run(args, knobs)
    except KeyboardInterrupt as stop:  # Ctrl-C or SIGTERM: report what finished
        report = getattr(stop, "report", None)
        if report is not None and (report.r.fits or report.python.fits):
            print(json_text(report.to_dict(), args) if args.json
                  else f"INTERRUPTED: what finished before it\n{_text(report, report.fits)}")
        raise
    fits = [f for f in report.fits if labels is None or f.label in labels]
    if args.json:
        print(json_text(report.to_dict(fits), args))
    elif report.error is None or report.r.fits or report.python.fits:
        print(_text(report, fits))
    if report.error is not None:
        raise report.error  # one line on stderr; exit 2 (see cli.run_command)
    return 0 if report.verdict_of(fits) else 1


def _run(args: argparse.Namespace, knobs):
    """The report, and the labels of the fits to show (``None``: all)."""
    from keras_rparity.parity import compare_programs, run_parity
    from keras_rparity.programs import ProgramPair

    if args.pair:
        labels = [bundled_pair(args.pair).resolve_fit(args.loss)] if args.loss else None
        report = run_parity(args.pair, knobs, args.tolerance, args.ulps)
    else:
        labels = None
        pair = ProgramPair.from_files(args.r_program, args.python_program)
        report = compare_programs(pair, knobs, args.tolerance, args.ulps)
    return report, labels


def _text(report, fits) -> str:
    from keras_rparity.parity.report import SUMMARY_COLUMNS
    from keras_rparity.report.tables import to_text
    from keras_rparity.tutorial import source_warning

    table = report.table()
    table = table[table["fit"].isin([f.index + 1 for f in fits])]
    lines = [to_text(table[list(SUMMARY_COLUMNS)])] if len(table) else []
    lines += [report.describe_environment(), ""]
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
