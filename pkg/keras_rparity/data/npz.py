"""Datasets kept as one ``.npz`` file: MNIST's format, and the way to add your own.

A dataset ``.npz`` holds four arrays, as Keras' ``mnist.npz`` does: ``x_train``,
``y_train``, ``x_test`` and ``y_test`` (labels of shape ``(n,)`` or ``(n, 1)``).
:func:`npz_dataset_entry` turns such a file into an entry of the dataset registry
(:func:`keras_rparity.data.loaders.register_npz_dataset` registers it in one call),
optionally checked against a SHA-256. Files are read with ``allow_pickle=False``.

Example:
>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "tiny.npz"
>>> np.savez(path, x_train=np.zeros((4, 2, 2), np.uint8), y_train=np.array([0, 1, 0, 1]),
...          x_test=np.zeros((2, 2, 2), np.uint8), y_test=np.array([1, 0]))
>>> entry = npz_dataset_entry("tiny", path)
>>> entry.status().present
True
>>> data = entry.load(1)
>>> data.train[1].tolist(), data.test[1].tolist(), data.source == f"tiny: {path}"
([0, 1], [1, 0], True)
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from keras_rparity.data.cache import datasets_dir
from keras_rparity.data.dataset import Availability, Dataset, DatasetEntry
from keras_rparity.data.hashing import cached_sha256
from keras_rparity.errors import DatasetCorruptError, DatasetMissingError
from keras_rparity.validation import check_scalar

#: The arrays a dataset ``.npz`` must hold.
NPZ_KEYS = ("x_train", "y_train", "x_test", "y_test")

#: A file, or a function giving it at call time (for files under ``$KERAS_HOME``).
NpzPath = str | os.PathLike[str] | Callable[[], Path]


def _resolve(path: NpzPath) -> Path:
    return Path(path() if callable(path) else path).expanduser()


def _in_keras_cache(path: Path) -> bool:
    return path.parent == datasets_dir()


def _default_remedy(path: NpzPath) -> str:
    where = "the file" if callable(path) else str(_resolve(path))
    return f"place a .npz holding {', '.join(NPZ_KEYS)} at {where}"


def npz_availability(path: Path, sha256: str | None = None, title: str = "") -> Availability:
    """Whether ``path`` is there (with the expected SHA-256, when one is given); loads nothing.

    Example:
    >>> npz_availability(Path("/nowhere/data.npz"))
    Availability(present=False, location='/nowhere/data.npz', details='no such file')
    """
    if not path.is_file():
        where = "not in the Keras cache" if _in_keras_cache(path) else "no such file"
        return Availability(False, str(path), where)
    if sha256 is not None and cached_sha256(path) != sha256:
        return Availability(False, str(path), "wrong SHA-256 (a damaged or different file)")
    return Availability(True, str(path), f"{title or path.stem}: {path}")


def _checked_file(path: Path, sha256: str | None, title: str, remedy: str) -> Path:
    if not path.is_file():
        raise DatasetMissingError(f"{title} is not available: {path} does not exist. "
                                  f"To fix: {remedy}")
    if sha256 is not None and cached_sha256(path) != sha256:
        raise DatasetCorruptError(f"{path} is not the {title} file expected (its SHA-256 "
                                  f"differs). To fix: {remedy}")
    return path


def _labels(y: np.ndarray, key: str, path: Path) -> np.ndarray:
    if y.ndim == 0 or y.ndim > 2 or (y.ndim == 2 and y.shape[1] != 1):
        raise DatasetCorruptError(f"{path}: {key} must have shape (n,) or (n, 1), "
                                  f"found {y.shape}")
    return y


def read_npz(path: str | os.PathLike[str]) -> tuple[tuple[np.ndarray, np.ndarray],
                                                     tuple[np.ndarray, np.ndarray]]:
    """``((x_train, y_train), (x_test, y_test))`` from a dataset ``.npz``, checked.

    Raises:
        DatasetCorruptError: not a readable ``.npz``, an array missing, or ``x`` and ``y``
            of different lengths.

    Example:
    >>> import tempfile
    >>> bad = Path(tempfile.mkdtemp()) / "bad.npz"
    >>> np.savez(bad, x_train=np.zeros(3))
    >>> read_npz(bad)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    keras_rparity.errors.DatasetCorruptError: .../bad.npz lacks y_train, x_test, y_test; \
