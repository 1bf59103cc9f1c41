"""The ``keras-rparity data`` command: status, import-cifar10, fetch-cifar10."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from keras_rparity.cli import main
from keras_rparity.data import cifar10 as c
from keras_rparity.data import cifar10_archive as a

pytestmark = pytest.mark.usefixtures("cifar_home")  # a fresh Keras home per test


def _by_name(rows: list) -> dict:
    return {row["name"]: row for row in rows}


def test_cli_status_json(capsys: pytest.CaptureFixture[str]):
    assert main(["data", "status", "--json"]) == 0
    rows = _by_name(json.loads(capsys.readouterr().out))
    assert rows["iris"]["present"] is True
    assert rows["cifar10"]["present"] is False
    assert rows["mnist"]["present"] is False and rows["mnist"]["remedy"]
    assert set(rows["cifar10"]) == {"name", "present", "location", "details", "remedy"}


def test_cli_import_cifar10(cifar_home: Path, fixture_archive: Path,
                            capsys: pytest.CaptureFixture[str]):
    assert main(["data", "import-cifar10", str(fixture_archive)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("keras-rparity: error: ")
    assert "--allow-unofficial" in captured.err and not cifar_home.exists()

    assert main(["data", "import-cifar10", str(fixture_archive), "--allow-unofficial"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 1
    assert "synthetic FIXTURE (not CIFAR-10)" in out and "[source: fixture" in out
    assert str(cifar_home / "datasets" / a.UNOFFICIAL_DIRNAME / "cifar-10-batches-py") in out

    assert main(["data", "status", "--json"]) == 0
    cifar = _by_name(json.loads(capsys.readouterr().out))["cifar10"]
    assert cifar["present"] is True and cifar["details"].startswith("fixture:")

    assert main(["data", "status"]) == 0
    # The name column is as wide as the longest name ("fashion_mnist").
    assert re.search(r"^cifar10 +yes ", capsys.readouterr().out, re.MULTILINE)


def test_cli_import_missing_file_and_fetch_offline(tmp_path: Path, monkeypatch,
                                                   capsys: pytest.CaptureFixture[str]):
    assert main(["data", "import-cifar10", str(tmp_path / "nope.tar.gz")]) == 2
    assert "does not exist" in capsys.readouterr().err

    def offline(keras_home: Path) -> str:
        raise Exception("URL fetch failure on https://www.cs.toronto.edu: None -- offline")

    monkeypatch.setattr(c, "_keras_get_file", offline)
    assert main(["data", "fetch-cifar10"]) == 2
    err = capsys.readouterr().err
    assert "could not download CIFAR-10" in err and "import-cifar10" in err


def test_cli_data_without_subcommand_shows_help(capsys: pytest.CaptureFixture[str]):
    assert main(["data"]) == 2
    out = capsys.readouterr().out
    assert "import-cifar10" in out and "fetch-cifar10" in out and "status" in out


def test_cli_status_and_import_with_keras_home_a_file(tmp_path: Path, fixture_archive: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]):
    home = tmp_path / "home-file"
    home.write_text("")
    monkeypatch.setenv("KERAS_HOME", str(home))
    assert main(["data", "status"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == (
        f"Keras cache unusable: KERAS_HOME={home} is a file, not a folder, so Keras cannot "
        "keep datasets there. To fix: point KERAS_HOME at a folder you can write to (or "
        "unset it to use ~/.keras).")
    assert main(["data", "import-cifar10", str(fixture_archive), "--allow-unofficial"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.splitlines()) == 1
    assert captured.err.startswith(f"keras-rparity: error: KERAS_HOME={home} is a file")
    assert main(["data", "fetch-cifar10"]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
