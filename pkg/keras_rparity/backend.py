"""The Keras backend a run uses: its name, version and device, for reports.

Both sides of a parity run share one backend, because R's Keras is this process's
Keras (reticulate binds R to the same interpreter).

Example:
>>> sorted(backend_info())
['device', 'name', 'version']
"""

from __future__ import annotations

import importlib.metadata

#: Keras backends keras-rparity supports, the default first (the tutorial's).
BACKENDS = ("tensorflow", "jax", "torch")

_DISTRIBUTIONS = {"tensorflow": ("tensorflow-cpu", "tensorflow"), "jax": ("jax",),
                  "torch": ("torch",)}


def _installed_version(name: str) -> str | None:
    for dist in _DISTRIBUTIONS.get(name, (name,)):
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
    return None


def backend_info() -> dict[str, str]:
    """Name, version and device of the Keras backend in use (imports Keras)."""
    import keras

    name = keras.backend.backend()
    return {"name": name, "version": _installed_version(name) or "unknown", "device": "cpu"}
