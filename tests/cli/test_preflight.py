"""Checks made before any training: files read, folders written, the Keras cache."""

from __future__ import annotations

import argparse
import os

import pytest

from keras_rparity.cli.preflight import PreflightError, check_output_folder, existing_file
from keras_rparity.errors import KerasRParityError


def test_an_existing_file_is_returned(tmp_path):
    program = tmp_path / "p.R"
    program.write_text("1\n")
    assert existing_file("R program")(str(program)) == program


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(argparse.ArgumentTypeError, match="is a folder; give the R program"):
        existing_file("R program")(str(tmp_path))


def test_report_folder_under_a_file_is_refused(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(PreflightError, match="is not a folder; choose another with --out"):
        check_output_folder(tmp_path / "f" / "report")
    with pytest.raises(PreflightError, match="is a file; choose a folder"):
        check_output_folder(tmp_path / "f")
    assert not (tmp_path / "report").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_report_folder_is_refused(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(PreflightError, match="permission denied"):
            check_output_folder(locked / "report")
    finally:
        locked.chmod(0o700)


def test_unwritable_report_folder_is_refused_whoever_runs(tmp_path, monkeypatch):
    """The same refusal where permissions cannot show it (root writes anywhere)."""
    from keras_rparity.cli import preflight

    monkeypatch.setattr(preflight, "writable", lambda folder: False)
    with pytest.raises(PreflightError, match="permission denied"):
        check_output_folder(tmp_path / "report")


def test_keras_home_as_a_file_fails_before_training(tmp_path, monkeypatch, capsys):
    from keras_rparity.cli import main
    from keras_rparity.data import cache

    home = tmp_path / "keras-home-file"
    home.write_text("not a folder")
    monkeypatch.setenv("KERAS_HOME", str(home))
    assert main(["run", "--experiments", "iris", "--no-r", "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "is a file, not a folder" in err[0]
    assert not (tmp_path / "r").exists()
    with pytest.raises(KerasRParityError):
        cache.check_keras_cache()
