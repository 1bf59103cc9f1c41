"""Where Keras keeps downloaded datasets, read at call time, and whether it is usable.

Keras' ``keras.utils.get_file`` caches files under ``$KERAS_HOME/datasets``
(``~/.keras/datasets`` when ``KERAS_HOME`` is unset). Keras itself reads
``KERAS_HOME`` once, when it is imported; these helpers read it on every call,
so a test (or user) that changes the variable later is still honoured. The data
layer passes the directory to ``get_file`` explicitly (``cache_dir=``), which
keeps Keras and keras-rparity looking in the same place.

:func:`check_keras_cache` tells, before any training, whether that place can be used
(a ``KERAS_HOME`` pointing at a file or an unwritable folder fails there with one line
and the remedy, instead of a traceback after the first experiment).

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

from keras_rparity.errors import KerasRParityError

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


class KerasCacheError(KerasRParityError, OSError):
    """The Keras home (``$KERAS_HOME``, default ``~/.keras``) cannot hold the dataset cache."""


def _describe_home(home: str | os.PathLike[str] | None) -> tuple[str, str]:
    """How to name the Keras home in a message, and the usual way to fix it."""
    if home is not None:
        return f"the Keras home {Path(home).expanduser()}", "pass a folder you can write to"
    value = os.environ.get("KERAS_HOME", "").strip()
    if value:
        return (f"KERAS_HOME={value}",
                "point KERAS_HOME at a folder you can write to (or unset it to use ~/.keras)")
    return (f"the Keras home {keras_home()}",
            "make it a folder you can write to, or set KERAS_HOME to one")


def nearest_existing(path: Path) -> Path:
    """``path`` or its closest ancestor that exists (as seen by ``lstat``)."""
    for candidate in (path, *path.parents):
        if os.path.lexists(candidate):
            return candidate
    return Path(path.anchor or ".")


def writable(folder: Path) -> bool:
    """Whether files can be created in ``folder``."""
    return os.access(folder, os.W_OK | os.X_OK)


def keras_cache_problem(home: str | os.PathLike[str] | None = None) -> str | None:
    """Why the Keras dataset cache cannot be used, in one line with the remedy; ``None`` if it can.

    Looks only (creates nothing): the Keras home and its ``datasets`` folder must be
    folders, or be creatable, and be writable (Keras writes ``keras.json`` there, the
    data layer links or imports datasets there).

    Args:
        home: a Keras home to check; ``None`` means :func:`keras_home`.

    Example:
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> keras_cache_problem(folder / "new" / "home") is None  # missing but creatable
    True
    >>> _ = (folder / "a-file").write_text("x")
    >>> print(keras_cache_problem(folder / "a-file"))  # doctest: +ELLIPSIS
    the Keras home .../a-file is a file, not a folder, so Keras cannot keep datasets \
there. To fix: pass a folder you can write to.
    """
    what, fix = _describe_home(home)
    base = Path(home).expanduser() if home is not None else keras_home()
    datasets = base / DATASETS_SUBDIR
    if os.path.lexists(base) and not base.is_dir():
        return (f"{what} is a file, not a folder, so Keras cannot keep datasets there. "
                f"To fix: {fix}.")
    if os.path.lexists(datasets) and not datasets.is_dir():
        return (f"{datasets} is a file, not a folder, so Keras cannot keep datasets in "
                f"{what}. To fix: move that file away, or {fix}.")
    existing = nearest_existing(datasets)
    if not existing.is_dir():
        return (f"{what} cannot be created: {existing} is a file, not a folder. "
                f"To fix: {fix}.")
    if not writable(existing):
        if existing in (base, datasets):
            return (f"{what} is not writable ({existing}: permission denied), so datasets "
                    f"cannot be cached there. To fix: {fix}.")
        return (f"{what} does not exist and cannot be created: {existing} is not writable. "
                f"To fix: {fix}.")
    return None


def check_keras_cache(home: str | os.PathLike[str] | None = None) -> Path:
    """Check, before any training, that the Keras dataset cache is usable; return its folder.

    Call it first in every command that loads data (``run``, ``sweep``, ``parity``): a
    bad ``KERAS_HOME`` then fails at once with one clear line, not with a traceback
    after the first experiment. Creates nothing.

    Args:
        home: a Keras home to check; ``None`` means :func:`keras_home`.

    Returns:
        :func:`datasets_dir` of that home (it may not exist yet).

    Raises:
        KerasCacheError: saying what is wrong and how to fix it (see
            :func:`keras_cache_problem`).

    Example:
    >>> import os, tempfile
    >>> from unittest import mock
    >>> not_a_folder = tempfile.mkstemp()[1]
    >>> with mock.patch.dict(os.environ, {"KERAS_HOME": not_a_folder}):
    ...     check_keras_cache()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    keras_rparity.data.cache.KerasCacheError: KERAS_HOME=... is a file, not a folder, ...
    """
    problem = keras_cache_problem(home)
    if problem is not None:
        raise KerasCacheError(problem)
    return datasets_dir(home)
