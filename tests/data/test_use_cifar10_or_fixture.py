"""Demonstrations get real CIFAR-10 or a loudly labelled fixture, never silently."""

from __future__ import annotations

import os

import pytest

from keras_rparity.data.cifar10 import load_cifar10
from keras_rparity.data.cifar10_fixture import use_cifar10_or_fixture
from keras_rparity.errors import DatasetMissingError


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
