"""``keras-rparity parity``: --r/--python and bundled pairs; exit 0 only on parity,
1 with the first difference explained, 2 for wrong usage; a table or JSON."""

from __future__ import annotations

import json
import shutil

import pytest

from keras_rparity.cli import main
from keras_rparity.programs.bundled import r_examples_dir

pytestmark = pytest.mark.r


@pytest.fixture
def iris_files(tmp_path):
    for file in ("iris_regression.R", "iris_regression.py", "iris.csv"):
        shutil.copy(r_examples_dir() / file, tmp_path / file)
    return tmp_path / "iris_regression.R", tmp_path / "iris_regression.py"


@pytest.mark.parametrize("loss", ["mse", "mae"])
def test_parity_iris_json(loss, capsys, bridge):
    status = main(["parity", "iris", "--loss", loss, "--epochs", "5", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert status == 0
    (fit,) = out["fits"]
    assert fit["loss"] == {"mse": "mean_squared_error", "mae": "mean_absolute_error"}[loss]
    assert len(fit["metrics"]["loss"]["r"]) == 5
    assert fit["metrics"]["loss"]["r"] == fit["metrics"]["loss"]["python"]
    assert fit["max_abs_diff"] == 0.0 and fit["max_ulps"] == 0
    assert fit["shapes_equal"] and fit["params_equal"] and fit["data_equal"]
    assert fit["param_count"] == {"r": 97, "python": 97}


def test_r_and_python_files_json_exit_zero(capsys, bridge, iris_files):
    r, py = iris_files
    status = main(["parity", "--r", str(r), "--python", str(py), "--seed", "42",
                   "--epochs", "2", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert status == 0
    assert out["exact"] is True and out["verdict"] is True
    assert [f["exact"] for f in out["fits"]] == [True, True]
    assert out["programs"] == {"r": str(r), "python": str(py)}


def test_a_broken_pair_exits_one_with_the_first_difference(capsys, bridge, iris_files):
    r, py = iris_files
    py.write_text(py.read_text().replace('loss="mean_absolute_error"', 'loss="mean_squared_error"'))
    status = main(["parity", "--r", str(r), "--python", str(py), "--seed", "42",
                   "--epochs", "2"])
    out = capsys.readouterr().out
    assert status == 1
    assert "PARITY FAILS" in out
    assert ("First difference, fit 2: the models are compiled with different losses: R "
            "'mean_absolute_error', Python 'mean_squared_error'") in out
    assert "exact" in out.splitlines()[0]  # the per-fit table comes first


def test_a_broken_pair_in_json(capsys, bridge, iris_files):
    r, py = iris_files
    py.write_text(py.read_text() + "\nmodel.fit(x=x, y=y, epochs=50)\n")
    status = main(["parity", "--r", str(r), "--python", str(py), "--seed", "42",
                   "--epochs", "1", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert status == 1
    assert out["verdict"] is False and out["first_difference"]["kind"] == "fit_count"


def test_usage_errors_exit_two(capsys):
    assert main(["parity", "--r", "model.R"]) == 2
    assert "give both --r MODEL.R and --python MODEL.PY" in capsys.readouterr().err
    assert main(["parity", "iris", "--r", "model.R", "--python", "model.py"]) == 2
    assert "not both" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        main(["parity", "iris", "--tolerance", "0.1", "--ulps", "2"])
    assert stopped.value.code == 2


def test_unknown_loss_names_the_choices(capsys):
    assert main(["parity", "iris", "--loss", "hinge", "--epochs", "1"]) == 2
    err = capsys.readouterr().err
    assert "invalid loss for pair 'iris' 'hinge'" in err
    assert "'mse'" in err and "'mean_absolute_error'" in err




#: SGD with a learning rate of 1e4: inf after two epochs, NaN after three, on both sides.
DIVERGING_R = """x <- matrix(seq(0, 1, length.out = 20), ncol = 2)
y <- matrix(seq(0, 10, length.out = 10), ncol = 1)
model <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 1)
model %>% compile(optimizer = optimizer_sgd(learning_rate = 1e4), loss = "mse")
model %>% fit(x, y, epochs = 5, batch_size = 5, verbose = 0)
"""
DIVERGING_PY = """import keras
import numpy as np

x = np.linspace(0, 1, 20).reshape(10, 2, order="F")
y = np.linspace(0, 10, 10).reshape(10, 1)
model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=1e4), loss="mse")
model.fit(x, y, epochs=5, batch_size=5, verbose=0)
"""


@pytest.mark.parametrize("acceptance", [[], ["--tolerance", "1e-3"], ["--ulps", "2"]])
def test_programs_that_diverge_to_nan_identically_hold_without_a_seed_flag(
        capsys, bridge, tmp_path, acceptance):
    """No --seed (both sides seeded with 42 by default), NaN losses and weights on both."""
    (tmp_path / "diverge.R").write_text(DIVERGING_R)
    (tmp_path / "diverge.py").write_text(DIVERGING_PY)
    status = main(["parity", "--r", str(tmp_path / "diverge.R"), "--python",
                   str(tmp_path / "diverge.py"), "--json", *acceptance])
    out = json.loads(capsys.readouterr().out)
    assert status == 0, out["first_difference"]
    assert out["verdict"] is True and out["knobs"]["seed"] == 42
    losses = out["fits"][0]["metrics"]["loss"]
    assert losses["python"][-1] != losses["python"][-1]  # NaN
    assert losses["ulps"] == [0] * 5


@pytest.mark.r
def test_relative_program_paths_name_the_files_from_where_the_command_runs(
        bridge, pairs_folder, monkeypatch, capsys):
    """Each side runs in a working folder of its own: relative program paths are resolved
    before it moves there."""
    monkeypatch.chdir(pairs_folder)
    assert main(["parity", "--r", "sub/holds_too.R", "--python", "sub/holds_too.py",
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["exact"] is True
