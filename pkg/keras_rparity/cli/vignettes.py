"""``keras-rparity vignettes [NAME] [--out DIR] [--quick]``: execute and render vignettes."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "vignettes", help="execute the vignettes and render them to HTML",
        description="Execute the tutorial's vignettes (Jupyter notebooks) and render each "
                    "to HTML with its figures; --list names them.")
    p.add_argument("name", nargs="?", default=None,
                   help="one vignette, as --list names it (default: all)")
    p.add_argument("--out", default="rparity-vignettes",
                   help="output folder for the HTML and figures (rparity-vignettes)")
    p.add_argument("--quick", action="store_true", help="small sizes (seconds, not minutes)")
    p.add_argument("--list", action="store_true", help="list the vignettes and exit")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from keras_rparity.report.vignettes import list_vignettes, run_vignette

    names = list_vignettes()
    if args.list:
        print("\n".join(names))
        return 0
    chosen = [args.name] if args.name else names
    for name in tqdm(chosen, desc="vignettes", unit="vignette", disable=len(chosen) == 1):
        result = run_vignette(name, args.out, quick=args.quick)
        tqdm.write(f"{result.name}: {result.html} ({result.figures} figures, "
                   f"{result.seconds:.0f} s)")
    return 0
