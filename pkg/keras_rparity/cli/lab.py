"""``keras-rparity losses`` and ``keras-rparity activations``: the lab's tables."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from keras_rparity.validation import arg_type


def register(subparsers: argparse._SubParsersAction) -> None:
    losses = subparsers.add_parser(
        "losses", help="worked loss examples: numpy formula vs Keras",
        description="Compute binary crossentropy, MSE, MAE, categorical and sparse "
                    "categorical crossentropy on seed 002's inputs and on seeded random "
                    "inputs, by every registered side, with differences to numpy.")
    losses.add_argument("--seed", type=int, default=0, help="seed of the random inputs (0)")
    losses.add_argument("--n", type=arg_type("--n"), default=64,
                        help="examples per random input (64)")
    losses.add_argument("--from-logits", action="store_true", dest="from_logits",
                        help="also print crossentropy on probabilities vs from logits")
    losses.add_argument("--json", action="store_true", help="print JSON instead of tables")
    losses.add_argument("--no-r", action="store_true", dest="no_r",
                        help="skip the third side, Keras called from R through the bridge")
    losses.set_defaults(func=losses_main)

    activations = subparsers.add_parser(
        "activations", help="activation gallery: ranges, saturation and dead regions",
        description="Summarise Keras' activations on [-10, 10]: range reached, saturation "
                    "(|f'| below the threshold) and dead regions (f' = 0), derivatives by "
                    "automatic differentiation.")
    activations.add_argument("--plot", metavar="DIR", type=Path, default=None,
                             help="write one PNG per activation and overview.png into DIR")
    activations.add_argument("--tutorial-figures", action="store_true", dest="tutorial",
                             help="with --plot: also the tutorial's figures and from_logits.png")
    activations.add_argument("--threshold", default=1e-3,
                             type=arg_type("--threshold", float, min_val=0, include_min=False),
                             help="|f'| below this counts as saturated (1e-3)")
    activations.add_argument("--json", action="store_true", help="print JSON instead of a table")
    activations.set_defaults(func=activations_main)


def losses_main(args: argparse.Namespace) -> int:
    import sys

    from keras_rparity.errors import RUnavailableError
    from keras_rparity.lab.from_logits import sigmoid_table, softmax_table
    from keras_rparity.lab.loss_table import worked_examples

    sides = None
    if not args.no_r:
        from keras_rparity.lab.r_side import sides_with_r

        try:
            sides = sides_with_r()
        except RUnavailableError as exc:
            print(f"note: no R side ({exc})", file=sys.stderr)
    table = worked_examples(sides=sides, seed=args.seed, n=args.n)
    extra = {"softmax": softmax_table(), "sigmoid": sigmoid_table()} if args.from_logits else {}
    if args.json:
        document = {"worked_examples": table.to_dict("records")}
        document.update({f"from_logits_{k}": t.to_dict("records") for k, t in extra.items()})
        print(json.dumps(document, indent=2))
        return 0
    print(table.to_string(index=False, formatters={"value": "{:.7f}".format,
                                                   "abs_diff": "{:.1e}".format}))
    for name, part in extra.items():
        print(f"\n{name} + crossentropy, confidently wrong logits: on probabilities vs "
              "from_logits=True")
        print(part.to_string(index=False, float_format=lambda v: f"{v:.6g}"))
    return 0


def activations_main(args: argparse.Namespace) -> int:
    from keras_rparity.lab.activations import activation_summary

    table = activation_summary(threshold=args.threshold)
    paths: list[Path] = []
    if args.plot is not None:
        from keras_rparity.lab import plots

        paths = plots.plot_activation_gallery(args.plot, threshold=args.threshold)
        if args.tutorial:
            paths += plots.plot_tutorial_figures(args.plot)
            paths.append(plots.plot_from_logits(args.plot / "from_logits.png"))
    if args.json:
        print(json.dumps({"activations": table.to_dict("records"),
                          "plots": [str(p) for p in paths]}, indent=2))
        return 0
    print(table.to_string(index=False, float_format=lambda v: f"{v:.4g}"))
    if paths:
        print(f"\nwrote {len(paths)} PNGs to {args.plot}")
    return 0
