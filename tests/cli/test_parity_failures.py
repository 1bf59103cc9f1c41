"""``keras-rparity parity`` when a program fails or talks: exit 2 with the fits before
the failure and one error line; with --json, stdout is the JSON alone."""

from __future__ import annotations

import json

import pytest

from keras_rparity.cli import main

pytestmark = pytest.mark.r

TALKS_R = """cat("hello from R\\n")
print(1:3)
set_random_seed(1)
model <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 1)
model %>% compile(optimizer = "sgd", loss = "mse")
model %>% fit(matrix(c(1, 2, 3, 4), 2), c(1, 2), epochs = 2, verbose = 1)
"""
TALKS_PY = """import keras, numpy as np
print("hello from Python")
keras.utils.set_random_seed(1)
model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit(np.array([[1.0, 3.0], [2.0, 4.0]]), np.array([1.0, 2.0]), epochs=2, verbose=1)
"""


def _pair(tmp_path, r: str, py: str) -> list[str]:
    (tmp_path / "pair.R").write_text(r)
    (tmp_path / "pair.py").write_text(py)
    return ["parity", "--r", str(tmp_path / "pair.R"), "--python", str(tmp_path / "pair.py")]


def test_json_stdout_is_the_json_alone_when_programs_print(bridge, tmp_path, capfd):
    status = main([*_pair(tmp_path, TALKS_R, TALKS_PY), "--json"])
    out, err = capfd.readouterr()
    report = json.loads(out)  # nothing else on stdout
    assert status == 0 and report["exact"] and report["error"] is None
    for said in ("hello from R", "[1] 1 2 3", "hello from Python", "loss:"):
        assert said in err


def test_an_r_failure_after_a_fit_exits_two_with_the_fit_and_the_error(bridge, tmp_path,
                                                                        capfd):
    args = _pair(tmp_path, TALKS_R + "stop('broken after the fit')\n", TALKS_PY)
    status = main([*args, "--json"])
    out, err = capfd.readouterr()
    report = json.loads(out)
    assert status == 2
    assert report["fit_count"] == {"r": 1, "python": 1} and report["verdict"] is False
    assert report["fits"][0]["exact"] is True  # the fit before the failure, compared
    assert report["error"] == {"side": "r", "file": "pair.R", "line": 7,
                               "call": "stop('broken after the fit')",
                               "message": "broken after the fit"}
    assert err.rstrip().splitlines()[-1] == ('keras-rparity: error: R error at pair.R:7 in '
                                             "stop('broken after the fit'): broken after the "
                                             "fit")


def test_a_python_failure_exits_two_in_one_line(bridge, tmp_path, capfd):
    status = main(_pair(tmp_path, TALKS_R, TALKS_PY + "value = {}['key']\n"))
    out, err = capfd.readouterr()
    assert status == 2
    assert "NO VERDICT" in out  # the fit before the failure is shown
    assert err.rstrip().splitlines()[-1] == (
        f"keras-rparity: error: Python program error at {tmp_path / 'pair.py'}:7 in "
        "value = {}['key']: KeyError: 'key'")


def test_swapped_programs_are_one_line(capsys, tmp_path):
    (tmp_path / "m.R").write_text("x <- 1\n")
    (tmp_path / "m.py").write_text("x = 1\n")
    assert main(["parity", "--r", str(tmp_path / "m.py"), "--python", str(tmp_path / "m.R")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is a Python program, given as the R program" in err
