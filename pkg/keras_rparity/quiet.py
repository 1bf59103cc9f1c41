"""Keep TensorFlow's start-up chatter out of the user's terminal.

Installed where Keras is first needed (:func:`keras_rparity.backend.prepare_keras`, which
every entry point calls before anything imports Keras), never on import: importing
keras_rparity leaves ``os.environ`` and ``sys.meta_path`` alone. TensorFlow 2.21 logs
its start-up notices (the absl "WARNING: All log messages before absl::InitializeLog()
...", the oneDNN notice, ``cpu_feature_guard``, CUDA probing) from C++ while its shared
libraries load, through absl, which ``TF_CPP_MIN_LOG_LEVEL`` no longer reaches. So the one
thing that works is to catch the process's standard error (file descriptor 2)
while ``tensorflow`` is imported, and to write back every line that is not one
of those notices. :class:`QuietImporter` does that for the first import of
TensorFlow in this process, whoever imports it (Keras, the sweep, R through
reticulate: R runs in this process too). Sweep workers install it as they start.

No setting that changes numbers is touched: ``TF_ENABLE_ONEDNN_OPTS`` stays as the
user has it (the notice says oneDNN is on; it stays on).

Example:
>>> is_startup_notice("I0000 00:00:1.0 1 port.cc:153] oneDNN custom operations are on.")
True
>>> is_startup_notice("ValueError: something real")
False
"""

from __future__ import annotations

import contextlib
import importlib.abc
import importlib.machinery
import itertools
import os
import re
import sys
import tempfile
import types
from collections.abc import Sequence

#: Modules whose first import prints start-up notices from C++.
NOISY_MODULES = ("tensorflow",)

#: Start-up notices TensorFlow prints that the user cannot act on.
STARTUP_NOTICES = re.compile(
    r"All log messages before absl::InitializeLog\(\) is called are written to STDERR"
    r"|oneDNN custom operations are on"
    r"|cpu_feature_guard"
    r"|This TensorFlow binary is optimized to use available CPU instructions"
    r"|To enable the following instructions: .* rebuild TensorFlow"
    r"|Unable to register cu(DNN|FFT|BLAS) factory"
    r"|computation placer already registered"
    r"|TF-TRT Warning: Could not find TensorRT"
    r"|Could not find cuda drivers on your machine"
    r"|failed call to cuInit"
    r"|cuda_executor\.cc|cuda_dnn\.cc|cuda_fft\.cc|cuda_blas\.cc"
)


def is_startup_notice(line: str) -> bool:
    """Is ``line`` one of TensorFlow's start-up notices?"""
    return STARTUP_NOTICES.search(line) is not None


def without_startup_notices(text: str) -> str:
    """``text`` minus TensorFlow's start-up notice lines.

    Example:
    >>> without_startup_notices("WARNING: All log messages before absl::InitializeLog() "
    ...                         "is called are written to STDERR\\nkept\\n")
    'kept\\n'
    """
    return "".join(line for line in text.splitlines(keepends=True)
                   if not is_startup_notice(line))


class _StderrFilter:
    """Send file descriptor 2 to a temporary file; on exit, write back what is not noise."""

    def __enter__(self) -> _StderrFilter:
        sys.stderr.flush()
        self._saved = os.dup(2)
        self._capture = tempfile.TemporaryFile(mode="w+b")
        os.dup2(self._capture.fileno(), 2)
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.flush()
        os.dup2(self._saved, 2)
        os.close(self._saved)
        self._capture.seek(0)
        kept = without_startup_notices(self._capture.read().decode("utf-8", "replace"))
        self._capture.close()
        if kept:
            sys.stderr.write(kept)
            sys.stderr.flush()


class _QuietLoader(importlib.abc.Loader):
    """Wraps a module's loader so that executing the module runs under a :class:`_StderrFilter`."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self._loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        with _StderrFilter():
            self._loader.exec_module(module)

    def __getattr__(self, name: str) -> object:  # resources, get_filename, ...
        return getattr(self._loader, name)


class QuietImporter(importlib.abc.MetaPathFinder):
    """Finds the noisy modules with the other finders and loads them quietly."""

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: types.ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in NOISY_MODULES:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _QuietLoader(spec.loader)
                return spec
        return None


def _is_the_command() -> bool:
    """Is this process the ``keras-rparity`` command (console script or ``-m``)?"""
    argv = list(getattr(sys, "orig_argv", sys.argv))
    program = os.path.basename(sys.argv[0]) if sys.argv else ""
    return program == "keras-rparity" or any(
        a == "-m" and b in ("keras_rparity", "keras_rparity.cli")
        for a, b in itertools.pairwise(argv))


def _interrupted_quietly(kind: type[BaseException], value: BaseException, tb: object) -> None:
    """Ctrl-C before the command's own handling is set up (while loading): one line."""
    if issubclass(kind, KeyboardInterrupt):
        sys.stderr.write("keras-rparity: interrupted\n")
        sys.stderr.flush()
        os._exit(130)
    sys.__excepthook__(kind, value, tb)


#: TensorFlow's C++ log level unless the user sets one (3: only fatal errors are shown).
TF_LOG_LEVEL = "3"


def install() -> None:
    """Load TensorFlow quietly from now on (no effect if it is already loaded): its C++
    log level defaults to :data:`TF_LOG_LEVEL`, and its first import is filtered.
    Idempotent."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", TF_LOG_LEVEL)
    if not any(isinstance(f, QuietImporter) for f in sys.meta_path):
        sys.meta_path.insert(0, QuietImporter())


def quiet_command_start() -> None:
    """For the ``keras-rparity`` command's process only: Ctrl-C while it loads is one line."""
    if _is_the_command():
        sys.excepthook = _interrupted_quietly
