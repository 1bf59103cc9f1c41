"""The main job keeps what finished: a later failure or Ctrl-C still writes the report,
and says which experiment failed; CIFAR programs run on the stand-in without CIFAR-10."""

from __future__ import annotations

import pandas as pd
import pytest

from keras_rparity import tutorial
from keras_rparity.cli import main
from keras_rparity.tutorial import STANDIN_WARNING, data_label, run_tutorial, write_report

real_run_side = tutorial.run_side


def failing_for(name: str, error: BaseException):
    def run_side(experiment, side, knobs=None):
        if experiment == name:
            raise error
        return real_run_side(experiment, side, knobs)

    return run_side


def test_a_later_failure_keeps_the_report_and_names_the_experiment(monkeypatch, tmp_path,
                                                                  capsys):
    monkeypatch.setattr(tutorial, "run_side", failing_for(
        "activation_optimizer", PermissionError(13, "Permission denied", "/srv/cache/x")))
    out = tmp_path / "report"
    status = main(["run", "--experiments", "iris,activation_optimizer", "--epochs", "1",
                   "--verbose", "0", "--no-r", "--out", str(out)])
    captured = capsys.readouterr()
    assert status == 1
    assert "keras-rparity: failed: activation_optimizer" in captured.err
    assert "activation_optimizer: FAILED: permission denied: '/srv/cache/x'" in captured.out
    table = pd.read_csv(out / "parity.csv")
    assert list(table["experiment"]) == ["iris", "iris"]
    assert "**Failed:** activation_optimizer" in (out / "parity.md").read_text()


def test_ctrl_c_in_a_later_experiment_keeps_what_finished(monkeypatch, tmp_path):
    monkeypatch.setattr(tutorial, "run_side", failing_for("cifar10", KeyboardInterrupt()))
    result = run_tutorial("quick", {"epochs": 1, "verbose": 0}, with_r=False,
                          experiments=["iris", "cifar10", "activation_optimizer"],
                          say=lambda _: None)
    assert result.interrupted == "cifar10"
    assert [r["experiment"] for r in result.rows] == ["iris", "iris"]
    files = write_report(result, tmp_path / "report")
    assert "**Interrupted** during cifar10" in files[1].read_text()


def test_unknown_experiment_fails_before_training(monkeypatch):
    from keras_rparity.errors import InvalidChoiceError

    monkeypatch.setattr(tutorial, "run_side", failing_for("iris", AssertionError("trained")))
    with pytest.raises(InvalidChoiceError):
        run_tutorial(experiments=["iris", "irsi"], with_r=False, say=lambda _: None)


def test_data_labels():
    assert data_label({"cifar10": "synthetic"}) == STANDIN_WARNING
    assert "accuracies mean nothing" in STANDIN_WARNING
    assert data_label({"cifar10": "fixture"}).startswith("FIXTURE")
    assert data_label({"cifar10": "unofficial"}).startswith("UNOFFICIAL")
    assert data_label({}) == "iris (R's datasets::iris)"


@pytest.mark.r
def test_without_cifar10_the_cifar_programs_run_on_the_labelled_standin(keras_home, tmp_path,
                                                                        capsys, bridge):
    out = tmp_path / "report"
    status = main(["run", "--experiments", "bird_vs_plane", "--epochs", "1", "--per-class",
                   "5", "--verbose", "0", "--out", str(out)])
    printed = capsys.readouterr().out
    assert status == 0
    table = pd.read_csv(out / "parity.csv")
    assert (table["data"] == STANDIN_WARNING).all() and table["exact"].all()
    assert "parity of the programs only; accuracies mean nothing" in printed
    assert "keras-rparity data fetch-cifar10" in printed
    assert "SYNTHETIC" in (out / "parity.md").read_text()
