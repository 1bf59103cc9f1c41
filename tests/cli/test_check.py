"""``keras-rparity check`` (cli/check.py), run in-process."""

from __future__ import annotations

import json

import keras
import pytest

from keras_rparity.cli import main


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


@pytest.mark.parametrize(("argv", "code", "expected"), [
    (["--activation", "sigmoid", "--loss", "mse"], 0, "sigmoid-mse"),
    (["--activation", "sigmoid", "--loss", "bce", "--labels", "binary"], 0, "No findings"),
    (["--activation", "softmax", "--loss", "scce", "--labels", "integer"], 0, "No findings"),
    (["--activation", "softmax", "--loss", "scce", "--labels", "onehot"], 1,
     "onehot-labels-sparse-loss"),
    (["--activation", "softmax", "--loss", "cce", "--from-logits"], 1, "double-softmax"),
    (["--activation", "linear", "--loss", "cce", "--units", "3"], 1,
     "logits-without-from-logits"),
    (["--activation", "softmax", "--loss", "cce", "--labels", "multilabel"], 1,
     "multilabel-softmax"),
    (["--activation", "sigmoid", "--loss", "mse", "--labels", "regression"], 1,
     "regression-targets-sigmoid"),
])
def test_check_exit_codes(capsys, argv, code, expected):
    status, out = run(capsys, "check", *argv)
    assert status == code and expected in out


def test_check_json(capsys):
    status, out = run(capsys, "check", "--activation", "softmax", "--loss", "bce", "--json")
    assert status == 1
    assert json.loads(out)[0]["code"] == "softmax-binary-crossentropy"


@pytest.mark.parametrize("argv", [
    ["--activation", "sigmoid", "--loss", "nonsense"],
    ["--activation", "nonsense", "--loss", "mse"],
    ["--activation", "sigmoid", "--loss", "mse", "--from-logits"],
    ["--activation", "sigmoid"],
    ["--model", "/nonexistent/model.keras"],
])
def test_check_usage_errors(capsys, argv):
    assert main(["check", *argv]) == 2
    assert "keras-rparity: error:" in capsys.readouterr().err


@pytest.mark.filterwarnings("ignore::UserWarning", "ignore::DeprecationWarning")
def test_check_saved_model(capsys, tmp_path):
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(10),
                              keras.layers.Softmax()])
    model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    path = tmp_path / "double_softmax.keras"
    model.save(path)
    status, out = run(capsys, "check", "--model", str(path), "--labels", "integer")
    assert status == 1 and "double-softmax" in out
    status, out = run(capsys, "check", "--model", str(path), "--loss", "scce")
    assert status == 0 and "No findings" in out
