"""The CIFAR-10 archive: where Keras keeps it, checking one, importing one.

**Where the data lives.** Keras 3 (``keras.datasets.cifar10.load_data``) calls
``keras.utils.get_file(fname="cifar-10-batches-py-target", origin=..., extract=True,
file_hash=<sha256>)``, which keeps, under ``$KERAS_HOME/datasets`` (default
``~/.keras/datasets``)::

    cifar-10-batches-py-target_archive          the downloaded .tar.gz (SHA-256 checked)
    cifar-10-batches-py-target/
        cifar-10-batches-py/data_batch_1..5, test_batch, batches.meta, readme.html
        rparity-source.json                     only when imported by keras-rparity

The official archive, imported with :func:`import_cifar10`, goes exactly there, so
Keras' own loader also finds it offline. Any other archive (a test fixture, a
re-packed copy) is never put in Keras' place; it goes to::

    rparity-cifar-10-unofficial/
        cifar-10-batches-py/...                 (a fixture also holds FIXTURE-NOT-CIFAR10.txt)
        rparity-source.json                     {"source": "fixture" | "unofficial", ...}

Example (a synthetic fixture archive, imported into a throw-away Keras home):
>>> import tempfile
>>> from keras_rparity.data.cifar10_fixture import write_cifar10_fixture_archive
>>> tmp = Path(tempfile.mkdtemp())
>>> archive = write_cifar10_fixture_archive(tmp / "fixture.tar.gz", per_batch=10)
>>> info = check_cifar10_archive(archive)
>>> info.source, info.n_train, info.n_test
('fixture', 50, 10)
>>> result = import_cifar10(archive, allow_unofficial=True, keras_home=tmp / "home")
>>> Path(result.path).relative_to(tmp).as_posix()
'home/datasets/rparity-cifar-10-unofficial/cifar-10-batches-py'
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import posixpath
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from keras_rparity.data.cache import check_keras_cache, datasets_dir
from keras_rparity.data.cifar10_format import (
    BATCHES_DIRNAME,
    META_FILE,
    REQUIRED_FILES,
    TEST_BATCH,
    TRAIN_BATCHES,
    check_meta,
    parse_batch,
)
from keras_rparity.data.hashing import HashingReader, cached_sha256, file_digests
from keras_rparity.errors import DatasetCorruptError, DatasetMissingError

# --- what Keras 3.15 uses (keras/src/datasets/cifar10.py) ---------------------------------
#: ``fname`` Keras passes to ``get_file``; also the name of its extraction folder.
KERAS_FNAME = "cifar-10-batches-py-target"
#: Where Keras downloads CIFAR-10 from.
KERAS_ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
#: SHA-256 of the official archive, as Keras checks it.
KERAS_SHA256 = "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce"
#: MD5 of the official archive, as published on the CIFAR-10 page.
OFFICIAL_MD5 = "c58f30108f718f92721af3b95e74349a"

# --- keras-rparity's own files -------------------------------------------------------------
#: Provenance file written at import time, beside ``cifar-10-batches-py/``.
SOURCE_MARKER = "rparity-source.json"
#: File inside ``cifar-10-batches-py/`` that marks a synthetic fixture archive.
FIXTURE_MARKER = "FIXTURE-NOT-CIFAR10.txt"
#: Folder (in the datasets dir) for imported archives that are not the official one.
UNOFFICIAL_DIRNAME = "rparity-cifar-10-unofficial"
#: Sources an imported non-official archive can have.
IMPORTED_SOURCES = ("fixture", "unofficial")

IMPORT_COMMAND = "keras-rparity data import-cifar10 PATH/TO/cifar-10-python.tar.gz"
FETCH_COMMAND = "keras-rparity data fetch-cifar10"
#: How to get CIFAR-10, as said in error messages and by ``keras-rparity data status``.
REMEDY = (f"import the archive you have: `{IMPORT_COMMAND}`; or, when online, let Keras "
          f"download it: `{FETCH_COMMAND}` (in Python: load_cifar10(download=True))")

PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class ArchiveInfo:
    """What :func:`check_cifar10_archive` found in a well-formed archive."""

    path: str
    md5: str
    sha256: str
    n_train: int
    n_test: int
    source: str


@dataclass(frozen=True)
class ImportResult:
    """What :func:`import_cifar10` placed, and where (the ``cifar-10-batches-py`` folder)."""

    path: str
    source: str
    md5: str
    n_train: int
    n_test: int


@dataclass(frozen=True)
class Cifar10Paths:
    """The places, under one datasets directory, where CIFAR-10 is looked for.

    Example:
    >>> p = cifar10_paths("/k")
    >>> p.keras_archive.name, p.keras_dir.name, p.unofficial_dir.name
    ('cifar-10-batches-py-target_archive', 'cifar-10-batches-py-target', \
'rparity-cifar-10-unofficial')
    """

    datasets: Path

    @property
    def keras_archive(self) -> Path:
        """The archive ``get_file`` downloads and hash-checks."""
        return self.datasets / f"{KERAS_FNAME}_archive"

    @property
    def keras_dir(self) -> Path:
        """The folder ``get_file`` extracts the official archive into."""
        return self.datasets / KERAS_FNAME

    @property
    def unofficial_dir(self) -> Path:
        """The folder an imported non-official archive (fixture or other) goes to."""
        return self.datasets / UNOFFICIAL_DIRNAME

    @property
    def legacy_archive(self) -> Path:
        """Where older (TensorFlow 2 ``tf.keras``) versions left the downloaded archive."""
        return self.datasets / "cifar-10-batches-py.tar.gz"


def cifar10_paths(keras_home: PathLike | None = None) -> Cifar10Paths:
    """The CIFAR-10 locations under ``keras_home`` (default: ``$KERAS_HOME`` or ``~/.keras``)."""
    return Cifar10Paths(datasets_dir(keras_home))


# --- what is in the cache ---------------------------------------------------------------------

def official_archive_state(paths: Cifar10Paths) -> str:
    """``"ok"``, ``"absent"`` or ``"bad-hash"`` for the archive Keras keeps.

    Example:
    >>> import tempfile
    >>> official_archive_state(cifar10_paths(tempfile.mkdtemp()))
    'absent'
    """
    archive = paths.keras_archive
    if not archive.is_file():
        return "absent"
    return "ok" if cached_sha256(archive) == KERAS_SHA256 else "bad-hash"


def read_source_marker(slot: Path) -> dict[str, Any] | None:
    """The provenance record in ``slot``, ``None`` if there is none or it is unreadable."""
    try:
        record = json.loads((slot / SOURCE_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def imported_source(paths: Cifar10Paths) -> str | None:
    """``"fixture"``/``"unofficial"`` when an imported non-official copy is present."""
    record = read_source_marker(paths.unofficial_dir)
    if record is None or not (paths.unofficial_dir / BATCHES_DIRNAME).is_dir():
        return None
    source = record.get("source")
    return source if source in IMPORTED_SOURCES else None


# --- checking an archive ----------------------------------------------------------------------

_TAR_ERRORS = (tarfile.TarError, EOFError, zlib.error, OSError)


def _member_basename(member: tarfile.TarInfo) -> str | None:
    """``name`` for a member ``cifar-10-batches-py/name`` (``./`` prefixes allowed), else None."""
    path = posixpath.normpath(member.name.lstrip("/"))
    parent, base = posixpath.split(path)
    if parent != BATCHES_DIRNAME or base in ("", ".", ".."):
        return None
    return base


def _iter_folder_files(tar: tarfile.TarFile) -> Iterator[tuple[str, tarfile.TarInfo]]:
    """``(basename, member)`` for every entry directly inside ``cifar-10-batches-py/``."""
    for member in tar:
        base = _member_basename(member)
        if base is not None:
            yield base, member


def _require_archive_file(archive: PathLike) -> Path:
    if not isinstance(archive, (str, os.PathLike)):
        raise TypeError(f"archive_path must be a path, got {type(archive).__name__}")
    path = Path(archive).expanduser()
    if not path.exists():
        raise DatasetMissingError(f"no CIFAR-10 archive at {path}: the file does not exist")
    if not path.is_file():
        raise DatasetMissingError(
            f"{path} is not a file; give the path of cifar-10-python.tar.gz itself")
    return path


def _scan(tar: tarfile.TarFile, label: str) -> tuple[dict[str, int], set[str], bool]:
    """Check every required member; images per batch, names found, fixture marker seen."""
    counts: dict[str, int] = {}
    found: set[str] = set()
    fixture = False
    for base, member in _iter_folder_files(tar):
        fixture = fixture or base == FIXTURE_MARKER
        if base not in REQUIRED_FILES:
            continue
        where = f"{label}: {BATCHES_DIRNAME}/{base}"
        if not member.isfile():
            raise DatasetCorruptError(f"{where} is not a regular file")
        extracted = tar.extractfile(member)
        raw = extracted.read() if extracted is not None else b""
        if base == META_FILE:
            check_meta(raw, where)
        else:
            counts[base] = parse_batch(raw, where)[0].shape[0]
        found.add(base)
    return counts, found, fixture


def check_cifar10_archive(archive_path: PathLike) -> ArchiveInfo:
    """Check that a file is a well-formed CIFAR-10 python archive, without extracting it.

    Checks: a readable gzip-compressed tar holding ``cifar-10-batches-py/`` with
    ``data_batch_1`` .. ``data_batch_5``, ``test_batch`` and ``batches.meta`` as regular
    files; every batch unpickles (restricted: no arbitrary classes) to ``uint8`` data of
    shape ``(n, 3072)`` with ``n`` labels in 0..9. ``source`` is ``"cifar-10"`` when the
    file's MD5 (and SHA-256) are the official ones, ``"fixture"`` when the folder holds
    ``FIXTURE-NOT-CIFAR10.txt``, else ``"unofficial"``.

    Raises:
        DatasetMissingError: ``archive_path`` is not an existing file.
        DatasetCorruptError: saying what is wrong with the archive.
    """
    path = _require_archive_file(archive_path)
    try:
        with path.open("rb") as handle:
            reader = HashingReader(handle)
            with tarfile.open(fileobj=reader, mode="r|gz") as tar:
                counts, found, fixture = _scan(tar, path.name)
            reader.drain()
    except DatasetCorruptError:
        raise
    except _TAR_ERRORS as exc:
        raise DatasetCorruptError(
            f"{path} is not a readable gzip-compressed tar archive "
            f"(truncated or not CIFAR-10's python version?): {exc}") from exc
    missing = [name for name in REQUIRED_FILES if name not in found]
    if missing:
        raise DatasetCorruptError(
            f"{path} is not the CIFAR-10 python archive: {BATCHES_DIRNAME}/ lacks "
            f"{', '.join(missing)}")
    digests = reader.hexdigests()
    if digests["md5"] == OFFICIAL_MD5 and digests["sha256"] == KERAS_SHA256:
        source = "cifar-10"
    else:
        source = "fixture" if fixture else "unofficial"
    return ArchiveInfo(path=str(path), md5=digests["md5"], sha256=digests["sha256"],
                       n_train=sum(counts[name] for name in TRAIN_BATCHES),
                       n_test=counts[TEST_BATCH], source=source)


# --- importing an archive ---------------------------------------------------------------------

def _extract_folder(archive: Path, folder: Path) -> None:
    """Write the regular files of the archive's ``cifar-10-batches-py/`` into ``folder``."""
    with tarfile.open(archive, mode="r|gz") as tar:
        for base, member in _iter_folder_files(tar):
            if not member.isfile():
                continue
            extracted = tar.extractfile(member)
            if extracted is None:
                continue
            with (folder / base).open("wb") as out:
                shutil.copyfileobj(extracted, out)


