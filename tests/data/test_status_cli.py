"""``dataset_status`` / its probe registry and the ``keras-rparity data`` command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from keras_rparity.cli import main
from keras_rparity.data import cifar10 as c
from keras_rparity.data import status as st
from keras_rparity.data.cifar10_fixture import install_cifar10_fixture


def _by_name(rows: list) -> dict:
    return {row["name"] if isinstance(row, dict) else row.name: row for row in rows}


def test_status_lists_iris_and_cifar10(cifar_home: Path):
    rows = _by_name(st.dataset_status())
    assert rows["iris"].present and rows["iris"].location.endswith("embedded/iris.csv")
    cifar = rows["cifar10"]
    assert not cifar.present and "import-cifar10" in cifar.remedy
    assert cifar.location == str(cifar_home / "datasets" / "cifar-10-batches-py-target_archive")
    table = st.format_status(st.dataset_status())
    assert table.splitlines()[0].split() == ["dataset", "present", "location", "details"]
    assert "  -> import the archive you have" in table
    install_cifar10_fixture(cifar_home, per_batch=10)
    cifar = _by_name(st.dataset_status())["cifar10"]
    assert cifar.present and cifar.details.startswith("fixture: synthetic fixture, NOT CIFAR-10")
    assert cifar.location == str(cifar_home / "datasets" / c.UNOFFICIAL_DIRNAME)


def test_status_lists_fashion_mnist_and_mnist(cifar_home: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch):
    from keras_rparity.data import fashion_mnist as fm

    rows = st.dataset_status()
    assert [row.name for row in rows][:4] == ["iris", "cifar10", "fashion_mnist", "mnist"]
    rows = _by_name(rows)
    mnist = rows["mnist"]
    assert not mnist.present and mnist.details == "not in the Keras cache"
    assert mnist.location == str(cifar_home / "datasets" / "mnist.npz")
    assert "mnist.npz" in mnist.remedy and "load_data()" in mnist.remedy
    fashion = rows["fashion_mnist"]
    assert fashion.location == str(cifar_home / "datasets" / "fashion-mnist")
    installed = all((fm.DEBIAN_FASHION_MNIST_DIR / f).is_file() for f in fm.FASHION_MNIST_FILES)
    assert fashion.present is installed
    if installed:
        assert fashion.details == f"Fashion-MNIST: from {fm.DEBIAN_FASHION_MNIST_DIR}"
    assert "apt-get install dataset-fashion-mnist" in fashion.remedy
    assert "  -> no package ships MNIST" in st.format_status(st.dataset_status())
    assert not cifar_home.exists()  # asking links and downloads nothing

    monkeypatch.setattr(fm, "DEBIAN_FASHION_MNIST_DIR", tmp_path / "not-installed")
    fashion = _by_name(st.dataset_status())["fashion_mnist"]
    assert not fashion.present
    assert fashion.details == f"not in the Keras cache nor in {tmp_path / 'not-installed'}"

    npz = cifar_home / "datasets" / "mnist.npz"
    npz.parent.mkdir(parents=True)
    npz.write_bytes(b"not mnist")
    mnist = _by_name(st.dataset_status())["mnist"]
    assert not mnist.present and "wrong SHA-256" in mnist.details
    monkeypatch.setattr(fm, "MNIST_SHA256", fm._sha256(npz))
    mnist = _by_name(st.dataset_status())["mnist"]
    assert mnist.present and mnist.details == f"MNIST: {npz}"


def test_probe_registry_replaces_and_survives_broken_probes():
    def broken() -> bool:
        raise RuntimeError("disk on fire")

    try:
        st.register_probe(st.DatasetProbe("toy", lambda: True, lambda: "/a", "none"))
        st.register_probe(st.DatasetProbe("toy", broken, lambda: "/b", "fix the disk"))
        rows = [s for s in st.dataset_status() if s.name == "toy"]
        assert len(rows) == 1 and not rows[0].present
        assert rows[0].details == "probe failed: disk on fire"
        assert rows[0].remedy == "fix the disk"
    finally:
        st.unregister_probe("toy")
    assert "toy" not in _by_name(st.dataset_status())
    with pytest.raises(TypeError, match="DatasetProbe"):
        st.register_probe(object())  # type: ignore[arg-type]


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
    assert str(cifar_home / "datasets" / c.UNOFFICIAL_DIRNAME / "cifar-10-batches-py") in out

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
