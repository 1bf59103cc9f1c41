"""The pairing checker on R models, through the bridge."""

from __future__ import annotations

import json

import pytest

from keras_rparity.cli import main
from keras_rparity.lab.r_side import check_r_program
from keras_rparity.programs.bundled import BUNDLED_PAIRS, get_pair

pytestmark = pytest.mark.r

SIGMOID_REGRESSION = """
model <- keras_model_sequential() %>%
  layer_dense(units = 8, activation = "relu") %>%
  layer_dense(units = 1, activation = "sigmoid")
model %>% compile(optimizer = "adam", loss = "mean_squared_error")
model %>% fit(x = iris$Sepal.Length %>% as.matrix(), y = iris$Sepal.Width %>% as.matrix(),
              epochs = 5)
"""


@pytest.mark.parametrize("name", ["iris", "bird_vs_plane", "cifar10", "activation_optimizer"])
def test_r_examples_are_clean(name, bridge, with_cifar10_fixture):
    fits = check_r_program(get_pair(name).r.path)
    assert [f.label for f in fits] == list(BUNDLED_PAIRS[name].fits)
    assert all(f.findings == [] for f in fits), {f.label: f.finding_codes for f in fits}


def test_a_sigmoid_regression_in_r_is_flagged(bridge, tmp_path, capsys):
    program = tmp_path / "sigmoid_regression.R"
    program.write_text(SIGMOID_REGRESSION)
    (fit,) = check_r_program(program)
    severity = {f.code: f.severity for f in fit.findings}
    assert severity["sigmoid-mse"] == "warning"
    assert severity["regression-targets-sigmoid"] == "error"
    assert main(["check", "--r-program", str(program), "--json"]) == 1
    reported = json.loads(capsys.readouterr().out)
    assert {f["code"] for f in reported["mean_squared_error"]} >= {"sigmoid-mse",
                                                                   "regression-targets-sigmoid"}
