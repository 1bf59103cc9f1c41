"""``keras-rparity parity``: JSON output with both sides' losses, exit 0 on parity."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.r


@pytest.mark.parametrize("loss", ["mse", "mae"])
def test_parity_iris_json(loss, capsys, bridge):
    from keras_rparity.cli import main

    status = main(["parity", "iris", "--loss", loss, "--epochs", "5", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert status == 0
    (fit,) = out["fits"]
    assert fit["loss"] == {"mse": "mean_squared_error", "mae": "mean_absolute_error"}[loss]
    assert len(fit["metrics"]["loss"]["r"]) == 5
    assert fit["metrics"]["loss"]["r"] == fit["metrics"]["loss"]["python"]
    assert fit["max_abs_diff"] == 0.0
    assert fit["shapes_equal"] and fit["params_equal"] and fit["data_equal"]
    assert fit["param_count"] == {"r": 97, "python": 97}


def test_unknown_loss_names_the_choices(capsys):
    from keras_rparity.cli import main

    assert main(["parity", "iris", "--loss", "hinge", "--epochs", "1"]) == 2
    err = capsys.readouterr().err
    assert "invalid loss for experiment 'iris' 'hinge'" in err
    assert "'mse'" in err and "'mean_absolute_error'" in err


def test_console_script_exits_zero():
    done = subprocess.run([sys.executable, "-m", "keras_rparity", "parity", "iris", "--loss",
                           "mse", "--epochs", "2"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "max |dloss| = 0" in done.stdout
