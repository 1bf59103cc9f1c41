"""Deterministic runs: one seed, and each Keras backend's deterministic mode.

Both sides of a parity run call :func:`seed_everything` right before each model
is built, so that weight initialisation, dropout masks and the shuffling inside
``fit`` draw from the same random streams in R and in Python. The same process
computes both sides, so what makes a backend repeat itself bit for bit from one
fit to the next also makes R equal Python:

- **TensorFlow**: ``tf.config.experimental.enable_op_determinism()``. It also makes
  Keras' ``jit_compile="auto"`` choose no XLA (Keras turns XLA off under op
  determinism), so TensorFlow runs its ordinary kernels.
- **PyTorch**: ``torch.use_deterministic_algorithms(True)``; cuDNN deterministic, no
  cuDNN benchmarking (autotuning picks kernels by timing). On CPU only a few ops
  change (they refuse to run instead of running nondeterministically).
- **JAX**: nothing to switch on for the CPU: XLA's CPU programs are deterministic
  for a given program and thread count. On a GPU, XLA needs
  ``XLA_FLAGS=--xla_gpu_deterministic_ops=true`` before JAX starts (a warning says so).

What determinism costs is measured by ``benchmarks/backends.py`` (README, "Backends").

Example:
>>> from keras_rparity.determinism import deterministic_settings
>>> deterministic_settings("jax")
[]
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable

from keras_rparity.validation import check_scalar

_ENABLED: set[str] = set()


def _tensorflow() -> None:
    # Not through the TF_DETERMINISTIC_OPS variable: it would leak into child processes
    # (an R session started from here), where unseeded random ops then fail.
    import tensorflow as tf

    tf.config.experimental.enable_op_determinism()


def _torch() -> None:
    import torch

    torch.use_deterministic_algorithms(True)
    torch.backends.cudnn.deterministic = True
    torch.backends.cudnn.benchmark = False
    if torch.cuda.is_available():  # cuBLAS needs a fixed workspace to be deterministic
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")


def _jax() -> None:
    import jax

    flag = "--xla_gpu_deterministic_ops=true"
    if jax.default_backend() == "gpu" and flag not in os.environ.get("XLA_FLAGS", ""):
        warnings.warn(f"JAX runs on a GPU without {flag} in XLA_FLAGS: GPU reductions may "
                      "differ from run to run; set XLA_FLAGS before starting Python",
                      RuntimeWarning, stacklevel=3)


_SWITCHES: dict[str, tuple[Callable[[], None], list[str]]] = {
    "tensorflow": (_tensorflow, ["tf.config.experimental.enable_op_determinism()"]),
    "torch": (_torch, ["torch.use_deterministic_algorithms(True)",
                       "torch.backends.cudnn.deterministic = True",
                       "torch.backends.cudnn.benchmark = False"]),
    "jax": (_jax, []),
}


def deterministic_settings(backend: str) -> list[str]:
    """What :func:`enable_deterministic_ops` switches on for ``backend`` (for reports).

    Example:
    >>> deterministic_settings("tensorflow")
    ['tf.config.experimental.enable_op_determinism()']
    """
    from keras_rparity.backend import selected_backend

    return list(_SWITCHES[selected_backend(backend)][1])


def enable_deterministic_ops() -> str:
    """Put the Keras backend in use into its deterministic mode, once per process
    (idempotent); returns the backend's name.

    Example:
    >>> enable_deterministic_ops() in ("tensorflow", "jax", "torch")
    True
    """
    import keras

    name = keras.backend.backend()
    if name not in _ENABLED:
        switch, _ = _SWITCHES.get(name, (lambda: None, []))
        switch()
        _ENABLED.add(name)
    return name


def seed_everything(seed: int) -> int:
    """Seed Python, NumPy, the backend and Keras, and make the backend deterministic.

    Args:
        seed: a non-negative integer (R doubles such as ``42`` are accepted).

    Returns:
        The seed as a Python ``int``.

    Example:
    >>> seed_everything(42)
    42
    """
    seed = check_scalar(seed, "seed", min_val=0)
    import keras

    enable_deterministic_ops()
    keras.utils.set_random_seed(seed)
    return seed