def _replace(new: Path, target: Path, trash: Path) -> None:
    """Put ``new`` at ``target`` by renames; a previous ``target`` is moved to ``trash``."""
    moved = False
    if target.exists() or target.is_symlink():
        os.rename(target, trash)
        moved = True
    try:
        os.rename(new, target)
    except OSError:
        if moved:
            os.rename(trash, target)
        raise


def _refuse_unofficial(info: ArchiveInfo) -> None:
    what = "a synthetic test fixture" if info.source == "fixture" else "well-formed"
    raise DatasetCorruptError(
        f"{info.path} is not the official CIFAR-10 archive (MD5 {info.md5}, expected "
        f"{OFFICIAL_MD5}); it is {what}. Download cifar-10-python.tar.gz from "
        f"{KERAS_ORIGIN}, or import this one anyway with --allow-unofficial "
        "(allow_unofficial=True); results are then labelled "
        f"source={info.source!r}.")


def _source_record(info: ArchiveInfo) -> str:
    """The provenance file's text."""
    record = {
        "dataset": "cifar10", "source": info.source, "md5": info.md5,
        "sha256": info.sha256, "n_train": info.n_train, "n_test": info.n_test,
        "archive": Path(info.path).name,
        "imported": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "by": "keras-rparity",
    }
    return json.dumps(record, indent=2) + "\n"


