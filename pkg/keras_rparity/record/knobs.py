"""Knobs: settings a run may override without editing the program, and the one table of
what every knob accepts.

The same :class:`Knobs` drive both sides of a comparison, so an R program and its
Python port see the same epochs, seed and data size.

**The seed rule** (one everywhere: :class:`Knobs`, ``compare()``, ``parity()``,
``history()``, the command line, the pytest plugin): both sides are seeded identically
with :data:`~keras_rparity.validation.DEFAULT_SEED` (42) unless told otherwise, so an
unseeded pair gives a verdict on the first try. For programs that seed themselves, say
so: ``seed=None`` in Python, ``seed = NULL`` (or ``NA``) from R, ``--seed none`` on the
command line, ``--rparity-seed none`` / ``rparity_seed = "none"`` in pytest.

:data:`KNOB_CONSTRAINTS` is the one table of limits (in the manner of scikit-learn's
``_parameter_constraints``), checked with :func:`~keras_rparity.validation.check_scalar`
by :func:`check_knob` (values) and :func:`parse_knob` (text: flags, ini files).

Example:
>>> check_knob("epochs", 3.0), parse_knob("seed", "none"), parse_knob("tolerance", "1e-3")
(3, None, 0.001)
>>> parse_knob("verbose", "3", "--verbose")
Traceback (most recent call last):
...
keras_rparity.errors.InvalidArgumentError: `--verbose` must be a whole number from 0 to 2; got 3
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from keras_rparity.validation import DEFAULT_SEED, check_scalar, is_r_na

#: The text that means "not set" where a knob allows it (``--seed none``).
NONE_TEXT = "none"


@dataclass(frozen=True)
class Constraint:
    """What one knob accepts.

    Attributes:
        kind: ``int`` (whole numbers; whole floats such as R doubles are accepted) or
            ``float``.
        min_val, max_val: the allowed range, both ends included (``None``: unbounded).
        none: ``None`` (``"none"`` as text) is accepted and means "not set".
        na_is_none: from R, ``NA`` is accepted as ``None`` (``seed = NA``).
        help: what the knob does, for flags and ini keys.
    """

    kind: type
    min_val: float | None
    max_val: float | None = None
    none: bool = True
    na_is_none: bool = False
    help: str = ""


#: Every knob's limits, for :class:`Knobs`, the acceptance of a comparison (tolerance,
#: ulps), the command line, the pytest plugin and the Python/R API.
KNOB_CONSTRAINTS: dict[str, Constraint] = {
    "seed": Constraint(int, 0, na_is_none=True, help=(
        f"seed set identically on both sides right before each model is built (default "
        f"{DEFAULT_SEED}; '{NONE_TEXT}': the programs seed themselves)")),
    "epochs": Constraint(int, 1, help="epochs of every fit (default: the programs' own)"),
    "per_class": Constraint(int, 1, help="image datasets: keep the first N images of each "
                                         "class"),
    "verbose": Constraint(int, 0, 2, none=False, help="Keras fit verbosity: 0 silent, "
                                                     "1 progress bar, 2 one line per epoch"),
    "tolerance": Constraint(float, 0, help="accept metrics and weights within this absolute "
                                           "difference (default: exact)"),
    "ulps": Constraint(int, 0, help="accept metrics and weights within this many float32 "
                                    "ULPs (default: exact)"),
}


def check_knob(knob: str, value: Any, name: str | None = None) -> Any:
    """``value`` checked against ``knob``'s constraint; ``name`` is how the user wrote
    the knob (``"--epochs"``, ``"rparity_seed"``; default: the knob)."""
    constraint = KNOB_CONSTRAINTS[knob]
    if constraint.na_is_none and is_r_na(value):
        return None
    return check_scalar(value, name or knob, constraint.kind, min_val=constraint.min_val,
                        max_val=constraint.max_val, allow_none=constraint.none)


def parse_knob(knob: str, text: str, name: str | None = None) -> Any:
    """A knob's value from text (a flag, an ini file): a number, or ``"none"`` where the
    knob allows it; checked with :func:`check_knob`."""
    if KNOB_CONSTRAINTS[knob].none and text.strip().lower() == NONE_TEXT:
        return None
    try:
        value: Any = float(text)
        value = int(value) if value.is_integer() and "." not in text else value  # shown as given
    except (ValueError, OverflowError):
        value = text  # check_knob names the knob and what it expected
    return check_knob(knob, value, name)


def knob_arg_type(knob: str, flag: str) -> Callable[[str], Any]:
    """An argparse ``type=`` for ``knob``'s flag (``--epochs 2.0`` is 2, ``--seed none``).

    Example:
    >>> knob_arg_type("seed", "--seed")("none") is None
    True
    """

    def parse(text: str) -> Any:
        try:
            return parse_knob(knob, text, flag)
        except (TypeError, ValueError) as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    parse.__name__ = knob
    return parse


@dataclass(frozen=True)
class Knobs:
    """Settings a run may override without editing the program.

    Attributes:
        epochs: if set, replaces the ``epochs`` every ``fit`` asks for.
        seed: set (``keras.utils.set_random_seed``) right before each model is built: at
            the first Keras layer, input or model created at the start of the run and
            after each ``fit``. Default 42; ``None``: the programs seed themselves.
        per_class: if set, keep only the first ``per_class`` images of each class.
        verbose: Keras ``fit`` verbosity (0 silent, 1 progress bar, 2 one line per
            epoch) for fits whose program does not say.
        standin: without CIFAR-10, use its CIFAR-format synthetic stand-in (parity of
            the programs only; accuracies mean nothing).

    Example:
    >>> Knobs(epochs=3.0).epochs, Knobs().seed, Knobs(seed=None).seed is None
    (3, 42, True)
    """

    epochs: int | None = None
    seed: int | None = DEFAULT_SEED
    per_class: int | None = None
    verbose: int = 0
    standin: bool = False

    def __post_init__(self) -> None:
        for knob in ("epochs", "seed", "per_class", "verbose"):
            object.__setattr__(self, knob, check_knob(knob, getattr(self, knob)))
