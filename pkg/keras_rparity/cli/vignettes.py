"""``keras-rparity vignettes [NAME] [--out DIR] [--quick]``: execute and render vignettes."""

from __future__ import annotations

import argparse

from keras_rparity.cli.backend_option import add_backend_option, apply_backend


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("vignettes", help="execute the vignettes and render them to HTML")
    p.add_argument("name", nargs="?", default=None, help="one vignette (default: all)")
    p.add_argument("--out", default="rparity-vignettes", help="output folder")
    p.add_argument("--quick", action="store_true", help="small sizes (seconds, not minutes)")
    add_backend_option(p)
    p.add_argument("--list", action="store_true", help="list the vignettes and exit")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    apply_backend(args)
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
