"""Fashion-MNIST through Keras' cache layout, offline (files linked from the Debian package)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from keras_rparity.data import fashion_mnist as fm
from keras_rparity.errors import DatasetMissingError


def test_raw_loader_behind_the_shared_entry_point(fashion_mnist_installed, keras_home: Path):
    from keras_rparity.data.loaders import load_dataset

    data = load_dataset("fashion_mnist", per_class=3)
    (x_train, y_train), (x_test, y_test) = data.train, data.test
    assert x_train.shape == (30, 28, 28) and x_train.dtype == np.uint8
    assert np.bincount(y_train).tolist() == [3] * 10
    assert x_test.shape == (30, 28, 28) and y_test.dtype == np.uint8
    assert str(keras_home / "datasets" / "fashion-mnist") in data.source
    assert str(fm.DEBIAN_FASHION_MNIST_DIR) in data.source


def test_fashion_mnist_missing_names_the_remedy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(fm, "DEBIAN_FASHION_MNIST_DIR", tmp_path / "not-installed")
    with pytest.raises(DatasetMissingError, match="apt-get install dataset-fashion-mnist"):
        fm.load_fashion_mnist(per_class=2)
    assert fm.fashion_mnist_availability().present is False


def test_status_never_calls_a_missing_path_present(fashion_mnist_installed, keras_home: Path):
    """Before the first load the files are only in the package: that is the location."""
    cache = keras_home / "datasets" / "fashion-mnist"
    before = fm.fashion_mnist_availability()
    assert before.present and before.location == str(fm.DEBIAN_FASHION_MNIST_DIR)
    assert not cache.exists()  # asking links nothing
    fm.link_fashion_mnist()
    after = fm.fashion_mnist_availability()
    assert after.present and after.location == str(cache) and Path(after.location).is_dir()


def test_linking_twice_or_concurrently_is_harmless(fashion_mnist_installed, keras_home: Path,
                                                   monkeypatch: pytest.MonkeyPatch):
    cache = fm.link_fashion_mnist()
    assert fm.link_fashion_mnist() == cache
    # Another process links the same file between our check and our symlink call.
    (cache / fm.FASHION_MNIST_FILES[0]).unlink()
    real_symlink = Path.symlink_to

    def racing(self: Path, target: Path) -> None:
        real_symlink(self, target)  # the other process wins the race...
        raise FileExistsError(17, "File exists", str(self))  # ...so ours fails

    monkeypatch.setattr(Path, "symlink_to", racing)
    assert fm.link_fashion_mnist() == cache
    assert all((cache / name).is_file() for name in fm.FASHION_MNIST_FILES)


def test_linking_into_an_unusable_keras_home_is_one_clear_line(
        fashion_mnist_installed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from keras_rparity.data.cache import KerasCacheError

    home = tmp_path / "home-file"
    home.write_text("")
    monkeypatch.setenv("KERAS_HOME", str(home))
    with pytest.raises(KerasCacheError, match=r"^KERAS_HOME=.* is a file, not a folder.*To fix"):
        fm.load_fashion_mnist(per_class=1)
