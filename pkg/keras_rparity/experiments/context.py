"""What both sides of a parity run share: knobs in, fit records out.

A :class:`RunContext` is handed to a Python port, and the R bridge hands the
same kind of object to the R hooks (``r/hooks.R``). Either side asks it for
the knob values (epochs, seed, data size) and reports every ``fit`` back as a
:class:`FitRecord`, so that R and Python results have one format:
data -> model -> history -> parity.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from keras_rparity.determinism import seed_everything
from keras_rparity.errors import LossLabelMismatchError
from keras_rparity.lab.pairing import check_pairing
from keras_rparity.validation import DEFAULT_SEED, check_scalar

#: Pairing findings that mean the labels cannot be read by the loss: raised before
#: fitting, with the checker's explanation, instead of Keras' shape error from deep inside.
BLOCKING_FINDINGS = (
    "onehot-labels-sparse-loss", "integer-labels-categorical-loss", "label-width-mismatch",
    "class-index-out-of-range", "sparse-labels-not-integer",
)


@dataclass(frozen=True)
class Knobs:
    """Settings a run may override without editing the program.

    Attributes:
        epochs: if set, replaces the ``epochs`` every ``fit`` asks for.
        seed: seed set right before every model is built.
        per_class: if set, keep only the first ``per_class`` images of each class.
        verbose: Keras ``fit`` verbosity (0 silent, 1 progress bar, 2 one line per epoch).
        keep_arrays: keep the prepared ``x``/``y`` arrays in each record (tests use it).
    """

    epochs: int | None = None
    seed: int = DEFAULT_SEED
    per_class: int | None = None
    verbose: int = 0
    keep_arrays: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "epochs", check_scalar(self.epochs, "epochs", allow_none=True))
        object.__setattr__(self, "per_class",
                           check_scalar(self.per_class, "per_class", allow_none=True))
        object.__setattr__(self, "seed", check_scalar(self.seed, "seed", min_val=0))
        object.__setattr__(self, "verbose",
                           check_scalar(self.verbose, "verbose", min_val=0, max_val=2))


@dataclass(frozen=True)
class ArrayFingerprint:
    """Shape and a digest of the values (as float64, C order) of a prepared array."""

    shape: tuple[int, ...]
    dtype: str
    sha256: str

    @classmethod
    def of(cls, array: np.ndarray) -> ArrayFingerprint:
        """Digest of the float64 values in C order, hashed a slab of rows at a time (the
        same digest as hashing the whole array, without a full float64 copy of it)."""
        array = np.asarray(array)
        digest = hashlib.sha256()
        rows = array.reshape(1) if array.ndim == 0 else array
        step = max(1, (1 << 24) // max(1, rows[:1].size * 8))  # about 16 MB a slab
        for start in range(0, len(rows), step):
            digest.update(np.ascontiguousarray(rows[start:start + step], dtype=np.float64))
        return cls(tuple(int(d) for d in array.shape), str(array.dtype), digest.hexdigest())


@dataclass
class FitRecord:
    """One call of ``fit``: what went in, what came out."""

    label: str
    loss: str
    history: pd.DataFrame
    x: ArrayFingerprint
    y: ArrayFingerprint
    input_shape: tuple[int | None, ...]
    output_shape: tuple[int | None, ...]
    param_count: int
    output_activation: str | None
    weights: list[np.ndarray]
    seconds: float
    arrays: tuple[np.ndarray, np.ndarray] | None = None
    findings: list[Any] = field(default_factory=list)

    @property
    def finding_codes(self) -> list[str]:
        """Codes of the activation/loss/label pairing findings (``[]`` when clean)."""
        return [f.code for f in self.findings]

    @property
    def epochs(self) -> int:
        return len(self.history)


def history_frame(metrics: Mapping[str, Sequence[float]]) -> pd.DataFrame:
    """One row per epoch: ``epoch`` (1-based) then each metric, in Keras' order.

    Example:
    >>> history_frame({"loss": [0.5, 0.25]})
       epoch  loss
    0      1  0.50
    1      2  0.25
    """
    columns = {name: np.asarray(values, dtype=np.float64).reshape(-1)
               for name, values in metrics.items()}
    lengths = {len(v) for v in columns.values()}
    if len(lengths) > 1:
        found = {k: len(v) for k, v in columns.items()}
        raise ValueError(f"metrics have different lengths: {found}")
    n = lengths.pop() if lengths else 0
    return pd.DataFrame({"epoch": np.arange(1, n + 1), **columns})


def loss_name(model: Any) -> str:
    """The loss a compiled model uses, as a name (``'binary_crossentropy'``)."""
    loss = getattr(model, "loss", None)
    if isinstance(loss, str):
        return loss
    if loss is None:
        return "none"
    name = getattr(loss, "name", None) or getattr(loss, "__name__", None)
    return str(name or type(loss).__name__)


def output_activation(model: Any) -> str | None:
    """Name of the last layer's activation, when it has one."""
    for layer in reversed(model.layers):
        activation = getattr(layer, "activation", None)
        if activation is not None:
            return getattr(activation, "__name__", str(activation))
    return None


