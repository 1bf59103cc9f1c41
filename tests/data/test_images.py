"""Image datasets scaled for training (what the sweep trains on)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from keras_rparity.data import fashion_mnist as fm
from keras_rparity.data.images import load_image_dataset
from keras_rparity.data.subsets import first_per_class_index
from keras_rparity.errors import DatasetCorruptError, DatasetMissingError, InvalidChoiceError


def test_per_class_links_debian_files_and_keeps_order(fashion_mnist_installed,
                                                       keras_home: Path):
    data = load_image_dataset("fashion_mnist", per_class=20)
    for name in fm.FASHION_MNIST_FILES:
        link = keras_home / "datasets" / "fashion-mnist" / name
        assert link.is_symlink() and link.resolve() == (fm.DEBIAN_FASHION_MNIST_DIR / name)
    assert data.x_train.shape == (200, 28, 28, 1) and data.x_test.shape == (200, 28, 28, 1)
    assert data.x_train.dtype == np.float32
    assert 0.0 <= data.x_train.min() < data.x_train.max() <= 1.0
    assert np.bincount(data.y_train).tolist() == [20] * 10
    assert np.bincount(data.y_test).tolist() == [20] * 10
    assert data.num_classes == 10 and data.class_names[9] == "Ankle boot"
    full = load_image_dataset("fashion_mnist")
    assert full.x_train.shape == (60000, 28, 28, 1) and full.x_test.shape == (10000, 28, 28, 1)
    picked = first_per_class_index(full.y_train, 20)
    np.testing.assert_array_equal(data.x_train, full.x_train[picked])
    assert (np.diff(picked) > 0).all()


def test_mnist_missing_or_wrong_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    with pytest.raises(DatasetMissingError, match=r"place mnist\.npz in .*datasets"):
        load_image_dataset("mnist")
    (tmp_path / "datasets").mkdir()
    (tmp_path / "datasets" / "mnist.npz").write_bytes(b"not mnist")
    with pytest.raises(DatasetCorruptError, match="SHA-256"):
        load_image_dataset("mnist")


def test_bad_arguments():
    with pytest.raises(InvalidChoiceError, match="'fashion_mnist', 'mnist'"):
        load_image_dataset("cifar10")
    with pytest.raises(ValueError, match="per_class"):
        load_image_dataset("fashion_mnist", per_class=0)


def test_a_registered_grayscale_npz_is_an_image_dataset(tmp_path: Path):
    from keras_rparity.data.loaders import register_npz_dataset, unregister_dataset

    path = tmp_path / "glyphs.npz"
    rng = np.random.default_rng(0)
    np.savez(path, x_train=rng.integers(0, 256, (6, 5, 5), dtype=np.uint8),
             y_train=np.array([0, 1, 2, 0, 1, 2]), x_test=np.zeros((3, 5, 5), np.uint8),
             y_test=np.array([2, 1, 0]))
    register_npz_dataset("glyphs", path, kind="grayscale images", class_names=("a", "b", "c"))
    try:
        data = load_image_dataset("glyphs", per_class=1)
    finally:
        unregister_dataset("glyphs")
    assert data.x_train.shape == (3, 5, 5, 1) and data.input_shape == (5, 5, 1)
    assert data.y_train.tolist() == [0, 1, 2] and data.num_classes == 3
    assert data.source == f"glyphs: {path}"
