"""The bridge: R in this process, errors with R's message and call, clean exit."""

from __future__ import annotations

import os

import numpy as np
import pytest

from keras_rparity.errors import RError
from keras_rparity.programs.instrument import instrumented
from keras_rparity.record import Knobs, RunContext

pytestmark = pytest.mark.r


def test_r_runs_in_this_process_bound_to_this_python(bridge):
    info = bridge.info()
    assert info.same_process
    assert os.path.realpath(info.python) == os.path.realpath(os.sys.executable)
    assert tuple(int(p) for p in info.reticulate_version.split(".")[:2]) >= (1, 39)
    assert bridge.eval("Sys.getpid()") == os.getpid()


def test_eval_converts_r_values(bridge):
    assert bridge.eval("1 + 1") == 2.0
    assert bridge.eval("c(a = 1L)") == 1
    np.testing.assert_array_equal(bridge.eval("matrix(1:6, nrow = 2)"),
                                  np.array([[1, 3, 5], [2, 4, 6]]))
    iris = bridge.eval("iris")
    assert iris.shape == (150, 5)
    assert list(iris["Species"].cat.categories) == ["setosa", "versicolor", "virginica"]
    assert bridge.eval("list(a = 1, b = 'x', c = NULL)") == {"a": 1.0, "b": "x", "c": None}


def test_py_value_returns_the_python_object_r_holds(bridge):
    value = bridge.py_value("as_model_input(c(0.1, 0.2))")
    assert value.dtype == np.float32
    np.testing.assert_array_equal(value, np.array([0.1, 0.2], dtype=np.float32))


def test_misspelled_layer_function_names_the_function_and_line(bridge, tmp_path):
    program = tmp_path / "broken.R"
    program.write_text("model <- keras_model_sequential()\n"
                       "model %>% layer_dens(units = 32)\n")
    with pytest.raises(RError) as caught:
        bridge.run_program(program, RunContext(Knobs(epochs=1), side="r"))
    err = caught.value
    assert err.r_message == 'could not find function "layer_dens"'
    assert "layer_dens(., units = 32)" in err.r_call
    assert err.location == "broken.R:2"
    assert "layer_dens" in str(err)


def test_python_error_inside_r_code_surfaces_with_r_call(bridge):
    with pytest.raises(RError) as caught:
        bridge.eval('keras_model_sequential() %>% layer_dense(units = 2.5)')
    assert "`units` must be a single whole number" in caught.value.r_message


def test_syntax_error_is_an_r_error(bridge):
    with pytest.raises(RError, match="unexpected"):
        bridge.eval("1 +* 2")


def test_r_warnings_become_python_warnings(bridge):
    from keras_rparity.bridge import RWarning

    with pytest.warns(RWarning, match="careful"):
        bridge.eval('warning("careful"); 1')


def test_missing_r_gives_a_clear_message(run_python_script):
    done = run_python_script(
        "from keras_rparity.cli import main\n"
        "raise SystemExit(main(['doctor']))\n",
        env={"R_HOME": "/nonexistent/R"}, timeout=120)
    assert done.returncode == 1
    assert "R_HOME is set to '/nonexistent/R'" in done.stdout
    assert "scripts/setup.sh" in done.stdout
    assert "Traceback" not in done.stderr


def test_missing_r_in_parity_command_is_one_clear_error(run_python_script):
    done = run_python_script(
        "from keras_rparity.bridge.session import get_bridge\n"
        "get_bridge()\n", env={"R_HOME": "/nonexistent/R"}, timeout=60)
    assert done.returncode != 0
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("keras_rparity.errors.RUnavailableError: R_HOME is set to")
    assert "rpy2" not in last


def test_the_bridge_leaves_the_global_environment_alone(bridge):
    leftovers = bridge.eval('grep("^rparity|^[.]rparity", ls(globalenv(), all.names = TRUE), '
                            'value = TRUE)')
    assert leftovers is None or len(leftovers) == 0


def test_labels_the_loss_cannot_read_are_refused_with_an_explanation(bridge, tmp_path):
    program = tmp_path / "onehot_sparse.R"
    program.write_text(
        "model <- keras_model_sequential(input_shape = 4) %>%\n"
        "  layer_dense(units = 3, activation = 'softmax')\n"
        "model %>% compile(optimizer = 'adam', loss = 'sparse_categorical_crossentropy')\n"
        "y <- to_categorical(c(0, 1, 2, 1), 3)\n"
        "model %>% fit(matrix(runif(16), 4), y, epochs = 1)\n")
    ctx = RunContext(Knobs(), side="r")
    with pytest.raises(RError) as caught, instrumented(ctx):
        bridge.run_program(program, ctx)
    assert caught.value.location == "onehot_sparse.R:5"
    assert "LossLabelMismatchError" in caught.value.r_message
    assert "categorical_crossentropy" in caught.value.r_message
