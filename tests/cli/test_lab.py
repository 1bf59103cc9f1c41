"""``keras-rparity losses`` and ``activations`` (cli/lab.py), run in-process."""

from __future__ import annotations

import json

import pytest

from keras_rparity.cli import main


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_losses_table(capsys):
    code, out = run(capsys, "losses")
    assert code == 0
    assert "binary_crossentropy" in out and "0.23617" in out and "0.28750" in out


@pytest.mark.r
def test_losses_json_with_from_logits(capsys):
    code, out = run(capsys, "losses", "--json", "--from-logits", "--n", "16")
    document = json.loads(out)
    # 5 losses x 2 inputs (seed, random) x 3 sides (numpy, Keras in Python, Keras from R)
    assert code == 0 and len(document["worked_examples"]) == 30
    assert {row["side"] for row in document["worked_examples"]} == {"numpy", "keras", "r"}
    last = document["from_logits_softmax"][-1]
    assert last["via_probabilities"] == pytest.approx(16.118, abs=1e-3)
    assert last["via_logits"] == pytest.approx(1000.0)


def test_losses_without_r_has_two_sides(capsys):
    code, out = run(capsys, "losses", "--json", "--no-r", "--n", "16")
    rows = json.loads(out)["worked_examples"]
    assert code == 0 and len(rows) == 20
    assert {row["side"] for row in rows} == {"numpy", "keras"}


def test_losses_rejects_bad_n(capsys):
    with pytest.raises(SystemExit):
        main(["losses", "--n", "0"])


def test_activations_json_and_plots(capsys, plot_dir, assert_png):
    code, out = run(capsys, "activations", "--json", "--plot", str(plot_dir))
    document = json.loads(out)
    assert code == 0 and len(document["activations"]) == 12
    assert len(document["plots"]) == 13
    assert_png(plot_dir / "overview.png")


def test_activations_table(capsys):
    code, out = run(capsys, "activations")
    assert code == 0 and "x <= -6.91" in out and "mish" in out
