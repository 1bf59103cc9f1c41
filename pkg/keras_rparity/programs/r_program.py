"""An R program: a ``.R`` file or R code as text, run in this process through the bridge.

The bridge evaluates it with the Keras API in use (the bundled R layer or keras3). Every
``fit`` it makes ends in ``keras.Model.fit`` in this process, instrumented as for Python
programs (:mod:`keras_rparity.programs.instrument`), and the seed rule is applied on the
Keras objects it creates: one code path records both languages. The R side's own step:
R's garbage is collected right before each fit, so Keras allocates into a lean process.

Example:
>>> RProgram("model.R").describe()
'model.R'
>>> RProgram(code="x <- 1").describe()
'<R code>'
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from keras_rparity.backend import backend_info
from keras_rparity.errors import InvalidArgumentError, RError
from keras_rparity.programs.failures import r_failure
from keras_rparity.programs.instrument import instrumented
from keras_rparity.programs.isolation import isolated
from keras_rparity.programs.run import Run
from keras_rparity.record import Knobs, RunContext


@dataclass(frozen=True)
class RProgram:
    """A ``.R`` file (``path``) or R program text (``code``); give exactly one."""

    path: str | Path | None = None
    code: str | None = None

    def __post_init__(self) -> None:
        if (self.path is None) == (self.code is None):
            raise InvalidArgumentError("an R program is either a .R file (path=) or R code "
                                       "(code=); give exactly one")

    def describe(self) -> str:
        return str(self.path) if self.path is not None else "<R code>"

    def run(self, knobs: Knobs | None = None) -> Run:
        """Run the program in R with ``knobs``; every ``fit`` it makes is recorded.

        It runs in its own working folder, a view of its folder
        (:mod:`~keras_rparity.programs.isolation`), with standard input closed.

        Raises:
            RError: the program failed (a :class:`~keras_rparity.errors.ProgramError`:
                where and why in one line); ``.run`` holds the fits recorded before.
        """
        from keras_rparity.bridge import get_bridge

        if self.path is not None and not Path(self.path).is_file():
            raise FileNotFoundError(f"R program not found: {self.path}")
        bridge = get_bridge()
        ctx = RunContext(knobs=knobs or Knobs(), side="r", before_fit=bridge.collect_garbage)
        ctx.start()
        started = time.perf_counter()
        folder = Path(self.path).resolve().parent if self.path is not None else Path.cwd()
        try:
            with isolated(folder, "r"), instrumented(ctx):
                if self.path is not None:
                    bridge.run_program(folder / Path(self.path).name, ctx)
                else:
                    bridge.run_code(self.code, ctx)
        except RError as error:
            failure = r_failure(error, ctx)
            failure.run = self._run(ctx, started, bridge)
            if failure is error:
                raise
            raise failure from error
        return self._run(ctx, started, bridge)

    def _run(self, ctx: RunContext, started: float, bridge: Any) -> Run:
        return Run(self.describe(), "r", ctx.knobs, ctx.fits, time.perf_counter() - started,
                   ctx.data_sources, ctx.seeds_set, ctx.recording_seconds,
                   environment={"backend": backend_info(),
                                "r_keras_api": bridge.api_choice.describe(),
                                "reticulate": bridge.reticulate_version})
