"""Datasets of the tutorial, loaded offline from Keras' cache (or embedded).

* :mod:`~keras_rparity.data.loaders` — the registry: name -> load function and status
  probe; :func:`load_dataset` loads any of them, :func:`register_npz_dataset` adds one.
* :mod:`~keras_rparity.data.dataset` — the types: :class:`Dataset` (``train``, ``test``,
  ``source``), :class:`DatasetEntry`.
* :mod:`~keras_rparity.data.iris` — R's ``datasets::iris``, embedded.
* :mod:`~keras_rparity.data.cifar10` — CIFAR-10 from Keras' cache; never downloads
  unless asked. Its batch format is :mod:`~keras_rparity.data.cifar10_format`, its
  archive (checking, :func:`import_cifar10`) :mod:`~keras_rparity.data.cifar10_archive`.
* :mod:`~keras_rparity.data.cifar10_fixture` — a tiny synthetic CIFAR-format archive
  for tests (always labelled ``source="fixture"``); :mod:`~keras_rparity.data.cifar10_standin`
  — the in-memory stand-in for runs without CIFAR-10 (``source="synthetic"``).
* :mod:`~keras_rparity.data.fashion_mnist`, :mod:`~keras_rparity.data.npz` (MNIST's
  format and your own ``.npz``), :mod:`~keras_rparity.data.images` (scaled for training).
* :mod:`~keras_rparity.data.status` — what is present, and how to get what is not.
* :mod:`~keras_rparity.data.cache` — where Keras keeps datasets (``$KERAS_HOME``), and
  :func:`check_keras_cache`, run before any training.
* :mod:`~keras_rparity.data.subsets`, :mod:`~keras_rparity.data.hashing` — the first
  ``per_class`` of each class; file digests.

The names below are imported on first use, so importing this package is cheap.

Example:
>>> from keras_rparity import data
>>> data.first_per_class([5, 6, 7], [[1], [1], [0]], 1)[0].tolist()
[5, 7]
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "keras_home": "cache",
    "datasets_dir": "cache",
    "check_keras_cache": "cache",
    "KerasCacheError": "cache",
    "Dataset": "dataset",
    "DatasetEntry": "dataset",
    "load_dataset": "loaders",
    "register_dataset": "loaders",
    "register_npz_dataset": "loaders",
    "dataset_names": "loaders",
    "load_cifar10": "cifar10",
    "cifar10_status": "cifar10",
    "ImportResult": "cifar10_archive",
    "import_cifar10": "cifar10_archive",
    "check_cifar10_archive": "cifar10_archive",
    "first_per_class": "subsets",
    "write_cifar10_fixture_archive": "cifar10_fixture",
    "install_cifar10_fixture": "cifar10_fixture",
    "DatasetStatus": "status",
    "dataset_status": "status",
    "format_status": "status",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
