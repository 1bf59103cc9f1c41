"""Every program pair shipped in r_examples/ and r_examples/examples/ (found on disk, so
pairs added later are covered too) is bitwise equal at small sizes; the registry of the
tutorial's pairs points at files that exist. The tutorial's own pairs are compared, with
more checks, by test_iris_pair.py, test_cifar_pairs.py and
test_activation_optimizer_pair.py."""

from __future__ import annotations

import json

import pytest

from keras_rparity.cli import main
from keras_rparity.programs.bundled import BUNDLED_PAIRS, find_pairs, get_pair, r_examples_dir
from keras_rparity.record import Knobs
from keras_rparity.validation import DEFAULT_SEED

SMALL = Knobs(epochs=1, per_class=3, seed=DEFAULT_SEED)


def shipped_pairs():
    """The shipped pairs other than the tutorial's (those have test modules of their own)."""
    folders = [r_examples_dir(), r_examples_dir() / "examples"]
    tutorial = {entry.stem for entry in BUNDLED_PAIRS.values()}
    return [pair for folder in folders if folder.is_dir() for pair in find_pairs(folder)
            if pair.name not in tutorial]


def test_every_tutorial_entry_has_both_programs():
    for name in BUNDLED_PAIRS:
        pair = get_pair(name)
        assert pair.r.path.is_file() and pair.python.path.is_file(), name
    assert {p.name for p in find_pairs(r_examples_dir())} >= {
        BUNDLED_PAIRS[name].stem for name in BUNDLED_PAIRS}


def test_an_r_program_without_its_port_is_not_a_pair(tmp_path):
    (tmp_path / "alone.R").write_text("1\n")
    (tmp_path / "both.R").write_text("1\n")
    (tmp_path / "both.py").write_text("")
    assert [p.name for p in find_pairs(tmp_path)] == ["both"]


@pytest.mark.r
@pytest.mark.parametrize("pair", shipped_pairs(), ids=lambda p: p.name)
def test_shipped_pair_is_bitwise_equal(pair, bridge, with_cifar10_fixture, capsys):
    """As a user runs it: ``parity --r X.R --python X.py --json``; stdout is the JSON."""
    status = main(["parity", "--r", str(pair.r.path), "--python", str(pair.python.path),
                   "--json", "--epochs", str(SMALL.epochs), "--per-class", str(SMALL.per_class),
                   "--seed", str(SMALL.seed)])
    report = json.loads(capsys.readouterr().out)
    assert report["fits"], f"{pair.name} recorded no fit"
    assert status == 0 and report["exact"], report["first_difference"]


def test_runs_of_bundled_pairs_accept_the_short_loss_names():
    from keras_rparity.programs.bundled import run_side

    run = run_side("iris", "python", Knobs(epochs=1))
    assert run.fit("mae") is run.fits[1] and run.history("mse").shape == (1, 2)
