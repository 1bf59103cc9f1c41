"""Checks a command makes before any training: files it reads, folders it writes (the
Keras cache is checked by the data layer). Each failure is one line with the remedy, at once, not a
traceback after minutes of training.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

from keras_rparity.data.cache import nearest_existing, writable
from keras_rparity.errors import KerasRParityError


class PreflightError(KerasRParityError, OSError):
    """A path a command needs is unusable; the message says which and how to fix it."""


def check_input_file(path: str | Path, what: str) -> Path:
    """``path`` is a readable file, else one line saying what is wrong with it.

    Example:
    >>> check_input_file("/nonexistent/prog.R", "R program")
    Traceback (most recent call last):
    ...
    keras_rparity.cli.preflight.PreflightError: no such R program: /nonexistent/prog.R \
(check the path)
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise PreflightError(f"{path} is a folder; give the {what} file")
    if not path.is_file():
        raise PreflightError(f"no such {what}: {path} (check the path)")
    if not os.access(path, os.R_OK):
        raise PreflightError(f"cannot read the {what} {path}: permission denied")
    return path


def existing_file(what: str) -> Callable[[str], Path]:
    """An argparse ``type=`` for a file that must exist (checked before R or Keras start).

    Example:
    >>> existing_file("R program")("/nonexistent/prog.R")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: no such R program: /nonexistent/prog.R (check the path)
    """

    def parse(text: str) -> Path:
        try:
            return check_input_file(text, what)
        except PreflightError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return parse


def check_output_folder(folder: str | Path, option: str = "--out") -> Path:
    """``folder`` can be created (or exists) and written to; nothing is created.

    Example:
    >>> import tempfile
    >>> check_output_folder(Path(tempfile.mkdtemp()) / "report").name
    'report'
    >>> check_output_folder("/dev/null/report")
    Traceback (most recent call last):
    ...
    keras_rparity.cli.preflight.PreflightError: the report folder /dev/null/report cannot be \
created: /dev/null is not a folder; choose another with --out DIR
    """
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise PreflightError(f"the report folder {folder} is a file; choose a folder with "
                             f"{option} DIR")
    existing = nearest_existing(folder)
    if not existing.is_dir():
        raise PreflightError(f"the report folder {folder} cannot be created: {existing} is "
                             f"not a folder; choose another with {option} DIR")
    if not writable(existing):
        raise PreflightError(f"the report folder {folder} cannot be written ({existing}: "
                             f"permission denied); choose another with {option} DIR")
    return folder
