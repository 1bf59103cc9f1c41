"""Shared options: numbers as the APIs take them, progress bars on terminals, stable JSON."""

from __future__ import annotations

import argparse
import io

import pytest

from keras_rparity.cli.options import (
    add_json_options,
    add_knob_options,
    fit_verbosity,
    json_text,
    knob_values,
)


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_knob_options(parser, "epochs")
    add_json_options(parser)
    return parser.parse_args(argv)


def test_whole_floats_are_accepted_like_the_apis_do():
    args = parse("--epochs", "2.0", "--per-class", "5.0", "--seed", "0")
    assert (args.epochs, args.per_class, args.seed) == (2, 5, 0)


@pytest.mark.parametrize("argv", [["--epochs", "2.5"], ["--epochs", "0"], ["--verbose", "3"],
                                  ["--seed", "-1"]])
def test_bad_numbers_are_usage_errors(argv, capsys):
    with pytest.raises(SystemExit) as done:
        parse(*argv)
    assert done.value.code == 2
    assert "must be" in capsys.readouterr().err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bars_only_on_a_terminal():
    assert fit_verbosity(1, Terminal()) == 1
    assert fit_verbosity(1, io.StringIO()) == 2
    assert fit_verbosity(0, io.StringIO()) == 0


def test_knob_values_under_pytest_are_not_progress_bars():
    assert knob_values(parse("--verbose", "1"))["verbose"] == 2  # captured stdout


def test_no_timings_makes_the_json_independent_of_the_clock():
    first = {"fits": [{"loss": "mse", "seconds": {"r": 1.2}}], "seconds": {"r": 3.0}, "a": 1}
    second = {"a": 1, "seconds": {"r": 9.9}, "fits": [{"seconds": {"r": 0.1}, "loss": "mse"}]}
    args = parse("--json", "--no-timings")
    assert json_text(first, args) == json_text(second, args)
    assert "seconds" not in json_text(first, args)
    assert "seconds" in json_text(first, parse("--json"))


def test_the_seed_is_42_unless_told_and_none_lets_the_programs_seed():
    assert parse().seed == 42
    assert parse("--seed", "none").seed is None
    assert parse("--seed", "7").seed == 7


def test_commands_that_always_seed_refuse_none(capsys):
    parser = argparse.ArgumentParser()
    add_knob_options(parser, "epochs", seed_none=False)
    with pytest.raises(SystemExit):
        parser.parse_args(["--seed", "none"])
    assert "`--seed none` is for programs that seed themselves" in capsys.readouterr().err
