"""Each side runs in its own working folder (a view of the program's folder), with
standard input closed; nothing is left behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from keras_rparity.errors import ProgramError, RError
from keras_rparity.parity import compare_programs
from keras_rparity.programs import ProgramPair, PythonProgram, RProgram
from keras_rparity.record import Knobs

SAVE_PY = """import keras, numpy as np
keras.utils.set_random_seed(1)
model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit(np.array([[1.0, 3.0], [2.0, 4.0]]), np.array([1.0, 2.0]), epochs=1)
model.save("m.keras")
again = keras.models.load_model("m.keras")
again.fit(np.array([[1.0, 3.0], [2.0, 4.0]]), np.array([1.0, 2.0]), epochs=1)
"""
SAVE_R = """set_random_seed(1)
model <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 1)
model %>% compile(optimizer = "sgd", loss = "mse")
model %>% fit(matrix(c(1, 2, 3, 4), 2), c(1, 2), epochs = 1)
save_model(model, "m.keras")
again <- load_model("m.keras")
again %>% fit(matrix(c(1, 2, 3, 4), 2), c(1, 2), epochs = 1)
"""


def _temp_folders() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("rparity-*-*")
            if p.name.startswith(("rparity-python-", "rparity-r-"))}


@pytest.mark.r
def test_both_sides_save_and_reload_a_model_without_meeting_each_other(bridge, tmp_path):
    (tmp_path / "save.py").write_text(SAVE_PY)
    (tmp_path / "save.R").write_text(SAVE_R)
    before = _temp_folders()
    report = compare_programs(ProgramPair.from_files(tmp_path / "save.R",
                                                     tmp_path / "save.py"), Knobs())
    assert report.error is None and report.exact, report.explain()
    assert len(report.fits) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["save.R", "save.py"]  # no output
    assert _temp_folders() == before  # the working folders are gone


def test_a_program_reads_its_folder_and_writes_its_own(tmp_path):
    (tmp_path / "input.txt").write_text("shared")
    program = tmp_path / "port.py"
    program.write_text("import os\nassert open('input.txt').read() == 'shared'\n"
                       "open('output.txt', 'w').write('mine')\n"
                       "assert os.getcwd() != " + repr(str(tmp_path)) + "\n")
    cwd = os.getcwd()
    PythonProgram(path=program).run()
    assert os.getcwd() == cwd and not (tmp_path / "output.txt").exists()


@pytest.mark.parametrize("line", ["input('continue? ')", "import sys; sys.stdin.readline()"])
def test_python_input_is_refused_in_one_line(tmp_path, line):
    program = tmp_path / "asks.py"
    program.write_text(line + "\n")
    with pytest.raises(ProgramError, match="ProgramInputError: the program asked for input") \
            as caught:
        PythonProgram(path=program).run()
    assert caught.value.line == 1


def test_keras_overwrite_prompt_is_refused(tmp_path):
    program = tmp_path / "twice.py"
    program.write_text("import keras\n"
                       "model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])\n"
                       "model.save('m.keras')\nmodel.save('m.keras', overwrite=False)\n")
    with pytest.raises(ProgramError, match="pass overwrite=True") as caught:
        PythonProgram(path=program).run()
    assert caught.value.line == 4


@pytest.mark.r
@pytest.mark.parametrize("line", ["readline('continue? ')", "readLines(stdin(), n = 1)",
                                  "readLines('stdin')", "scan('', n = 1)"])
def test_r_input_is_refused_in_one_line(bridge, line):
    with pytest.raises(RError, match="the R program asked for input") as caught:
        RProgram(code=f"x <- 1\n{line}\n").run()
    assert caught.value.line == 2


@pytest.mark.r
def test_r_reads_other_files_as_usual(bridge, tmp_path):
    (tmp_path / "lines.txt").write_text("a\nb\n")
    program = tmp_path / "reads.R"
    program.write_text("stopifnot(identical(readLines('lines.txt'), c('a', 'b')))\n"
                       "stopifnot(identical(scan('lines.txt', what = '', quiet = TRUE), "
                       "c('a', 'b')))\n")
    RProgram(path=program).run()
