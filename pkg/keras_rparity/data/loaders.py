"""The dataset registry: one table, name -> load function, status probe and remedy.

Both sides of a parity run call :func:`load_dataset` (R through the run context), so
subsetting and the record of where data came from are shared; ``keras-rparity data
status`` and ``doctor`` list the same table (:mod:`keras_rparity.data.status`).

The built-in entries are written out below: ``iris`` (embedded, listed only),
``cifar10``, ``fashion_mnist`` and ``mnist``. Adding a dataset is one entry:
:func:`register_dataset` with a :class:`~keras_rparity.data.dataset.DatasetEntry`,
or, for a ``.npz`` holding ``x_train``, ``y_train``, ``x_test`` and ``y_test`` (MNIST's
format), one call to :func:`register_npz_dataset`.

Example:
>>> import tempfile
>>> from pathlib import Path
>>> import numpy as np
>>> path = Path(tempfile.mkdtemp()) / "digits.npz"
>>> np.savez(path, x_train=np.arange(6).reshape(3, 2), y_train=np.array([0, 1, 1]),
...          x_test=np.zeros((1, 2)), y_test=np.array([1]))
>>> _ = register_npz_dataset("my_digits", path)
>>> load_dataset("my_digits", per_class=1).train[0].tolist()
[[0, 1], [2, 3]]
>>> unregister_dataset("my_digits")
>>> "my_digits" in dataset_names()
False
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources

from keras_rparity.data.cache import datasets_dir
from keras_rparity.data.cifar10 import cifar10_availability, load_cifar10
from keras_rparity.data.cifar10_archive import REMEDY as CIFAR10_REMEDY
from keras_rparity.data.cifar10_standin import load_cifar10_standin
from keras_rparity.data.dataset import KINDS, Availability, Dataset, DatasetEntry
from keras_rparity.data.fashion_mnist import REMEDY as FASHION_MNIST_REMEDY
from keras_rparity.data.fashion_mnist import (
    fashion_mnist_availability,
    load_fashion_mnist,
)
from keras_rparity.data.npz import NpzPath, npz_dataset_entry
from keras_rparity.errors import DatasetMissingError, InvalidChoiceError

__all__ = ["dataset_entries", "dataset_entry", "dataset_names", "load_dataset",
           "register_dataset", "register_npz_dataset", "require_dataset",
           "unregister_dataset"]

#: SHA-256 of ``mnist.npz`` that ``keras.datasets.mnist.load_data()`` checks.
MNIST_SHA256 = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
MNIST_CLASSES = tuple(str(d) for d in range(10))
MNIST_REMEDY = ("no package ships MNIST: run `keras.datasets.mnist.load_data()` once on a "
                "machine with internet access (same KERAS_HOME), or place mnist.npz in "
                "$KERAS_HOME/datasets/ (delete a copy with the wrong SHA-256 first)")


def _iris_availability() -> Availability:
    csv = resources.files("keras_rparity.data").joinpath("embedded/iris.csv")
    return Availability(csv.is_file(), str(csv),
                        "R's datasets::iris, 150 rows in R's order (embedded)")


def _builtin_entries() -> tuple[DatasetEntry, ...]:
    """The datasets keras-rparity knows, in the order ``data status`` lists them."""
    return (
        DatasetEntry("iris", status=_iris_availability, kind="table", uses_keras_cache=False,
                     remedy="reinstall keras-rparity (its embedded iris.csv is missing)"),
        DatasetEntry("cifar10", status=cifar10_availability, remedy=CIFAR10_REMEDY,
                     load=load_cifar10, kind="colour images", standin=load_cifar10_standin),
        DatasetEntry("fashion_mnist", status=fashion_mnist_availability,
                     remedy=FASHION_MNIST_REMEDY, load=load_fashion_mnist,
                     kind="grayscale images"),
        npz_dataset_entry("mnist", lambda: datasets_dir() / "mnist.npz", sha256=MNIST_SHA256,
                          kind="grayscale images", class_names=MNIST_CLASSES,
                          remedy=MNIST_REMEDY, title="MNIST"),
    )


_REGISTRY: dict[str, DatasetEntry] = {entry.name: entry for entry in _builtin_entries()}


def register_dataset(entry: DatasetEntry, *, replace: bool = False) -> DatasetEntry:
    """Add ``entry`` to the registry (``replace=True`` to swap out one of the same name).

    Example:
    >>> register_dataset("iris")
    Traceback (most recent call last):
    ...
    TypeError: register_dataset needs a DatasetEntry, got str
    >>> register_dataset(dataset_entry("cifar10"))
    Traceback (most recent call last):
    ...
    ValueError: a dataset named 'cifar10' is already registered; pass replace=True to replace it
    """
    if not isinstance(entry, DatasetEntry):
        raise TypeError(f"register_dataset needs a DatasetEntry, got {type(entry).__name__}")
    if entry.name in _REGISTRY and not replace:
        raise ValueError(f"a dataset named {entry.name!r} is already registered; pass "
                         "replace=True to replace it")
    _REGISTRY[entry.name] = entry
    return entry


def register_npz_dataset(name: str, path: NpzPath, *, sha256: str | None = None,
                         kind: str = "arrays", class_names: tuple[str, ...] = (),
                         remedy: str | None = None, replace: bool = False) -> DatasetEntry:
    """Register a dataset kept in one ``.npz`` (``x_train``, ``y_train``, ``x_test``, ``y_test``).

    Then ``load_dataset(name, per_class)`` loads it, ``data status`` lists it, and R
    programs get it through the run context like the built-in datasets. See
    :func:`keras_rparity.data.npz.npz_dataset_entry` for the arguments; ``kind`` is one
    of :data:`keras_rparity.data.dataset.KINDS`.
    """
    return register_dataset(npz_dataset_entry(name, path, sha256=sha256, kind=kind,
                                              class_names=class_names, remedy=remedy),
                            replace=replace)


def unregister_dataset(name: str) -> None:
    """Remove the dataset called ``name`` (nothing happens if there is none)."""
    _REGISTRY.pop(name, None)


def dataset_entries() -> list[DatasetEntry]:
    """Every registered dataset, in registration order."""
    return list(_REGISTRY.values())


def dataset_names(kind: str | None = None, *, loadable: bool = True) -> tuple[str, ...]:
    """Names of the registered datasets (of one ``kind``, when given).

    Args:
        kind: only datasets whose examples are of this kind (:data:`KINDS`).
        loadable: only datasets :func:`load_dataset` can load (not iris, a data frame).

    Example:
    >>> dataset_names()
    ('cifar10', 'fashion_mnist', 'mnist')
    >>> dataset_names("grayscale images")
    ('fashion_mnist', 'mnist')
    """
    if kind is not None and kind not in KINDS:
        raise InvalidChoiceError("dataset kind", kind, KINDS)
    return tuple(entry.name for entry in _REGISTRY.values()
                 if (kind is None or entry.kind == kind)
                 and (entry.load is not None or not loadable))


def dataset_entry(name: str) -> DatasetEntry:
    """The registry entry called ``name``.

    Example:
    >>> dataset_entry("cifar10").kind
    'colour images'
    >>> dataset_entry("cifar100")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    keras_rparity.errors.InvalidChoiceError: invalid dataset 'cifar100'; valid choices: \
