"""A program pair: an R program and its Python port, meant to train the same models.

Example:
>>> pair = ProgramPair.from_files("model.R", "model.py")
>>> pair.name, pair.r.describe(), pair.python.describe()
('model', 'model.R', 'model.py')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from keras_rparity.errors import InvalidArgumentError, InvalidChoiceError
from keras_rparity.programs.python_program import PythonProgram
from keras_rparity.programs.r_program import RProgram
from keras_rparity.programs.run import SIDES, Run
from keras_rparity.record import Knobs


def _swapped(program: object, given_as: str) -> None:
    """Refuse a Python file given as the R program, or an R file as the Python one.

    Example:
    >>> _swapped("model.R", "python")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    keras_rparity.errors.InvalidArgumentError: model.R is an R program, given as the ...
    >>> _swapped("model.py", "python")
    """
    if not isinstance(program, (str, Path)):
        return
    suffix = Path(program).suffix.lower()
    if given_as == "python" and suffix == ".r":
        raise InvalidArgumentError(
            f"{program} is an R program, given as the Python program: give it as --r (r=) "
            "and its Python port as --python (python=)")
    if given_as == "r" and suffix == ".py":
        raise InvalidArgumentError(
            f"{program} is a Python program, given as the R program: give it as --python "
            "(python=) and the R program as --r (r=)")


def as_r_program(program: RProgram | str | Path) -> RProgram:
    """An :class:`RProgram` from a program or the path of a ``.R`` file."""
    if isinstance(program, RProgram):
        return program
    _swapped(program, "r")
    if isinstance(program, (str, Path)):
        return RProgram(path=Path(program))
    raise InvalidArgumentError(f"`r` must be the path of a .R file or an RProgram; got "
                               f"{type(program).__name__}")


def as_python_program(program: PythonProgram | str | Path | Callable[[], Any]) -> PythonProgram:
    """A :class:`PythonProgram` from a program, a ``.py`` path, a module name or a function.

    Example:
    >>> as_python_program("pkg.port").module, str(as_python_program("port.py").path)
    ('pkg.port', 'port.py')
    """
    if isinstance(program, PythonProgram):
        return program
    _swapped(program, "python")
    if isinstance(program, Path) or (isinstance(program, str) and
                                     (program.endswith(".py") or "/" in program)):
        return PythonProgram(path=Path(program))
    if isinstance(program, str) and program.replace(".", "").replace("_", "").isalnum():
        return PythonProgram(module=program)
    if callable(program):
        return PythonProgram(function=program)
    raise InvalidArgumentError("`python` must be the path of a .py file, a module name, a "
                               f"function or a PythonProgram; got {program!r}")


@dataclass(frozen=True)
class ProgramPair:
    """An R program and its Python port.

    Attributes:
        name: short name (the file stem for pairs found on disk).
        r, python: the two programs.
        loss_aliases: short names accepted for fit labels (``mse`` -> ``mean_squared_error``).
    """

    name: str
    r: RProgram
    python: PythonProgram
    loss_aliases: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_files(cls, r: str | Path | RProgram, python: str | Path | PythonProgram,
                   name: str | None = None) -> ProgramPair:
        """A pair named after the R program's file (``name`` overrides it)."""
        r_program = as_r_program(r)
        default = Path(r_program.path).stem if r_program.path is not None else "R code"
        return cls(name or default, r_program, as_python_program(python))

    def run(self, side: str, knobs: Knobs | None = None) -> Run:
        """Run one side (``"r"`` or ``"python"``)."""
        if side not in SIDES:
            raise InvalidChoiceError("side", side, SIDES)
        run = (self.r if side == "r" else self.python).run(knobs)
        run.loss_aliases = dict(self.loss_aliases)
        return run