a dataset .npz holds x_train, y_train, x_test, y_test
    """
    path = Path(path)
    try:
        with np.load(path, allow_pickle=False) as archive:
            missing = [key for key in NPZ_KEYS if key not in archive.files]
            if missing:
                raise DatasetCorruptError(
                    f"{path} lacks {', '.join(missing)}; a dataset .npz holds "
                    f"{', '.join(NPZ_KEYS)}")
            arrays = {key: archive[key] for key in NPZ_KEYS}
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        if isinstance(exc, DatasetCorruptError):
            raise
        raise DatasetCorruptError(f"{path} is not a readable .npz of plain arrays: {exc}") \
            from exc
    for split in ("train", "test"):
        x, y = arrays[f"x_{split}"], _labels(arrays[f"y_{split}"], f"y_{split}", path)
        if x.ndim == 0 or x.shape[0] != y.shape[0]:
            raise DatasetCorruptError(f"{path}: x_{split} {x.shape} and y_{split} {y.shape} "
                                      "must have the same number of examples")
    return ((arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"]))


def npz_dataset_entry(name: str, path: NpzPath, *, sha256: str | None = None,
                      kind: str = "arrays", class_names: tuple[str, ...] = (),
                      remedy: str | None = None, title: str | None = None) -> DatasetEntry:
    """A registry entry for a dataset kept in one ``.npz`` file.

    Args:
        name: the dataset's registry name (a Python identifier).
        path: the file, or a function returning it at call time (so a file under
            ``$KERAS_HOME`` follows the variable).
        sha256: when given, the file must have this SHA-256 (else it counts as missing
            in ``data status`` and loading it raises :class:`DatasetCorruptError`).
        kind: what the examples are (see :data:`keras_rparity.data.dataset.KINDS`).
        class_names: the label of each class code, when known.
        remedy: what to do when the file is missing (default: where to put it).
        title: how messages name the dataset (default ``name``).

    Example:
    >>> entry = npz_dataset_entry("mine", "/nowhere/mine.npz")
    >>> entry.load(None)
    Traceback (most recent call last):
    ...
    keras_rparity.errors.DatasetMissingError: mine is not available: /nowhere/mine.npz does \
not exist. To fix: place a .npz holding x_train, y_train, x_test, y_test at /nowhere/mine.npz
    """
    if not (callable(path) or isinstance(path, (str, os.PathLike))):
        raise TypeError(f"path must be a file path or a function returning one, got "
                        f"{type(path).__name__}")
    if sha256 is not None and (not isinstance(sha256, str) or len(sha256) != 64):
        raise ValueError(f"sha256 must be 64 hex digits, got {sha256!r}")
    label = title or name
    fix = remedy or _default_remedy(path)

    def status() -> Availability:
        return npz_availability(_resolve(path), sha256, label)

    def load(per_class: int | float | None) -> Dataset:
        count = check_scalar(per_class, "per_class", allow_none=True)
        file = _checked_file(_resolve(path), sha256, label, fix)
        train, test = read_npz(file)
        where = f"Keras cache {file}" if _in_keras_cache(file) else str(file)
        data = Dataset(name, train=train, test=test, source=f"{name}: {where}",
                       path=str(file), class_names=tuple(class_names))
        return data if count is None else data.first_per_class(count)

    return DatasetEntry(name=name, status=status, remedy=fix, load=load, kind=kind,
                        uses_keras_cache=_in_keras_cache(_resolve(path)))
