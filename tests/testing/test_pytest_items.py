"""The pytest plugin: `pytest --rparity PATHS` (or configured folders) collects one item per
program pair; a pair passes on parity and fails with the first difference named."""

from __future__ import annotations

import importlib.metadata
import shutil
from pathlib import Path

import pytest

from keras_rparity.programs.bundled import find_pairs, r_examples_dir

pytest_plugins = ["pytester"]

#: Load the plugin by name when this environment's install predates its entry point.
PLUGIN = ([] if any(e.value == "keras_rparity_pytest"
                    for e in importlib.metadata.entry_points(group="pytest11"))
          else ["-p", "keras_rparity_pytest"])
#: The smallest knobs that still train every bundled pair.
SMALL = ["--rparity-seed", "42", "--rparity-epochs", "1", "--rparity-per-class", "2"]
LIGHT_TEST = ('import sys\n\ndef test_light():\n'
              '    assert "keras_rparity" not in sys.modules, "keras_rparity was imported"\n')


def bundled_pair_ids(folder: Path) -> list[str]:
    """``<file>.R::<stem>`` of every pair under ``folder``, as the plugin should collect."""
    found = [p for sub in [folder, *sorted(d for d in folder.rglob("*") if d.is_dir())]
             for p in find_pairs(sub)]
    return sorted(f"{Path(p.r.path).relative_to(folder.parent).as_posix()}::{p.name}"
                  for p in found)


def test_without_rparity_nothing_extra_is_collected_nor_imported(iris_copier, pytester):
    iris_copier(pytester.path / "pairs")
    pytester.makepyfile(test_light=LIGHT_TEST)
    result = pytester.runpytest_subprocess(*PLUGIN, "-q")
    result.assert_outcomes(passed=1)
    assert "iris_regression" not in result.stdout.str()


def test_rparity_collects_one_item_per_pair_including_subfolders(iris_copier, pytester):
    shutil.copytree(r_examples_dir(), pytester.path / "r_examples")
    (pytester.path / "r_examples" / "examples").mkdir(exist_ok=True)
    iris_copier(pytester.path / "r_examples" / "examples" / "nested")
    ported = pytester.path / "r_examples" / "examples" / "test_port"  # named like a test module
    ported.mkdir()
    (ported / "test_port.R").write_text("stop('not run while collecting')\n")
    (ported / "test_port.py").write_text("raise RuntimeError('imported while collecting')\n")
    result = pytester.runpytest_subprocess(*PLUGIN, "--rparity", "--collect-only", "-q",
                                           "r_examples")
    expected = bundled_pair_ids(pytester.path / "r_examples")
    assert "r_examples/examples/nested/iris_regression.R::iris_regression" in expected
    assert "r_examples/examples/test_port/test_port.R::test_port" in expected
    assert result.ret == pytest.ExitCode.OK, result.stdout.str()
    assert len(expected) >= 5
    collected = sorted(line for line in result.stdout.lines if "::" in line)
    assert collected == expected


def test_configured_folders_are_collected_without_the_flag(iris_copier, pytester):
    iris_copier(pytester.path / "pairs")
    iris_copier(pytester.path / "elsewhere")
    pytester.makepyfile(test_light="def test_plain():\n    pass\n")
    pytester.makepyprojecttoml('[tool.pytest.ini_options]\nrparity_paths = ["pairs"]\n'
                               'rparity_epochs = "1"\n')
    result = pytester.runpytest_subprocess(*PLUGIN, "--collect-only", "-q")
    assert sorted(line for line in result.stdout.lines if "::" in line) == [
        "pairs/iris_regression.R::iris_regression", "test_light.py::test_plain"]


@pytest.mark.parametrize(("where", "value", "message"), [
    ("flag", "0", "`--rparity-epochs` must be a positive whole number; got 0"),
    ("ini", "two", "`rparity_epochs` must be a positive whole number; got 'two'"),
])
def test_a_bad_knob_is_one_usage_error_naming_it(iris_copier, pytester, where, value, message):
    iris_copier(pytester.path / "pairs")
    args = ["--rparity-epochs", value] if where == "flag" else []
    if where == "ini":
        pytester.makeini(f"[pytest]\nrparity_epochs = {value}\n")
    result = pytester.runpytest_subprocess(*PLUGIN, "--rparity", *args, "pairs")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert message in result.stderr.str()


