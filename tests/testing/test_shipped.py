"""The shipped folders (r_examples, vignettes) are found, and missing programs are named."""

from __future__ import annotations

import shutil

import pytest

from keras_rparity.errors import KerasRParityError
from keras_rparity.programs.bundled import missing_programs, r_examples_dir
from keras_rparity.shipped import candidate_dirs, shipped_dir


def test_the_checkout_folders_are_found_without_configuration(monkeypatch):
    monkeypatch.delenv("KERAS_RPARITY_R_EXAMPLES", raising=False)
    assert (shipped_dir("r_examples") / "iris_regression.R").is_file()
    assert any(shipped_dir("vignettes").glob("*.py"))
    package_copy, checkout = candidate_dirs("vignettes")
    assert package_copy.parent.name == "keras_rparity" and checkout.parent.name != "keras_rparity"


def test_a_complete_copy_has_nothing_missing(tmp_path, monkeypatch, iris_copier):
    folder = tmp_path / "r_examples"
    shutil.copytree(r_examples_dir(), folder)
    iris_copier(folder / "examples")
    monkeypatch.setenv("KERAS_RPARITY_R_EXAMPLES", str(folder))
    assert missing_programs() == []


def test_missing_files_and_examples_are_each_named(tmp_path, monkeypatch):
    folder = tmp_path / "r_examples"
    shutil.copytree(r_examples_dir(), folder, ignore=shutil.ignore_patterns("examples"))
    (folder / "iris.csv").unlink()
    (folder / "cifar10_multiclass.py").unlink()
    monkeypatch.setenv("KERAS_RPARITY_R_EXAMPLES", str(folder))
    assert missing_programs() == [str(folder / "cifar10_multiclass.py"), str(folder / "iris.csv"),
                                  f"{folder / 'examples'} (the example program pairs)"]


def test_a_missing_folder_is_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_RPARITY_R_EXAMPLES", str(tmp_path / "nowhere"))
    with pytest.raises(KerasRParityError, match=r"KERAS_RPARITY_R_EXAMPLES points at .*nowhere"):
        r_examples_dir()
    assert len(missing_programs()) == 1 and "nowhere" in missing_programs()[0]
