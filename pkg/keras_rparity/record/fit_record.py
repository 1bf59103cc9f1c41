"""What one ``fit`` saw and produced, on either side: one format for R and Python.

A :class:`FitRecord` holds the data fingerprints (and the arrays themselves when
they are small enough to keep), the model's shapes and parameter count, its
weights before and after training, the per-epoch metrics and the pairing
checker's findings.
"""

from __future__ import annotations

import hashlib
import zlib
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
    """Shape, dtype and a digest of the values of an array as Keras trains on them.

    Dtypes may differ between equal fingerprints: R integers arrive as int32, NumPy's
    labels may be uint8, R doubles and a port's float32 arrays are both trained on as
    float32; the values as trained are what count (:func:`as_trained`).

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


def as_trained(values: Any) -> np.ndarray:
    """``values`` as Keras trains on them: floating data in Keras' float type (float32),
    whatever precision the program prepared it in; other dtypes unchanged.

    R programs hand R doubles to ``fit`` (R keras converts them to float32), Python
    ports often float64 or float32 arrays: what each side's model sees is the float32
    array, so that is what is recorded and compared.

    Example:
    >>> as_trained(np.array([0.2])).dtype, as_trained(np.array([1], dtype=np.int32)).dtype
    (dtype('float32'), dtype('int32'))
    >>> bool(as_trained(np.array([0.2])) == as_trained(np.array([0.2], dtype=np.float32)))
    True
    """
    import keras

    array = np.asarray(values)
    floatx = keras.config.floatx()
    if array.dtype.kind == "f" and array.dtype != floatx:
        array = array.astype(floatx)
    return array


def same_as_trained(a: Any, b: Any) -> bool:
    """Same shape and values once both are taken as Keras trains on them (NaNs equal).

    Example:
    >>> same_as_trained(np.array([1 / 3]), np.array([1 / 3], dtype=np.float32))
    True
    >>> same_as_trained(np.array([1, 2], dtype=np.int32), np.array([1, 3], dtype=np.uint8))
    False
    """
    a, b = as_trained(a), as_trained(b)
    return a.shape == b.shape and np.array_equal(a.astype(np.float64), b.astype(np.float64),
                                                 equal_nan=True)


#: Bytes (of float64 values) per CRC-32 block of an array's digest, about.
DIGEST_BLOCK = 2**20


def _digest(array: np.ndarray) -> str:
    """SHA-256 over the shape and the CRC-32 of each block of rows of the values as trained.

    The values are taken as Keras trains on them (:func:`as_trained`), then as float64
    in C order, one block of rows at a time, so equal values give equal digests whatever
    the dtype (R integers arrive as int32, NumPy labels may be uint8; R doubles and
    float32 arrays that round to the same float32) or memory order (R arrays are
    column-major), and no full-size copy is made. CRC-32 runs at memory speed where
    SHA-256 over the data would dominate the cost of recording a fit; a difference is
    missed with odds of about 1 in 4 billion, and small arrays (kept in the record) are
    also compared element by element.

    Example:
    >>> a = np.arange(6.0).reshape(2, 3) / 10
    >>> _digest(a) == _digest(np.asfortranarray(a).astype(np.float32))
    True
    >>> rounded = a.astype(np.float32).astype(np.float64)  # not equal to a as float64
    >>> bool((rounded != a).any()), _digest(a) == _digest(rounded), _digest(a) == _digest(a + 1e-3)
    (True, True, False)
    """
    values = np.asarray(array)
    if values.ndim == 0:
        values = values.reshape(1)
    row_bytes = 8 * max(1, int(np.prod(values.shape[1:], dtype=np.int64)))
    rows = max(1, DIGEST_BLOCK // row_bytes)
    blocks = [zlib.crc32(memoryview(np.ascontiguousarray(as_trained(values[i:i + rows]),
                                                         dtype=np.float64)).cast("B"))
              for i in range(0, values.shape[0], rows)]
    digest = hashlib.sha256(repr(tuple(np.asarray(array).shape)).encode())
    digest.update(np.asarray(blocks, dtype=np.uint32).tobytes())
    return digest.hexdigest()


@dataclass
class FitRecord:
    """One call of ``fit``: what went in, what came out."""

    label: str
    loss: str
    history: pd.DataFrame
    x: ArrayFingerprint
    y: ArrayFingerprint
    input_shape: tuple[Any, ...]  # a shape, or one per input; see RunContext.record_fit
    output_shape: tuple[Any, ...]
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
