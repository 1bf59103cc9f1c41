"""Loading CIFAR-10 from the Keras cache: per-class subsets, missing or damaged data,
never a download unless asked."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from keras_rparity.data import cifar10 as c
from keras_rparity.data import cifar10_archive as a
from keras_rparity.data import cifar10_fixture as fx
from keras_rparity.errors import DatasetCorruptError, DatasetMissingError


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
    assert str(datasets / a.UNOFFICIAL_DIRNAME) in message
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
