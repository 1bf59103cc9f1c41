"""CIFAR-10 through Keras' own cache, honest about what is on this machine.

**Where the data lives.** Keras 3 (``keras.datasets.cifar10.load_data``) calls
``keras.utils.get_file(fname="cifar-10-batches-py-target", origin=..., extract=True,
file_hash=<sha256>)``, which keeps, under ``$KERAS_HOME/datasets`` (default
``~/.keras/datasets``)::

    cifar-10-batches-py-target_archive          the downloaded .tar.gz (SHA-256 checked)
    cifar-10-batches-py-target/
        cifar-10-batches-py/data_batch_1..5, test_batch, batches.meta, readme.html
        rparity-source.json                     only when imported by keras-rparity

The official archive, imported with :func:`import_cifar10`, goes exactly there,
so Keras' own loader also finds it offline. Any other archive (a test fixture, a
re-packed copy) is never put in Keras' place; it goes to::

    rparity-cifar-10-unofficial/
        cifar-10-batches-py/...                 (a fixture also holds FIXTURE-NOT-CIFAR10.txt)
        rparity-source.json                     {"source": "fixture" | "unofficial", ...}

**Which copy is loaded.** :func:`load_cifar10` uses the official data whenever
Keras' archive is present with the right hash; otherwise an imported unofficial
copy; otherwise it raises :class:`DatasetMissingError` without touching the
network, unless ``download=True``. The returned :class:`Cifar10Data` says which
(``source``: ``"cifar-10"``, ``"fixture"`` or ``"unofficial"``), so results made
on a fixture can always be labelled as such.

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

import datetime as _dt
import hashlib
import io
import json
import os
import pickle
import posixpath
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from keras_rparity.data.cache import datasets_dir
from keras_rparity.data.subsets import first_per_class as first_per_class  # re-exported
from keras_rparity.errors import DatasetCorruptError, DatasetMissingError
from keras_rparity.validation import check_scalar

# --- what Keras 3.15 uses (keras/src/datasets/cifar10.py) ---------------------------------
#: ``fname`` Keras passes to ``get_file``; also the name of its extraction folder.
KERAS_FNAME = "cifar-10-batches-py-target"
#: Where Keras downloads CIFAR-10 from.
KERAS_ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
#: SHA-256 of the official archive, as Keras checks it.
KERAS_SHA256 = "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce"
#: MD5 of the official archive, as published on the CIFAR-10 page.
OFFICIAL_MD5 = "c58f30108f718f92721af3b95e74349a"

# --- the archive format ------------------------------------------------------------------
#: Folder inside the archive that holds the batches.
BATCHES_DIRNAME = "cifar-10-batches-py"
TRAIN_BATCHES = tuple(f"data_batch_{i}" for i in range(1, 6))
TEST_BATCH = "test_batch"
META_FILE = "batches.meta"
REQUIRED_FILES = (*TRAIN_BATCHES, TEST_BATCH, META_FILE)
#: Pixels per image in a batch row: 1024 red, then 1024 green, then 1024 blue values.
ROW_LENGTH = 3 * 32 * 32
CLASS_NAMES = ("airplane", "automobile", "bird", "cat", "deer",
               "dog", "frog", "horse", "ship", "truck")

# --- keras-rparity's own files -------------------------------------------------------------
#: Provenance file written at import time, beside ``cifar-10-batches-py/``.
SOURCE_MARKER = "rparity-source.json"
#: File inside ``cifar-10-batches-py/`` that marks a synthetic fixture archive.
FIXTURE_MARKER = "FIXTURE-NOT-CIFAR10.txt"
#: Folder (in the datasets dir) for imported archives that are not the official one.
UNOFFICIAL_DIRNAME = "rparity-cifar-10-unofficial"
#: Values of :attr:`Cifar10Data.source`.
SOURCES = ("cifar-10", "fixture", "unofficial")

IMPORT_COMMAND = "keras-rparity data import-cifar10 PATH/TO/cifar-10-python.tar.gz"
FETCH_COMMAND = "keras-rparity data fetch-cifar10"
#: How to get CIFAR-10, as said in error messages and by ``keras-rparity data status``.
REMEDY = (f"import the archive you have: `{IMPORT_COMMAND}`; or, when online, let Keras "
          f"download it: `{FETCH_COMMAND}` (in Python: load_cifar10(download=True))")

Split = tuple[np.ndarray, np.ndarray]
PathLike = str | os.PathLike[str]


# --- results --------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False, repr=False)
class Cifar10Data:
    """CIFAR-10 arrays as Keras' ``cifar10.load_data()`` gives them.

    Attributes:
        train, test: ``(x, y)`` pairs; ``x`` is ``uint8`` ``(n, 32, 32, 3)`` (channels
            last, whatever Keras' ``image_data_format`` says), ``y`` is ``uint8`` ``(n, 1)``
            with class codes 0..9 (see :data:`CLASS_NAMES`).
        source: ``"cifar-10"`` (the official archive), ``"fixture"`` (a synthetic test
            fixture) or ``"unofficial"`` (another archive a user imported).
        path: the ``cifar-10-batches-py`` folder the batches were read from.
    """

    train: Split
    test: Split
    source: str
    path: str

    @property
    def n_train(self) -> int:
        return int(self.train[0].shape[0])

    @property
    def n_test(self) -> int:
        return int(self.test[0].shape[0])

    def __repr__(self) -> str:
        return (f"Cifar10Data(source={self.source!r}, train={self.n_train} images, "
                f"test={self.n_test} images, path={self.path!r})")


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


# --- small helpers --------------------------------------------------------------------------

def _hashes(path: Path) -> tuple[str, str]:
    """MD5 and SHA-256 of a file, read once."""
    md5, sha = hashlib.md5(usedforsecurity=False), hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            md5.update(block)
            sha.update(block)
    return md5.hexdigest(), sha.hexdigest()


_SHA256_CACHE: dict[tuple[str, int, int], str] = {}


def _sha256_cached(path: Path) -> str:
    """SHA-256 of ``path``, remembered while its size and mtime stay the same."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _SHA256_CACHE:
        _SHA256_CACHE[key] = _hashes(path)[1]
    return _SHA256_CACHE[key]


def _official_archive_state(paths: Cifar10Paths) -> str:
    """``"ok"``, ``"absent"`` or ``"bad-hash"`` for the archive Keras keeps."""
    archive = paths.keras_archive
    if not archive.is_file():
        return "absent"
    return "ok" if _sha256_cached(archive) == KERAS_SHA256 else "bad-hash"


def _read_marker(slot: Path) -> dict[str, Any] | None:
    """The provenance record in ``slot``, ``None`` if there is none or it is unreadable."""
    try:
        record = json.loads((slot / SOURCE_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def _unofficial_source(paths: Cifar10Paths) -> str | None:
    """``"fixture"``/``"unofficial"`` when an imported non-official copy is present."""
    record = _read_marker(paths.unofficial_dir)
    if record is None or not (paths.unofficial_dir / BATCHES_DIRNAME).is_dir():
        return None
    source = record.get("source")
    return source if source in ("fixture", "unofficial") else None


# --- reading batches ------------------------------------------------------------------------

def _reconstruct_function() -> Any:
    """NumPy's array-unpickling helper, found without importing a deprecated module path."""
    return np.zeros(0).__reduce__()[0]


#: The only names a batch pickle may refer to (the set Keras' own unpickler allows).
_ALLOWED_GLOBALS: dict[tuple[str, str], Any] = {
    ("numpy", "ndarray"): lambda: np.ndarray,
    ("numpy", "dtype"): lambda: np.dtype,
    ("numpy.core.multiarray", "_reconstruct"): _reconstruct_function,
    ("numpy._core.multiarray", "_reconstruct"): _reconstruct_function,
}


class _BatchUnpickler(pickle.Unpickler):
    """Unpickles CIFAR batches only: dicts, lists, numbers, bytes and NumPy arrays.

    Any other class or function named in the stream (``os.system`` and friends) is refused,
    so a malicious archive cannot run code.
    """

    def find_class(self, module: str, name: str) -> Any:
        getter = _ALLOWED_GLOBALS.get((module, name))
        if getter is None:
            raise pickle.UnpicklingError(
                f"refusing to unpickle {module}.{name}: a CIFAR-10 batch holds only "
                "NumPy arrays, lists, numbers and bytes")
        return getter()


def _unpickle(raw: bytes, name: str) -> dict[str, Any]:
    """A batch file's dictionary with ``str`` keys; :class:`DatasetCorruptError` if not one."""
    try:
        obj = _BatchUnpickler(io.BytesIO(raw), encoding="bytes").load()
    except Exception as exc:  # unpickling bad bytes can fail with almost any exception type
        raise DatasetCorruptError(f"{name} is not a readable CIFAR-10 pickle: {exc}") from exc
    if not isinstance(obj, dict):
        raise DatasetCorruptError(
            f"{name} should hold a dictionary, found {type(obj).__name__}")
    return {k.decode("utf-8", "replace") if isinstance(k, bytes) else str(k): v
            for k, v in obj.items()}


def parse_batch(raw: bytes, name: str = "batch") -> tuple[np.ndarray, np.ndarray]:
    """One pickled CIFAR-10 batch -> ``data`` ``uint8 (n, 3072)`` and ``labels`` ``uint8 (n,)``.

    Checks what the loaders rely on: ``data`` is a ``uint8`` array with 3,072 values a row,
    one label per row, labels whole numbers in 0..9. Any batch length works.

    Raises:
        DatasetCorruptError: saying what is wrong (``name`` identifies the file).

    Example:
    >>> import pickle
    >>> raw = pickle.dumps({b"data": np.zeros((2, 3072), np.uint8), b"labels": [3, 9]},
    ...                    protocol=3)
    >>> data, labels = parse_batch(raw)
    >>> data.shape, labels.tolist()
    ((2, 3072), [3, 9])
    >>> parse_batch(pickle.dumps({b"data": np.zeros((2, 3072), np.uint8), b"labels": [3, 10]}))
    Traceback (most recent call last):
    ...
    keras_rparity.errors.DatasetCorruptError: batch: labels must be 0..9, found 10
    """
    batch = _unpickle(raw, name)
    if "data" not in batch or "labels" not in batch:
        raise DatasetCorruptError(
            f"{name}: a CIFAR-10 batch needs 'data' and 'labels' entries, "
            f"found {sorted(batch)}")
    data = batch["data"]
    if not isinstance(data, np.ndarray) or data.dtype != np.uint8:
        kind = data.dtype if isinstance(data, np.ndarray) else type(data).__name__
        raise DatasetCorruptError(f"{name}: 'data' must be a uint8 NumPy array, found {kind}")
    if data.ndim != 2 or data.shape[1] != ROW_LENGTH or data.shape[0] < 1:
        raise DatasetCorruptError(
            f"{name}: 'data' must have shape (n, {ROW_LENGTH}) with n >= 1 "
            f"(one 32x32 RGB image a row), found {data.shape}")
    try:
        labels = np.asarray(batch["labels"])
    except Exception as exc:  # ragged or odd objects
        raise DatasetCorruptError(f"{name}: 'labels' is not a list of numbers ({exc})") from exc
    if labels.ndim != 1 or labels.dtype.kind not in "iu":
        raise DatasetCorruptError(
            f"{name}: 'labels' must be a flat list of whole numbers, found "
            f"{labels.dtype} values with shape {labels.shape}")
    if labels.shape[0] != data.shape[0]:
        raise DatasetCorruptError(
            f"{name}: {data.shape[0]} images but {labels.shape[0]} labels")
    bad = labels[(labels < 0) | (labels > 9)]
    if bad.size:
        raise DatasetCorruptError(f"{name}: labels must be 0..9, found {int(bad[0])}")
    return data, labels.astype(np.uint8)


def _check_meta(raw: bytes, name: str = META_FILE) -> None:
    meta = _unpickle(raw, name)
    names = meta.get("label_names")
    if not isinstance(names, (list, tuple)) or len(names) != len(CLASS_NAMES):
        raise DatasetCorruptError(
            f"{name}: 'label_names' must list {len(CLASS_NAMES)} class names")


def _to_images(data: np.ndarray) -> np.ndarray:
    """Batch rows ``(n, 3072)`` -> channels-last images ``(n, 32, 32, 3)``, C-contiguous."""
    return np.ascontiguousarray(data.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1))


def read_batches(folder: PathLike) -> tuple[Split, Split]:
    """Read ``data_batch_1..5`` and ``test_batch`` from a ``cifar-10-batches-py`` folder.

    Returns ``((x_train, y_train), (x_test, y_test))`` as Keras' ``cifar10.load_data()``
    does with ``channels_last``: ``x`` ``uint8 (n, 32, 32, 3)``, ``y`` ``uint8 (n, 1)``,
    train batches concatenated in order. Batches may have any length.

    Raises:
        DatasetCorruptError: a batch file is missing or malformed.
    """
    folder = Path(folder)

    def load(name: str) -> tuple[np.ndarray, np.ndarray]:
        try:
            raw = (folder / name).read_bytes()
        except OSError as exc:
            raise DatasetCorruptError(
                f"CIFAR-10 in {folder} is incomplete: cannot read {name} ({exc.strerror}); "
                f"import the archive again: `{IMPORT_COMMAND}`") from exc
        return parse_batch(raw, f"{folder / name}")

    parts = [load(name) for name in TRAIN_BATCHES]
    x_test, y_test = load(TEST_BATCH)
    x_train = np.concatenate([d for d, _ in parts])
    y_train = np.concatenate([labels for _, labels in parts])
    return ((_to_images(x_train), y_train.reshape(-1, 1)),
            (_to_images(x_test), y_test.reshape(-1, 1)))


# --- archives -------------------------------------------------------------------------------

class _HashingReader(io.RawIOBase):
    """A read-only stream over a file that hashes every byte read through it."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self.md5 = hashlib.md5(usedforsecurity=False)
        self.sha256 = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._handle.read(len(buffer))
        buffer[: len(data)] = data
        self.md5.update(data)
        self.sha256.update(data)
        return len(data)

    def drain(self) -> None:
        """Hash what the tar reader left unread (trailing padding)."""
        while self.read(1 << 20):
            pass


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
    counts: dict[str, int] = {}
    found: set[str] = set()
    fixture = False
    try:
        with path.open("rb") as handle:
            reader = _HashingReader(handle)
            with tarfile.open(fileobj=reader, mode="r|gz") as tar:
                for base, member in _iter_folder_files(tar):
                    fixture = fixture or base == FIXTURE_MARKER
                    if base not in REQUIRED_FILES:
                        continue
                    where = f"{path.name}: {BATCHES_DIRNAME}/{base}"
                    if not member.isfile():
                        raise DatasetCorruptError(f"{where} is not a regular file")
                    extracted = tar.extractfile(member)
                    raw = extracted.read() if extracted is not None else b""
                    if base == META_FILE:
                        _check_meta(raw, where)
                    else:
                        counts[base] = parse_batch(raw, where)[0].shape[0]
                    found.add(base)
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
    md5, sha256 = reader.md5.hexdigest(), reader.sha256.hexdigest()
    if md5 == OFFICIAL_MD5 and sha256 == KERAS_SHA256:
        source = "cifar-10"
    else:
        source = "fixture" if fixture else "unofficial"
    return ArchiveInfo(path=str(path), md5=md5, sha256=sha256,
                       n_train=sum(counts[name] for name in TRAIN_BATCHES),
                       n_test=counts[TEST_BATCH], source=source)


def _copy_hashing(source: Path, target: Path) -> str:
    """Copy ``source`` to ``target``; returns the MD5 of the bytes written."""
    md5 = hashlib.md5(usedforsecurity=False)
    with source.open("rb") as src, target.open("wb") as dst:
        for block in iter(lambda: src.read(1 << 20), b""):
            md5.update(block)
            dst.write(block)
    return md5.hexdigest()


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


def import_cifar10(archive_path: PathLike, *, allow_unofficial: bool = False,
                   keras_home: PathLike | None = None) -> ImportResult:
    """Check a CIFAR-10 python archive and place it where :func:`load_cifar10` finds it.

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
        what = "a synthetic test fixture" if info.source == "fixture" else "well-formed"
        raise DatasetCorruptError(
            f"{info.path} is not the official CIFAR-10 archive (MD5 {info.md5}, expected "
            f"{OFFICIAL_MD5}); it is {what}. Download cifar-10-python.tar.gz from "
            f"{KERAS_ORIGIN}, or import this one anyway with --allow-unofficial "
            "(allow_unofficial=True); results are then labelled "
            f"source={info.source!r}.")
    paths = cifar10_paths(keras_home)
    official = info.source == "cifar-10"
    target = paths.keras_dir if official else paths.unofficial_dir
    paths.datasets.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".rparity-cifar10-import-", dir=paths.datasets))
    try:
        archive_copy = work / "archive.tar.gz"
        if _copy_hashing(Path(info.path), archive_copy) != info.md5:
            raise DatasetCorruptError(f"{info.path} changed while it was being imported; "
                                      "import it again")
        slot = work / "slot"
        (slot / BATCHES_DIRNAME).mkdir(parents=True)
        _extract_folder(archive_copy, slot / BATCHES_DIRNAME)
        record = {
            "dataset": "cifar10", "source": info.source, "md5": info.md5,
            "sha256": info.sha256, "n_train": info.n_train, "n_test": info.n_test,
            "archive": Path(info.path).name,
            "imported": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "by": "keras-rparity",
        }
        (slot / SOURCE_MARKER).write_text(json.dumps(record, indent=2) + "\n",
                                          encoding="utf-8")
        _replace(slot, target, work / "previous")
        if official:
            os.replace(archive_copy, paths.keras_archive)
    except (tarfile.TarError, EOFError, zlib.error) as exc:
        raise DatasetCorruptError(f"could not import {info.path}: {exc}") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return ImportResult(path=str(target / BATCHES_DIRNAME), source=info.source,
                        md5=info.md5, n_train=info.n_train, n_test=info.n_test)


