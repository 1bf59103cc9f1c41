"""CIFAR-10 from Keras' cache: loading it, and saying what is on this machine.

The batch format is :mod:`~keras_rparity.data.cifar10_format`; where the archive lives
and how one is checked and imported is :mod:`~keras_rparity.data.cifar10_archive`
(:func:`import_cifar10` and :func:`check_cifar10_archive` are importable from here too).

**Which copy is loaded.** :func:`load_cifar10` uses the official data whenever
Keras' archive is present with the right hash; otherwise an imported unofficial
copy; otherwise it raises :class:`DatasetMissingError` without touching the
network, unless ``download=True``. The returned :class:`~keras_rparity.data.dataset.Dataset`
says which in ``source`` (one of :data:`SOURCES`), so results made on a fixture can
always be labelled as such.

**Subsets.** ``per_class`` follows :mod:`keras_rparity.data.subsets` (the first
``per_class`` images of each class); its ``first_per_class`` is also importable
from here.

Example (a synthetic fixture in a throw-away Keras home):
>>> import tempfile
>>> from keras_rparity.data.cifar10_fixture import install_cifar10_fixture
>>> home = tempfile.mkdtemp()
>>> _ = install_cifar10_fixture(home, per_batch=10)
>>> data = load_cifar10(per_class=1, keras_home=home)
>>> data.source, data.train[0].shape, data.train[1].shape, data.test[0].dtype.name
('fixture', (10, 32, 32, 3), (10, 1), 'uint8')
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from keras_rparity.data import cifar10_archive as archive
from keras_rparity.data.cache import check_keras_cache
from keras_rparity.data.cifar10_archive import (
    IMPORT_COMMAND,
    REMEDY,
    Cifar10Paths,
    PathLike,
    cifar10_paths,
    imported_source,
    official_archive_state,
    read_source_marker,
)
from keras_rparity.data.cifar10_archive import ImportResult as ImportResult  # re-exported
from keras_rparity.data.cifar10_archive import check_cifar10_archive as check_cifar10_archive
from keras_rparity.data.cifar10_archive import import_cifar10 as import_cifar10
from keras_rparity.data.cifar10_format import BATCHES_DIRNAME, read_batches
from keras_rparity.data.cifar10_format import CLASS_NAMES as CLASS_NAMES  # re-exported
from keras_rparity.data.dataset import Availability, Dataset
from keras_rparity.data.subsets import first_per_class as first_per_class  # re-exported
from keras_rparity.errors import DatasetCorruptError, DatasetMissingError
from keras_rparity.validation import check_scalar

#: Values of ``Dataset.source`` for CIFAR-10, and how to say each in one line.
SOURCES = {
    "cifar-10": "official CIFAR-10",
    "unofficial": "unofficial CIFAR-10-format",
    "fixture": "synthetic FIXTURE (not CIFAR-10)",
    "synthetic": "synthetic CIFAR-format stand-in (not CIFAR-10)",
}


def _missing_message(paths: Cifar10Paths) -> str:
    message = (f"CIFAR-10 is not on this machine: looked for {paths.keras_archive} (the "
               f"archive Keras downloads, then checks by SHA-256) and for an imported copy in "
               f"{paths.unofficial_dir}. To fix: {REMEDY}.")
    if paths.legacy_archive.is_file():
        message += (f" An older Keras download is at {paths.legacy_archive}; import it "
                    "with the first command.")
    return message


def _keras_get_file(keras_home: Path) -> str:
    """``keras.utils.get_file`` with the arguments ``keras.datasets.cifar10`` uses."""
    from keras.utils import get_file

    return get_file(fname=archive.KERAS_FNAME, origin=archive.KERAS_ORIGIN, extract=True,
                    file_hash=archive.KERAS_SHA256, cache_dir=str(keras_home))


def _load_official(paths: Cifar10Paths, state: str) -> Path:
    """The official batches folder, via Keras' ``get_file`` (which downloads if needed)."""
    check_keras_cache(paths.datasets.parent)
    paths.datasets.mkdir(parents=True, exist_ok=True)  # else get_file falls back to /tmp
    try:
        extracted = _keras_get_file(paths.datasets.parent)
    except Exception as exc:  # Keras raises a bare Exception for network failures
        if state == "ok":
            raise DatasetCorruptError(
                f"Keras could not extract {paths.keras_archive}: {exc}") from exc
        raise DatasetMissingError(
            f"could not download CIFAR-10 from {archive.KERAS_ORIGIN} ({exc}). Check the "
            f"internet connection, or import an archive you already have: "
            f"`{IMPORT_COMMAND}`.") from exc
    return Path(extracted) / BATCHES_DIRNAME