def _shape(shape: Any) -> tuple[int | None, ...]:
    return tuple(None if d is None else int(d) for d in shape)


@dataclass
class RunContext:
    """Knobs for one side of one experiment, and the records of its fits."""

    knobs: Knobs = field(default_factory=Knobs)
    side: str = "python"
    fits: list[FitRecord] = field(default_factory=list)
    data_sources: dict[str, str] = field(default_factory=dict)

    def load_dataset(self, name: str) -> Any:
        """Load a dataset through the data layer with the run's size knob applied,
        noting where it came from (real data or a test fixture)."""
        from keras_rparity.data.loaders import load_dataset

        data = load_dataset(name, per_class=self.knobs.per_class)
        self.data_sources[name] = data.source
        return data

    def before_build(self) -> int:
        """Seed everything; called right before each model is built."""
        return seed_everything(self.knobs.seed)

    def build(self, make_model: Callable[[], Any]) -> Any:
        """Seed, then build a model with ``make_model()``."""
        self.before_build()
        return make_model()

    def epochs(self, requested: int | float) -> int:
        """The epochs to train: the knob if set, else what the program asked for."""
        return int(self.knobs.epochs if self.knobs.epochs is not None else requested)

    def preflight(self, model: Any, y: Any) -> None:
        """Refuse labels the compiled loss cannot read, explaining why and how to fix it.

        Raises:
            LossLabelMismatchError: e.g. one-hot labels with a sparse crossentropy.
        """
        if not getattr(model, "compiled", False):
            return  # Keras itself says the model must be compiled first
        blocking = [f for f in check_pairing(model, y=np.asarray(y)) if f.code in BLOCKING_FINDINGS]
        if blocking:
            raise LossLabelMismatchError(" ".join(
                f"{f.title}: {f.explanation} Fix: {f.fix}" for f in blocking))

    def record_fit(self, model: Any, x: Any, y: Any, metrics: Mapping[str, Sequence[float]],
                   seconds: float, label: str | None = None) -> FitRecord:
        """Store what one ``fit`` saw and produced; returns the record."""
        x_arr, y_arr = np.asarray(x), np.asarray(y)
        loss = loss_name(model)
        record = FitRecord(
            label=self._unique_label(label or _named(model) or loss),
            loss=loss,
            history=history_frame(metrics),
            x=ArrayFingerprint.of(x_arr),
            y=ArrayFingerprint.of(y_arr),
            input_shape=_shape(model.inputs[0].shape),
            output_shape=_shape(model.outputs[0].shape),
            param_count=int(model.count_params()),
            output_activation=output_activation(model),
            weights=[np.asarray(w) for w in model.get_weights()],
            seconds=float(seconds),
            arrays=(x_arr, y_arr) if self.knobs.keep_arrays else None,
            findings=check_pairing(model, y=y_arr),
        )
        self.fits.append(record)
        return record

    def fit(self, model: Any, x: Any, y: Any, epochs: int = 1, label: str | None = None,
            **kwargs: Any) -> FitRecord:
        """Python side: ``model.fit`` with the knobs applied, recorded."""
        kwargs.setdefault("verbose", self.knobs.verbose)
        self.preflight(model, y)
        start = time.perf_counter()
        history = model.fit(x=np.asarray(x, dtype="float32"),
                            y=np.asarray(y, dtype=_label_dtype(y)),
                            epochs=self.epochs(epochs), **kwargs)
        return self.record_fit(model, x, y, history.history, time.perf_counter() - start, label)

    def _unique_label(self, label: str) -> str:
        taken = {f.label for f in self.fits}
        if label not in taken:
            return label
        n = 2
        while f"{label}_{n}" in taken:
            n += 1
        return f"{label}_{n}"


def _named(model: Any) -> str | None:
    """A model's name when the program gave it one (not Keras' ``sequential_3``)."""
    name = str(getattr(model, "name", ""))
    return None if re.fullmatch(r"sequential(_\d+)?", name) else name


def _label_dtype(y: Any) -> str:
    """R keras semantics: doubles go to float32, integers stay integers."""
    kind = np.asarray(y).dtype.kind
    return "int32" if kind in "iu" else "float32"
