"""CIFAR-10 data layer: fixture archives, import checks, loading, per-class subsets."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import numpy as np
import pytest

from keras_rparity.data import cifar10 as c
from keras_rparity.data import cifar10_fixture as fx
from keras_rparity.errors import DatasetCorruptError, DatasetMissingError


def batch_bytes(data: object, labels: object) -> bytes:
    return pickle.dumps({b"data": data, b"labels": labels}, protocol=3)


def expected_arrays(per_batch: int, seed: int) -> tuple[tuple, tuple]:
    """What loading the fixture must give, built straight from the generator."""
    batches = fx.fixture_batches(per_batch, seed)

    def images(rows: np.ndarray) -> np.ndarray:
        return rows.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)

    train = [batches[name] for name in c.TRAIN_BATCHES]
    x_train = images(np.concatenate([d for d, _ in train]))
    y_train = np.concatenate([labels for _, labels in train]).reshape(-1, 1)
    x_test, y_test = batches[c.TEST_BATCH]
    return (x_train, y_train), (images(x_test), y_test.reshape(-1, 1))


# --- fixture archive ----------------------------------------------------------------------

def test_fixture_round_trip(fixture_archive: Path, cifar_home: Path):
    result = c.import_cifar10(fixture_archive, allow_unofficial=True)
    folder = cifar_home / "datasets" / c.UNOFFICIAL_DIRNAME / "cifar-10-batches-py"
    assert (result.path, result.source) == (str(folder), "fixture")
    assert (result.n_train, result.n_test) == (100, 20)
    assert (folder / c.FIXTURE_MARKER).read_text().startswith("This archive is a SYNTHETIC")
    record = json.loads((folder.parent / c.SOURCE_MARKER).read_text())
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
    assert not (cifar_home / "datasets" / c.KERAS_FNAME).exists()  # Keras' place untouched


def test_fixture_is_deterministic_balanced_and_learnable(tmp_path: Path):
    a = fx.write_cifar10_fixture_archive(tmp_path / "a.tar.gz", per_batch=10, seed=4)
    b = fx.write_cifar10_fixture_archive(tmp_path / "b.tar.gz", per_batch=10, seed=4)
    other = fx.write_cifar10_fixture_archive(tmp_path / "c.tar.gz", per_batch=10, seed=5)
    assert a.read_bytes() == b.read_bytes() != other.read_bytes()
    batches = fx.fixture_batches(per_batch=30, seed=0)
    for data, labels in batches.values():
        assert np.bincount(labels, minlength=10).tolist() == [3] * 10
        assert data.dtype == np.uint8 and data.shape == (30, 3072)
    # Class means are far apart compared with the spread inside a class.
    data, labels = batches["data_batch_1"]
    means = np.stack([data[labels == k].mean(axis=0) for k in range(10)])
    assert np.linalg.norm(means[:, None] - means[None], axis=-1)[~np.eye(10, dtype=bool)].min() \
        > np.linalg.norm(data[labels == 0] - means[0], axis=1).mean()
    assert c.check_cifar10_archive(a).source == "fixture"


@pytest.mark.parametrize("kw, error", [
    ({"per_batch": 15}, ValueError), ({"per_batch": 0}, ValueError),
    ({"per_batch": 20.0}, TypeError), ({"seed": -1}, ValueError), ({"seed": True}, TypeError),
])
def test_fixture_argument_checks(tmp_path: Path, kw: dict, error: type):
    with pytest.raises(error, match=next(iter(kw))):
        fx.write_cifar10_fixture_archive(tmp_path / "x.tar.gz", **kw)
    assert not (tmp_path / "x.tar.gz").exists()


# --- first_per_class / per_class ----------------------------------------------------------

def test_first_per_class_keeps_original_order_and_counts():
    labels = np.array([[2], [0], [2], [1], [0], [2], [1], [0]], dtype=np.uint8)
    x = np.arange(8) * 10
    xs, ys = c.first_per_class(x, labels, 2)
    assert xs.tolist() == [0, 10, 20, 30, 40, 60] and ys.shape == (6, 1)
    assert ys.ravel().tolist() == [2, 0, 2, 1, 0, 1]
    xs1, ys1 = c.first_per_class(x, labels.ravel(), 1.0)  # R double; flat labels stay flat
    assert xs1.tolist() == [0, 10, 30] and ys1.tolist() == [2, 0, 1]
    xs9, _ = c.first_per_class(x, labels, 9)  # fewer than asked: keep what there is
    assert xs9.tolist() == x.tolist()


@pytest.mark.parametrize("bad, error", [
    (0, ValueError), (-3, ValueError), (2.5, ValueError), (float("nan"), ValueError),
    (True, TypeError), ("3", TypeError), (None, TypeError),
])
def test_first_per_class_rejects_bad_counts(bad: object, error: type):
    with pytest.raises(error, match="per_class"):
        c.first_per_class(np.zeros(3), np.zeros(3), bad)


def test_first_per_class_rejects_mismatched_inputs():
    with pytest.raises(ValueError, match="same number of examples"):
        c.first_per_class(np.zeros(3), np.zeros(4), 1)
    with pytest.raises(ValueError, match=r"shape \(n,\) or \(n, 1\)"):
        c.first_per_class(np.zeros(3), np.zeros((3, 2)), 1)


def test_load_per_class(cifar_home: Path):
    fx.install_cifar10_fixture(cifar_home, per_batch=20, seed=2)
    full = c.load_cifar10()
    part = c.load_cifar10(per_class=3)
    assert part.source == "fixture"
    assert np.bincount(part.train[1].ravel()).tolist() == [3] * 10
    # The test batch has only 2 images a class: all are kept.
    assert np.bincount(part.test[1].ravel()).tolist() == [2] * 10
    for got, whole in ((part.train, full.train), (part.test, full.test)):
        want = c.first_per_class(*whole, 3)
        np.testing.assert_array_equal(got[0], want[0])
        np.testing.assert_array_equal(got[1], want[1])
    # 50.0 (an R double) is more than the fixture has: every image is kept.
    more = c.load_cifar10(per_class=50.0)
    assert more.n_train == 100 and more.n_test == 20
    with pytest.raises(ValueError, match="per_class"):
        c.load_cifar10(per_class=0)


# --- missing data ---------------------------------------------------------------------------

def test_missing_data_names_places_and_remedies_without_network(cifar_home: Path,
                                                                 no_network: list[str]):
    with pytest.raises(DatasetMissingError) as info:
        c.load_cifar10(per_class=5)
    message = str(info.value)
    datasets = cifar_home / "datasets"
    assert str(datasets / "cifar-10-batches-py-target_archive") in message
    assert str(datasets / c.UNOFFICIAL_DIRNAME) in message
    assert "keras-rparity data import-cifar10 PATH/TO/cifar-10-python.tar.gz" in message
    assert "keras-rparity data fetch-cifar10" in message and "download=True" in message
    assert no_network == []
    assert not cifar_home.exists()  # looking created nothing
    assert c.cifar10_status().present is False


def test_damaged_keras_archive_is_not_redownloaded(cifar_home: Path, no_network: list[str]):
    datasets = cifar_home / "datasets"
    datasets.mkdir(parents=True)
    (datasets / "cifar-10-batches-py-target_archive").write_bytes(b"half a download")
    with pytest.raises(DatasetCorruptError, match="SHA-256 differs"):
        c.load_cifar10()
    assert no_network == []
    status = c.cifar10_status()
    assert not status.present and "wrong SHA-256" in status.details


def test_download_failure_is_a_missing_error(monkeypatch: pytest.MonkeyPatch):
    def offline(keras_home: Path) -> str:
        raise Exception("URL fetch failure on https://www.cs.toronto.edu: None -- no network")

    monkeypatch.setattr(c, "_keras_get_file", offline)
    with pytest.raises(DatasetMissingError, match=r"could not download CIFAR-10 .*no network"):
        c.load_cifar10(download=True)


def test_import_of_a_missing_file(tmp_path: Path):
    with pytest.raises(DatasetMissingError, match="does not exist"):
        c.import_cifar10(tmp_path / "nope.tar.gz")
    with pytest.raises(DatasetMissingError, match="not a file"):
        c.import_cifar10(tmp_path)


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
        c.import_cifar10(bad, allow_unofficial=True)
    assert not cifar_home.exists()
    fx.install_cifar10_fixture(cifar_home, per_batch=10, seed=9)
    before = snapshot(cifar_home)
    with pytest.raises(DatasetCorruptError, match=match):
        c.import_cifar10(bad, allow_unofficial=True)
    assert snapshot(cifar_home) == before
    assert c.load_cifar10().n_train == 50  # the earlier import still loads


def test_failure_while_writing_leaves_cache_unchanged(
        cifar_home: Path, fixture_archive: Path, snapshot, monkeypatch: pytest.MonkeyPatch):
    fx.install_cifar10_fixture(cifar_home, per_batch=10, seed=9)
    before = snapshot(cifar_home)
    real_extract = c._extract_folder

    def disk_full(archive: Path, folder: Path) -> None:
        real_extract(archive, folder)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(c, "_extract_folder", disk_full)
    with pytest.raises(OSError, match="No space left"):
        c.import_cifar10(fixture_archive, allow_unofficial=True)
    # The temporary folder came and went (so datasets/'s own mtime moved); all else is as was.
    after = snapshot(cifar_home)
    assert after.pop("datasets")[:2] == before.pop("datasets")[:2]
    assert after == before


# --- official vs unofficial -----------------------------------------------------------------

def test_unofficial_archive_needs_the_flag(cifar_home: Path, fixture_members, write_archive,
                                          fixture_archive: Path):
    unofficial = write_archive("repacked.tar.gz", fixture_members(marker=False))
    assert c.check_cifar10_archive(unofficial).source == "unofficial"
    for archive in (unofficial, fixture_archive):
        with pytest.raises(DatasetCorruptError,
                           match=r"not the official CIFAR-10 archive .*--allow-unofficial"):
            c.import_cifar10(archive)
    assert not cifar_home.exists()
    result = c.import_cifar10(unofficial, allow_unofficial=True)
    assert result.source == "unofficial" and (result.n_train, result.n_test) == (50, 10)
    assert c.load_cifar10().source == "unofficial"
    assert c.cifar10_status().source == "unofficial"
    c.import_cifar10(fixture_archive, allow_unofficial=True)  # replaces the earlier import
    assert c.load_cifar10().source == "fixture"


def test_official_archive_goes_where_keras_finds_it(
        cifar_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Pretend a fixture is the official archive: it must land in Keras' own layout and
    load through ``keras.utils.get_file`` without any download, ahead of a fixture."""
    fx.install_cifar10_fixture(cifar_home, per_batch=10, seed=1)
    official = fx.write_cifar10_fixture_archive(tmp_path / "official.tar.gz", per_batch=20)
    md5, sha256 = c._hashes(official)
    monkeypatch.setattr(c, "OFFICIAL_MD5", md5)
    monkeypatch.setattr(c, "KERAS_SHA256", sha256)
    from keras.src.utils import file_utils

    def no_download(*args: object, **kwargs: object) -> None:
        raise AssertionError("Keras tried to download")

    monkeypatch.setattr(file_utils, "urlretrieve", no_download)
    result = c.import_cifar10(official)
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
