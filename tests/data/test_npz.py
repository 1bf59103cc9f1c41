"""Dataset .npz files (MNIST's format): what is accepted and what is refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from keras_rparity.data.npz import npz_dataset_entry, read_npz
from keras_rparity.errors import DatasetCorruptError

GOOD = {"x_train": np.zeros((2, 3)), "y_train": np.array([0, 1]),
        "x_test": np.zeros((1, 3)), "y_test": np.array([[1]])}


def test_read_npz_gives_keras_shapes(tmp_path: Path):
    np.savez(tmp_path / "d.npz", **GOOD)
    (x_train, y_train), (x_test, y_test) = read_npz(tmp_path / "d.npz")
    assert x_train.shape == (2, 3) and y_train.tolist() == [0, 1]
    assert x_test.shape == (1, 3) and y_test.shape == (1, 1)


@pytest.mark.parametrize("change, match", [
    ({"y_train": None}, "lacks y_train"),
    ({"y_train": np.array([0, 1, 1])}, r"x_train \(2, 3\) and y_train \(3,\) must have the same"),
    ({"y_test": np.zeros((1, 2))}, r"y_test must have shape \(n,\) or \(n, 1\)"),
    ({"x_test": np.array([object()], dtype=object)}, r"not a readable \.npz of plain arrays"),
])
def test_read_npz_refuses_what_is_not_a_dataset(tmp_path: Path, change: dict, match: str):
    arrays = {**GOOD, **change}
    np.savez(tmp_path / "bad.npz", **{k: v for k, v in arrays.items() if v is not None})
    with pytest.raises(DatasetCorruptError, match=match):
        read_npz(tmp_path / "bad.npz")


def test_not_a_zip_at_all(tmp_path: Path):
    (tmp_path / "text.npz").write_text("hello")
    with pytest.raises(DatasetCorruptError, match=r"not a readable \.npz"):
        read_npz(tmp_path / "text.npz")


def test_a_file_in_the_keras_cache_says_so(cifar_home: Path):
    path = cifar_home / "datasets" / "digits.npz"
    path.parent.mkdir(parents=True)
    np.savez(path, **GOOD)
    entry = npz_dataset_entry("digits", lambda: cifar_home / "datasets" / "digits.npz")
    assert entry.uses_keras_cache
    assert entry.load(None).source == f"digits: Keras cache {path}"