'iris', 'cifar10', ...
    """
    entry = _REGISTRY.get(name) if isinstance(name, str) else None
    if entry is None:
        raise InvalidChoiceError("dataset", name, tuple(_REGISTRY))
    return entry


def _loader(name: str) -> tuple[DatasetEntry, Callable[[int | float | None], Dataset]]:
    """The entry of a loadable dataset and its load function; else the loadable choices."""
    entry = _REGISTRY.get(name) if isinstance(name, str) else None
    if entry is None or entry.load is None:
        raise InvalidChoiceError("dataset", name, dataset_names())
    return entry, entry.load


def load_dataset(name: str, per_class: int | float | None = None, *,
                 standin: bool = False) -> Dataset:
    """Load ``name`` with the first ``per_class`` examples of each class (``None``: all).

    Args:
        name: a registered dataset (:func:`dataset_names`).
        per_class: a positive whole number, or ``None`` for every example.
        standin: when the real data is missing, return the dataset's synthetic stand-in
            instead (``source="synthetic"``; for ``cifar10``, images in CIFAR-10's format:
            parity of the programs only, accuracies mean nothing). With the real data
            present this changes nothing; datasets without a stand-in ignore it.

    Returns:
        A :class:`~keras_rparity.data.dataset.Dataset`: ``train`` and ``test`` (each an
        ``(x, y)`` pair of raw arrays, as R keras' ``dataset_*()`` give them) and
        ``source``.

    Raises:
        InvalidChoiceError: an unknown ``name`` (the message lists the known ones).
        TypeError, InvalidArgumentError: a bad ``per_class``.
        DatasetMissingError, DatasetCorruptError: from the dataset's loader, with the remedy.

    Example:
    >>> load_dataset("cifar10", per_class=0)
    Traceback (most recent call last):
    ...
    keras_rparity.errors.InvalidArgumentError: `per_class` must be a positive whole number; got 0
    """
    if not isinstance(standin, bool):
        raise TypeError(f"standin must be True or False, got {standin!r}")
    entry, load = _loader(name)
    if not standin or entry.standin is None:
        return load(per_class)
    try:
        return load(per_class)
    except DatasetMissingError:
        return entry.standin(per_class)


def require_dataset(name: str) -> Availability:
    """Check, without loading, that ``name`` can be loaded offline now; else say how to get it.

    For commands that should fail before any training (``sweep``).

    Raises:
        InvalidChoiceError: an unknown ``name``.
        DatasetMissingError: the dataset is not here; the message says why and the remedy.

    Example:
    >>> import os, tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"KERAS_HOME": tempfile.mkdtemp()}):
    ...     require_dataset("mnist")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    keras_rparity.errors.DatasetMissingError: mnist is not available (not in the Keras cache: \
.../datasets/mnist.npz). To fix: no package ships MNIST: ...
    """
    entry, _ = _loader(name)
    found = entry.status()
    if not found.present:
        raise DatasetMissingError(f"{name} is not available ({found.details}: {found.location})."
                                  f" To fix: {entry.remedy}")
    return found
