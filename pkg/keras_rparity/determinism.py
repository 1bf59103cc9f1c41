"""Deterministic runs: one seed, deterministic TensorFlow ops.

Both sides of a parity check call :func:`seed_everything` right before each
model is built, so that weight initialisation, dropout masks and the shuffling
inside ``fit`` draw from the same random streams in R and in Python.
"""

from __future__ import annotations

from keras_rparity.validation import check_scalar

_DETERMINISTIC_OPS = False


def enable_deterministic_ops() -> None:
    """Turn on TensorFlow op determinism once per process (idempotent)."""
    global _DETERMINISTIC_OPS
    if _DETERMINISTIC_OPS:
        return
    # Not through the TF_DETERMINISTIC_OPS variable: it would leak into child processes
    # (an R session started from here), where unseeded random ops then fail.
    import tensorflow as tf

    tf.config.experimental.enable_op_determinism()
    _DETERMINISTIC_OPS = True


def seed_everything(seed: int) -> int:
    """Seed Python, NumPy, TensorFlow and Keras, and make TF ops deterministic.

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
