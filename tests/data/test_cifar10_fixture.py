"""The CIFAR-format fixture: deterministic, balanced, learnable archives; and the
demonstrations' rule: real CIFAR-10 or a loudly labelled fixture, never silently."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from keras_rparity.data import cifar10_archive
from keras_rparity.data import cifar10_fixture as fx
from keras_rparity.data.cifar10 import load_cifar10
from keras_rparity.data.cifar10_fixture import use_cifar10_or_fixture
from keras_rparity.errors import DatasetMissingError


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
    assert cifar10_archive.check_cifar10_archive(a).source == "fixture"


@pytest.mark.parametrize("kw, error", [
    ({"per_batch": 15}, ValueError), ({"per_batch": 0}, ValueError),
    ({"per_batch": 20.0}, TypeError), ({"seed": -1}, ValueError), ({"seed": True}, TypeError),
])
def test_fixture_argument_checks(tmp_path: Path, kw: dict, error: type):
    with pytest.raises(error, match=next(iter(kw))):
        fx.write_cifar10_fixture_archive(tmp_path / "x.tar.gz", **kw)
    assert not (tmp_path / "x.tar.gz").exists()


def test_without_data_and_without_permission_it_refuses(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    with pytest.raises(DatasetMissingError, match="import-cifar10"):
        use_cifar10_or_fixture(allow_fixture=False)


def test_with_permission_it_installs_a_labelled_fixture(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    assert use_cifar10_or_fixture(allow_fixture=True) == "fixture"
    assert "SYNTHETIC FIXTURE" in capsys.readouterr().out
    assert os.environ["KERAS_HOME"] != str(tmp_path)  # a throw-away home, not the user's
    assert load_cifar10().source == "fixture"
    assert list(tmp_path.iterdir()) == []


def test_a_fixture_alone_does_not_count_as_real_data(with_cifar10_fixture):
    with pytest.raises(DatasetMissingError, match="needs the real CIFAR-10"):
        use_cifar10_or_fixture(allow_fixture=False)
