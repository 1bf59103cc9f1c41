"""``keras-rparity run``: the main job, offline, with and without CIFAR-10 data."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib import image

from keras_rparity.cli import main

pytestmark = pytest.mark.r


def test_without_cifar10_and_no_standin_it_says_so_and_runs_the_rest(keras_home, tmp_path,
                                                                     capsys, bridge):
    out = tmp_path / "report"
    status = main(["run", "--experiments", "iris,bird_vs_plane", "--epochs", "2",
                   "--verbose", "0", "--no-standin", "--out", str(out)])
    printed = capsys.readouterr().out
    assert status == 0
    assert "bird_vs_plane: skipped. CIFAR-10" in printed
    assert "keras-rparity data import-cifar10" in printed
    table = pd.read_csv(out / "parity.csv")
    assert list(table["experiment"]) == ["iris", "iris"]
    assert (table["max_abs_dloss"] == 0).all() and table["exact"].all()
    assert "skipped" in (out / "parity.md").read_text()


def test_with_fixture_data_the_report_says_fixture(with_cifar10_fixture, tmp_path, capsys,
                                                   bridge):
    out = tmp_path / "report"
    status = main(["run", "--experiments", "iris,bird_vs_plane,cifar10", "--epochs", "1",
                   "--per-class", "5", "--verbose", "0", "--out", str(out)])
    printed = capsys.readouterr().out
    assert status == 0
    table = pd.read_csv(out / "parity.csv")
    assert list(table["experiment"]) == ["iris", "iris", "bird_vs_plane", "cifar10"]
    assert table["exact"].all()
    cifar_rows = table[table["experiment"] != "iris"]
    assert (cifar_rows["data"] == "FIXTURE (synthetic images, not CIFAR-10)").all()
    assert "ran on a test FIXTURE, not on CIFAR-10" in printed
    for name in ("iris", "bird_vs_plane", "cifar10"):
        picture = image.imread(out / f"{name}_parity.png")
        assert picture.shape[0] > 200 and picture.shape[1] > 400
        assert picture.std() > 0.01
    assert "![iris_parity](iris_parity.png)" in (out / "parity.md").read_text()


def test_imported_archive_is_used(keras_home, tmp_path, capsys, bridge):
    from keras_rparity.data.cifar10_fixture import write_cifar10_fixture_archive

    archive = write_cifar10_fixture_archive(tmp_path / "cifar-10-python.tar.gz", per_batch=10)
    assert main(["data", "import-cifar10", str(archive), "--allow-unofficial"]) == 0
    out = tmp_path / "report"
    assert main(["run", "--experiments", "bird_vs_plane", "--epochs", "1", "--verbose", "0",
                 "--no-r", "--out", str(out)]) == 0
    capsys.readouterr()
    table = pd.read_csv(out / "parity.csv")
    assert list(table["experiment"]) == ["bird_vs_plane"]
    assert table["data"].iloc[0] == "FIXTURE (synthetic images, not CIFAR-10)"
