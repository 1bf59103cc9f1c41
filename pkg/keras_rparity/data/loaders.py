"""One entry point for the datasets experiments load, by name.

Both sides of a parity run call :func:`load_dataset` (R through the run
context), so subsetting and the record of where data came from are shared.
"""

from __future__ import annotations

from typing import Any

from keras_rparity.errors import InvalidChoiceError

DATASETS = ("cifar10", "fashion_mnist", "mnist")


def load_dataset(name: str, per_class: int | None = None) -> Any:
    """Load ``name`` with the first ``per_class`` examples of each class.

    Returns an object with ``train`` and ``test`` (each an ``(x, y)`` pair of raw
    integer arrays, as R keras' ``dataset_*()`` give them) and ``source``.
    """
    if name == "cifar10":
        from keras_rparity.data.cifar10 import load_cifar10

        return load_cifar10(per_class=per_class)
    if name in ("fashion_mnist", "mnist"):
        from keras_rparity.data.fashion_mnist import load_raw_image_dataset

        return load_raw_image_dataset(name, per_class=per_class)
    raise InvalidChoiceError("dataset", name, DATASETS)
