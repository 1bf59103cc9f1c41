"""Set-up lines of published R programs run unchanged: library()/require()/`::` of the
R Keras packages resolve to the API in use; use_*()/install_keras() are noted and
ignored; a conflicting backend and a missing package are one clear error."""

from __future__ import annotations

import pytest

from keras_rparity.errors import RError

pytestmark = pytest.mark.r

_NOTES = """
notes <- character()
withCallingHandlers({CODE}, message = function(m) {
  notes <<- c(notes, conditionMessage(m))
  invokeRestart("muffleMessage")
})
notes
"""


def _notes(bridge, code: str) -> list[str]:
    notes = bridge.eval(_NOTES.replace("{CODE}", code))
    return [notes] if isinstance(notes, str) else list(notes or [])


def test_keras_packages_load_as_the_api_in_use(bridge):
    assert bridge.eval("""
        library(keras3); library(keras); library(tensorflow, exclude = c("shape"))
        library(tfdatasets, exclude = "shape"); suppressPackageStartupMessages(library(zeallot))
        library("keras3", character.only = TRUE); library(dotty)
        .[a, b] <- c(1, 2)
        all(require(keras3), require(tensorflow), requireNamespace("keras3", quietly = TRUE),
            a + b == 3)
    """) is True


def test_qualified_names_resolve_in_the_api_and_in_installed_packages(bridge):
    assert bridge.eval("keras3::count_params(keras3::keras_model_sequential(input_shape = 2) |>"
                       " keras::layer_dense(units = 3))") == 9.0
    assert bridge.eval("is.function(tfdatasets::dataset_batch)")
    assert bridge.eval("tensorflow::tf$constant(2)$numpy()") == 2.0
    assert bridge.eval("magrittr::add(1, 2)") == 3.0


def test_setup_calls_are_noted_once_each_and_ignored(bridge):
    for call in ("use_python('/usr/bin/python3')", "reticulate::use_virtualenv('venv')",
                 "use_condaenv('base')", "keras3::install_keras()"):
        notes = _notes(bridge, call)
        assert len(notes) == 1, (call, notes)
        assert "ignored" in notes[0] and "own Python" in notes[0]
    backend = bridge.eval("reticulate::import('keras')$backend$backend()")
    notes = _notes(bridge, f"use_backend('{backend}')")
    assert len(notes) == 1 and "already in use" in notes[0]


def test_a_conflicting_backend_is_one_clear_error(bridge):
    backend = bridge.eval("reticulate::import('keras')$backend$backend()")
    other = "jax" if backend != "jax" else "tensorflow"
    with pytest.raises(RError, match=f"--backend {other}"):
        bridge.eval(f'use_backend("{other}")')


def test_other_packages_load_and_a_missing_one_says_how_to_install_it(bridge):
    assert bridge.eval("library(magrittr); exists('%>%')")
    install = r"'notapkg' is not installed.*install.packages\(\"notapkg\"\)"
    with pytest.raises(RError, match=install):
        bridge.eval("library(notapkg)")
    with pytest.raises(RError, match="'notapkg2' is not installed"):  # by `::` as well
        bridge.eval("notapkg2::plot_it(1)")
    assert bridge.eval("suppressWarnings(require(notapkg))") is False
