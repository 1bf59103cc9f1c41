"""A small synthetic archive in CIFAR-10's python format, for tests. NOT CIFAR-10.

The archive has the official layout (``cifar-10-batches-py/`` with ``data_batch_1`` ..
``data_batch_5``, ``test_batch`` and ``batches.meta``, pickled dicts with ``bytes``
keys) plus ``cifar-10-batches-py/FIXTURE-NOT-CIFAR10.txt``, which makes
:func:`~keras_rparity.data.cifar10_archive.import_cifar10` label it ``source="fixture"``.

Images are learnable: every class has its own base colour and stripe pattern, plus
seeded noise, so a tiny CNN's accuracy moves within a few epochs. Each batch holds
``per_batch`` images, the same number of each class, in a seeded shuffled order.
The same ``per_batch`` and ``seed`` always give the same bytes.

Example:
>>> import tempfile
>>> from pathlib import Path
>>> tmp = Path(tempfile.mkdtemp())
>>> archive = write_cifar10_fixture_archive(tmp / "fixture.tar.gz", per_batch=10, seed=1)
>>> archive.name
'fixture.tar.gz'
>>> batches = fixture_batches(per_batch=10, seed=1)
>>> batches["test_batch"][0].shape, sorted(batches["test_batch"][1].tolist())
((10, 3072), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
"""

from __future__ import annotations

import gzip
import io
import os
import pickle
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from keras_rparity.data.cifar10 import cifar10_status, load_cifar10
from keras_rparity.data.cifar10_archive import (
    FIXTURE_MARKER,
    IMPORT_COMMAND,
    ImportResult,
    import_cifar10,
)
from keras_rparity.data.cifar10_format import (
    BATCHES_DIRNAME,
    CLASS_NAMES,
    META_FILE,
    ROW_LENGTH,
    TEST_BATCH,
    TRAIN_BATCHES,
)
from keras_rparity.errors import DatasetMissingError

#: Text of ``FIXTURE-NOT-CIFAR10.txt``.
FIXTURE_NOTICE = (
    "This archive is a SYNTHETIC FIXTURE written by keras-rparity for tests.\n"
    "It is NOT CIFAR-10: it only has CIFAR-10's file format (cifar-10-batches-py/).\n"
    "Images are coloured stripes plus noise, one colour and pattern per class.\n"
    "Never report results computed on it as CIFAR-10 results.\n"
)

#: Base colour (R, G, B) of each class's fixture images.
FIXTURE_COLOURS = np.array([
    (135, 170, 220), (200, 40, 40), (210, 190, 60), (150, 100, 60), (120, 160, 80),
    (230, 200, 170), (40, 160, 60), (100, 60, 30), (30, 60, 150), (130, 130, 130),
], dtype=np.float64)

_PICKLE_PROTOCOL = 3  # bytes stay bytes, arrays use only the globals Keras' unpickler allows


