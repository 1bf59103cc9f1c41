"""Loss names: the five losses the package knows, every spelling of them, what each expects.

Keras and the tutorials write the same loss many ways (``"mse"``,
``"MeanSquaredError"``, ``"mean_squared_error"``); :func:`find_loss` maps any
of them to one :class:`LossSpec`. The pairing checker, the loss lab and the
command line all resolve names here.

Example:
>>> resolve_loss("MeanSquaredError").name
'mean_squared_error'
"""

from __future__ import annotations

from dataclasses import dataclass

from keras_rparity.errors import InvalidChoiceError

#: Label forms: same shape as the predictions, one-hot rows, integer class indices.
LABEL_FORMS = ("same", "onehot", "integer")


@dataclass(frozen=True)
class LossSpec:
    """One loss: its canonical Keras name and what it expects.

    Attributes:
        name: the Keras function name, e.g. ``"mean_squared_error"``.
        keras_class: the class in ``keras.losses``, e.g. ``"MeanSquaredError"``.
        labels: ``"same"`` (labels shaped like the predictions), ``"onehot"``
            (one row of class probabilities per example) or ``"integer"`` (one
            class index per example).
        distribution: the output distribution whose negative log-likelihood
            this loss is (maximum likelihood reading).
        crossentropy: whether predictions are probabilities (and
            ``from_logits=True`` is accepted).
        aliases: other accepted names (class names are always accepted too).
    """

    name: str
    keras_class: str
    labels: str
    distribution: str
    crossentropy: bool
    aliases: tuple[str, ...] = ()


LOSSES: dict[str, LossSpec] = {
    spec.name: spec
    for spec in (
        LossSpec("mean_squared_error", "MeanSquaredError", "same",
                 "Gaussian with predicted mean (fixed variance)", False, ("mse",)),
        LossSpec("mean_absolute_error", "MeanAbsoluteError", "same",
                 "Laplace with predicted median (fixed scale)", False, ("mae",)),
        LossSpec("binary_crossentropy", "BinaryCrossentropy", "same",
                 "Bernoulli per output unit", True, ("bce",)),
        LossSpec("categorical_crossentropy", "CategoricalCrossentropy", "onehot",
                 "categorical (Multinoulli) over the classes", True, ("cce",)),
        LossSpec("sparse_categorical_crossentropy", "SparseCategoricalCrossentropy", "integer",
                 "categorical (Multinoulli) over the classes", True, ("scce",)),
    )
}


def _key(name: str) -> str:
    return name.replace("_", "").replace("-", "").replace(" ", "").lower()


_LOOKUP: dict[str, str] = {
    _key(alias): spec.name
    for spec in LOSSES.values()
    for alias in (spec.name, spec.keras_class, *spec.aliases)
}


def loss_choices() -> tuple[str, ...]:
    """Canonical names and short aliases, as listed in error messages.

    Example:
    >>> loss_choices()[:3]
    ('mean_squared_error', 'mse', 'mean_absolute_error')
    """
    return tuple(name for spec in LOSSES.values() for name in (spec.name, *spec.aliases))


def find_loss(name: str) -> LossSpec | None:
    """The spec for ``name`` (any spelling), or ``None`` when it is not one of ours.

    Example:
    >>> find_loss("Binary-Crossentropy").name
    'binary_crossentropy'
    >>> find_loss("hinge") is None
    True
    """
    canonical = _LOOKUP.get(_key(name)) if isinstance(name, str) else None
    return LOSSES[canonical] if canonical else None


def resolve_loss(name: str) -> LossSpec:
    """The spec for ``name``; :class:`InvalidChoiceError` lists the valid names.

    Example:
    >>> resolve_loss("scce").labels
    'integer'
    >>> resolve_loss("hinge")
    Traceback (most recent call last):
    ...
    keras_rparity.errors.InvalidChoiceError: invalid loss 'hinge'; valid choices: ...
    """
    spec = find_loss(name)
    if spec is None:
        raise InvalidChoiceError("loss", name, loss_choices())
    return spec
