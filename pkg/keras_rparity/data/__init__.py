"""Datasets of the tutorial, loaded offline from Keras' cache (or embedded).

* :mod:`~keras_rparity.data.iris` — R's ``datasets::iris``, embedded.
* :mod:`~keras_rparity.data.cifar10` — CIFAR-10 from Keras' cache; never downloads
  unless asked; :func:`import_cifar10` installs an archive you already have.
* :mod:`~keras_rparity.data.cifar10_fixture` — a tiny synthetic CIFAR-format archive
  for tests (always labelled ``source="fixture"``).
* :mod:`~keras_rparity.data.status` — what is present, and how to get what is not.
* :mod:`~keras_rparity.data.cache` — where Keras keeps datasets (``$KERAS_HOME``).

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
    "Cifar10Data": "cifar10",
    "ImportResult": "cifar10",
    "load_cifar10": "cifar10",
    "import_cifar10": "cifar10",
    "check_cifar10_archive": "cifar10",
    "first_per_class": "subsets",
    "cifar10_status": "cifar10",
    "write_cifar10_fixture_archive": "cifar10_fixture",
    "install_cifar10_fixture": "cifar10_fixture",
    "DatasetProbe": "status",
    "DatasetStatus": "status",
    "register_probe": "status",
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
