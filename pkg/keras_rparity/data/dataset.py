"""The data layer's shared types: a loaded dataset, and one row of the dataset table.

* :class:`Dataset` is what every loader returns: ``train`` and ``test`` as ``(x, y)``
  pairs of raw arrays (as R keras' ``dataset_*()`` and Keras' ``load_data()`` give
  them) and ``source``, which says where they came from (``"cifar-10"``,
  ``"fixture"``, ``"synthetic"``, a Keras cache path, ...), so results made on
  stand-in data can always be labelled as such.
* :class:`Availability` is what a dataset's status probe finds, without loading.
* :class:`DatasetEntry` is one row of the registry in :mod:`keras_rparity.data.loaders`:
  a name, its load function, its status probe and the remedy when it is missing.

Example:
>>> import numpy as np
>>> data = Dataset("toy", train=(np.zeros((3, 2)), np.arange(3)),
...                test=(np.zeros((1, 2)), np.arange(1)), source="made up")
>>> data
Dataset(name='toy', source='made up', train=3 examples, test=1 examples)
>>> data.n_train, data.n_test
(3, 1)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np

from keras_rparity.data.subsets import first_per_class

__all__ = ["Availability", "Dataset", "DatasetEntry", "Split"]

#: ``(x, y)``: examples (first axis = example) and their labels.
Split = tuple[np.ndarray, np.ndarray]

#: Values of :attr:`DatasetEntry.kind`: what a dataset's examples are.
KINDS = ("table", "grayscale images", "colour images", "arrays")


@dataclass(frozen=True, eq=False, repr=False)
class Dataset:
    """A dataset's train and test splits, and where they came from.

    Attributes:
        name: the registry name (``"cifar10"``, ``"fashion_mnist"``, ...).
        train, test: ``(x, y)`` pairs of NumPy arrays, as the dataset's own format
            holds them (CIFAR-10: ``uint8 (n, 32, 32, 3)`` and ``uint8 (n, 1)``;
            Fashion-MNIST: ``uint8 (n, 28, 28)`` and ``uint8 (n,)``).
        source: what the arrays are (``"cifar-10"``, ``"fixture"``, ``"unofficial"``,
            ``"synthetic"``) or where they were read (``"fashion_mnist: Keras cache ..."``).
        path: the file or folder read (``""`` for generated data).
        class_names: the label of each class code, when known.
    """

    name: str
    train: Split
    test: Split
    source: str
    path: str = ""
    class_names: tuple[str, ...] = ()

    @property
    def n_train(self) -> int:
        """Number of training examples."""
        return int(self.train[0].shape[0])

    @property
    def n_test(self) -> int:
        """Number of test examples."""
        return int(self.test[0].shape[0])

    def first_per_class(self, per_class: int | float) -> Dataset:
        """The same dataset with only the first ``per_class`` examples of each class, in
        the train and in the test split (see :mod:`keras_rparity.data.subsets`).

        Example:
        >>> data = Dataset("toy", train=(np.arange(4), np.array([1, 0, 1, 1])),
        ...                test=(np.arange(2), np.array([0, 0])), source="made up")
        >>> small = data.first_per_class(1)
        >>> small.train[0].tolist(), small.test[0].tolist(), small.source
        ([0, 1], [0], 'made up')
        """
        return replace(self, train=first_per_class(*self.train, per_class),
                       test=first_per_class(*self.test, per_class))

    def __repr__(self) -> str:
        path = f", path={self.path!r}" if self.path else ""
        return (f"Dataset(name={self.name!r}, source={self.source!r}, "
                f"train={self.n_train} examples, test={self.n_test} examples{path})")


class Availability(NamedTuple):
    """What a status probe found: can the dataset be loaded offline now, from where, what.

    ``location`` is a path that exists when ``present`` is true; when it is false, it is
    where the data was looked for.
    """

    present: bool
    location: str
    details: str


@dataclass(frozen=True)
class DatasetEntry:
    """One dataset of the registry (:mod:`keras_rparity.data.loaders`).

    Attributes:
        name: short name, as experiments and the CLI spell it (``"cifar10"``).
        status: the probe: cheap, never downloads, creates nothing; returns
            :class:`Availability`.
        remedy: what to do when the dataset is missing (one line).
        load: ``load(per_class)`` -> :class:`Dataset`, keeping the first ``per_class``
            examples of each class (``None``: all); ``None`` for a dataset that is
            listed but loaded otherwise (iris, a data frame).
        kind: what the examples are: one of :data:`KINDS`.
        standin: ``standin(per_class)`` -> a synthetic :class:`Dataset` in the same
            format (``source="synthetic"``), used only when asked for and the real data
            is missing; ``None`` when the dataset has no stand-in.
        uses_keras_cache: the data lives in ``$KERAS_HOME/datasets`` (so an unusable
            Keras home explains why it is missing).
    """

    name: str
    status: Callable[[], Availability]
    remedy: str
    load: Callable[[int | None], Dataset] | None = None
    kind: str = "arrays"
    standin: Callable[[int | None], Dataset] | None = None
    uses_keras_cache: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise ValueError(f"a dataset name must be a Python identifier such as "
                             f"'my_digits', got {self.name!r}")
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {self.kind!r}")
        for field_name in ("status", "load", "standin"):
            value = getattr(self, field_name)
            if value is not None and not callable(value):
                raise TypeError(f"{field_name} must be a function, got {type(value).__name__}")