def _batches_folder(paths: Cifar10Paths, download: bool) -> tuple[Path, str]:
    """The ``cifar-10-batches-py`` folder to read, and its source; raises when there is none."""
    state = official_archive_state(paths)
    if state == "ok" or download:
        return _load_official(paths, state), "cifar-10"
    if state == "bad-hash":
        raise DatasetCorruptError(
            f"{paths.keras_archive} is not the official CIFAR-10 archive (its SHA-256 differs: "
            f"an interrupted download?), so Keras would download it again. Delete it, then "
            f"{REMEDY}.")
    source = imported_source(paths)
    if source is None:
        raise DatasetMissingError(_missing_message(paths))
    return paths.unofficial_dir / BATCHES_DIRNAME, source


def load_cifar10(per_class: int | float | None = None, *, download: bool = False,
                 keras_home: PathLike | None = None) -> Dataset:
    """CIFAR-10 from Keras' cache (see the module docs for where and in which order).

    Args:
        per_class: keep only the first ``per_class`` images of each class of the train
            and of the test split (see :mod:`keras_rparity.data.subsets`); ``None`` keeps
            all (50,000 + 10,000 for the official data).
        download: when the official data is absent, let Keras download it (needs
            internet). Without it, nothing is downloaded.
        keras_home: the Keras home to read (default ``$KERAS_HOME`` or ``~/.keras``).

    Returns:
        A :class:`~keras_rparity.data.dataset.Dataset` named ``"cifar10"``: ``x``
        ``uint8 (n, 32, 32, 3)`` (channels last), ``y`` ``uint8 (n, 1)`` with class codes
        0..9 (:data:`CLASS_NAMES`); ``source`` tells the official data from a fixture,
        ``path`` is the ``cifar-10-batches-py`` folder read. For the official data the
        arrays equal ``keras.datasets.cifar10.load_data()``'s.

    Raises:
        DatasetMissingError: the data is absent and ``download`` is False (the message
            names where it looked and how to get the data), or the download failed.
        DatasetCorruptError: the cached archive or batches are damaged.

    Example:
    >>> load_cifar10(per_class=2.5)
    Traceback (most recent call last):
    ...
    keras_rparity.errors.InvalidArgumentError: `per_class` must be a positive whole number; \
got 2.5
    """
    count = check_scalar(per_class, "per_class", allow_none=True)
    if not isinstance(download, bool):
        raise TypeError(f"download must be True or False, got {download!r}")
    folder, source = _batches_folder(cifar10_paths(keras_home), download)
    train, test = read_batches(folder, remedy=f"import the archive again: `{IMPORT_COMMAND}`")
    data = Dataset("cifar10", train=train, test=test, source=source, path=str(folder),
                   class_names=CLASS_NAMES)
    return data if count is None else data.first_per_class(count)


# --- status ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cifar10Status:
    """Whether CIFAR-10 can be loaded offline, from where, and what it is (a key of
    :data:`SOURCES`, ``""`` when absent)."""

    present: bool
    location: str
    source: str
    details: str


def cifar10_status(keras_home: PathLike | None = None) -> Cifar10Status:
    """What :func:`load_cifar10` would use, without loading (hashes Keras' archive once).

    Example:
    >>> import tempfile
    >>> cifar10_status(tempfile.mkdtemp()).present
    False
    """
    paths = cifar10_paths(keras_home)
    state = official_archive_state(paths)
    if state == "ok":
        record = read_source_marker(paths.keras_dir)
        how = (f"imported by keras-rparity {record.get('imported', '')}".rstrip()
               if record else "downloaded by Keras")
        return Cifar10Status(True, str(paths.keras_dir), "cifar-10",
                             f"official archive ({how}), SHA-256 checked")
    if state == "bad-hash":
        return Cifar10Status(False, str(paths.keras_archive), "",
                             "archive has the wrong SHA-256 (interrupted download?)")
    source = imported_source(paths)
    if source is not None:
        record = read_source_marker(paths.unofficial_dir) or {}
        what = ("synthetic fixture, NOT CIFAR-10" if source == "fixture"
                else f"unofficial archive, md5 {record.get('md5', '?')}")
        return Cifar10Status(True, str(paths.unofficial_dir), source,
                             f"{what}; {record.get('n_train', '?')} train + "
                             f"{record.get('n_test', '?')} test images")
    return Cifar10Status(False, str(paths.keras_archive), "", "not in the Keras cache")


def cifar10_availability() -> Availability:
    """:func:`cifar10_status` as a row of ``keras-rparity data status``.

    Example:
    >>> import os, tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"KERAS_HOME": tempfile.mkdtemp()}):
    ...     cifar10_availability().details
    'not in the Keras cache'
    """
    status = cifar10_status()
    details = f"{status.source}: {status.details}" if status.source else status.details
    return Availability(status.present, status.location, details)
