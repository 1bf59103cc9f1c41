"""``keras-rparity parity DIR [DIR ...]``: every program pair under folders, on warm workers.

    keras-rparity parity models/ --workers 2 --out rparity-pairs
    keras-rparity parity models/ --ray-address HEAD_IP:6379 --json

The options join those of ``parity`` (:mod:`keras_rparity.cli.parity`), which hands
folders to :func:`run_folders`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from keras_rparity.cli.options import json_text, knobs_from_args
from keras_rparity.errors import InvalidArgumentError
from keras_rparity.validation import arg_type

#: Where the report folder goes unless --out says otherwise.
DEFAULT_OUT = "rparity-pairs"


def add_folder_options(parser: argparse.ArgumentParser) -> None:
    """--workers, --ray-address and --out (folders of pairs only)."""
    group = parser.add_argument_group("folders of pairs (parity DIR [DIR ...])")
    group.add_argument("--workers", type=arg_type("--workers"), default=None,
                       help="warm worker processes, each with its own embedded R and Keras "
                            "(default: the number of cores, at most one per pair)")
    group.add_argument("--ray-address", dest="ray_address", default=None, metavar="ADDR",
                       help="run the pairs on a Ray cluster's actors (HOST:PORT of its head, "
                            "as `ray start --head` prints; `local` starts Ray here)")
    group.add_argument("--out", default=None, metavar="DIR",
                       help=f"the report folder: index.md, one section and overlay plot per "
                            f"pair (default: {DEFAULT_OUT})")


def check_folder_options(args: argparse.Namespace, folders: bool) -> None:
    """The folder options only go with folders."""
    if folders:
        return
    for option, value in (("--workers", args.workers), ("--ray-address", args.ray_address),
                          ("--out", args.out)):
        if value is not None:
            raise InvalidArgumentError(f"{option} goes with folders of pairs "
                                       "(keras-rparity parity DIR ...)")


def run_folders(args: argparse.Namespace, folders: list[Path]) -> int:
    """Check every pair under ``folders``; print the table (or JSON); write the report."""
    from keras_rparity.bridge.r_runtime import locate_r_home
    from keras_rparity.cli.preflight import check_output_folder
    from keras_rparity.data.cache import check_keras_cache
    from keras_rparity.folder_parity import check_pairs, find_pairs, summary_dict, summary_text
    from keras_rparity.folder_parity.checks import print_progress
    from keras_rparity.folder_parity.summary import write_report

    out = check_output_folder(args.out or DEFAULT_OUT)
    found = find_pairs(folders)
    locate_r_home()  # no R: one line now, not from every worker
    check_keras_cache()
    if not found.pairs:
        orphans = (f" (orphans: {', '.join(str(p) for p in found.orphans)})"
                   if found.orphans else "")
        raise InvalidArgumentError(f"no program pairs under {', '.join(map(str, folders))}"
                                   f"{orphans}: a pair is NAME.R with its port NAME.py beside it")
    result = check_pairs(found, knobs_from_args(args), args.tolerance, args.ulps,
                         workers=args.workers, ray_address=args.ray_address,
                         progress=print_progress)
    index = write_report(result, out)
    if args.json:
        print(json_text(summary_dict(result), args))
    else:
        print(summary_text(result))
        print(f"report: {index}")
    if result.interrupted:  # reported above; the command ends as every interrupted one
        raise KeyboardInterrupt
    return result.exit_status

