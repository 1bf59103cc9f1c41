"""A synthetic stand-in for CIFAR-10, in CIFAR-10's format. NOT CIFAR-10.

When CIFAR-10 cannot be on the machine (it cannot be downloaded offline), the CIFAR
programs can still be run on both sides and compared: on images of the same shapes
and types, generated in memory by the fixture generator
(:func:`~keras_rparity.data.cifar10_fixture.fixture_batches`: one colour and stripe
pattern per class, plus seeded noise). That checks the parity of the programs only;
accuracies on it mean nothing, and its ``source`` is always ``"synthetic"``.

Only :func:`keras_rparity.data.loaders.load_dataset` with ``standin=True`` uses it,
and only when the real data is missing. Nothing is written to the Keras cache.

Sizes follow CIFAR-10's: ``per_class`` training images of each class (at most 5,000)
and a fifth as many test images (the 50,000 / 10,000 ratio); ``None`` gives the full
50,000 + 10,000. The same ``per_class`` always gives the same arrays.

Example:
>>> data = load_cifar10_standin(per_class=5)
>>> data.source, data.train[0].shape, data.train[1].shape, data.test[0].shape
('synthetic', (50, 32, 32, 3), (50, 1), (10, 32, 32, 3))
>>> np.bincount(data.train[1].ravel()).tolist()
[5, 5, 5, 5, 5, 5, 5, 5, 5, 5]
"""

from __future__ import annotations

import functools
import math

import numpy as np

from keras_rparity.data.cifar10_fixture import fixture_batches
from keras_rparity.data.cifar10_format import CLASS_NAMES, TEST_BATCH, TRAIN_BATCHES, to_images
from keras_rparity.data.dataset import Dataset
from keras_rparity.data.subsets import first_per_class
from keras_rparity.validation import check_scalar

#: ``Dataset.source`` of the stand-in.
SOURCE = "synthetic"
#: Training images per class in CIFAR-10 (the stand-in never has more).
CIFAR10_TRAIN_PER_CLASS = 5000
#: Seed of the stand-in's images and order.
SEED = 0


def _per_batch(per_class: int | None) -> int:
    """Images per generated batch so the five training batches hold ``per_class`` a class."""
    wanted = CIFAR10_TRAIN_PER_CLASS if per_class is None else min(per_class,
                                                                   CIFAR10_TRAIN_PER_CLASS)
    per_batch_per_class = math.ceil(wanted / len(TRAIN_BATCHES))
    return per_batch_per_class * len(CLASS_NAMES)


@functools.lru_cache(maxsize=2)
def _generate(per_class: int | None) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """The stand-in's splits for one ``per_class`` (cached: both sides of a run use it)."""
    batches = fixture_batches(per_batch=_per_batch(per_class), seed=SEED)
    x_train = np.concatenate([batches[name][0] for name in TRAIN_BATCHES])
    y_train = np.concatenate([batches[name][1] for name in TRAIN_BATCHES]).reshape(-1, 1)
    x_test, y_test = batches[TEST_BATCH]
    train = (to_images(x_train), y_train)
    test = (to_images(x_test), y_test.reshape(-1, 1))
    if per_class is not None:
        train, test = first_per_class(*train, per_class), first_per_class(*test, per_class)
    return train, test


def load_cifar10_standin(per_class: int | float | None = None) -> Dataset:
    """The synthetic CIFAR-format stand-in (``source="synthetic"``), generated in memory.

    Args:
        per_class: training images of each class (the first ones; at most 5,000);
            the test split has a fifth as many. ``None``: 50,000 + 10,000 images.

    Returns:
        A :class:`~keras_rparity.data.dataset.Dataset` with CIFAR-10's shapes and types
        (``x`` ``uint8 (n, 32, 32, 3)``, ``y`` ``uint8 (n, 1)``); each call gets its
        own copy of the arrays, generated once per process and ``per_class``.

    Example:
    >>> load_cifar10_standin(per_class=0)
    Traceback (most recent call last):
    ...
    keras_rparity.errors.InvalidArgumentError: `per_class` must be a positive whole number; got 0
    """
    train, test = _generate(check_scalar(per_class, "per_class", allow_none=True))
    return Dataset("cifar10", train=(train[0].copy(), train[1].copy()),
                   test=(test[0].copy(), test[1].copy()), source=SOURCE,
                   class_names=CLASS_NAMES)
