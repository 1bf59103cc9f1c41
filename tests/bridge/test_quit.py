"""quit()/q() in an R program is refused: R runs inside this process."""

from __future__ import annotations

import pytest

from keras_rparity.cli import main
from keras_rparity.errors import RQuitError
from keras_rparity.programs.instrument import instrumented
from keras_rparity.record import Knobs, RunContext

pytestmark = pytest.mark.r

MESSAGE = ("the R program called quit(); keras-rparity runs R programs inside this process, "
           "so remove the call")


@pytest.mark.parametrize("call", ["quit(save = \"no\", status = 3)", "q(\"no\")"])
def test_quit_is_an_error_and_fits_before_it_are_kept(bridge, tmp_path, call):
    program = tmp_path / "quits.R"
    program.write_text(
        "model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 1)\n"
        "model %>% compile(optimizer = 'adam', loss = 'mse')\n"
        "model %>% fit(matrix(runif(16), 4), c(0, 1, 2, 1), epochs = 1)\n"
        f"{call}\n")
    ctx = RunContext(Knobs(epochs=1), side="r")
    ctx.start()
    with pytest.raises(RQuitError) as caught, instrumented(ctx):
        bridge.run_program(program, ctx)
    assert caught.value.r_message == MESSAGE
    assert caught.value.location == "quits.R:4"
    assert len(ctx.fits) == 1  # what finished before quit() is kept
    assert bridge.eval("1 + 1") == 2.0  # and this process, and R, go on


def test_the_command_line_says_so_and_the_process_survives(bridge, tmp_path, capsys):
    program = tmp_path / "quits.R"
    program.write_text(
        "model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 1)\n"
        "model %>% compile(optimizer = 'adam', loss = 'mse')\n"
        "model %>% fit(matrix(runif(16), 4), c(0, 1, 2, 1), epochs = 1)\n"
        "quit(save = 'no', status = 3)\n")
    status = main(["check", "--r-program", str(program)])
    assert status == 2  # usage error, not R's status 3, and this process goes on
    error = capsys.readouterr().err.strip()
    assert error == f"keras-rparity: error: R error at quits.R:4: {MESSAGE}"
    assert bridge.eval("1 + 1") == 2.0
