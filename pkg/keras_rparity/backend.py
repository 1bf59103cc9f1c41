"""The Keras backend a run uses: choosing it, and its name, version and device.

A process has one Keras backend, chosen when Keras is first imported (from
``KERAS_BACKEND``). Both sides of a parity run share it, because R's Keras is this
process's Keras (reticulate binds R to the same interpreter). So a backend is chosen
once, before anything imports Keras: :func:`use_backend` (what ``--backend`` and the
``backend=`` arguments call) validates the name and sets ``KERAS_BACKEND``. Nothing is
set on import: :func:`prepare_keras` (called by :func:`use_backend`, by the command line
and by sweep workers) is where the process is made ready for Keras.

Example:
>>> selected_backend("jax")
'jax'
>>> sorted(available_backends()) == sorted(BACKENDS)
True
>>> sorted(backend_info())
['device', 'name', 'version']
"""

from __future__ import annotations

import importlib.metadata
import os
import sys

from keras_rparity.errors import InvalidChoiceError, KerasRParityError
from keras_rparity.quiet import install as quiet_tensorflow_import

#: Keras backends keras-rparity supports, the default first (the tutorial's).
BACKENDS = ("tensorflow", "jax", "torch")
DEFAULT_BACKEND = BACKENDS[0]

#: Distributions that provide each backend, in the order they are looked for.
_DISTRIBUTIONS = {"tensorflow": ("tensorflow-cpu", "tensorflow"), "jax": ("jaxlib",),
                  "torch": ("torch",)}
#: How to install a missing backend.
INSTALL_HINTS = {"tensorflow": "pip install tensorflow-cpu",
                 "jax": "pip install 'keras-rparity[jax]'",
                 "torch": "pip install 'keras-rparity[torch]'"}


class BackendError(KerasRParityError, RuntimeError):
    """The backend asked for cannot be used in this process."""


def _installed_version(name: str) -> str | None:
    for dist in _DISTRIBUTIONS.get(name, (name,)):
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
    return None


def available_backends() -> dict[str, str | None]:
    """Each supported backend -> its installed version, or ``None`` when it is missing.

    Reads package metadata only: nothing is imported, so this is fast and safe to call
    before a backend is chosen (``keras-rparity doctor`` lists it).

    Example:
    >>> available_backends()["tensorflow"] is not None
    True
    """
    return {name: _installed_version(name) for name in BACKENDS}


def selected_backend(name: str | None = None) -> str:
    """The backend a run will use: ``name`` if given, else ``$KERAS_BACKEND``, else
    TensorFlow; validated against :data:`BACKENDS`.

    Example:
    >>> selected_backend("numpy")
    Traceback (most recent call last):
    ...
    keras_rparity.errors.InvalidChoiceError: invalid Keras backend 'numpy'; valid choices: \
'tensorflow', 'jax', 'torch'
    """
    chosen = name if name is not None else os.environ.get("KERAS_BACKEND") or DEFAULT_BACKEND
    if chosen not in BACKENDS:
        what = "Keras backend" if name is not None else "Keras backend (from KERAS_BACKEND)"
        raise InvalidChoiceError(what, chosen, BACKENDS)
    return chosen


def loaded_backend() -> str | None:
    """The backend of the Keras already imported in this process (``None`` if none is)."""
    keras = sys.modules.get("keras")
    if keras is None or not hasattr(keras, "backend"):
        return None
    return str(keras.backend.backend())


def prepare_keras() -> None:
    """Make this process ready for Keras, once, before anything imports it: TensorFlow
    loads without its start-up notices (:func:`keras_rparity.quiet.install`) and
    ``KERAS_BACKEND`` defaults to TensorFlow (the tutorial's; ``~/.keras/keras.json``
    does not choose for keras-rparity). Idempotent."""
    quiet_tensorflow_import()
    os.environ.setdefault("KERAS_BACKEND", DEFAULT_BACKEND)


def use_backend(name: str | None = None) -> str:
    """Choose this process's Keras backend; call before anything imports Keras.

    Validates ``name`` (``None``: ``$KERAS_BACKEND`` or TensorFlow), checks that it is
    installed and sets ``KERAS_BACKEND`` (child processes inherit it). Calling it again
    with the backend already loaded is fine.

    Raises:
        InvalidChoiceError: not one of :data:`BACKENDS`.
        BackendError: the backend is not installed, or Keras is already loaded in this
            process with another backend (a process keeps its backend: start a new one).

    Example:
    >>> use_backend("theano")
    Traceback (most recent call last):
    ...
    keras_rparity.errors.InvalidChoiceError: invalid Keras backend 'theano'; valid choices: \
'tensorflow', 'jax', 'torch'
    """
    chosen = selected_backend(name)
    prepare_keras()
    loaded = loaded_backend()
    if loaded is not None and loaded != chosen:
        raise BackendError(
            f"Keras is already loaded with the {loaded} backend in this process, and a "
            f"process keeps the backend it started with; to use {chosen}, start a new "
            f"process with --backend {chosen} (or KERAS_BACKEND={chosen}, or "
            f"backend='{chosen}' before anything imports Keras)")
    if loaded is None and _installed_version(chosen) is None:
        raise BackendError(f"the {chosen} backend is not installed; install it with "
                           f"`{INSTALL_HINTS[chosen]}`, or choose another: --backend "
                           f"{'|'.join(b for b, v in available_backends().items() if v)}")
    os.environ["KERAS_BACKEND"] = chosen
    return chosen


def _device(name: str) -> str:
    """Where the backend computes by default: ``cpu``, or the accelerator's kind."""
    if name == "tensorflow":
        import tensorflow as tf

        return "gpu" if tf.config.list_logical_devices("GPU") else "cpu"
    if name == "jax":
        import jax

        return str(jax.default_backend())
    if name == "torch":
        import torch

        return "cuda" if torch.cuda.is_available() else "cpu"
    return "unknown"


def backend_info() -> dict[str, str]:
    """Name, version and device of the Keras backend in use (imports Keras).

    Example:
    >>> info = backend_info()
    >>> info["name"] in BACKENDS, info["device"] in ("cpu", "gpu", "cuda", "tpu")
    (True, True)
    """
    import keras

    name = keras.backend.backend()
    module = sys.modules.get(name)
    version = getattr(module, "__version__", None) or _installed_version(name) or "unknown"
    return {"name": name, "version": str(version), "device": _device(name)}
