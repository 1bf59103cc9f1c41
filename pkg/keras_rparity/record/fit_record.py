"""What one ``fit`` saw and produced, on either side: one format for R and Python.

A :class:`FitRecord` holds the data fingerprints and the arrays themselves as Keras
trains on them (float32 data are what ``fit`` got, by reference; float64 data a float32
copy, half their size), the model's shapes and parameter count, its weights
before and after training, the per-epoch metrics and the pairing checker's findings.

Why keep the arrays: a comparison must name the first differing element and both values at
any size. The fingerprints' per-block CRC-32s (4 bytes per MB) locate the first
differing block of rows; reading that block from the arrays each side's ``fit`` got
then costs one block (about 1 MB a side as float64). Keeping a reference costs no copy
and nothing while the program still holds its arrays; what it costs is their lifetime:
the Python port's data stay alive while the R side runs, until the report is dropped
(``benchmarks/large_array_difference.py``: 180 MB for Fashion-MNIST-sized float32 data,
and 70 ms, 6 MB of allocations to locate and explain a one-element difference). The
alternative, the R side checking its blocks against the Python fingerprint as it
records and keeping only the differing block, would tie the two sides' runs together;
a program that changes an array in place after ``fit`` is caught (its block checksum no
longer matches) and reported as such.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from keras_rparity.equality import same_arrays

#: Arrays up to this many bytes (x and y together) are compared element by element; larger
#: ones by fingerprint, and a difference is located through the per-block checksums.
ELEMENTWISE_MAX_BYTES = 64 * 2**20


@dataclass(frozen=True)
class ArrayFingerprint:
    """Shape, dtype, per-block checksums and a digest of the values of an array as Keras
    trains on them.

    ``blocks`` holds the CRC-32 of each block of ``block_rows`` rows (about
    :data:`DIGEST_BLOCK` bytes as float64), ``digest`` a SHA-256 over the shape and those
    CRC-32s. Two fingerprints locate the first block where their arrays differ
    (:meth:`first_differing_block`) at any size, with 4 bytes per MB of data.

    Dtypes may differ between equal fingerprints: R integers arrive as int32, NumPy's
    labels may be uint8, R doubles and a port's float32 arrays are both trained on as
    float32; the values as trained are what count (:func:`as_trained`).

    Example:
    >>> a = ArrayFingerprint.of(np.arange(3, dtype=np.uint8))
    >>> a.shape, a == ArrayFingerprint.of(np.arange(3.0)), a.same_values(np.arange(3.0))
    ((3,), False, True)
    >>> a.first_differing_block(ArrayFingerprint.of(np.array([0, 1, 5])))
    0
    """

    shape: tuple[int, ...]
    dtype: str
    digest: str
    blocks: tuple[int, ...] = ()
    block_rows: int = 1

    @classmethod
    def of(cls, array: np.ndarray) -> ArrayFingerprint:
        values = np.asarray(array)
        rows = block_rows(values)
        blocks = tuple(block_checksum(values, i, rows) for i in range(_block_count(values, rows)))
        return cls(tuple(int(d) for d in values.shape), str(values.dtype),
                   _digest(values.shape, blocks), blocks, rows)

    def same_values(self, other: ArrayFingerprint | np.ndarray) -> bool:
        """Same shape and values; dtypes may differ (R integers arrive as int32)."""
        if isinstance(other, np.ndarray):
            other = ArrayFingerprint.of(other)
        return self.shape == other.shape and self.digest == other.digest

    def first_differing_block(self, other: ArrayFingerprint) -> int | None:
        """Index of the first block whose checksums differ (same shapes; ``None``: none)."""
        return next((i for i, (a, b) in enumerate(zip(self.blocks, other.blocks, strict=True))
                     if a != b), None)

    def rows_of_block(self, index: int) -> slice:
        """The rows (first axis) block ``index`` covers."""
        return slice(index * self.block_rows, (index + 1) * self.block_rows)

    def to_dict(self) -> dict[str, object]:
        """The readable part (shape, dtype, digest), e.g. for JSON."""
        return {"shape": list(self.shape), "dtype": self.dtype, "digest": self.digest}


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
    return same_arrays(as_trained(a), as_trained(b))


#: Bytes (of float64 values) per CRC-32 block of an array's fingerprint, about.
DIGEST_BLOCK = 2**20


def block_rows(values: np.ndarray) -> int:
    """Rows per checksum block: about :data:`DIGEST_BLOCK` bytes of float64 values."""
    row_bytes = 8 * max(1, int(np.prod(values.shape[1:], dtype=np.int64)))
    return max(1, DIGEST_BLOCK // row_bytes)


def _block_count(values: np.ndarray, rows: int) -> int:
    return -(-(values.shape[0] if values.ndim else 1) // rows)


def block_checksum(array: np.ndarray, index: int, rows: int) -> int:
    """CRC-32 of block ``index`` (``rows`` rows) of the values as trained, as float64 in C
    order: equal values give equal checksums whatever the dtype (R integers arrive as
    int32, NumPy labels may be uint8; R doubles and float32 arrays that round to the same
    float32) or memory order (R arrays are column-major); no full-size copy is made.
    CRC-32 runs at memory speed where SHA-256 over the data would dominate the cost of
    recording a fit; a difference is missed with odds of about 1 in 4 billion, and small
    arrays are also compared element by element.

    Example:
    >>> a = np.arange(6.0).reshape(2, 3) / 10
    >>> block_checksum(a, 0, 2) == block_checksum(np.asfortranarray(a).astype(np.float32), 0, 2)
    True
    >>> rounded = a.astype(np.float32).astype(np.float64)  # not equal to a as float64
    >>> bool((rounded != a).any()), block_checksum(rounded, 0, 2) == block_checksum(a, 0, 2)
    (True, True)
    """
    values = np.asarray(array)
    if values.ndim == 0:
        values = values.reshape(1)
    block = as_trained(values[index * rows:(index + 1) * rows])
    return zlib.crc32(memoryview(np.ascontiguousarray(block, dtype=np.float64)).cast("B"))


def _digest(shape: tuple[int, ...], blocks: tuple[int, ...]) -> str:
    """SHA-256 over the shape and the blocks' CRC-32s (one string to compare and show).

    Example:
    >>> a = np.arange(6.0).reshape(2, 3) / 10
    >>> ArrayFingerprint.of(a).digest == ArrayFingerprint.of(a + 1e-3).digest
    False
    """
    digest = hashlib.sha256(repr(tuple(int(d) for d in shape)).encode())
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
    arrays: tuple[np.ndarray, np.ndarray] | None = None  # as trained (float32 by reference)
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
