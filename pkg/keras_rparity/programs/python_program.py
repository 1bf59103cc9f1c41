"""A Python program: ordinary Keras code, run with its fits recorded.

The program needs no keras-rparity calls: for the duration of the run Keras is
instrumented (:mod:`keras_rparity.programs.instrument`), so every ``fit`` is
recorded, the knobs are applied and ``keras.datasets.*.load_data()`` serve the
same arrays the R side gets.

Example:
>>> PythonProgram("model.py").describe()
'model.py'
>>> PythonProgram(module="my_port").describe()
'module my_port'
"""

from __future__ import annotations

import runpy
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from keras_rparity.backend import backend_info
from keras_rparity.errors import (
    DatasetMissingError,
    InvalidArgumentError,
    RUnavailableError,
)
from keras_rparity.programs.failures import python_failure
from keras_rparity.programs.instrument import instrumented
from keras_rparity.programs.isolation import isolated
from keras_rparity.programs.run import Run
from keras_rparity.record import Knobs, RunContext


@dataclass(frozen=True)
class PythonProgram:
    """A ``.py`` file, an importable module (run as ``__main__``) or a function.

    Give exactly one of ``path``, ``module`` and ``function``.
    """

    path: str | Path | None = None
    module: str | None = None
    function: Callable[[], Any] | None = None

    def __post_init__(self) -> None:
        given = [v for v in (self.path, self.module, self.function) if v is not None]
        if len(given) != 1:
            raise InvalidArgumentError(
                "a Python program is one of: a .py file (path=), a module (module=) or a "
                f"function (function=); got {len(given)} of them")

    def describe(self) -> str:
        if self.path is not None:
            return str(self.path)
        if self.module is not None:
            return f"module {self.module}"
        return f"function {getattr(self.function, '__qualname__', self.function)}"

    def run(self, knobs: Knobs | None = None) -> Run:
        """Run the program with ``knobs``; every ``fit`` it makes is recorded.

        It runs in its own working folder, a view of its folder
        (:mod:`~keras_rparity.programs.isolation`), with standard input closed.

        Raises:
            ProgramError: the program failed: where and why in one line; ``.run`` holds
                the fits recorded before the failure.
        """
        self._check_exists()
        # resolved here: inside its working folder, a relative path names nothing
        program = Path(self.path).resolve() if self.path is not None else None
        ctx = RunContext(knobs=knobs or Knobs(), side="python")
        ctx.start()
        started = time.perf_counter()
        try:
            with isolated(self._folder(), "python"), instrumented(ctx):
                self._execute(program)
        except (DatasetMissingError, RUnavailableError):  # this machine's, not the program's
            raise
        except KeyboardInterrupt as stop:  # Ctrl-C or SIGTERM: what finished is kept
            stop.run = self._run(ctx, started)
            raise
        except Exception as exc:
            error = python_failure(exc, self._code_file(program), self._shown(), ctx)
            error.run = self._run(ctx, started)
            raise error from exc
        return self._run(ctx, started)

    def _run(self, ctx: RunContext, started: float) -> Run:
        return Run(self.describe(), "python", ctx.knobs, ctx.fits,
                   time.perf_counter() - started, ctx.data_sources, ctx.seeds_set,
                   ctx.recording_seconds, environment={"backend": backend_info()})

    def _folder(self) -> Path:
        """Where the program's relative paths start: its file's folder, else this one."""
        return Path(self.path).resolve().parent if self.path is not None else Path.cwd()

    def _code_file(self, program: Path | None) -> str | None:
        """The file the program's code is in, when there is one (``program``: its file)."""
        if program is not None:
            return str(program)
        if self.module is not None:
            import importlib.util

            try:
                spec = importlib.util.find_spec(self.module)
            except (ImportError, ValueError):
                return None
            return spec.origin if spec is not None else None
        code = getattr(self.function, "__code__", None)
        return code.co_filename if code is not None else None

    def _shown(self) -> str | None:
        return str(self.path) if self.path is not None else None

    def _check_exists(self) -> None:
        if self.path is not None and not Path(self.path).is_file():
            raise FileNotFoundError(f"Python program not found: {self.path}")

    def _execute(self, program: Path | None) -> None:
        """Run the program as ``python model.py`` would (``program``: its file, resolved):
        as ``__main__``, its folder first on ``sys.path`` (for its own helper modules);
        ``sys.exit(0)`` ends it normally."""
        try:
            if program is not None:
                folder = str(program.parent)
                sys.path.insert(0, folder)
                try:
                    runpy.run_path(str(program), run_name="__main__")
                finally:
                    sys.path.remove(folder)
            elif self.module is not None:
                runpy.run_module(self.module, run_name="__main__", alter_sys=False)
            else:
                self.function()
        except SystemExit as stop:
            if stop.code not in (None, 0):
                raise InvalidArgumentError(
                    f"the Python program {self.describe()} exited with status {stop.code}"
                ) from stop
