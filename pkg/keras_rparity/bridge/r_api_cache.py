"""Where the bundled R Keras layer keeps its byte-compiled form between processes.

Sourcing the layer's generated R files and leaving R to compile each function at its
first calls is paid by every process; ``r/bridge.R`` (``rparity_load_builtin_api``)
instead reads the layer byte-compiled from one file named by a hash of the layer's
files, and writes that file when it is missing. When the folder cannot be written the
layer is sourced as before.

Example:
>>> api_cache_dir({"KERAS_RPARITY_CACHE": "/tmp/kr"}), api_cache_dir({"KERAS_RPARITY_CACHE": ""})
('/tmp/kr/r-keras-api', None)
>>> api_cache_dir({"XDG_CACHE_HOME": "/c", "HOME": "/h"})
'/c/keras-rparity/r-keras-api'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

#: The variable naming the cache folder (empty: no cache).
CACHE_VARIABLE = "KERAS_RPARITY_CACHE"


def api_cache_dir(environ: Mapping[str, str] | None = None) -> str | None:
    """The layer's cache folder: ``$KERAS_RPARITY_CACHE/r-keras-api``, else
    ``$XDG_CACHE_HOME/keras-rparity/r-keras-api`` (``~/.cache`` by default); ``None``
    when ``KERAS_RPARITY_CACHE`` is set empty (always source the layer)."""
    environ = os.environ if environ is None else environ
    if CACHE_VARIABLE in environ:
        root = environ[CACHE_VARIABLE]
        return str(Path(root) / "r-keras-api") if root else None
    base = environ.get("XDG_CACHE_HOME") or str(Path(environ.get("HOME", "~")) / ".cache")
    return str(Path(base).expanduser() / "keras-rparity" / "r-keras-api")
