"""``keras-rparity check``: is the output activation the loss's likelihood?

Either describe an output (``--activation sigmoid --loss mse``; a tiny model
with that output layer is built) or point at a saved model (``--model
m.keras``). Exit status 1 when an error-severity finding is reported.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from keras_rparity.cli.preflight import existing_file
from keras_rparity.errors import InvalidChoiceError, KerasRParityError

#: Synthetic label forms ``--labels`` can generate.
LABEL_FORMS = ("binary", "integer", "onehot", "multilabel", "regression")
#: Examples in the synthetic labels.
N_LABELS = 8


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "check", help="check an output activation / loss / label pairing",
        description="Report whether the output activation, the loss and the labels form a "
                    "maximum likelihood pair (e.g. sigmoid + binary crossentropy). Exit "
                    "status 1 if any finding is an error.")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--activation", help="output activation of a tiny model, e.g. sigmoid")
    source.add_argument("--model", type=Path, metavar="PATH.keras",
                        help="a saved Keras model to check (its compiled loss by default)")
    source.add_argument("--r-program", type=existing_file("R program"), metavar="PATH.R",
                        dest="r_program",
                        help="an R keras program: run briefly through the bridge (1 epoch, "
                             "5 images per class) and check every model it fits")
    p.add_argument("--loss", default=None,
                   help="loss name, e.g. mse or binary_crossentropy (required with --activation)")
    p.add_argument("--from-logits", action="store_true", dest="from_logits",
                   help="the loss takes logits (from_logits=True)")
    p.add_argument("--units", type=int, default=None,
                   help="output units of the tiny model (default: 10 for softmax, else 1)")
    p.add_argument("--labels", choices=LABEL_FORMS, default=None,
                   help="also check synthetic labels of this form against the model")
    p.add_argument("--json", action="store_true", help="print findings as JSON")
    p.set_defaults(func=main)


def build_loss(name: str, from_logits: bool = False) -> object:
    """A loss for ``compile``: our names resolved, other Keras names passed through."""
    import keras

    from keras_rparity.lab.losses import find_loss, loss_choices

    spec = find_loss(name)
    if spec is None:
        try:
            keras.losses.get(name)
        except (ValueError, TypeError):
            raise InvalidChoiceError("loss", name, loss_choices()) from None
        if from_logits:
            raise KerasRParityError(f"--from-logits is only supported for crossentropy "
                                    f"losses, not {name!r}")
        return name
    if from_logits and not spec.crossentropy:
        raise KerasRParityError(f"--from-logits applies to crossentropy losses only; "
                                f"{spec.name} compares the outputs directly")
    if from_logits:
        return getattr(keras.losses, spec.keras_class)(from_logits=True)
    return spec.name


def build_output_model(activation: str, units: int, loss: object) -> object:
    """A compiled ``Input(4) -> Dense(units, activation)`` model."""
    import keras

    try:
        keras.activations.get(activation)
    except (ValueError, TypeError):
        names = [name for name in dir(keras.activations)
                 if not name.startswith("_") and name not in ("get", "serialize", "deserialize")]
        raise InvalidChoiceError("activation", activation, names) from None
    model = keras.Sequential([keras.Input(shape=(4,)),
                              keras.layers.Dense(units, activation=activation)])
    model.compile(optimizer="adam", loss=loss)
    return model


def synthetic_labels(form: str, units: int, seed: int = 0) -> np.ndarray:
    """``N_LABELS`` labels of ``form`` for a model with ``units`` outputs.

    Class-based forms use ``units`` classes (3 when ``units`` is 1).

    Example:
    >>> synthetic_labels("multilabel", 3)[0].tolist()
    [1.0, 1.0, 0.0]
    """
    if form not in LABEL_FORMS:
        raise InvalidChoiceError("label form", form, LABEL_FORMS)
    rng = np.random.default_rng(seed)
    classes = units if units > 1 else 3
    if form == "binary":
        shape = (N_LABELS,) if units == 1 else (N_LABELS, units)
        return rng.integers(0, 2, shape).astype(np.float64)
    if form == "regression":
        shape = (N_LABELS,) if units == 1 else (N_LABELS, units)
        return rng.normal(5.0, 2.0, shape)
    indices = np.arange(N_LABELS) % classes
    if form == "integer":
        return indices
    labels = np.eye(classes)[indices]
    if form == "multilabel":
        labels[:, 1 % classes] = 1.0
        labels[0, 0] = 1.0
    return labels


def _load_model(path: Path) -> object:
    import keras

    if not path.is_file():
        raise KerasRParityError(f"no such model file: {path}")
    try:
        return keras.saving.load_model(path)
    except Exception as exc:  # Keras raises many types for unreadable files
        raise KerasRParityError(f"could not load a Keras model from {path}: {exc}") from exc


def check_r_program_main(args: argparse.Namespace) -> int:
    from keras_rparity.lab.r_side import check_r_program
    from keras_rparity.pairing import format_findings

    fits = check_r_program(args.r_program)
    if not fits:
        raise KerasRParityError(f"{args.r_program.name}: no fit() was called, nothing to "
                                "check (the checker looks at each model when it is fitted)")
    if args.json:
        print(json.dumps({f.label: [x.to_dict() for x in f.findings] for f in fits}, indent=2))
    else:
        for fit in fits:
            print(f"== {args.r_program.name}: fit {fit.label!r} ({fit.output_activation} "
                  f"output, {fit.loss})")
            print(format_findings(fit.findings, side="r"))
    return 1 if any(x.severity == "error" for f in fits for x in f.findings) else 0


def main(args: argparse.Namespace) -> int:
    from keras_rparity.pairing import check_pairing, describe_output, format_findings

    if args.r_program is not None:
        return check_r_program_main(args)
    if args.units is not None and args.units < 1:
        raise KerasRParityError(f"--units must be at least 1; got {args.units}")
    if args.from_logits and not args.loss:
        raise KerasRParityError("--from-logits needs --loss (the loss that takes logits)")
    loss = build_loss(args.loss, args.from_logits) if args.loss else None
    if args.model is not None:
        model = _load_model(args.model)
    else:
        if loss is None:
            raise KerasRParityError("--activation needs --loss (e.g. --loss binary_crossentropy)")
        units = args.units or (10 if args.activation == "softmax" else 1)
        model = build_output_model(args.activation, units, loss)
    labels = None
    if args.labels:
        labels = synthetic_labels(args.labels, describe_output(model).units or 1)
    findings = check_pairing(model, loss=loss, y=labels)
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], indent=2))
    else:
        print(format_findings(findings))
    return 1 if any(f.severity == "error" for f in findings) else 0