@pytest.mark.r
@pytest.mark.slow
def test_bundled_pairs_pass_and_a_broken_copy_fails_naming_the_difference(
        iris_copier, pytester, with_cifar10_fixture):
    """One pytest run: every pair of r_examples/ (and examples/) with small knobs, plus a
    copy of the iris pair whose Python port uses another learning rate."""
    shutil.copytree(r_examples_dir(), pytester.path / "r_examples")
    iris_copier(pytester.path / "broken", broken=True)
    result = pytester.runpytest_subprocess(*PLUGIN, "--rparity", *SMALL, "r_examples/",
                                           "broken/", timeout=900)
    passed = bundled_pair_ids(pytester.path / "r_examples")
    result.assert_outcomes(passed=len(passed), failed=1)
    output = result.stdout.str()
    assert all(f"{pair.split('::')[0]} ." in output for pair in passed), output
    assert "FAILED broken/iris_regression.R::iris_regression" in output
    assert "iris_regression: PARITY FAILS (2 fit(s) in R, 2 in Python)." in output
    assert "learning_rate: R 0.001, Python 0.01" in output
    assert "Per epoch, fit 1 (mean_squared_error): R, Python, |diff|, ULPs:" in output


PORT_ONLY = "import keras\n\nmodel = None\nmodel.fit([0.0], [0.0])\n"


def orphans(root: Path) -> None:
    """An R program alone, a Keras port alone, and a helper module (not an orphan)."""
    (root / "alone").mkdir()
    (root / "alone" / "lonely.R").write_text("stop('never run')\n")
    (root / "alone" / "port_only.py").write_text(PORT_ONLY)
    (root / "alone" / "helpers.py").write_text("def helper():\n    return 1\n")


def test_orphans_are_warned_about_at_collection(pytester):
    orphans(pytester.path)
    result = pytester.runpytest_subprocess(*PLUGIN, "--rparity", "--collect-only", "alone")
    out = result.stdout.str()
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED
    assert "RParityOrphanWarning" in out
    assert "lonely.R has no Python port beside it" in out
    assert "port_only.py looks like a Keras port" in out and "port_only.R" in out
    assert "helpers.py" not in out


@pytest.mark.parametrize("how", [["--rparity-strict"], ["-o", "rparity_strict=true"]],
                         ids=["flag", "ini"])
def test_strict_makes_an_orphan_a_collection_error(pytester, how):
    orphans(pytester.path)
    result = pytester.runpytest_subprocess(*PLUGIN, "--rparity", *how, "--collect-only",
                                           "alone")
    out = result.stdout.str()
    assert result.ret == pytest.ExitCode.INTERRUPTED
    assert "ERROR collecting alone/lonely.R" in out and "ERROR collecting alone/port_only.py" \
        in out
    assert "has no Python port beside it" in out


def test_seed_none_and_the_knob_table_limits_reach_the_items():
    from keras_rparity.testing.pytest_items import settings_from

    assert settings_from({"seed": "NONE"}, {"seed": "7"}) == {"seed": None}
    assert settings_from({}, {"epochs": "2.0"}) == {"epochs": 2}
    with pytest.raises(pytest.UsageError, match="`--rparity-epochs` must be"):
        settings_from({"epochs": "0"}, {})


def test_test_modules_beside_pairs_are_still_collected(iris_copier, pytester):
    """Only a pair's port is kept from pytest's Python collection, not every .py file."""
    iris_copier(pytester.path / "pairs")
    (pytester.path / "pairs" / "test_plain.py").write_text("def test_plain():\n    pass\n")
    result = pytester.runpytest_subprocess(*PLUGIN, "--rparity", "--collect-only", "-q",
                                           "pairs")
    assert sorted(line for line in result.stdout.lines if "::" in line) == [
        "pairs/iris_regression.R::iris_regression", "pairs/test_plain.py::test_plain"]
