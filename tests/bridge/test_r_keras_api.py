"""Choosing the R Keras API: keras3 when it loads, else the bundled layer, always saying why.

The end-to-end tests install a FIXTURE package named keras3 (a few lines, made here,
not the real keras3) into a temporary R library: one whose start-up fails (as keras3
>= 1.4 does on reticulate 1.41) and one that loads and leaves a marker file when its
start-up code runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from keras_rparity.bridge.r_keras_api import (
    Keras3Probe,
    choose_api,
    keras3_problem,
    requested_api,
)
from keras_rparity.errors import InvalidChoiceError, RUnavailableError

BROKEN = Keras3Probe(True, "1.5.1", "namespace 'reticulate' 1.41.0.1 is being loaded, "
                     "but >= 1.42.0 is required")


def test_auto_prefers_a_loadable_keras3():
    choice = choose_api("auto", Keras3Probe(True, "1.5.1"))
    assert (choice.api, choice.describe()) == ("keras3", "keras3 1.5.1")


def test_auto_falls_back_saying_why():
    choice = choose_api("auto", BROKEN)
    assert choice.api == "builtin"
    assert "keras3 1.5.1 is installed but does not load: namespace 'reticulate'" in \
        choice.describe()
    assert "not installed" in choose_api("auto", Keras3Probe(False)).describe()


def test_forced_keras3_fails_with_the_real_reason():
    with pytest.raises(RUnavailableError, match=r"keras3 1\.5\.1 is installed but does not "
                                                r"load: namespace 'reticulate' 1\.41\.0\.1"):
        choose_api("keras3", BROKEN)
    with pytest.raises(RUnavailableError, match="keras3 is not installed"):
        choose_api("keras3", Keras3Probe(False))


def test_builtin_needs_no_probe():
    assert choose_api("builtin", None).api == "builtin"
    assert keras3_problem(Keras3Probe(True, "1.3.0")) == ""


def test_requested_api_reads_the_environment(monkeypatch):
    monkeypatch.setenv("KERAS_RPARITY_R_API", "builtin")
    assert requested_api("auto") == "builtin" and requested_api("keras3") == "keras3"
    monkeypatch.setenv("KERAS_RPARITY_R_API", "keras")
    with pytest.raises(InvalidChoiceError, match="KERAS_RPARITY_R_API"):
        requested_api()


# -- end to end, with fixture packages named keras3 -----------------------------------------

def install_fixture_keras3(lib: Path, loads: bool, marker: Path) -> None:
    source = lib.parent / f"keras3-fixture-{'ok' if loads else 'broken'}"
    (source / "R").mkdir(parents=True)
    (source / "DESCRIPTION").write_text(
        "Package: keras3\nVersion: 0.0.1\nTitle: Test Fixture Named keras3\n"
        "Description: A stand-in made by keras-rparity's tests.\nLicense: MIT\n"
        "Authors@R: person('t', 'f', email = 't@example.org', role = c('aut', 'cre'))\n")
    (source / "NAMESPACE").write_text("")
    start_up = (f"writeLines('loaded', {str(marker)!r})" if loads
                else "stop('fixture keras3 refuses to load (a stand-in for a version conflict)')")
    (source / "R" / "zzz.R").write_text(f".onLoad <- function(libname, pkgname) {start_up}\n")
    done = subprocess.run(["R", "CMD", "INSTALL", "--no-test-load", "-l", str(lib), str(source)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def doctor_with(lib: Path, api: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "R_LIBS": str(lib), "KERAS_RPARITY_R_API": api}
    return subprocess.run([sys.executable, "-m", "keras_rparity", "doctor"], capture_output=True,
                          text=True, timeout=300, env=env)


@pytest.mark.r
@pytest.mark.slow
def test_doctor_names_a_keras3_that_does_not_load_and_uses_the_builtin_layer(tmp_path):
    lib, marker = tmp_path / "lib", tmp_path / "loaded.txt"
    lib.mkdir()
    install_fixture_keras3(lib, loads=False, marker=marker)
    done = doctor_with(lib, "auto")
    assert "keras3 (R)         0.0.1" in done.stdout, done.stdout + done.stderr[-2000:]
    assert ("builtin (keras-rparity's R layer; the R package keras3 0.0.1 is installed but "
            "does not load:") in done.stdout
    assert "fixture keras3 refuses to load (a stand-in for a version conflict)" in done.stdout


@pytest.mark.r
@pytest.mark.slow
def test_builtin_forced_never_runs_keras3s_start_up(tmp_path):
    lib, marker = tmp_path / "lib", tmp_path / "loaded.txt"
    lib.mkdir()
    install_fixture_keras3(lib, loads=True, marker=marker)
    done = doctor_with(lib, "builtin")
    assert "R Keras API        builtin" in done.stdout, done.stdout + done.stderr[-2000:]
    assert "keras3 (R)         0.0.1" in done.stdout
    assert not marker.exists()
    done = doctor_with(lib, "auto")
    assert "R Keras API        keras3 0.0.1" in done.stdout, done.stdout + done.stderr[-2000:]
    assert marker.read_text().strip() == "loaded"