def _check_int(name: str, value: Any, minimum: int) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__} {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


def _check_per_batch(per_batch: Any) -> int:
    per_batch = _check_int("per_batch", per_batch, len(CLASS_NAMES))
    if per_batch % len(CLASS_NAMES):
        raise ValueError(f"per_batch must be a multiple of {len(CLASS_NAMES)} (each batch "
                         f"holds the same number of every class), got {per_batch}")
    return per_batch


def _images(labels: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Rows ``(n, 3072)`` (R plane, G plane, B plane) of fixture images for ``labels``."""
    grid = np.arange(32, dtype=np.float64)
    rows = []
    for label in labels.tolist():
        period = 4.0 + label  # stripe width differs by class
        wave = np.sin(2 * np.pi * grid / period)
        stripes = wave[:, None] if label % 2 == 0 else wave[None, :]  # horizontal / vertical
        pattern = np.broadcast_to(stripes, (32, 32))
        planes = FIXTURE_COLOURS[label][:, None, None] + 45.0 * pattern[None, :, :]
        planes = planes + rng.normal(0.0, 20.0, size=(3, 32, 32))
        rows.append(np.clip(np.rint(planes), 0, 255).astype(np.uint8).reshape(ROW_LENGTH))
    return np.stack(rows)


def fixture_batches(per_batch: int = 20, seed: int = 0) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The fixture's batches: name -> (data ``uint8 (per_batch, 3072)``, labels ``uint8``).

    This is exactly what :func:`write_cifar10_fixture_archive` pickles, in the order
    ``data_batch_1`` .. ``data_batch_5``, ``test_batch``.

    Example:
    >>> b = fixture_batches(per_batch=10)
    >>> list(b)[0], list(b)[-1], np.bincount(b["data_batch_3"][1]).tolist()
    ('data_batch_1', 'test_batch', [1, 1, 1, 1, 1, 1, 1, 1, 1, 1])
    """
    per_batch = _check_per_batch(per_batch)
    seed = _check_int("seed", seed, 0)
    rng = np.random.default_rng(seed)
    batches = {}
    for name in (*TRAIN_BATCHES, TEST_BATCH):
        labels = rng.permutation(np.repeat(np.arange(len(CLASS_NAMES)),
                                           per_batch // len(CLASS_NAMES))).astype(np.uint8)
        batches[name] = (_images(labels, rng), labels)
    return batches


def _batch_pickle(name: str, data: np.ndarray, labels: np.ndarray) -> bytes:
    title = ("testing batch 1 of 1" if name == TEST_BATCH
             else f"training batch {name.rsplit('_', 1)[1]} of 5")
    record = {
        b"batch_label": f"{title} (keras-rparity fixture, NOT CIFAR-10)".encode(),
        b"labels": [int(v) for v in labels],
        b"data": data,
        b"filenames": [f"fixture_{name}_{i:05d}.png".encode() for i in range(len(labels))],
    }
    return pickle.dumps(record, protocol=_PICKLE_PROTOCOL)


def _meta_pickle(per_batch: int) -> bytes:
    record = {b"num_cases_per_batch": per_batch,
              b"label_names": [n.encode() for n in CLASS_NAMES],
              b"num_vis": ROW_LENGTH}
    return pickle.dumps(record, protocol=_PICKLE_PROTOCOL)


def _add(tar: tarfile.TarFile, name: str, payload: bytes | None) -> None:
    info = tarfile.TarInfo(name)
    info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
    if payload is None:
        info.type, info.mode = tarfile.DIRTYPE, 0o755
        tar.addfile(info)
        return
    info.size, info.mode = len(payload), 0o644
    tar.addfile(info, io.BytesIO(payload))


def write_cifar10_fixture_archive(path: str | os.PathLike[str], *, per_batch: int = 20,
                                  seed: int = 0) -> Path:
    """Write the fixture archive (gzip-compressed tar) to ``path``; returns the path.

    Args:
        path: the ``.tar.gz`` file to write (its folder is created if needed).
        per_batch: images in each of the six batches, a multiple of 10 (balanced classes),
            so the fixture has ``5 * per_batch`` train and ``per_batch`` test images.
        seed: the noise and order seed; the same arguments give byte-identical files.

    Example:
    >>> import hashlib, tempfile
    >>> tmp = Path(tempfile.mkdtemp())
    >>> a = write_cifar10_fixture_archive(tmp / "a.tar.gz", per_batch=10)
    >>> b = write_cifar10_fixture_archive(tmp / "b.tar.gz", per_batch=10)
    >>> a.read_bytes() == b.read_bytes()
    True
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file path, got {type(path).__name__}")
    target = Path(path).expanduser()
    batches = fixture_batches(per_batch, seed)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        _add(tar, BATCHES_DIRNAME, None)
        _add(tar, f"{BATCHES_DIRNAME}/{FIXTURE_MARKER}", FIXTURE_NOTICE.encode())
        _add(tar, f"{BATCHES_DIRNAME}/{META_FILE}", _meta_pickle(per_batch))
        for name, (data, labels) in batches.items():
            _add(tar, f"{BATCHES_DIRNAME}/{name}", _batch_pickle(name, data, labels))
    return target


def install_cifar10_fixture(keras_home: str | os.PathLike[str], **kw: Any) -> ImportResult:
    """Write a fixture archive to a temporary file and import it into ``keras_home``.

    For tests: ``kw`` goes to :func:`write_cifar10_fixture_archive` (``per_batch``,
    ``seed``). The data is then what ``load_cifar10(keras_home=...)`` (or with
    ``KERAS_HOME=keras_home``) returns, with ``source="fixture"``.

    Example:
    >>> import tempfile
    >>> install_cifar10_fixture(tempfile.mkdtemp(), per_batch=10).source
    'fixture'
    """
    if not isinstance(keras_home, (str, os.PathLike)):
        raise TypeError(f"keras_home must be a path, got {type(keras_home).__name__}")
    with tempfile.TemporaryDirectory(prefix="rparity-cifar10-fixture-") as tmp:
        archive = write_cifar10_fixture_archive(Path(tmp) / "cifar-10-fixture.tar.gz", **kw)
        return import_cifar10(archive, allow_unofficial=True, keras_home=keras_home)


def use_cifar10_or_fixture(allow_fixture: bool) -> str:
    """For demonstrations (vignettes): make CIFAR-10 loadable and say which data it is.

    Returns the source of the data ``load_cifar10`` will now give: the real data
    (``"cifar-10"``, or ``"unofficial"`` for an imported copy) when the Keras cache has
    it. Otherwise, only if ``allow_fixture``, a fixture is installed into a throw-away
    Keras home (``KERAS_HOME`` is pointed at it for this process), a loud banner is
    printed, and ``"fixture"`` is returned. Without real data and without
    ``allow_fixture`` it raises :class:`DatasetMissingError` with the remedy.
    """
    status = cifar10_status()
    if status.present and status.source != "fixture":
        return status.source
    if not allow_fixture:
        if not status.present:
            load_cifar10()  # raises DatasetMissingError naming the remedy
        raise DatasetMissingError("only the synthetic CIFAR-format fixture is installed; "
                                  f"this needs the real CIFAR-10: `{IMPORT_COMMAND}`")
    home = tempfile.mkdtemp(prefix="rparity-keras-home-")
    install_cifar10_fixture(home, per_batch=20)
    os.environ["KERAS_HOME"] = home  # the data layer reads it at every call
    rule = "!" * 88
    print(f"{rule}\n!! CIFAR-10 is not on this machine: the numbers below come from a SYNTHETIC "
          f"FIXTURE\n!! in the CIFAR format, NOT from CIFAR-10; import the real data with\n!!"
          f"     `{IMPORT_COMMAND}`\n!! (fixture installed in the temporary Keras home "
          f"{home})\n{rule}")
    return "fixture"
