"""The sweep grid: one :class:`RunConfig` per (model, activation, optimizer, repeat).

Repeat ``r`` is seeded with ``seed + r``. A run's id is a stable hash of its
whole configuration, prefixed with a readable label, so the same run always
lands in the same file and a changed setting (epochs, per_class, ...) gives a new id.

Example:
>>> grid = make_grid(["relu", "tanh"], ["adam"], models=["conv"], repeats=2, epochs=1,
...                  per_class=20)
>>> [(c.activation, c.optimizer, c.seed) for c in grid]
[('relu', 'adam', 42), ('relu', 'adam', 43), ('tanh', 'adam', 42), ('tanh', 'adam', 43)]
>>> grid[0].run_id  # doctest: +ELLIPSIS
'conv-relu-adam-r0-...'
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields

from keras_rparity.data.images import GRAYSCALE
from keras_rparity.data.loaders import dataset_names
from keras_rparity.errors import InvalidChoiceError
from keras_rparity.sweep.models import check_activation, check_model
from keras_rparity.sweep.optimizers import check_optimizer
from keras_rparity.validation import DEFAULT_SEED, check_scalar

#: Batch size of every ``fit`` (as in the tutorials the sweep follows).
DEFAULT_BATCH_SIZE = 32


@dataclass(frozen=True)
class RunConfig:
    """Everything that determines one training run.

    Attributes:
        dataset: ``"fashion_mnist"`` or ``"mnist"``.
        model: ``"conv"`` or ``"dense"`` (see :mod:`keras_rparity.sweep.models`).
        activation: Keras activation of the hidden layers.
        optimizer: a name from :data:`keras_rparity.sweep.optimizers.OPTIMIZERS`.
        seed: seed set right before the model is built.
        repeat: index of the repeat (``seed`` is the sweep's base seed plus it).
        epochs: epochs of ``fit``.
        per_class: first ``per_class`` images per class of train and test; ``None`` = all.
        batch_size: ``fit`` batch size.
    """

    dataset: str
    model: str
    activation: str
    optimizer: str
    seed: int
    repeat: int = 0
    epochs: int = 5
    per_class: int | None = None
    batch_size: int = DEFAULT_BATCH_SIZE
    run_id: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        if self.dataset not in dataset_names(GRAYSCALE):
            raise InvalidChoiceError("dataset", self.dataset, dataset_names(GRAYSCALE))
        check_model(self.model)
        check_optimizer(self.optimizer)
        check_activation(self.activation)  # last: the only check that imports Keras
        for name, value in (("seed", check_scalar(self.seed, "seed", min_val=0)),
                            ("repeat", check_scalar(self.repeat, "repeat", min_val=0)),
                            ("epochs", check_scalar(self.epochs, "epochs")),
                            ("per_class",
                             check_scalar(self.per_class, "per_class", allow_none=True)),
                            ("batch_size", check_scalar(self.batch_size, "batch_size"))):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "run_id", make_run_id(self.settings()))

    def settings(self) -> dict[str, object]:
        """The configuration as a plain dict (without the derived ``run_id``)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.init}

    @property
    def pair(self) -> str:
        """``"activation+optimizer"``, the label of the pair the sweep compares."""
        return f"{self.activation}+{self.optimizer}"

    @classmethod
    def from_settings(cls, settings: dict[str, object]) -> RunConfig:
        """Inverse of :meth:`settings` (ignores a stored ``run_id``)."""
        values = {k: v for k, v in settings.items() if k != "run_id"}
        return cls(**values)  # type: ignore[arg-type]


def make_run_id(settings: dict[str, object]) -> str:
    """``<model>-<activation>-<optimizer>-r<repeat>-<12 hex digits of SHA-256>``.

    The digest covers every setting (canonical JSON, sorted keys).

    Example:
    >>> make_run_id({"model": "conv", "activation": "relu", "optimizer": "adam",
    ...              "repeat": 0})  # doctest: +ELLIPSIS
    'conv-relu-adam-r0-...'
    """
    canonical = json.dumps(settings, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
    return (f"{settings.get('model')}-{settings.get('activation')}-{settings.get('optimizer')}"
            f"-r{settings.get('repeat')}-{digest}")


def _names(what: str, values: Iterable[str]) -> list[str]:
    names = [str(v).strip() for v in values if str(v).strip()]
    if not names:
        raise ValueError(f"give at least one {what}")
    return list(dict.fromkeys(names))  # drop duplicates, keep order


def make_grid(activations: Sequence[str] = ("relu",), optimizers: Sequence[str] = ("adam",),
              models: Sequence[str] = ("conv",), repeats: int = 1, seed: int = DEFAULT_SEED,
              epochs: int = 5, per_class: int | None = None, dataset: str = "fashion_mnist",
              batch_size: int = DEFAULT_BATCH_SIZE,
              pairs: Sequence[tuple[str, str]] | None = None) -> list[RunConfig]:
    """All runs of a sweep: every activation x optimizer (or the given ``pairs``) x model x repeat.

    Args:
        pairs: explicit ``(activation, optimizer)`` pairs instead of the full product
            of ``activations`` and ``optimizers`` (which are then ignored).

    Raises:
        InvalidChoiceError: an unknown activation, optimizer, model or dataset name.
    """
    repeats = check_scalar(repeats, "repeats")
    if pairs is None:
        pairs = list(itertools.product(_names("activation", activations),
                                       _names("optimizer", optimizers)))
    elif not pairs:
        raise ValueError("give at least one (activation, optimizer) pair")
    return [
        RunConfig(dataset=dataset, model=model, activation=act, optimizer=opt,
                  seed=int(seed) + r, repeat=r, epochs=epochs, per_class=per_class,
                  batch_size=batch_size)
        for model in _names("model", models)
        for act, opt in dict.fromkeys(tuple(p) for p in pairs)
        for r in range(repeats)
    ]


@dataclass(frozen=True)
class Preset:
    """A named sweep: pairs, models and a default size (overridable from the CLI)."""

    pairs: tuple[tuple[str, str], ...]
    models: tuple[str, ...]
    epochs: int
    per_class: int | None
    repeats: int
    description: str


#: Named sweeps. ``seed000``: the four pairs of the activation/optimizer comparison
#: (relu+adam, sigmoid+sgd, tanh+momentum, leaky_relu+adam) on the conv net, 10 epochs
#: as in that comparison, on the first 1,000 images per class (10,000 train, 10,000 test).
PRESETS: dict[str, Preset] = {
    "seed000": Preset(
        pairs=(("relu", "adam"), ("sigmoid", "sgd"), ("tanh", "momentum"),
               ("leaky_relu", "adam")),
        models=("conv",), epochs=10, per_class=1000, repeats=1,
        description="relu+adam, sigmoid+sgd, tanh+momentum, leaky_relu+adam; conv net; "
                    "10 epochs; 1,000 images per class",
    ),
}


def get_preset(name: str) -> Preset:
    """The preset called ``name``, or InvalidChoiceError listing the presets."""
    if name not in PRESETS:
        raise InvalidChoiceError("preset", name, tuple(PRESETS))
    return PRESETS[name]