def import_cifar10(archive_path: PathLike, *, allow_unofficial: bool = False,
                   keras_home: PathLike | None = None) -> ImportResult:
    """Check a CIFAR-10 python archive and place it where the loader finds it.

    The archive is fully checked (see :func:`check_cifar10_archive`) before the cache is
    touched. The official archive (MD5 ``c58f3010...``) goes where Keras keeps it, so
    ``keras.datasets.cifar10.load_data()`` finds it offline too. Another well-formed
    archive is refused unless ``allow_unofficial=True``; it then goes to
    ``rparity-cifar-10-unofficial/`` with source ``"fixture"`` (when it carries
    ``FIXTURE-NOT-CIFAR10.txt``) or ``"unofficial"``; it is only used while the official
    data is absent. An earlier import of the same kind is replaced.

    Files are written to a temporary folder inside the datasets directory, then
    renamed into place, so the cache is never half-written: on any error it is left as
    it was. Prints nothing.

    Args:
        archive_path: the ``.tar.gz`` file (``cifar-10-python.tar.gz``).
        allow_unofficial: accept a well-formed archive whose MD5 is not the official one.
        keras_home: the Keras home to import into (default ``$KERAS_HOME`` or ``~/.keras``).

    Raises:
        DatasetMissingError: ``archive_path`` is not an existing file.
        DatasetCorruptError: the archive is malformed, or unofficial without the flag.
        KerasCacheError: the Keras home is a file or not writable.

    Example:
    >>> import tempfile
    >>> from keras_rparity.data.cifar10_fixture import write_cifar10_fixture_archive
    >>> tmp = Path(tempfile.mkdtemp())
    >>> archive = write_cifar10_fixture_archive(tmp / "fixture.tar.gz", per_batch=10)
    >>> import_cifar10(archive, keras_home=tmp / "home")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    keras_rparity.errors.DatasetCorruptError: ... is not the official CIFAR-10 archive ...
    >>> r = import_cifar10(archive, allow_unofficial=True, keras_home=tmp / "home")
    >>> r.source, r.n_train, r.n_test, Path(r.path).name
    ('fixture', 50, 10, 'cifar-10-batches-py')
    """
    if not isinstance(allow_unofficial, bool):
        raise TypeError(f"allow_unofficial must be True or False, got {allow_unofficial!r}")
    info = check_cifar10_archive(archive_path)
    if info.source != "cifar-10" and not allow_unofficial:
        _refuse_unofficial(info)
    check_keras_cache(keras_home)
    paths = cifar10_paths(keras_home)
    official = info.source == "cifar-10"
    target = paths.keras_dir if official else paths.unofficial_dir
    paths.datasets.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".rparity-cifar10-import-", dir=paths.datasets))
    try:
        archive_copy = work / "archive.tar.gz"
        if file_digests(info.path, ("md5",), copy_to=archive_copy)["md5"] != info.md5:
            raise DatasetCorruptError(f"{info.path} changed while it was being imported; "
                                      "import it again")
        slot = work / "slot"
        (slot / BATCHES_DIRNAME).mkdir(parents=True)
        _extract_folder(archive_copy, slot / BATCHES_DIRNAME)
        (slot / SOURCE_MARKER).write_text(_source_record(info), encoding="utf-8")
        _replace(slot, target, work / "previous")
        if official:
            os.replace(archive_copy, paths.keras_archive)
    except (tarfile.TarError, EOFError, zlib.error) as exc:
        raise DatasetCorruptError(f"could not import {info.path}: {exc}") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return ImportResult(path=str(target / BATCHES_DIRNAME), source=info.source,
                        md5=info.md5, n_train=info.n_train, n_test=info.n_test)
