"""CIFAR-10 archives: checking, importing (fixture, unofficial, official), and what the
import leaves in the cache when it fails."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import numpy as np
import pytest

from keras_rparity.data import cifar10 as c
from keras_rparity.data import cifar10_archive as a
from keras_rparity.data import cifar10_fixture as fx
from keras_rparity.data import cifar10_format as f
from keras_rparity.data.hashing import file_digests
from keras_rparity.errors import DatasetCorruptError, DatasetMissingError


def batch_bytes(data: object, labels: object) -> bytes:
    return pickle.dumps({b"data": data, b"labels": labels}, protocol=3)


def expected_arrays(per_batch: int, seed: int) -> tuple[tuple, tuple]:
    """What loading the fixture must give, built straight from the generator."""
    batches = fx.fixture_batches(per_batch, seed)

    def images(rows: np.ndarray) -> np.ndarray:
        return rows.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)

    train = [batches[name] for name in f.TRAIN_BATCHES]
    x_train = images(np.concatenate([d for d, _ in train]))
    y_train = np.concatenate([labels for _, labels in train]).reshape(-1, 1)
    x_test, y_test = batches[f.TEST_BATCH]
    return (x_train, y_train), (images(x_test), y_test.reshape(-1, 1))



# --- fixture archive ----------------------------------------------------------------------

def test_fixture_round_trip(fixture_archive: Path, cifar_home: Path):
    result = a.import_cifar10(fixture_archive, allow_unofficial=True)
    folder = cifar_home / "datasets" / a.UNOFFICIAL_DIRNAME / "cifar-10-batches-py"
    assert (result.path, result.source) == (str(folder), "fixture")
    assert (result.n_train, result.n_test) == (100, 20)
    assert (folder / a.FIXTURE_MARKER).read_text().startswith("This archive is a SYNTHETIC")
    record = json.loads((folder.parent / a.SOURCE_MARKER).read_text())
    assert record["source"] == "fixture" and record["md5"] == result.md5
    assert len(record["sha256"]) == 64 and record["imported"]

    data = c.load_cifar10()
    assert data.source == "fixture" and data.path == str(folder)
    (x_train, y_train), (x_test, y_test) = data.train, data.test
    (ex_train, ey_train), (ex_test, ey_test) = expected_arrays(20, 0)
    for got, want in ((x_train, ex_train), (y_train, ey_train), (x_test, ex_test),
                      (y_test, ey_test)):
        assert got.dtype == np.uint8 and got.shape == want.shape
        np.testing.assert_array_equal(got, want)
    assert x_train.shape == (100, 32, 32, 3) and y_train.shape == (100, 1)
    assert not (cifar_home / "datasets" / a.KERAS_FNAME).exists()  # Keras' place untouched



def test_import_of_a_missing_file(tmp_path: Path):
    with pytest.raises(DatasetMissingError, match="does not exist"):
        a.import_cifar10(tmp_path / "nope.tar.gz")
    with pytest.raises(DatasetMissingError, match="not a file"):
        a.import_cifar10(tmp_path)



# --- corrupt archives leave the cache as it was --------------------------------------------

def _variant(kind: str, fixture_archive: Path, fixture_members, write_archive) -> Path:
    members = fixture_members()
    if kind == "truncated":
        raw = fixture_archive.read_bytes()
        target = fixture_archive.with_name("truncated.tar.gz")
        target.write_bytes(raw[: len(raw) // 2])
        return target
    if kind == "not-gzip":
        target = fixture_archive.with_name("plain.tar.gz")
        target.write_text("just text")
        return target
    if kind == "missing-batch":
        del members["cifar-10-batches-py/data_batch_3"]
    elif kind == "wrong-shape":
        members["cifar-10-batches-py/data_batch_2"] = batch_bytes(
            np.zeros((10, 3000), np.uint8), list(range(10)))
    elif kind == "labels-out-of-range":
        members["cifar-10-batches-py/test_batch"] = batch_bytes(
            np.zeros((10, 3072), np.uint8), [*range(9), 10])
    elif kind == "label-count":
        members["cifar-10-batches-py/test_batch"] = batch_bytes(
            np.zeros((10, 3072), np.uint8), list(range(9)))
    elif kind == "float-data":
        members["cifar-10-batches-py/data_batch_1"] = batch_bytes(
            np.zeros((10, 3072), np.float32), list(range(10)))
    elif kind == "malicious-pickle":
        members["cifar-10-batches-py/data_batch_4"] = pickle.dumps(_Evil(), protocol=3)
    return write_archive(f"{kind}.tar.gz", members)


class _Evil:
    def __reduce__(self):
        return (os.system, ("echo this must never run",))


@pytest.mark.parametrize("kind, match", [
    ("truncated", "not a readable gzip-compressed tar"),
    ("not-gzip", "not a readable gzip-compressed tar"),
    ("missing-batch", "lacks data_batch_3"),
    ("wrong-shape", r"data_batch_2: 'data' must have shape \(n, 3072\).*\(10, 3000\)"),
    ("labels-out-of-range", "test_batch: labels must be 0..9, found 10"),
    ("label-count", "10 images but 9 labels"),
    ("float-data", "must be a uint8 NumPy array, found float32"),
    ("malicious-pickle", "refusing to unpickle posix.system"),
])
def test_corrupt_archive_is_refused_and_cache_unchanged(
        kind: str, match: str, cifar_home: Path, fixture_archive: Path, fixture_members,
        write_archive, snapshot):
    bad = _variant(kind, fixture_archive, fixture_members, write_archive)
    with pytest.raises(DatasetCorruptError, match=match):  # empty cache: nothing is created
        a.import_cifar10(bad, allow_unofficial=True)
    assert not cifar_home.exists()
    fx.install_cifar10_fixture(cifar_home, per_batch=10, seed=9)
    before = snapshot(cifar_home)
    with pytest.raises(DatasetCorruptError, match=match):
        a.import_cifar10(bad, allow_unofficial=True)
    assert snapshot(cifar_home) == before
    assert c.load_cifar10().n_train == 50  # the earlier import still loads


def test_failure_while_writing_leaves_cache_unchanged(
        cifar_home: Path, fixture_archive: Path, snapshot, monkeypatch: pytest.MonkeyPatch):
    fx.install_cifar10_fixture(cifar_home, per_batch=10, seed=9)
    before = snapshot(cifar_home)
    real_extract = a._extract_folder

    def disk_full(archive: Path, folder: Path) -> None:
        real_extract(archive, folder)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(a, "_extract_folder", disk_full)
    with pytest.raises(OSError, match="No space left"):
        a.import_cifar10(fixture_archive, allow_unofficial=True)
    # The temporary folder came and went (so datasets/'s own mtime moved); all else is as was.
    after = snapshot(cifar_home)
    assert after.pop("datasets")[:2] == before.pop("datasets")[:2]
    assert after == before


# --- official vs unofficial -----------------------------------------------------------------

def test_unofficial_archive_needs_the_flag(cifar_home: Path, fixture_members, write_archive,
                                          fixture_archive: Path):
    unofficial = write_archive("repacked.tar.gz", fixture_members(marker=False))
    assert a.check_cifar10_archive(unofficial).source == "unofficial"
    for archive in (unofficial, fixture_archive):
        with pytest.raises(DatasetCorruptError,
                           match=r"not the official CIFAR-10 archive .*--allow-unofficial"):
            a.import_cifar10(archive)
    assert not cifar_home.exists()
    result = a.import_cifar10(unofficial, allow_unofficial=True)
    assert result.source == "unofficial" and (result.n_train, result.n_test) == (50, 10)
    assert c.load_cifar10().source == "unofficial"
    assert c.cifar10_status().source == "unofficial"
    a.import_cifar10(fixture_archive, allow_unofficial=True)  # replaces the earlier import
    assert c.load_cifar10().source == "fixture"


def test_official_archive_goes_where_keras_finds_it(
        cifar_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Pretend a fixture is the official archive: it must land in Keras' own layout and
    load through ``keras.utils.get_file`` without any download, ahead of a fixture."""
    fx.install_cifar10_fixture(cifar_home, per_batch=10, seed=1)
    official = fx.write_cifar10_fixture_archive(tmp_path / "official.tar.gz", per_batch=20)
    md5, sha256 = file_digests(official, ("md5", "sha256")).values()
    monkeypatch.setattr(a, "OFFICIAL_MD5", md5)
    monkeypatch.setattr(a, "KERAS_SHA256", sha256)
    from keras.src.utils import file_utils

    def no_download(*args: object, **kwargs: object) -> None:
        raise AssertionError("Keras tried to download")

    monkeypatch.setattr(file_utils, "urlretrieve", no_download)
    result = a.import_cifar10(official)
    datasets = cifar_home / "datasets"
    assert result.source == "cifar-10"
    assert result.path == str(datasets / "cifar-10-batches-py-target" / "cifar-10-batches-py")
    assert (datasets / "cifar-10-batches-py-target_archive").read_bytes() == official.read_bytes()
    data = c.load_cifar10(per_class=1)
    assert data.source == "cifar-10" and data.path == result.path
    assert (data.n_train, data.n_test) == (10, 10)
    full = c.load_cifar10()
    (ex_train, ey_train), (ex_test, _) = expected_arrays(20, 0)
    np.testing.assert_array_equal(full.train[0], ex_train)
    np.testing.assert_array_equal(full.train[1], ey_train)
    np.testing.assert_array_equal(full.test[0], ex_test)
    status = c.cifar10_status()
    assert status.present and status.source == "cifar-10" and "imported" in status.details


def test_import_into_an_unusable_keras_home(tmp_path: Path, fixture_archive: Path,
                                            monkeypatch: pytest.MonkeyPatch):
    from keras_rparity.data.cache import KerasCacheError

    home = tmp_path / "home-file"
    home.write_text("")
    monkeypatch.setenv("KERAS_HOME", str(home))
    with pytest.raises(KerasCacheError, match="is a file, not a folder"):
        a.import_cifar10(fixture_archive, allow_unofficial=True)
    with pytest.raises(KerasCacheError, match="is a file, not a folder"):
        c.load_cifar10(download=True)
