"""What one ``fit`` saw and produced, on either side: one format for R and Python.

A :class:`FitRecord` holds the data fingerprints (and the arrays themselves when
they are small enough to keep), the model's shapes and parameter count, its
weights before and after training, the per-epoch metrics and the pairing
checker's findings.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

#: Arrays up to this many bytes (x and y together) are kept in the record, so that a
#: comparison can point at the first differing element; larger ones only by fingerprint.
KEEP_ARRAYS_MAX_BYTES = 64 * 2**20


@dataclass(frozen=True)
class ArrayFingerprint:
    """Shape, dtype and a digest of the values (as float64, C order) of an array.

    Example:
    >>> a = ArrayFingerprint.of(np.arange(3, dtype=np.uint8))
    >>> a.shape, a == ArrayFingerprint.of(np.arange(3.0)), a.same_values(np.arange(3.0))
    ((3,), False, True)
    """

    shape: tuple[int, ...]
    dtype: str
    sha256: str

    @classmethod
    def of(cls, array: np.ndarray) -> ArrayFingerprint:
        return cls(tuple(int(d) for d in array.shape), str(array.dtype), _digest(array))

    def same_values(self, other: ArrayFingerprint | np.ndarray) -> bool:
        """Same shape and values; dtypes may differ (R integers arrive as int32)."""
        if isinstance(other, np.ndarray):
            other = ArrayFingerprint.of(other)
        return self.shape == other.shape and self.sha256 == other.sha256


def _digest(array: np.ndarray) -> str:
    values = np.asarray(array)
    if values.dtype != np.float64 or not values.flags.c_contiguous:
        values = np.ascontiguousarray(values, dtype=np.float64)
    return hashlib.sha256(memoryview(values).cast("B")).hexdigest()


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
    initial_weights: list[np.ndarray] | None = None
    optimizer: dict[str, Any] = field(default_factory=dict)

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


def optimizer_settings(model: Any) -> dict[str, Any]:
    """The compiled optimizer's class and plain settings (learning rate, momentum, ...)."""
    optimizer = getattr(model, "optimizer", None)
    if optimizer is None:
        return {}
    settings: dict[str, Any] = {"class": type(optimizer).__name__}
    try:
        config = optimizer.get_config()
    except Exception:  # a custom optimizer without a config: the class is all we know
        return settings
    for key, value in config.items():
        if key != "name" and (value is None or isinstance(value, (int, float, str, bool))):
            settings[key] = value
    return settings


def shape_tuple(shape: Any) -> tuple[int | None, ...]:
    """A Keras shape as a tuple of ints (``None`` for the batch dimension)."""
    return tuple(None if d is None else int(d) for d in shape)
