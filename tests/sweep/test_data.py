"""Fashion-MNIST / MNIST loading through Keras' cache layout, offline."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from keras_rparity.data import fashion_mnist as fm
from keras_rparity.data.subsets import first_per_class_index
from keras_rparity.errors import DatasetCorruptError, DatasetMissingError, InvalidChoiceError


def test_subset_links_debian_files_and_keeps_order(fashion_mnist_installed, keras_home: Path):
    data = fm.load_image_dataset("fashion_mnist", subset=20)
    for name in fm.FASHION_MNIST_FILES:
        link = keras_home / "datasets" / "fashion-mnist" / name
        assert link.is_symlink() and link.resolve() == (fm.DEBIAN_FASHION_MNIST_DIR / name)
    assert data.x_train.shape == (200, 28, 28, 1) and data.x_test.shape == (200, 28, 28, 1)
    assert data.x_train.dtype == np.float32
    assert 0.0 <= data.x_train.min() < data.x_train.max() <= 1.0
    assert np.bincount(data.y_train).tolist() == [20] * 10
    assert np.bincount(data.y_test).tolist() == [20] * 10
    assert data.num_classes == 10 and data.class_names[9] == "Ankle boot"
    full = fm.load_image_dataset("fashion_mnist")
    assert full.x_train.shape == (60000, 28, 28, 1) and full.x_test.shape == (10000, 28, 28, 1)
    picked = first_per_class_index(full.y_train, 20)
    np.testing.assert_array_equal(data.x_train, full.x_train[picked])
    assert (np.diff(picked) > 0).all()


def test_raw_loader_behind_the_shared_entry_point(fashion_mnist_installed, keras_home: Path):
    from keras_rparity.data.loaders import load_dataset

    data = load_dataset("fashion_mnist", per_class=3)
    (x_train, y_train), (x_test, y_test) = data.train, data.test
    assert x_train.shape == (30, 28, 28) and x_train.dtype == np.uint8
    assert np.bincount(y_train).tolist() == [3] * 10
    assert x_test.shape == (30, 28, 28) and y_test.dtype == np.uint8
    assert str(keras_home / "datasets" / "fashion-mnist") in data.source
    assert str(fm.DEBIAN_FASHION_MNIST_DIR) in data.source


def test_first_per_class_keeps_original_order():
    labels = np.array([2, 0, 2, 1, 0, 2, 1])
    assert first_per_class_index(labels, 1).tolist() == [0, 1, 3]
    assert first_per_class_index(labels, 9).tolist() == list(range(7))


def test_fashion_mnist_missing_names_the_remedy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(fm, "DEBIAN_FASHION_MNIST_DIR", tmp_path / "not-installed")
    with pytest.raises(DatasetMissingError, match="apt-get install dataset-fashion-mnist"):
        fm.load_image_dataset("fashion_mnist", subset=2)
    assert fm.dataset_status("fashion_mnist")[0] is False


def test_mnist_missing_or_wrong_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    with pytest.raises(DatasetMissingError, match=r"place mnist\.npz in .*datasets"):
        fm.load_image_dataset("mnist")
    (tmp_path / "datasets").mkdir()
    (tmp_path / "datasets" / "mnist.npz").write_bytes(b"not mnist")
    with pytest.raises(DatasetCorruptError, match="SHA-256"):
        fm.load_image_dataset("mnist")


def test_bad_arguments():
    with pytest.raises(InvalidChoiceError, match="'fashion_mnist', 'mnist'"):
        fm.load_image_dataset("cifar10")
    with pytest.raises(ValueError, match="subset"):
        fm.load_image_dataset("fashion_mnist", subset=0)
