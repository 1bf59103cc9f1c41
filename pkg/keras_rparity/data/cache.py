"""Where Keras keeps downloaded datasets, read at call time.

Keras' ``keras.utils.get_file`` caches files under ``$KERAS_HOME/datasets``
(``~/.keras/datasets`` when ``KERAS_HOME`` is unset). Keras itself reads
``KERAS_HOME`` once, when it is imported; these helpers read it on every call,
so a test (or user) that changes the variable later is still honoured. The data
layer passes the directory to ``get_file`` explicitly (``cache_dir=``), which
keeps Keras and keras-rparity looking in the same place.

Example:
>>> import os
>>> from unittest import mock
>>> with mock.patch.dict(os.environ, {"KERAS_HOME": "/tmp/example-keras-home"}):
...     print(keras_home(), datasets_dir())
/tmp/example-keras-home /tmp/example-keras-home/datasets
>>> with mock.patch.dict(os.environ):
...     _ = os.environ.pop("KERAS_HOME", None)
...     keras_home() == Path("~/.keras").expanduser()
True
"""

from __future__ import annotations

import os
from pathlib import Path

#: Sub-directory of the Keras home that ``get_file`` downloads datasets into.
DATASETS_SUBDIR = "datasets"


def keras_home() -> Path:
    """``$KERAS_HOME`` when set and non-empty, else ``~/.keras`` (``~`` expanded).

    Nothing is created.

    Example:
    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"KERAS_HOME": "~/custom-keras"}):
    ...     keras_home() == Path.home() / "custom-keras"
    True
    """
    value = os.environ.get("KERAS_HOME", "").strip()
    return Path(value).expanduser() if value else Path("~/.keras").expanduser()


def datasets_dir(home: str | os.PathLike[str] | None = None) -> Path:
    """The directory Keras' ``get_file`` caches datasets in: ``<home>/datasets``.

    Args:
        home: a Keras home directory; ``None`` means :func:`keras_home`.

    Nothing is created.

    Example:
    >>> datasets_dir("/srv/keras")
    PosixPath('/srv/keras/datasets')
    """
    if home is not None and not isinstance(home, (str, os.PathLike)):
        raise TypeError(f"home must be a path or None, got {type(home).__name__}")
    base = Path(home).expanduser() if home is not None else keras_home()
    return base / DATASETS_SUBDIR
