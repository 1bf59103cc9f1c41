"""CIFAR-10's python batch format: reading ``cifar-10-batches-py/`` safely.

(Keras has the same split: ``keras.datasets.cifar.load_batch`` reads one batch,
``keras.datasets.cifar10`` finds and loads the files.)

A ``cifar-10-batches-py/`` folder holds ``data_batch_1`` .. ``data_batch_5``,
``test_batch`` and ``batches.meta``: pickled dictionaries with ``bytes`` keys. A
batch's ``data`` is ``uint8 (n, 3072)``, one image a row (1024 red, 1024 green, then
1024 blue values), and ``labels`` a list of ``n`` class codes 0..9. Unpickling is
restricted to NumPy arrays, lists, numbers and bytes, so a malicious file cannot run
code.

Example:
>>> import pickle
>>> row = np.repeat(np.array([10, 20, 30], np.uint8), 1024)  # a red, a green, a blue plane
>>> raw = pickle.dumps({b"data": row[None], b"labels": [7]}, protocol=3)
>>> data, labels = parse_batch(raw)
>>> images = to_images(data)
>>> images.shape, labels.tolist(), images[0, 5, 9].tolist()  # any pixel: R, G, B
((1, 32, 32, 3), [7], [10, 20, 30])
"""

from __future__ import annotations

import io
import os
import pickle
from pathlib import Path
from typing import Any

import numpy as np

from keras_rparity.data.dataset import Split
from keras_rparity.errors import DatasetCorruptError

__all__ = ["BATCHES_DIRNAME", "CLASS_NAMES", "META_FILE", "REQUIRED_FILES", "ROW_LENGTH",
           "TEST_BATCH", "TRAIN_BATCHES", "check_meta", "parse_batch", "read_batches",
           "to_images"]

#: Folder inside the archive that holds the batches.
BATCHES_DIRNAME = "cifar-10-batches-py"
TRAIN_BATCHES = tuple(f"data_batch_{i}" for i in range(1, 6))
TEST_BATCH = "test_batch"
META_FILE = "batches.meta"
REQUIRED_FILES = (*TRAIN_BATCHES, TEST_BATCH, META_FILE)
#: Pixels per image in a batch row: 1024 red, then 1024 green, then 1024 blue values.
ROW_LENGTH = 3 * 32 * 32
CLASS_NAMES = ("airplane", "automobile", "bird", "cat", "deer",
               "dog", "frog", "horse", "ship", "truck")


def _reconstruct_function() -> Any:
    """NumPy's array-unpickling helper, found without importing a deprecated module path."""
    return np.zeros(0).__reduce__()[0]


#: The only names a batch pickle may refer to (the set Keras' own unpickler allows).
_ALLOWED_GLOBALS: dict[tuple[str, str], Any] = {
    ("numpy", "ndarray"): lambda: np.ndarray,
    ("numpy", "dtype"): lambda: np.dtype,
    ("numpy.core.multiarray", "_reconstruct"): _reconstruct_function,
    ("numpy._core.multiarray", "_reconstruct"): _reconstruct_function,
}


class _BatchUnpickler(pickle.Unpickler):
    """Unpickles CIFAR batches only: dicts, lists, numbers, bytes and NumPy arrays.

    Any other class or function named in the stream (``os.system`` and friends) is refused,
    so a malicious archive cannot run code.
    """

    def find_class(self, module: str, name: str) -> Any:
        getter = _ALLOWED_GLOBALS.get((module, name))
        if getter is None:
            raise pickle.UnpicklingError(
                f"refusing to unpickle {module}.{name}: a CIFAR-10 batch holds only "
                "NumPy arrays, lists, numbers and bytes")
        return getter()


def _unpickle(raw: bytes, name: str) -> dict[str, Any]:
    """A batch file's dictionary with ``str`` keys; :class:`DatasetCorruptError` if not one."""
    try:
        obj = _BatchUnpickler(io.BytesIO(raw), encoding="bytes").load()
    except Exception as exc:  # unpickling bad bytes can fail with almost any exception type
        raise DatasetCorruptError(f"{name} is not a readable CIFAR-10 pickle: {exc}") from exc
    if not isinstance(obj, dict):
        raise DatasetCorruptError(
            f"{name} should hold a dictionary, found {type(obj).__name__}")
    return {k.decode("utf-8", "replace") if isinstance(k, bytes) else str(k): v
            for k, v in obj.items()}


