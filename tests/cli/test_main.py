"""The command line's contract: --version, exit codes and environment in --help, every
failure one line with the remedy, honest exit codes, clean standard error."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from keras_rparity import __version__
from keras_rparity.cli import EXIT_CODES, main

TF_NOTICES = ("absl::InitializeLog", "oneDNN custom operations", "cpu_feature_guard",
              "This TensorFlow binary is optimized")


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"keras-rparity {__version__}"


def test_help_lists_exit_codes_and_environment(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for code in EXIT_CODES:
        assert f"  {code:<3}  " in out
    for name in ("KERAS_HOME", "KERAS_RPARITY_R_API", "KERAS_BACKEND", "RETICULATE_PYTHON"):
        assert name in out


@pytest.mark.parametrize("command", [["doctor"], ["vignettes"], ["sweep"], ["run"],
                                     ["parity"], ["check"]])
def test_every_option_has_a_help_text(command):
    from keras_rparity.cli import build_parser

    parser = build_parser()
    sub = parser._subparsers._group_actions[0].choices[command[0]]
    for action in sub._actions:
        if action.dest != "help":
            assert action.help, f"{command[0]} {action.option_strings or action.dest}"


def test_missing_r_program_is_one_line_before_r_starts(capsys):
    started_r = "rpy2.robjects" in sys.modules
    with pytest.raises(SystemExit) as done:
        main(["check", "--r-program", "/nonexistent/prog.R"])
    assert done.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].endswith("no such R program: /nonexistent/prog.R (check the path)")
    assert ("rpy2.robjects" in sys.modules) == started_r  # R was not started for this


def test_unwritable_report_folder_is_refused_before_training(capsys, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    status = main(["run", "--experiments", "iris", "--no-r", "--out", str(blocker / "r")])
    assert status == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("keras-rparity: error: the report folder")
    assert "choose another with --out DIR" in err[0]


def test_os_errors_become_one_line_with_the_remedy(capsys, monkeypatch):
    import argparse

    from keras_rparity.cli import run_command

    def fails(args):
        raise PermissionError(13, "Permission denied", "/srv/out/parity.csv")

    assert run_command(argparse.Namespace(func=fails)) == 2
    assert capsys.readouterr().err == (
        "keras-rparity: error: permission denied: '/srv/out/parity.csv'; choose a folder you "
        "can write to (e.g. --out DIR) or fix its permissions\n")


def test_missing_r_exits_3_with_one_line_before_any_training(run_python_script):
    done = run_python_script(
        "import sys\n"
        "from keras_rparity.cli import main\n"
        "status = main(['parity', 'iris', '--epochs', '1'])\n"
        "print('keras imported:', 'keras' in sys.modules)\n"
        "raise SystemExit(status)\n",
        env={"R_HOME": "/nonexistent/R"}, timeout=200)
    assert done.returncode == 3, done.stderr[-2000:]
    lines = done.stderr.strip().splitlines()
    assert lines == [lines[0]] and lines[0].startswith("keras-rparity: error: R_HOME is set")
    assert "keras imported: False" in done.stdout  # the Python side did not train first


def test_run_without_r_exits_3_after_writing_the_python_report(run_python_script, tmp_path):
    """Without R, ``run`` writes the Python side's report and exits 3, and with
    ``--python-only`` it exits 0 (both in one Python that has no R)."""
    out = tmp_path / "report"
    run = ("main(['run', '--experiments', 'iris', '--epochs', '1', '--verbose', '0', "
           "'--out', {!r}{}])")
    python_only = run.format(str(tmp_path / "python-only"), ", '--python-only'")
    code = ("import sys\n"
            "from keras_rparity.cli import main\n"
            f"print('python-only status', {python_only})\n"
            "print('--- run', file=sys.stderr, flush=True)\n"
            f"raise SystemExit({run.format(str(out), '')})\n")
    done = run_python_script(code, env={"R_HOME": "/nonexistent/R"}, timeout=200)
    assert "python-only status 0" in done.stdout, done.stderr[-2000:]
    assert done.returncode == 3, done.stderr[-2000:]
    assert "no parity was checked" in done.stderr.split("--- run")[1]
    assert pd.read_csv(out / "parity.csv")["experiment"].tolist() == ["iris", "iris"]


@pytest.mark.r
def test_r_program_without_fit_says_nothing_to_check(capsys, tmp_path, bridge):
    program = tmp_path / "nofit.R"
    program.write_text("model <- keras_model_sequential(input_shape = 4) %>% "
                       "layer_dense(units = 1)\n")
    assert main(["check", "--r-program", str(program)]) == 2
    assert "nofit.R: no fit() was called, nothing to check" in capsys.readouterr().err


@pytest.mark.r
def test_loss_label_mismatch_in_r_is_a_finding_with_r_fixes(capsys, tmp_path, bridge):
    program = tmp_path / "labels.R"
    program.write_text(
        "model <- keras_model_sequential(input_shape = 4) %>%\n"
        "  layer_dense(units = 3, activation = 'softmax')\n"
        "model %>% compile(optimizer = 'adam', loss = 'categorical_crossentropy')\n"
        "model %>% fit(matrix(runif(16), 4), c(0, 1, 2, 1), epochs = 1)\n")
    assert main(["check", "--r-program", str(program)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("== R program at labels.R:4 in fit(")
    assert "[ERROR] integer-labels-categorical-loss" in out
    assert "keras3::to_categorical(y, 3)" in out
    assert "keras.utils" not in out


@pytest.mark.r
def test_console_script_exits_zero_with_no_tensorflow_lines_on_stderr():
    from keras_rparity.programs.bundled import get_pair

    pair = get_pair("iris")
    done = subprocess.run([sys.executable, "-m", "keras_rparity", "parity", "--r",
                           str(pair.r.path), "--python", str(pair.python.path), "--seed", "42",
                           "--epochs", "2"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "PARITY HOLDS, bitwise equal" in done.stdout
    assert not [n for n in TF_NOTICES if n in done.stderr], done.stderr
    assert done.stderr == ""


@pytest.mark.r
def test_no_timings_json_is_byte_identical_between_runs(capsys, bridge):
    outputs = []
    for _ in range(2):
        assert main(["parity", "iris", "--epochs", "1", "--json", "--no-timings"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert '"seconds"' not in outputs[0] and '"exact": true' in outputs[0]


@pytest.mark.r
def test_parity_text_labels_fixture_data(with_cifar10_fixture, capsys, bridge):
    assert main(["parity", "bird_vs_plane", "--epochs", "1", "--per-class", "5"]) == 0
    assert "data: FIXTURE (synthetic images, not CIFAR-10)" in capsys.readouterr().out
