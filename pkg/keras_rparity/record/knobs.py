"""Knobs: settings a run may override without editing the program.

The same :class:`Knobs` drive both sides of a comparison, so an R program and
its Python port see the same epochs, seed and data size.
"""

from __future__ import annotations

from dataclasses import dataclass

from keras_rparity.validation import DEFAULT_SEED, check_scalar


@dataclass(frozen=True)
class Knobs:
    """Settings a run may override without editing the program.

    Attributes:
        epochs: if set, replaces the ``epochs`` every ``fit`` asks for.
        seed: if set, the seed is set (``keras.utils.set_random_seed``) right before
            each model is built: at the first Keras layer, input or model created at
            the start of the run and after each ``fit``. ``None``: the programs seed
            themselves.
        per_class: if set, keep only the first ``per_class`` images of each class.
        verbose: Keras ``fit`` verbosity (0 silent, 1 progress bar, 2 one line per
            epoch) for fits whose program does not say.
        standin: without CIFAR-10, use its CIFAR-format synthetic stand-in (parity of
            the programs only; accuracies mean nothing).

    Example:
    >>> Knobs(epochs=3.0).epochs
    3
    >>> Knobs(seed=None).seed is None
    True
    """

    epochs: int | None = None
    seed: int | None = DEFAULT_SEED
    per_class: int | None = None
    verbose: int = 0
    standin: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "epochs", check_scalar(self.epochs, "epochs", allow_none=True))
        object.__setattr__(self, "per_class",
                           check_scalar(self.per_class, "per_class", allow_none=True))
        object.__setattr__(self, "seed",
                           check_scalar(self.seed, "seed", min_val=0, allow_none=True))
        object.__setattr__(self, "verbose",
                           check_scalar(self.verbose, "verbose", min_val=0, max_val=2))
