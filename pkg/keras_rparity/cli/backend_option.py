"""The ``--backend`` option, one definition for every command that trains.

A command adds it with :func:`add_backend_option` and calls :func:`apply_backend`
first thing in its ``main``, before anything imports Keras.

Example:
>>> import argparse
>>> parser = argparse.ArgumentParser()
>>> add_backend_option(parser)
>>> parser.parse_args(["--backend", "torch"]).backend
'torch'
>>> parser.parse_args([]).backend is None
True
"""

from __future__ import annotations

import argparse

from keras_rparity.backend import BACKENDS, DEFAULT_BACKEND, use_backend


def add_backend_option(parser: argparse.ArgumentParser) -> None:
    """``--backend tensorflow|jax|torch`` (default: ``$KERAS_BACKEND``, else TensorFlow)."""
    parser.add_argument(
        "--backend", choices=BACKENDS, default=None,
        help=f"Keras backend for both sides (default: $KERAS_BACKEND, else {DEFAULT_BACKEND}); "
             "R runs on the same one, in the same process")


def apply_backend(args: argparse.Namespace) -> str:
    """Choose the backend the parsed ``--backend`` names (or ``$KERAS_BACKEND``) for
    this process; returns its name. Call before anything imports Keras."""
    return use_backend(getattr(args, "backend", None))
