"""The in-process R bridge: one embedded R per Python process.

R starts on first use (through rpy2), binds reticulate to this interpreter,
loads an R Keras API (the real ``keras3`` package when installed, else our
own layer in ``keras_rparity/r/keras_api``) and the bridge's hooks, then
runs R programs with a :class:`~keras_rparity.experiments.context.RunContext`
supplying their knobs and collecting their fits.

Example (needs R):
>>> from keras_rparity.bridge import get_bridge
>>> get_bridge().eval("1 + 1")  # doctest: +SKIP
2.0
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from keras_rparity.bridge import handoff
from keras_rparity.bridge.convert import to_python
from keras_rparity.bridge.r_datasets import bind_dataset_function
from keras_rparity.bridge.r_runtime import check_reticulate, import_rpy2
from keras_rparity.errors import InvalidChoiceError, RError, RUnavailableError
from keras_rparity.experiments.context import RunContext

#: Which R Keras API to load: "auto" (keras3 if installed, else ours), "keras3" or "builtin".
API_CHOICES = ("auto", "keras3", "builtin")


class RWarning(UserWarning):
    """A warning raised by R code, forwarded to Python."""


def r_dir() -> Path:
    """The R side of the package (package data)."""
    return Path(str(resources.files("keras_rparity") / "r"))


@dataclass(frozen=True)
class BridgeInfo:
    r_version: str
    r_home: str
    reticulate_version: str
    api: str
    python: str
    same_process: bool


class RBridge:
    """Embedded R with a Keras API. Use :func:`get_bridge`, not this class, to get one."""

    def __init__(self, api: str = "auto") -> None:
        if api not in API_CHOICES:
            raise InvalidChoiceError("R Keras API", api, API_CHOICES)
        self._ro = import_rpy2()
        self.reticulate_version = check_reticulate(self._ro)
        self._r = self._ro.r
        # The bridge's own R functions live in their own environment, not in the global
        # one: when R hosts this Python (reticulate), that is the user's workspace.
        self._support = self._r["new.env"]()
        self._r["sys.source"](str(r_dir() / "bridge.R"), envir=self._support)
        self._bind_python()
        self.api = self._choose_api(api)
        api_env = (self._support_fn("rparity_load_keras3_api")() if self.api == "keras3"
                   else self._support_fn("rparity_load_builtin_api")(str(r_dir() / "keras_api")))
        hook_files = self._ro.StrVector([str(r_dir() / "hooks.R"), str(r_dir() / "datasets.R")])
        self._hooks = self._support_fn("rparity_make_hooks")(api_env, hook_files)
        bind_dataset_function(self._hooks)

    def _support_fn(self, name: str) -> Any:
        """One of the bridge's R functions (``r/bridge.R``)."""
        return self._support.find(name)

    # -- start-up -------------------------------------------------------------------------
    def _bind_python(self) -> None:
        """Bind reticulate to this interpreter and check it really is this process."""
        # RETICULATE_PYTHON (set by import_rpy2) is enough: reticulate finds Python already
        # running in this process. Do not call use_python() here: with reticulate 1.41 it
        # makes the first Python call from R crash the embedded process.
        pid = int(self._eval_in(
            "reticulate::py_eval('__import__(\"os\").getpid()')",
            self._ro.globalenv, origin="<bridge start-up>"))
        if pid != os.getpid():
            raise RUnavailableError(
                f"reticulate bound to another Python process (pid {pid}, ours {os.getpid()})")

    def _choose_api(self, api: str) -> str:
        if api == "auto":
            api = os.environ.get("KERAS_RPARITY_R_API", "auto")
            if api not in API_CHOICES:
                raise InvalidChoiceError("KERAS_RPARITY_R_API", api, API_CHOICES)
        has_keras3 = bool(self._r('isTRUE(requireNamespace("keras3", quietly = TRUE))')[0])
        if api == "keras3" and not has_keras3:
            raise RUnavailableError("KERAS_RPARITY_R_API=keras3, but the R package keras3 "
                                    "is not installed; use 'builtin' or install keras3 from CRAN.")
        if api == "auto":
            return "keras3" if has_keras3 else "builtin"
        return api

    # -- evaluation -----------------------------------------------------------------------
    def _eval_in(self, code: str | None, parent: Any, origin: str,
                 file: str | None = None) -> Any:
        """Parse and evaluate R code in a new environment under ``parent``.

        Raises :class:`RError` (R's message, call and line) on failure; returns the
        value of the last expression converted to Python.
        """
        parsed = self._support_fn("rparity_parse")(file=file or self._ro.NULL,
                                                   text=code or self._ro.NULL)
        if not to_python(parsed.rx2("ok")):
            raise RError(str(parsed.rx2("message")[0]), None, origin)
        env = self._r["new.env"](parent=parent)
        status = to_python(self._support_fn("rparity_eval_exprs")(parsed.rx2("exprs"), env))
        for message in _as_list(status["warnings"]):
            warnings.warn(f"R warning ({origin}): {message}", RWarning, stacklevel=3)
        if not status["ok"]:
            line = status["line"]
            location = f"{origin}:{line}" if line is not None else origin
            raise RError(str(status["message"]), status["call"], location)
        try:
            return to_python(env.find(".rparity_value"))
        except KeyError:  # nothing was evaluated
            return None

    def eval(self, code: str) -> Any:
        """Evaluate R code in a fresh environment that sees the Keras API; return the
        value of its last expression converted to Python.

        Example (needs R):
        >>> get_bridge().eval("count_params(keras_model_sequential(input_shape = 3) %>% "
        ...                   "layer_dense(units = 2))")  # doctest: +SKIP
        8.0
        """
        return self._eval_in(code, self._hooks, origin="<R code>")

    def py_value(self, code: str) -> Any:
        """Evaluate R code whose value is a Python object (or convertible to one) and
        return that Python object itself, as R holds it (e.g. a float32 NumPy array)."""
        self.eval("reticulate::import('keras_rparity.bridge.handoff')$stash(local({\n"
                  f"{code}\n}}))\nNULL")
        return handoff.take()

    def call(self, function: str, *args: Any, **kwargs: Any) -> Any:
        """Call an R function with Python arguments; return the Python object R returns.

        ``function`` is R code evaluating to a function (``"loss_mean_squared_error()"``
        is a loss object, which R calls like a function). The arguments reach R as
        reticulate converts them (NumPy arrays become R arrays), exactly as R user data.

        Example (needs R):
        >>> get_bridge().call("function(x) x * 2", 21.0)  # doctest: +SKIP
        42.0
        """
        handoff.give_args(args, kwargs)
        return self.py_value(
            f".f <- {function}\n"
            ".a <- reticulate::import('keras_rparity.bridge.handoff')$take_args()\n"
            "do.call(.f, c(.a[[1]], .a[[2]]))")

    def run_program(self, path: str | Path, ctx: RunContext) -> RunContext:
        """Run an R program in a fresh environment; its fits are recorded in ``ctx``."""
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"R program not found: {path}")
        handoff.set_current(ctx)
        try:
            self._eval_in(None, self._hooks, origin=path.name, file=str(path))
        finally:
            handoff.set_current(None)
        return ctx

    def info(self) -> BridgeInfo:
        r = self._r
        return BridgeInfo(
            r_version=str(r("paste(R.version$major, R.version$minor, sep = '.')")[0]),
            r_home=str(r("R.home()")[0]),
            reticulate_version=self.reticulate_version,
            api=self.api,
            python=str(r("reticulate::py_config()$python")[0]),
            same_process=int(r("Sys.getpid()")[0]) == os.getpid(),
        )


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


_BRIDGE: RBridge | None = None


def get_bridge(api: str = "auto") -> RBridge:
    """The process-wide bridge (R starts once per process)."""
    global _BRIDGE
    if _BRIDGE is None:
        _BRIDGE = RBridge(api)
    elif api not in ("auto", _BRIDGE.api):
        raise RUnavailableError(f"R already runs with the {_BRIDGE.api!r} Keras API in this "
                                f"process; cannot switch to {api!r}")
    return _BRIDGE
