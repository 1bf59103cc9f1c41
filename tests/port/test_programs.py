"""Ports of programs written for these tests: base-R data preparation from a CSV file
(exact against R), keras3 style (%<-%, array_reshape, new_layer_class, the functional API,
loss and metric objects), and a program with a line that has no Python translation
(its comment, the report, the NotImplementedError, and --data-from-r's exact verdict)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from keras_rparity.errors import ProgramError
from keras_rparity.port import port
from keras_rparity.programs import PythonProgram
from keras_rparity.record import Knobs

pytestmark = pytest.mark.r

PROGRAMS = Path(__file__).with_name("programs")


@pytest.fixture
def programs(tmp_path) -> Path:
    shutil.copytree(PROGRAMS, tmp_path / "programs")
    return tmp_path / "programs"


def test_csv_data_preparation_ports_exact(programs, bridge, ruff_clean):
    text, report = port(programs / "csv_prep.R", programs / "csv_prep.py", epochs=1)
    assert report.untranslated == []
    ruff_clean(programs / "csv_prep.py")
    assert "def r_scale(x):" in text and "r_factor_codes(measures[\"kind\"])" in text
    assert report.exact, report.text()
    assert [f.epochs for f in report.parity.fits] == [{"r": 1, "python": 1}] * 2


def test_keras3_style_program_translates_and_runs(programs, bridge, ruff_clean):
    output = programs / "keras3_style.py"
    text, report = port(programs / "keras3_style.R", output, check=False)
    assert report.untranslated == []
    ruff_clean(output)
    assert "(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist" in text
    assert "class ScaledDense(keras.layers.Layer):" in text
    assert "outputs = ScaledDense(units=16)(inputs)" in text
    run = PythonProgram(path=output).run(Knobs(epochs=1, per_class=10))
    assert len(run.fits) == 1 and run.fits[0].param_count == 784 * 16 + 16 * 10 + 10


def test_keras3_style_program_is_exact_against_r(programs, bridge):
    _, report = port(programs / "keras3_style.R", programs / "keras3_style.py", epochs=1,
                     per_class=10)
    assert report.exact, report.text()


def test_untranslated_line_is_commented_reported_and_raises(programs, bridge, ruff_clean):
    output = programs / "unsupported.py"
    text, report = port(programs / "unsupported.R", output, check=False)
    ruff_clean(output)
    assert "# R (not translated): noise <- runif(120)" in text
    assert "# reason: runif() draws from R's random number generator" in text
    [item] = report.untranslated
    assert (item.line, item.text) == (3, "noise <- runif(120)")
    assert (report.lines_total, report.lines_translated) == (9, 8)
    assert "not translated, line 3: noise <- runif(120)" in report.text()
    with pytest.raises(ProgramError, match="R line 3 is not translated: noise") as failure:
        PythonProgram(path=output).run(Knobs(epochs=1))
    assert isinstance(failure.value.python_error, NotImplementedError)


def test_untranslated_line_with_data_from_r_is_exact(programs, bridge, ruff_clean):
    output = programs / "unsupported.py"
    text, report = port(programs / "unsupported.R", output, data_from_r=True, epochs=1)
    ruff_clean(output)
    assert (programs / "unsupported_data.npz").is_file()
    assert "model.fit(*next(r_fits), batch_size=20, epochs=2, verbose=0)" in text
    assert [d.line for d in report.dependent] == [4, 5]
    assert report.exact, report.text()
    data = report.to_dict()
    assert data["untranslated"][0]["line"] == 3 and data["exact"] is True
