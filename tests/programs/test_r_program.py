"""R programs are recorded by the one instrumentation of ``keras.Model.fit``."""

from __future__ import annotations

import pytest

from keras_rparity.programs import RProgram
from keras_rparity.record import Knobs, RunContext

pytestmark = pytest.mark.r

FIT = ("model <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 1)\n"
       "model %>% compile(optimizer = 'sgd', loss = 'mse')\n"
       "model %>% fit(matrix(c(1, 2, 3, 4), 2), c(1, 2){verbose})\n")


def test_r_has_no_fit_hook_of_its_own(bridge):
    assert bridge.eval("exists('fit', envir = .api, inherits = FALSE)") is True
    assert bridge.eval("exists('fit', envir = environment(), inherits = FALSE)") is False
    assert not bridge.eval("exists('.rparity_ctx')")


def test_r_fits_go_through_the_run_contexts_one_entry_point(bridge, monkeypatch):
    sides = []
    run_fit = RunContext.run_fit
    monkeypatch.setattr(RunContext, "run_fit",
                        lambda self, *a: sides.append(self.side) or run_fit(self, *a))
    run = RProgram(code=FIT.format(verbose="")).run(Knobs(epochs=2))
    assert sides == ["r"]
    assert run.fits[0].epochs == 2 and run.fits[0].initial_weights is not None
    assert run.recording_seconds > 0  # R runs report it too now


def test_r_garbage_is_collected_before_each_fit_from_inside_the_fit(bridge):
    """R -> reticulate -> keras.Model.fit (Python) -> R's gc(): the finalizer of an object
    the program dropped has run by the time the fit returns."""
    code = ("flag <- new.env()\n"
            "local({ junk <- new.env()\n"
            "        reg.finalizer(junk, function(e) assign('collected', TRUE, envir = flag)) })\n"
            + FIT.format(verbose="") +
            "stopifnot(isTRUE(flag$collected))\n")
    assert len(RProgram(code=code).run(Knobs(epochs=1)).fits) == 1


@pytest.mark.parametrize(("given", "knob", "shown"), [("", 2, True), ("", 0, False),
                                                       (", verbose = 0", 2, False)])
def test_r_verbose_auto_leaves_the_knob_in_charge(bridge, capsys, given, knob, shown):
    RProgram(code=FIT.format(verbose=given)).run(Knobs(epochs=1, verbose=knob))
    assert ("loss:" in capsys.readouterr().out) is shown
