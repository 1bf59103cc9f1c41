"""``keras-rparity vignettes [NAME] [--out DIR] [--quick] [--jobs N]``: execute and render."""

from __future__ import annotations

import argparse

from keras_rparity.cli.backend_option import add_backend_option, apply_backend
from keras_rparity.validation import arg_type


def _default_jobs() -> int:
    from keras_rparity.pool.worker_setup import cpu_count

    return cpu_count()


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "vignettes", help="execute the vignettes and render them to HTML",
        description="Execute each vignette in a fresh Jupyter kernel (the R Markdown one in "
                    "R) and write NAME.ipynb and a self-contained NAME.html with its figures "
                    "into OUT. Several vignettes run at once; temporary files are removed.")
    p.add_argument("name", nargs="?", default=None, help="one vignette (default: all)")
    p.add_argument("--out", default="rparity-vignettes",
                   help="output folder (rparity-vignettes)")
    p.add_argument("--quick", action="store_true",
                   help="small data and few epochs: minutes for all vignettes instead of "
                        "hours (their numbers then only illustrate; see "
                        "benchmarks/vignettes_quick.py)")
    p.add_argument("--jobs", type=arg_type("--jobs"), default=None,
                   help="vignettes run at once, each in its own kernel (the number of cores)")
    add_backend_option(p)
    p.add_argument("--list", action="store_true", help="list the vignettes and exit")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    apply_backend(args)
    import contextlib

    from tqdm import tqdm

    from keras_rparity.report.vignettes import list_vignettes, run_vignettes

    names = list_vignettes()
    if args.list:
        print("\n".join(names))
        return 0
    chosen = [args.name] if args.name else names
    jobs = args.jobs or _default_jobs()
    with tqdm(total=len(chosen), desc="vignettes", unit="vignette",
              disable=len(chosen) == 1) as bar, \
            contextlib.closing(run_vignettes(chosen, args.out, args.quick, jobs)) as results:
        for result in results:
            tqdm.write(f"{result.name}: {result.html} ({result.figures} figures, "
                       f"{result.seconds:.0f} s)")
            bar.update(1)
    return 0
