"""A failing program is one line naming the side, file:line, the call and the message,
with the remedy when a knob explains it; the fits before the failure are kept."""

from __future__ import annotations

import numpy as np
import pytest

from keras_rparity.errors import InvalidArgumentError, ProgramError, RError
from keras_rparity.programs import ProgramPair, PythonProgram, RProgram
from keras_rparity.record import Knobs

FIT_PY = ("import keras, numpy as np\n"
          "model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])\n"
          "model.compile(optimizer='sgd', loss='mse')\n")


def _fails(tmp_path, text: str, knobs: Knobs | None = None, name: str = "port.py"):
    program = tmp_path / name
    program.write_text(text)
    with pytest.raises(ProgramError) as caught:
        PythonProgram(path=program).run(knobs or Knobs(epochs=1))
    return caught.value, program


def test_a_key_error_names_the_side_file_line_and_call(tmp_path):
    err, program = _fails(tmp_path, "table = {'a': 1}\n\nvalue = table['b']\n")
    assert (err.side, err.file, err.line) == ("python", str(program), 3)
    assert err.call == "value = table['b']" and err.message == "KeyError: 'b'"
    assert str(err) == f"Python program error at {program}:3 in value = table['b']: KeyError: 'b'"
    assert "\n" not in str(err)


def test_a_shape_mismatch_in_fit_keeps_the_fits_before_it(tmp_path):
    err, _ = _fails(tmp_path, FIT_PY + "model.fit(np.ones((4, 2)), np.ones((4, 1)))\n"
                    "model.fit(np.ones((4, 3)), np.ones((4, 1)))\n")
    assert err.line == 5 and err.call == "model.fit(np.ones((4, 3)), np.ones((4, 1)))"
    assert "\n" not in str(err) and "\x1b[" not in err.message
    assert len(err.run.fits) == 1  # the first fit is kept


def test_a_syntax_error_is_located(tmp_path):
    err, program = _fails(tmp_path, "x = 1\ny = (2\n")
    assert err.file == str(program) and err.line == 2 and err.message.startswith("SyntaxError")


def test_an_os_error_says_the_port_raised_it_and_where_relative_paths_start(tmp_path):
    err, _ = _fails(tmp_path, "open('data/train.csv')\n")
    assert err.line == 1 and err.call == "open('data/train.csv')"
    assert err.message.startswith("the Python program raised FileNotFoundError: no such file")
    assert f"relative paths resolve from the program's folder ({tmp_path.resolve()})" \
        in err.message


def test_relative_paths_resolve_from_the_programs_folder(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "train.csv").write_text("1,2\n")
    program = tmp_path / "port.py"
    program.write_text("assert open('data/train.csv').read() == '1,2\\n'\n")
    PythonProgram(path=program).run()  # from any current folder


def test_no_seed_under_deterministic_ops_says_to_pass_a_seed(tmp_path, run_python_script):
    """In a fresh process: no seed was ever set there (TensorFlow keeps a global seed)."""
    program = tmp_path / "unseeded.py"
    program.write_text(FIT_PY + "model.fit(np.ones((4, 2)), np.ones((4, 1)))\n")
    done = run_python_script(
        "from keras_rparity.errors import ProgramError\n"
        "from keras_rparity.programs import PythonProgram\n"
        "from keras_rparity.record import Knobs\n"
        f"try:\n    PythonProgram(path={str(program)!r}).run(Knobs(epochs=1, seed=None))\n"
        "except ProgramError as err:\n    print('ERROR', err.line, err.message)\n")
    assert done.stdout.startswith("ERROR 4 the program draws random numbers"), done.stderr[-2000:]
    assert "pass --seed N" in done.stdout


def test_the_seed_remedy_replaces_tensorflows_message():
    from keras_rparity.programs.failures import NO_SEED_REMEDY, knob_remedy
    from keras_rparity.record import RunContext

    message = ("Error in fit: ValueError: Random ops require a seed to be set when "
               "determinism is enabled. Please set a seed before running the op")
    assert knob_remedy(message, RunContext()) == NO_SEED_REMEDY


@pytest.mark.parametrize("line", ["x = x[:10000]\nx[9999]",
                                  "x = x.reshape(60000, 784)"])
def test_python_sizes_beyond_per_class_say_to_change_the_knob(tmp_path, line):
    err, _ = _fails(tmp_path, "import keras\n(x, y), _ = keras.datasets.fashion_mnist.load_data()\n"
                    + line + "\n", Knobs(per_class=2))
    assert err.message.endswith("the program expects more rows than --per-class 2 served "
                                "(fashion_mnist: 20 training rows): run it with a larger "
                                "--per-class, or without --per-class")


def test_swapped_files_are_explained():
    with pytest.raises(InvalidArgumentError, match=r"model\.R is an R program, given as the "
                                                   "Python program"):
        ProgramPair.from_files("model.R", "model.R")
    with pytest.raises(InvalidArgumentError, match=r"model\.py is a Python program, given as "
                                                   "the R program"):
        ProgramPair.from_files("model.py", "model.py")


@pytest.mark.r
@pytest.mark.parametrize(("code", "shown"), [
    ("x <- x[1:10000, , ]", "subscript out of bounds"),
    ("dim(x) <- c(60000, 784)", "dims [product 47040000] do not match the length of object"),
])
def test_r_sizes_beyond_per_class_say_to_change_the_knob(bridge, tmp_path, code, shown):
    program = tmp_path / "sizes.R"
    program.write_text("data <- dataset_fashion_mnist()\nx <- data$train$x\n" + code + "\n")
    with pytest.raises(RError) as caught:
        RProgram(path=program).run(Knobs(per_class=2))
    err = caught.value
    assert (err.side, err.line) == ("r", 3) and shown in err.message
    assert err.message.endswith("the program expects more rows than --per-class 2 served "
                                "(fashion_mnist: 20 training rows): run it with a larger "
                                "--per-class, or without --per-class")


@pytest.mark.r
def test_a_misspelled_layer_in_a_pipe_chain_is_reported_at_its_own_line(bridge, tmp_path):
    program = tmp_path / "typo.R"
    program.write_text("model <- keras_model_sequential(input_shape = 2) %>%\n"
                       "  layer_densee(units = 4) %>%\n"
                       "  layer_dense(units = 1)\n")
    with pytest.raises(RError) as caught:
        RProgram(path=program).run(Knobs(epochs=1))
    assert caught.value.line == 2 and 'could not find function "layer_densee"' \
        in caught.value.message


@pytest.mark.r
def test_an_r_program_failing_after_a_fit_keeps_it(bridge):
    code = ("model <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 1)\n"
            "model %>% compile(optimizer = 'sgd', loss = 'mse')\n"
            "model %>% fit(matrix(1:4, 2), c(1, 2))\n"
            "stop('broken after the fit')\n")
    with pytest.raises(RError) as caught:
        RProgram(code=code).run(Knobs(epochs=1))
    assert caught.value.line == 4 and len(caught.value.run.fits) == 1
    np.testing.assert_array_equal(caught.value.run.fits[0].x.shape, (2, 2))
