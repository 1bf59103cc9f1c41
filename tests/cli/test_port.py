"""``keras-rparity port``: writes the port, checks it, exit 0 only when exact; --json is
pure JSON; --no-check; one clear line for a bad input."""

from __future__ import annotations

import json
import shutil

import pytest

from keras_rparity.cli import main
from keras_rparity.programs.bundled import r_examples_dir

pytestmark = pytest.mark.r


def test_port_iris_json_exact(tmp_path, capsys, bridge):
    output = tmp_path / "iris.py"
    status = main(["port", str(r_examples_dir() / "iris_regression.R"), "-o", str(output),
                   "--epochs", "2", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert status == 0
    assert report["exact"] is True and report["lines_translated"] == report["lines_total"]
    assert output.is_file() and (tmp_path / "iris.csv").is_file()
    assert len(report["parity"]["fits"]) == 2


def test_port_no_check_prints_summary(tmp_path, capsys, bridge):
    r_program = tmp_path / "model.R"
    shutil.copy(r_examples_dir() / "examples" / "functional_regression.R", r_program)
    status = main(["port", str(r_program), "--no-check"])
    out = capsys.readouterr().out
    assert status == 0
    assert "24/24 R lines translated" in out and (tmp_path / "model.py").is_file()
    status = main(["port", str(r_program), "--no-check"])  # model.py exists now
    assert status == 2
    assert "exists: give the port another path" in capsys.readouterr().err


def test_port_missing_file_is_one_line(tmp_path, capsys):
    status = main(["port", str(tmp_path / "nope.R")])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1 and "nope.R" in err
