"""The dataset registry: one table of name -> loader, probe, remedy; the stand-in; .npz entries."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from keras_rparity.data import loaders
from keras_rparity.data.cifar10 import load_cifar10
from keras_rparity.data.cifar10_fixture import install_cifar10_fixture
from keras_rparity.data.cifar10_standin import load_cifar10_standin
from keras_rparity.data.status import dataset_status
from keras_rparity.errors import DatasetCorruptError, DatasetMissingError, InvalidChoiceError


def _npz(path: Path, n_train: int = 6, n_test: int = 3) -> Path:
    rng = np.random.default_rng(1)
    np.savez(path, x_train=rng.normal(size=(n_train, 4)).astype(np.float32),
             y_train=np.arange(n_train) % 3, x_test=rng.normal(size=(n_test, 4)),
             y_test=(np.arange(n_test) % 3).reshape(-1, 1))
    return path


@pytest.fixture
def registered(tmp_path: Path):
    """Register datasets for one test; they are removed afterwards."""
    names: list[str] = []

    def register(name: str, path: Path, **kw: object):
        names.append(name)
        return loaders.register_npz_dataset(name, path, **kw)

    yield register
    for name in names:
        loaders.unregister_dataset(name)


# --- the table ------------------------------------------------------------------------------

def test_the_table_lists_every_dataset_once():
    entries = loaders.dataset_entries()
    assert [e.name for e in entries] == ["iris", "cifar10", "fashion_mnist", "mnist"]
    assert loaders.dataset_names() == ("cifar10", "fashion_mnist", "mnist")
    assert loaders.dataset_names(loadable=False)[0] == "iris"
    assert loaders.dataset_names("colour images") == ("cifar10",)
    assert [s.name for s in dataset_status()] == [e.name for e in entries]
    with pytest.raises(InvalidChoiceError, match="invalid dataset kind 'pictures'"):
        loaders.dataset_names("pictures")


@pytest.mark.parametrize("name", ["cifar100", "iris", None, 3])
def test_unknown_or_unloadable_names_list_the_choices(name: object):
    with pytest.raises(InvalidChoiceError,
                       match="valid choices: 'cifar10', 'fashion_mnist', 'mnist'"):
        loaders.load_dataset(name)  # type: ignore[arg-type]


def test_no_hidden_import_loop_between_status_and_the_loaders():
    """status.py reads the table; no data module imports status.py (issue 10 point 1)."""
    data_dir = Path(loaders.__file__).parent
    importers = [p.name for p in data_dir.glob("*.py")
                 if "data.status import" in p.read_text() or "data import status" in p.read_text()]
    assert importers == []
    assert not hasattr(loaders, "PROBE_MODULES") and not hasattr(loaders, "DATASETS")


def test_cifar10_through_the_table_is_load_cifar10(cifar_home: Path):
    install_cifar10_fixture(cifar_home, per_batch=10, seed=3)
    data = loaders.load_dataset("cifar10", per_class=2)
    direct = load_cifar10(per_class=2)
    assert data.source == "fixture" and data.name == "cifar10"
    for got, want in zip((*data.train, *data.test), (*direct.train, *direct.test), strict=True):
        np.testing.assert_array_equal(got, want)


# --- the CIFAR-format stand-in ------------------------------------------------------------------

def test_standin_only_when_asked_and_cifar10_is_missing(cifar_home: Path):
    with pytest.raises(DatasetMissingError, match="import-cifar10"):
        loaders.load_dataset("cifar10", per_class=3)
    data = loaders.load_dataset("cifar10", per_class=3, standin=True)
    assert data.source == "synthetic" and data.path == ""
    assert data.train[0].shape == (30, 32, 32, 3) and data.train[0].dtype == np.uint8
    assert data.train[1].shape == (30, 1) and data.test[0].shape[1:] == (32, 32, 3)
    expected = load_cifar10_standin(per_class=3)
    np.testing.assert_array_equal(data.train[0], expected.train[0])
    assert not cifar_home.exists()  # nothing written to the Keras cache


def test_standin_changes_nothing_when_data_is_there(cifar_home: Path):
    install_cifar10_fixture(cifar_home, per_batch=10, seed=3)
    assert loaders.load_dataset("cifar10", per_class=1, standin=True).source == "fixture"


def test_standin_never_hides_a_damaged_archive(cifar_home: Path):
    datasets = cifar_home / "datasets"
    datasets.mkdir(parents=True)
    (datasets / "cifar-10-batches-py-target_archive").write_bytes(b"half a download")
    with pytest.raises(DatasetCorruptError, match="SHA-256 differs"):
        loaders.load_dataset("cifar10", standin=True)


def test_standin_argument_and_datasets_without_one(cifar_home: Path):
    with pytest.raises(TypeError, match="standin must be True or False"):
        loaders.load_dataset("cifar10", standin="yes")  # type: ignore[arg-type]
    with pytest.raises(DatasetMissingError, match="MNIST is not available"):
        loaders.load_dataset("mnist", standin=True)  # no stand-in: the usual error


# --- one entry adds a dataset ---------------------------------------------------------------------

def test_a_user_npz_is_one_entry(tmp_path: Path, registered):
    path = _npz(tmp_path / "mine.npz")
    entry = registered("mine", path, class_names=("a", "b", "c"))
    assert entry.kind == "arrays" and not entry.uses_keras_cache
    data = loaders.load_dataset("mine", per_class=1)
    assert data.train[1].tolist() == [0, 1, 2] and data.test[1].tolist() == [[0], [1], [2]]
    assert data.source == f"mine: {path}" and data.class_names == ("a", "b", "c")
    with np.load(path) as raw:
        np.testing.assert_array_equal(loaders.load_dataset("mine").train[0], raw["x_train"])
    row = next(s for s in dataset_status() if s.name == "mine")
    assert row.present and row.location == str(path) and row.details == f"mine: {path}"
    assert loaders.require_dataset("mine").present


def test_a_user_npz_missing_or_changed(tmp_path: Path, registered):
    path = tmp_path / "later.npz"
    registered("later", path, sha256="0" * 64, remedy="run make-data.py")
    row = next(s for s in dataset_status() if s.name == "later")
    assert not row.present and row.details == "no such file" and row.remedy == "run make-data.py"
    with pytest.raises(DatasetMissingError,
                       match=r"^later is not available: .*later\.npz does not exist\. "
                             r"To fix: run make-data\.py$"):
        loaders.load_dataset("later")
    with pytest.raises(DatasetMissingError, match=r"later is not available \(no such file"):
        loaders.require_dataset("later")
    _npz(path)
    with pytest.raises(DatasetCorruptError, match="SHA-256 differs"):
        loaders.load_dataset("later")
    assert "wrong SHA-256" in next(s for s in dataset_status() if s.name == "later").details


def test_registering_checks_its_arguments(tmp_path: Path, registered):
    registered("twice", tmp_path / "a.npz")
    with pytest.raises(ValueError, match="already registered; pass replace=True"):
        loaders.register_npz_dataset("twice", tmp_path / "b.npz")
    loaders.register_npz_dataset("twice", tmp_path / "b.npz", replace=True)
    assert loaders.dataset_entry("twice").status().location == str(tmp_path / "b.npz")
    with pytest.raises(ValueError, match="Python identifier"):
        loaders.register_npz_dataset("my data", tmp_path / "a.npz")
    with pytest.raises(ValueError, match="kind must be one of"):
        loaders.register_npz_dataset("odd", tmp_path / "a.npz", kind="pictures")
    with pytest.raises(ValueError, match="sha256 must be 64 hex digits"):
        loaders.register_npz_dataset("odd", tmp_path / "a.npz", sha256="abc")
    with pytest.raises(TypeError, match="path must be a file path"):
        loaders.register_npz_dataset("odd", 3)  # type: ignore[arg-type]
    assert "odd" not in loaders.dataset_names()


def test_mnist_is_an_npz_entry_in_the_keras_cache(cifar_home: Path):
    entry = loaders.dataset_entry("mnist")
    assert entry.kind == "grayscale images" and entry.uses_keras_cache
    assert entry.status().location == str(cifar_home / "datasets" / "mnist.npz")
    with pytest.raises(DatasetMissingError, match="no package ships MNIST"):
        loaders.require_dataset("mnist")
