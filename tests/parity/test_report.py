"""The report's rules, in one place: a selection of fits is judged like the whole report
(the same number of fits on both sides), and the JSON names each array's digest."""

from __future__ import annotations

import json

import numpy as np

from keras_rparity.parity.report import compare_runs
from keras_rparity.programs import Run
from keras_rparity.record import ArrayFingerprint, FitRecord, Knobs, history_frame


def record(label: str) -> FitRecord:
    x, y = np.arange(6.0).reshape(3, 2), np.zeros((3, 1))
    weights = [np.ones((2, 1), np.float32)]
    return FitRecord(
        label=label, loss=label, history=history_frame({"loss": [1.0]}),
        x=ArrayFingerprint.of(x), y=ArrayFingerprint.of(y), input_shape=(None, 2),
        output_shape=(None, 1), param_count=3, output_activation="linear", weights=weights,
        seconds=0.0, arrays=(x, y), initial_weights=weights)


def run(side: str, *labels: str) -> Run:
    return Run("p", side, Knobs(), [record(label) for label in labels], 0.0, {})


def test_a_selection_of_equal_fits_is_not_exact_when_the_fit_counts_differ():
    report = compare_runs(run("r", "mse", "mae", "extra"), run("python", "mse", "mae"))
    chosen = [report.fit("mse")]
    assert chosen[0].exact
    assert not report.exact_of(chosen) and not report.verdict_of(chosen)
    summary = report.to_dict(chosen)
    assert summary["exact"] is False and summary["verdict"] is False
    assert [f["loss"] for f in summary["fits"]] == ["mse"]


def test_equal_runs_hold_for_every_selection_and_the_json_shows_digests():
    report = compare_runs(run("r", "mse", "mae"), run("python", "mse", "mae"))
    assert report.exact_of([report.fit("mae")]) and report.to_dict()["exact"]
    fit = json.loads(json.dumps(report.to_dict(), default=str))["fits"][0]
    x = fit["data"]["x"]
    assert x["r"] == x["python"] == {"shape": [3, 2], "dtype": "float64",
                                     "digest": report.fits[0].r.x.digest}
    assert "sha256" not in json.dumps(report.to_dict(), default=str)


def test_the_report_is_built_whole_and_never_changed_after():
    import dataclasses

    import pytest

    failing = compare_runs(run("r", "mse", "extra"), run("python", "mse"))
    assert failing.first_difference is not None and failing.first_difference.kind == "fit_count"
    with pytest.raises(dataclasses.FrozenInstanceError):
        failing.first_difference = None
    assert compare_runs(run("r", "mse"), run("python", "mse")).first_difference is None


def test_an_interrupted_run_has_no_verdict_and_says_what_finished():
    nothing_in_r = compare_runs(run("r"), run("python", "mse", "mae"), "iris",
                                interrupted=True)
    assert not nothing_in_r.verdict and nothing_in_r.first_difference is None
    assert nothing_in_r.explain() == ("iris: NO VERDICT, interrupted (0 fit(s) in R, 2 in "
                                      "Python finished before it). No fit finished on both "
                                      "sides.")
    assert "FAILS" not in nothing_in_r.explain() and "Fix" not in nothing_in_r.explain()
    summary = nothing_in_r.to_dict()
    assert summary["interrupted"] is True and summary["verdict"] is False
    one_each = compare_runs(run("r", "mse"), run("python", "mse", "mae"), "iris",
                            interrupted=True)
    assert one_each.explain().endswith("The 1 fit(s) that finished on both sides are "
                                       "bitwise equal.")
    assert not one_each.exact
    assert compare_runs(run("r", "mse"), run("python", "mse")).to_dict()["interrupted"] is False
