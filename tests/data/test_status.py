"""``dataset_status``: every registry entry as a row, never creating or downloading."""

from __future__ import annotations

from pathlib import Path

import pytest

from keras_rparity.data import cifar10_archive as a
from keras_rparity.data import loaders
from keras_rparity.data import status as st
from keras_rparity.data.cifar10_fixture import install_cifar10_fixture
from keras_rparity.data.dataset import Availability, DatasetEntry


def _by_name(rows: list) -> dict:
    return {row["name"] if isinstance(row, dict) else row.name: row for row in rows}


def test_status_lists_iris_and_cifar10(cifar_home: Path):
    rows = _by_name(st.dataset_status())
    assert rows["iris"].present and rows["iris"].location.endswith("embedded/iris.csv")
    cifar = rows["cifar10"]
    assert not cifar.present and "import-cifar10" in cifar.remedy
    assert cifar.location == str(cifar_home / "datasets" / "cifar-10-batches-py-target_archive")
    table = st.format_status(st.dataset_status())
    assert table.splitlines()[0].split() == ["dataset", "present", "location", "details"]
    assert "  -> import the archive you have" in table
    install_cifar10_fixture(cifar_home, per_batch=10)
    cifar = _by_name(st.dataset_status())["cifar10"]
    assert cifar.present and cifar.details.startswith("fixture: synthetic fixture, NOT CIFAR-10")
    assert cifar.location == str(cifar_home / "datasets" / a.UNOFFICIAL_DIRNAME)


def test_status_lists_fashion_mnist_and_mnist(cifar_home: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch):
    from keras_rparity.data import fashion_mnist as fm
    from keras_rparity.data.hashing import file_digests
    from keras_rparity.data.npz import npz_dataset_entry

    rows = st.dataset_status()
    assert [row.name for row in rows][:4] == ["iris", "cifar10", "fashion_mnist", "mnist"]
    rows = _by_name(rows)
    mnist = rows["mnist"]
    assert not mnist.present and mnist.details == "not in the Keras cache"
    assert mnist.location == str(cifar_home / "datasets" / "mnist.npz")
    assert "mnist.npz" in mnist.remedy and "load_data()" in mnist.remedy
    fashion = rows["fashion_mnist"]
    installed = all((fm.DEBIAN_FASHION_MNIST_DIR / f).is_file() for f in fm.FASHION_MNIST_FILES)
    assert fashion.present is installed
    if installed:  # not linked yet: the files are where the package put them (issue 12.7)
        assert fashion.details.startswith(f"Fashion-MNIST: from {fm.DEBIAN_FASHION_MNIST_DIR}")
        assert fashion.location == str(fm.DEBIAN_FASHION_MNIST_DIR)
    else:
        assert fashion.location == str(cifar_home / "datasets" / "fashion-mnist")
    assert "apt-get install dataset-fashion-mnist" in fashion.remedy
    assert "  -> no package ships MNIST" in st.format_status(st.dataset_status())
    assert not cifar_home.exists()  # asking links and downloads nothing

    monkeypatch.setattr(fm, "DEBIAN_FASHION_MNIST_DIR", tmp_path / "not-installed")
    fashion = _by_name(st.dataset_status())["fashion_mnist"]
    assert not fashion.present
    assert fashion.details == f"not in the Keras cache nor in {tmp_path / 'not-installed'}"
    assert fashion.location == str(cifar_home / "datasets" / "fashion-mnist")

    npz = cifar_home / "datasets" / "mnist.npz"
    npz.parent.mkdir(parents=True)
    npz.write_bytes(b"not mnist")
    mnist = _by_name(st.dataset_status())["mnist"]
    assert not mnist.present and "wrong SHA-256" in mnist.details
    monkeypatch.setitem(loaders._REGISTRY, "mnist", npz_dataset_entry(
        "mnist", npz, sha256=file_digests(npz)["sha256"], title="MNIST",
        remedy=loaders.MNIST_REMEDY))
    mnist = _by_name(st.dataset_status())["mnist"]
    assert mnist.present and mnist.details == f"MNIST: {npz}"


def test_registry_replaces_and_survives_broken_probes():
    def broken() -> Availability:
        raise RuntimeError("disk on fire")

    try:
        loaders.register_dataset(DatasetEntry("toy", lambda: Availability(True, "/a", ""),
                                              "none"))
        with pytest.raises(ValueError, match="already registered"):
            loaders.register_dataset(DatasetEntry("toy", broken, "fix the disk"))
        loaders.register_dataset(DatasetEntry("toy", broken, "fix the disk"), replace=True)
        rows = [s for s in st.dataset_status() if s.name == "toy"]
        assert len(rows) == 1 and not rows[0].present
        assert rows[0].details == "probe failed: disk on fire"
        assert rows[0].remedy == "fix the disk"
    finally:
        loaders.unregister_dataset("toy")
    assert "toy" not in _by_name(st.dataset_status())
    with pytest.raises(TypeError, match="DatasetEntry"):
        loaders.register_dataset(object())  # type: ignore[arg-type]


def test_status_says_when_the_keras_home_is_unusable(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch):
    home = tmp_path / "not-a-folder"
    home.write_text("oops")
    monkeypatch.setenv("KERAS_HOME", str(home))
    rows = _by_name(st.dataset_status())
    assert rows["iris"].present  # embedded: no cache needed
    for name in ("cifar10", "fashion_mnist", "mnist"):
        row = rows[name]
        assert not row.present and row.details == "the Keras home is unusable"
        assert row.remedy == (f"KERAS_HOME={home} is a file, not a folder, so Keras cannot "
                              "keep datasets there. To fix: point KERAS_HOME at a folder you "
                              "can write to (or unset it to use ~/.keras).")
    assert home.read_text() == "oops"


def test_a_read_only_cache_holding_the_data_still_counts(cifar_home: Path,
                                                         monkeypatch: pytest.MonkeyPatch):
    from keras_rparity.data import cache
    from keras_rparity.data.cifar10_fixture import install_cifar10_fixture

    install_cifar10_fixture(cifar_home, per_batch=10)
    monkeypatch.setattr(cache, "writable", lambda folder: False)
    rows = _by_name(st.dataset_status())
    assert rows["cifar10"].present and rows["cifar10"].details.startswith("fixture:")
    assert not rows["mnist"].present and rows["mnist"].details == "the Keras home is unusable"
    assert "is not writable" in rows["mnist"].remedy


def test_table_says_an_unusable_home_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path / "not-a-folder"
    home.write_text("")
    monkeypatch.setenv("KERAS_HOME", str(home))
    table = st.format_status(st.dataset_status())
    assert table.count("is a file, not a folder") == 1
    assert table.count("  -> (same as above)") == 2  # fashion_mnist and mnist
