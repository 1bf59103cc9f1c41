"""Where the Keras cache is, and the check every command runs before training."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from keras_rparity.data import cache
from keras_rparity.data.cache import KerasCacheError, check_keras_cache, keras_cache_problem
from keras_rparity.errors import KerasRParityError

FIX = "To fix: point KERAS_HOME at a folder you can write to (or unset it to use ~/.keras)."


def test_a_missing_but_creatable_home_is_fine_and_nothing_is_created(cifar_home: Path):
    assert check_keras_cache() == cifar_home / "datasets"
    assert keras_cache_problem() is None
    assert not cifar_home.exists()


def test_keras_home_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path / "file"
    home.write_text("x")
    monkeypatch.setenv("KERAS_HOME", str(home))
    with pytest.raises(KerasCacheError) as info:
        check_keras_cache()
    assert str(info.value) == (f"KERAS_HOME={home} is a file, not a folder, so Keras cannot "
                               f"keep datasets there. {FIX}")
    assert isinstance(info.value, KerasRParityError) and isinstance(info.value, OSError)
    assert "\n" not in str(info.value)


def test_datasets_a_file(cifar_home: Path):
    cifar_home.mkdir()
    (cifar_home / "datasets").write_text("x")
    assert keras_cache_problem() == (
        f"{cifar_home / 'datasets'} is a file, not a folder, so Keras cannot keep datasets in "
        f"KERAS_HOME={cifar_home}. To fix: move that file away, or point KERAS_HOME at a "
        "folder you can write to (or unset it to use ~/.keras).")


def test_a_parent_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "file" / "home"))
    assert keras_cache_problem() == (
        f"KERAS_HOME={tmp_path / 'file' / 'home'} cannot be created: {tmp_path / 'file'} is a "
        f"file, not a folder. {FIX}")


def test_unwritable_home_and_unwritable_parent(cifar_home: Path,
                                               monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(cache, "writable", lambda folder: False)
    assert keras_cache_problem() == (
        f"KERAS_HOME={cifar_home} does not exist and cannot be created: {cifar_home.parent} "
        f"is not writable. {FIX}")
    cifar_home.mkdir()
    assert keras_cache_problem() == (
        f"KERAS_HOME={cifar_home} is not writable ({cifar_home}: permission denied), so "
        f"datasets cannot be cached there. {FIX}")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root may write anywhere: permissions cannot make a folder unwritable")
def test_a_really_read_only_home(cifar_home: Path):
    cifar_home.mkdir()
    cifar_home.chmod(0o555)
    try:
        assert "is not writable" in keras_cache_problem()
    finally:
        cifar_home.chmod(0o755)


def test_the_default_home_and_an_explicit_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("KERAS_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / ".keras").write_text("x")
    assert keras_cache_problem() == (
        f"the Keras home {tmp_path / '.keras'} is a file, not a folder, so Keras cannot keep "
        "datasets there. To fix: make it a folder you can write to, or set KERAS_HOME to one.")
    assert check_keras_cache(tmp_path / "elsewhere") == tmp_path / "elsewhere" / "datasets"
