"""The in-process R bridge: one embedded R per Python process.

R starts on first use (through rpy2), binds reticulate to this interpreter,
loads an R Keras API (the real ``keras3`` package when installed, else our
own layer in ``keras_rparity/r/keras_api``) and the bridge's hooks, then
runs R programs inside ``handoff.running(ctx)``: a
:class:`~keras_rparity.record.RunContext` supplying their knobs and collecting their fits.

Example (starts R in this process):
>>> from keras_rparity.bridge import get_bridge
>>> get_bridge().eval("1 + 1")
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
from keras_rparity.bridge.r_api_cache import api_cache_dir
from keras_rparity.bridge.r_datasets import bind_dataset_function
from keras_rparity.bridge.r_errors import clean_message, take_python_error, user_call
from keras_rparity.bridge.r_keras_api import (
    ApiChoice,
    Keras3Probe,
    choose_api,
    requested_api,
)
from keras_rparity.bridge.r_runtime import check_reticulate, import_rpy2
from keras_rparity.bridge.shutdown import register_clean_exit
from keras_rparity.errors import RError, RQuitError, RUnavailableError
from keras_rparity.host import python_hosts_r, running_under_reticulate
from keras_rparity.interrupts import interruptible
from keras_rparity.record import RunContext


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
    api_choice: ApiChoice
    python: str
    same_process: bool


class RBridge:
    """Embedded R with a Keras API. Use :func:`get_bridge`, not this class, to get one."""

    def __init__(self, api: str = "auto") -> None:
        requested = requested_api(api)  # a bad name fails before R starts
        python_hosts_r()
        self._ro = import_rpy2()
        self._r = self._ro.r
        # Registered before anything loads reticulate: its exit finalizer (>= 1.43)
        # would otherwise hang the process at exit under rpy2 (see bridge/shutdown.py).
        if not running_under_reticulate():  # when R hosts Python, R ends itself
            register_clean_exit(str(self._r("R.home()")[0]))
        self.reticulate_version = check_reticulate(self._ro)
        # The bridge's own R functions live in their own environment, not in the global
        # one: when R hosts this Python (reticulate), that is the user's workspace.
        self._support = self._r["new.env"]()
        self._r["sys.source"](str(r_dir() / "bridge.R"), envir=self._support)
        self._bind_python()
        self.api_choice = self._choose_api(requested)
        self.api = self.api_choice.api
        api_env = (self._support_fn("rparity_load_keras3_api")() if self.api == "keras3"
                   else self._support_fn("rparity_load_builtin_api")(
                       str(r_dir() / "keras_api"), api_cache_dir() or self._ro.NULL))
        hook_files = self._ro.StrVector([str(r_dir() / name) for name in (
            "hooks.R", "datasets.R", "program_packages.R")])
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

    def _choose_api(self, requested: str) -> ApiChoice:
        """keras3 or our layer (:mod:`~keras_rparity.bridge.r_keras_api`); "builtin"
        never loads keras3."""
        probe = None if requested == "builtin" else self.probe_keras3(load=True)
        return choose_api(requested, probe)

    def probe_keras3(self, load: bool = False) -> Keras3Probe:
        """Whether keras3 is installed, its version and (``load``) whether it loads."""
        if not hasattr(self, "_probe_env"):
            self._probe_env = self._r["new.env"]()
            self._r["sys.source"](str(r_dir() / "keras3_probe.R"), envir=self._probe_env)
        found = to_python(self._probe_env.find("rparity_probe_keras3")(load=load))
        return Keras3Probe(bool(found["installed"]), found["version"], found["load_error"])

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
        env = self._support_fn("rparity_program_env")(parent)
        status = self._eval_interruptible(parsed.rx2("exprs"), env)
        for message in _as_list(status["warnings"]):
            warnings.warn(f"R warning ({origin}): {message}", RWarning, stacklevel=3)
        if not status["ok"]:
            raise _r_error(status, origin)
        try:
            return to_python(env.find(".rparity_value"))
        except KeyError:  # nothing was evaluated
            return None

    def _eval_interruptible(self, exprs: Any, env: Any) -> dict[str, Any]:
        """``rparity_eval_exprs`` with Ctrl-C turned into ``KeyboardInterrupt``."""
        with interruptible() as interrupt:
            try:
                status = to_python(self._support_fn("rparity_eval_exprs")(
                    exprs, env, self._hooks if hasattr(self, "_hooks") else self._ro.NULL))
            except Exception:
                if interrupt.requested:  # R unwound past the bridge's handlers
                    raise KeyboardInterrupt from None
                raise
        if interrupt.requested or status.get("interrupted"):
            raise KeyboardInterrupt
        return status

    def eval(self, code: str) -> Any:
        """Evaluate R code in a fresh environment that sees the Keras API; return the
        value of its last expression converted to Python.

        Example (starts R in this process):
        >>> get_bridge().eval("count_params(keras_model_sequential(input_shape = 3) %>% "
        ...                   "layer_dense(units = 2))")
        8.0
        """
        return self._eval_in(code, self._hooks, origin="<R code>")

    def py_value(self, code: str) -> Any:
        """Evaluate R code whose value is a Python object (or convertible to one) and
        return that Python object itself, as R holds it (e.g. a float32 NumPy array)."""
        with handoff.calling(handoff.Call()) as call:
            self.eval("reticulate::import('keras_rparity.bridge.handoff')$current_call()"
                      f"$set_result(local({{\n{code}\n}}))\nNULL")
        return call.result

    def call(self, function: str, *args: Any, **kwargs: Any) -> Any:
        """Call an R function with Python arguments; return the Python object R returns.

        ``function`` is R code evaluating to a function (``"loss_mean_squared_error()"``
        is a loss object, which R calls like a function). The arguments reach R as
        reticulate converts them (NumPy arrays become R arrays), exactly as R user data.
        Each call carries its own arguments and result (no shared stack).

        Example (starts R in this process):
        >>> get_bridge().call("function(x) x * 2", 21.0)
        42.0
        """
        with handoff.calling(handoff.Call(args, kwargs)) as call:
            self.eval(
                ".call <- reticulate::import('keras_rparity.bridge.handoff')$current_call()\n"
                f".f <- {function}\n"
                ".call$set_result(do.call(.f, c(.call$args(), .call$kwargs())))\nNULL")
        return call.result

    def run_program(self, path: str | Path, ctx: RunContext) -> RunContext:
        """Run an R program file in a fresh environment; its fits are recorded in ``ctx``."""
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"R program not found: {path}")
        with handoff.running(ctx):
            self._eval_in(None, self._hooks, origin=path.name, file=str(path))
        return ctx

    def run_code(self, code: str, ctx: RunContext, origin: str = "<R program>") -> RunContext:
        """Run R program text in a fresh environment; its fits are recorded in ``ctx``."""
        with handoff.running(ctx):
            self._eval_in(code, self._hooks, origin=origin)
        return ctx

    def collect_garbage(self) -> None:
        """R's ``gc()``: free the program's garbage (e.g. before Keras allocates for a fit).
        Safe inside a Python call R made (R -> reticulate -> Python -> here)."""
        self._ro.baseenv["gc"](verbose=False)

    def info(self) -> BridgeInfo:
        r = self._r
        return BridgeInfo(
            r_version=str(r("paste(R.version$major, R.version$minor, sep = '.')")[0]),
            r_home=str(r("R.home()")[0]),
            reticulate_version=self.reticulate_version,
            api=self.api,
            api_choice=self.api_choice,
            python=str(r("reticulate::py_config()$python")[0]),
            same_process=int(r("Sys.getpid()")[0]) == os.getpid(),
        )


def _r_error(status: dict[str, Any], origin: str) -> RError:
    """The RError for a failed evaluation: the user's call and line, a clean message."""
    line = status["line"]
    location = f"{origin}:{line}" if line is not None else origin
    if status.get("quit"):
        return RQuitError(str(status["message"]), None, location)
    python_error = take_python_error() if status.get("python_error") else None
    call = user_call(status["call"], status.get("user_call"))
    return RError(clean_message(str(status["message"])), call, location, python_error)


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
    elif requested_api(api) not in ("auto", _BRIDGE.api):
        raise RUnavailableError(f"R already runs with the {_BRIDGE.api!r} Keras API in this "
                                f"process; cannot switch to {requested_api(api)!r}: start a "
                                "new process")
    return _BRIDGE