def parse_batch(raw: bytes, name: str = "batch") -> tuple[np.ndarray, np.ndarray]:
    """One pickled CIFAR-10 batch -> ``data`` ``uint8 (n, 3072)`` and ``labels`` ``uint8 (n,)``.

    Checks what the loaders rely on: ``data`` is a ``uint8`` array with 3,072 values a row,
    one label per row, labels whole numbers in 0..9. Any batch length works.

    Raises:
        DatasetCorruptError: saying what is wrong (``name`` identifies the file).

    Example:
    >>> import pickle
    >>> raw = pickle.dumps({b"data": np.zeros((2, 3072), np.uint8), b"labels": [3, 9]},
    ...                    protocol=3)
    >>> data, labels = parse_batch(raw)
    >>> data.shape, labels.tolist()
    ((2, 3072), [3, 9])
    >>> parse_batch(pickle.dumps({b"data": np.zeros((2, 3072), np.uint8), b"labels": [3, 10]}))
    Traceback (most recent call last):
    ...
    keras_rparity.errors.DatasetCorruptError: batch: labels must be 0..9, found 10
    """
    batch = _unpickle(raw, name)
    if "data" not in batch or "labels" not in batch:
        raise DatasetCorruptError(
            f"{name}: a CIFAR-10 batch needs 'data' and 'labels' entries, "
            f"found {sorted(batch)}")
    data = batch["data"]
    if not isinstance(data, np.ndarray) or data.dtype != np.uint8:
        kind = data.dtype if isinstance(data, np.ndarray) else type(data).__name__
        raise DatasetCorruptError(f"{name}: 'data' must be a uint8 NumPy array, found {kind}")
    if data.ndim != 2 or data.shape[1] != ROW_LENGTH or data.shape[0] < 1:
        raise DatasetCorruptError(
            f"{name}: 'data' must have shape (n, {ROW_LENGTH}) with n >= 1 "
            f"(one 32x32 RGB image a row), found {data.shape}")
    try:
        labels = np.asarray(batch["labels"])
    except Exception as exc:  # ragged or odd objects
        raise DatasetCorruptError(f"{name}: 'labels' is not a list of numbers ({exc})") from exc
    if labels.ndim != 1 or labels.dtype.kind not in "iu":
        raise DatasetCorruptError(
            f"{name}: 'labels' must be a flat list of whole numbers, found "
            f"{labels.dtype} values with shape {labels.shape}")
    if labels.shape[0] != data.shape[0]:
        raise DatasetCorruptError(
            f"{name}: {data.shape[0]} images but {labels.shape[0]} labels")
    bad = labels[(labels < 0) | (labels > 9)]
    if bad.size:
        raise DatasetCorruptError(f"{name}: labels must be 0..9, found {int(bad[0])}")
    return data, labels.astype(np.uint8)


def check_meta(raw: bytes, name: str = META_FILE) -> None:
    """Check a pickled ``batches.meta``: it must name the 10 classes.

    Example:
    >>> import pickle
    >>> check_meta(pickle.dumps({b"label_names": [b"cat"]}))
    Traceback (most recent call last):
    ...
    keras_rparity.errors.DatasetCorruptError: batches.meta: 'label_names' must list 10 class names
    """
    meta = _unpickle(raw, name)
    names = meta.get("label_names")
    if not isinstance(names, (list, tuple)) or len(names) != len(CLASS_NAMES):
        raise DatasetCorruptError(
            f"{name}: 'label_names' must list {len(CLASS_NAMES)} class names")


def to_images(data: np.ndarray) -> np.ndarray:
    """Batch rows ``(n, 3072)`` -> channels-last images ``(n, 32, 32, 3)``, C-contiguous.

    Example:
    >>> to_images(np.zeros((4, 3072), np.uint8)).shape
    (4, 32, 32, 3)
    """
    return np.ascontiguousarray(data.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1))


def read_batches(folder: str | os.PathLike[str], *, remedy: str = "") -> tuple[Split, Split]:
    """Read ``data_batch_1..5`` and ``test_batch`` from a ``cifar-10-batches-py`` folder.

    Returns ``((x_train, y_train), (x_test, y_test))`` as Keras' ``cifar10.load_data()``
    does with ``channels_last``: ``x`` ``uint8 (n, 32, 32, 3)``, ``y`` ``uint8 (n, 1)``,
    train batches concatenated in order. Batches may have any length.

    Args:
        folder: the ``cifar-10-batches-py`` folder.
        remedy: added to the message when a batch file cannot be read.

    Raises:
        DatasetCorruptError: a batch file is missing or malformed.

    Example:
    >>> import tempfile
    >>> read_batches(tempfile.mkdtemp(), remedy="import it again")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    keras_rparity.errors.DatasetCorruptError: CIFAR-10 in ... is incomplete: cannot read \
data_batch_1 (No such file or directory); import it again
    """
    folder = Path(folder)
    tail = f"; {remedy}" if remedy else ""

    def load(name: str) -> tuple[np.ndarray, np.ndarray]:
        try:
            raw = (folder / name).read_bytes()
        except OSError as exc:
            raise DatasetCorruptError(
                f"CIFAR-10 in {folder} is incomplete: cannot read {name} "
                f"({exc.strerror}){tail}") from exc
        return parse_batch(raw, f"{folder / name}")

    parts = [load(name) for name in TRAIN_BATCHES]
    x_test, y_test = load(TEST_BATCH)
    x_train = np.concatenate([d for d, _ in parts])
    y_train = np.concatenate([labels for _, labels in parts])
    return ((to_images(x_train), y_train.reshape(-1, 1)),
            (to_images(x_test), y_test.reshape(-1, 1)))