# --- loading --------------------------------------------------------------------------------

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

    return get_file(fname=KERAS_FNAME, origin=KERAS_ORIGIN, extract=True,
                    file_hash=KERAS_SHA256, cache_dir=str(keras_home))


def _load_official(paths: Cifar10Paths, state: str) -> Path:
    """The official batches folder, via Keras' ``get_file`` (which downloads if needed)."""
    paths.datasets.mkdir(parents=True, exist_ok=True)  # else get_file falls back to /tmp
    try:
        extracted = _keras_get_file(paths.datasets.parent)
    except Exception as exc:  # Keras raises a bare Exception for network failures
        if state == "ok":
            raise DatasetCorruptError(
                f"Keras could not extract {paths.keras_archive}: {exc}") from exc
        raise DatasetMissingError(
            f"could not download CIFAR-10 from {KERAS_ORIGIN} ({exc}). Check the internet "
            f"connection, or import an archive you already have: `{IMPORT_COMMAND}`.") from exc
    return Path(extracted) / BATCHES_DIRNAME


def load_cifar10(per_class: int | float | None = None, *, download: bool = False,
                 keras_home: PathLike | None = None) -> Cifar10Data:
    """CIFAR-10 from Keras' cache (see the module docs for where and in which order).

    Args:
        per_class: keep only the first ``per_class`` images of each class of the train
            and of the test split (see :mod:`keras_rparity.data.subsets`); ``None`` keeps
            all (50,000 + 10,000 for the official data).
        download: when the official data is absent, let Keras download it (needs
            internet). Without it, nothing is downloaded.
        keras_home: the Keras home to read (default ``$KERAS_HOME`` or ``~/.keras``).

    Returns:
        :class:`Cifar10Data`, with ``source`` telling the official data from a fixture.
        For the official data the arrays equal ``keras.datasets.cifar10.load_data()``'s
        (with channels last).

    Raises:
        DatasetMissingError: the data is absent and ``download`` is False (the message
            names where it looked and how to get the data), or the download failed.
        DatasetCorruptError: the cached archive or batches are damaged.

    Example:
    >>> load_cifar10(per_class=2.5)
    Traceback (most recent call last):
    ...
    keras_rparity.errors.InvalidArgumentError: per_class must be a positive whole number of \
images per class (or None for all images), got 2.5
    """
    count = check_scalar(per_class, "per_class", allow_none=True)
    if not isinstance(download, bool):
        raise TypeError(f"download must be True or False, got {download!r}")
    paths = cifar10_paths(keras_home)
    state = _official_archive_state(paths)
    unofficial = _unofficial_source(paths)
    if state == "ok" or download:
        folder, source = _load_official(paths, state), "cifar-10"
    elif state == "bad-hash":
        raise DatasetCorruptError(
            f"{paths.keras_archive} is not the official CIFAR-10 archive (its SHA-256 differs: "
            f"an interrupted download?), so Keras would download it again. Delete it, then "
            f"{REMEDY}.")
    elif unofficial is not None:
        folder, source = paths.unofficial_dir / BATCHES_DIRNAME, unofficial
    else:
        raise DatasetMissingError(_missing_message(paths))
    train, test = read_batches(folder)
    if count is not None:
        train, test = first_per_class(*train, count), first_per_class(*test, count)
    return Cifar10Data(train=train, test=test, source=source, path=str(folder))


# --- status ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cifar10Status:
    """Whether CIFAR-10 can be loaded offline, from where, and what it is."""

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
    state = _official_archive_state(paths)
    if state == "ok":
        record = _read_marker(paths.keras_dir)
        how = (f"imported by keras-rparity {record.get('imported', '')}".rstrip()
               if record else "downloaded by Keras")
        return Cifar10Status(True, str(paths.keras_dir), "cifar-10",
                             f"official archive ({how}), SHA-256 checked")
    if state == "bad-hash":
        return Cifar10Status(False, str(paths.keras_archive), "",
                             "archive has the wrong SHA-256 (interrupted download?)")
    unofficial = _unofficial_source(paths)
    if unofficial is not None:
        record = _read_marker(paths.unofficial_dir) or {}
        what = ("synthetic fixture, NOT CIFAR-10" if unofficial == "fixture"
                else f"unofficial archive, md5 {record.get('md5', '?')}")
        return Cifar10Status(True, str(paths.unofficial_dir), unofficial,
                             f"{what}; {record.get('n_train', '?')} train + "
                             f"{record.get('n_test', '?')} test images")
    return Cifar10Status(False, str(paths.keras_archive), "", "not in the Keras cache")
