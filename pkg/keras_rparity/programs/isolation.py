"""Where a program runs: its own working folder, a view of its folder, with no standard input.

Both programs of a pair run in this one process, one after the other. Each runs in a
working folder of its own: a new temporary folder holding a symbolic link to every entry
of the program's folder. So both read the same inputs by the same relative paths (what
``python model.py`` or ``Rscript model.R`` run from the program's folder would read), and
each writes its own outputs: a model saved as ``m.keras`` by the Python side is not seen
by the R side, so neither meets Keras' overwrite prompt. The folder (links and outputs,
never what the links point to) is removed afterwards. A file written through an
existing link changes the program's own file, as a plain run would.

Standard input is closed while a program runs: Python's ``input()``, ``sys.stdin`` and
Keras' overwrite prompt raise :class:`~keras_rparity.errors.ProgramInputError` (R's
``readline()``/``readLines(stdin())`` are refused by the bridge, ``r/bridge.R``).
"""

from __future__ import annotations

import builtins
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from pathlib import Path

from keras_rparity.errors import ProgramInputError

#: What a program that asks for input is told.
NO_INPUT = ("the program asked for input, and keras-rparity runs programs with standard "
            "input closed: remove the prompt (Keras asks before overwriting a saved model: "
            "pass overwrite=True, or save under a new name)")


class _ClosedInput(io.TextIOBase):
    """``sys.stdin`` while a program runs: every read is refused with one clear line."""

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> str:
        raise ProgramInputError(NO_INPUT)

    def readline(self, size: int | None = -1) -> str:
        raise ProgramInputError(NO_INPUT)


def _refuse_input(prompt: object = "") -> str:
    raise ProgramInputError(NO_INPUT)


@contextmanager
def closed_input() -> Iterator[None]:
    """``input()`` and ``sys.stdin`` refuse to read within the block.

    Example:
    >>> with closed_input():
    ...     input("name? ")
    Traceback (most recent call last):
    ...
    keras_rparity.errors.ProgramInputError: the program asked for input, ...
    """
    stdin, ask = sys.stdin, builtins.input
    sys.stdin, builtins.input = _ClosedInput(), _refuse_input
    try:
        yield
    finally:
        sys.stdin, builtins.input = stdin, ask


@contextmanager
def working_folder(program_folder: str | Path, side: str) -> Iterator[Path]:
    """Run the block in a new folder that links every entry of ``program_folder``;
    the previous working folder is back, and the new one removed, afterwards.

    Example:
    >>> import tempfile
    >>> source = Path(tempfile.mkdtemp()); _ = (source / "data.csv").write_text("1")
    >>> with working_folder(source, "python") as here:
    ...     Path("data.csv").read_text(), Path.cwd() == here != source
    ('1', True)
    >>> here.exists()
    False
    """
    source = Path(program_folder).resolve()
    folder = Path(tempfile.mkdtemp(prefix=f"rparity-{side}-"))
    try:
        for entry in source.iterdir():
            (folder / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
        previous = os.getcwd()
        os.chdir(folder)
        try:
            yield folder
        finally:
            os.chdir(previous)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def isolated(program_folder: str | Path, side: str) -> Iterator[Path]:
    """Both of the above: the program's own working folder, no standard input."""
    with working_folder(program_folder, side) as folder, closed_input():
        yield folder


@contextmanager
def output_to_stderr() -> Iterator[None]:
    """Everything written to standard output within the block goes to standard error:
    Python's prints, Keras' progress bars, R's console (through rpy2) and C libraries
    alike (file descriptor 1 itself is pointed at 2), so stdout stays the caller's, e.g.
    for ``--json``."""
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)
    try:
        with redirect_stdout(sys.stderr):
            yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved, 1)
        os.close(saved)
