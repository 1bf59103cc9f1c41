"""Image datasets ready for training: ``float32`` in ``[0, 1]``, with a channel axis.

The sweep trains on these. Any registered dataset of grayscale images
(``dataset_names("grayscale images")``: Fashion-MNIST, MNIST) is loaded through
:func:`keras_rparity.data.loaders.load_dataset` (same subsets, same source record)
and scaled: ``uint8 (n, 28, 28)`` becomes ``float32 (n, 28, 28, 1)``; labels become
``uint8`` class codes.

Example (needs the Debian package ``dataset-fashion-mnist``; 2 images per class):
>>> import os, tempfile
>>> from unittest import mock
>>> with mock.patch.dict(os.environ, {"KERAS_HOME": tempfile.mkdtemp()}):
...     data = load_image_dataset("fashion_mnist", per_class=2)
>>> data.x_train.shape, data.x_train.dtype.name, data.num_classes
((20, 28, 28, 1), 'float32', 10)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from keras_rparity.data.loaders import dataset_names, load_dataset
from keras_rparity.errors import InvalidChoiceError

__all__ = ["GRAYSCALE", "ImageDataset", "load_image_dataset", "prepare_images"]

#: The registry kind this module loads.
GRAYSCALE = "grayscale images"


@dataclass(frozen=True)
class ImageDataset:
    """Train and test images (``float32`` in ``[0, 1]``, NHWC) and integer labels."""

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple[str, ...]
    source: str = ""

    @property
    def num_classes(self) -> int:
        return len(self.class_names)

    @property
    def input_shape(self) -> tuple[int, ...]:
        return tuple(int(d) for d in self.x_train.shape[1:])


def prepare_images(images: np.ndarray) -> np.ndarray:
    """``uint8`` images ``(n, h, w)`` -> ``float32`` in ``[0, 1]`` with a channel axis.

    Example:
    >>> prepare_images(np.full((1, 2, 2), 255, dtype=np.uint8)).shape
    (1, 2, 2, 1)
    """
    return (np.asarray(images, dtype=np.float32) / np.float32(255.0))[..., np.newaxis]


def load_image_dataset(name: str = "fashion_mnist",
                       per_class: int | float | None = None) -> ImageDataset:
    """A grayscale image dataset, scaled to ``float32`` in ``[0, 1]`` with a channel axis.

    Args:
        name: one of ``dataset_names("grayscale images")`` (``"fashion_mnist"``,
            ``"mnist"``, or one you registered with that kind).
        per_class: images kept per class, in train and in test (the first ones,
            original order kept); ``None`` keeps all.

    Raises:
        InvalidChoiceError: ``name`` is not a registered grayscale image dataset.
        As :func:`keras_rparity.data.loaders.load_dataset` otherwise.

    Example:
    >>> load_image_dataset("fashion_mnist", per_class=0)
    Traceback (most recent call last):
    ...
    keras_rparity.errors.InvalidArgumentError: `per_class` must be a positive whole number; got 0
    >>> load_image_dataset("cifar10")
    Traceback (most recent call last):
    ...
    keras_rparity.errors.InvalidChoiceError: invalid dataset 'cifar10'; valid choices: \
'fashion_mnist', 'mnist'
    """
    choices = dataset_names(GRAYSCALE)
    if name not in choices:
        raise InvalidChoiceError("dataset", name, choices)
    raw = load_dataset(name, per_class)
    (x_train, y_train), (x_test, y_test) = raw.train, raw.test
    return ImageDataset(
        name=name,
        x_train=prepare_images(x_train),
        y_train=np.asarray(y_train, dtype=np.uint8).reshape(-1),
        x_test=prepare_images(x_test),
        y_test=np.asarray(y_test, dtype=np.uint8).reshape(-1),
        class_names=raw.class_names,
        source=raw.source,
    )
