"""Errors from R programs in the user's terms: their call and line, Keras' message, no noise."""

from __future__ import annotations

import pytest

from keras_rparity.bridge.r_errors import clean_message, user_call
from keras_rparity.errors import LossLabelMismatchError, RError
from keras_rparity.programs.instrument import instrumented
from keras_rparity.record import Knobs, RunContext

NOISE = ("\x1b[", "py_call_impl", "py_last_error", "site-packages", "Traceback",
         "Arguments received")


def test_clean_message_keeps_the_keras_message_only():
    raw = ("ValueError: Exception encountered when calling Sequential.call().\n\n"
           "\x1b[1mInput 0 of layer 'dense' is incompatible with the layer\x1b[0m\n\n"
           "Arguments received by Sequential.call():\n  • inputs=tf.Tensor(shape=(None, 3))\n"
           "Run `reticulate::py_last_error()` for details.")
    assert clean_message(raw) == ("ValueError: Exception encountered when calling "
                                  "Sequential.call(). Input 0 of layer 'dense' is "
                                  "incompatible with the layer")


def test_internal_calls_are_never_shown():
    assert user_call("py_call_impl(callable, call_args$unnamed, call_args$named)", None) is None
    assert user_call("print(x)", None) == "print(x)"


def _run(bridge, tmp_path, name, text):
    program = tmp_path / name
    program.write_text(text)
    ctx = RunContext(Knobs(epochs=1), side="r")
    ctx.start()
    with pytest.raises(RError) as caught, instrumented(ctx):
        bridge.run_program(program, ctx)
    return caught.value, ctx


@pytest.mark.r
def test_shape_mismatch_names_the_users_fit_call_and_line(bridge, tmp_path):
    err, _ = _run(bridge, tmp_path, "shape.R",
                  "model <- keras_model_sequential(input_shape = 4) %>%\n"
                  "  layer_dense(units = 3, activation = 'softmax')\n"
                  "model %>% compile(optimizer = 'adam', loss = 'categorical_crossentropy')\n"
                  "x <- matrix(runif(30), 10)\n"
                  "y <- to_categorical(rep(0:2, length.out = 10), 3)\n"
                  "model %>% fit(x, y, epochs = 1)\n")
    assert err.location == "shape.R:6"
    assert err.r_call == "fit(., x, y, epochs = 1)"
    assert "expected axis -1 of input shape to have value 4" in err.r_message
    assert not any(n in str(err) for n in NOISE), str(err)
    assert "\n" not in str(err)


@pytest.mark.r
def test_error_in_a_pipe_chain_points_at_the_layer_line(bridge, tmp_path):
    err, _ = _run(bridge, tmp_path, "layer.R",
                  "model <- keras_model_sequential(input_shape = 4) %>%\n"
                  "  layer_dense(units = 8) %>%\n"
                  "  layer_dense(units = 3, activation = 'softmaxx')\n")
    assert err.r_call == "layer_dense(., units = 3, activation = \"softmaxx\")"
    assert err.location == "layer.R:2"  # first layer_dense line of the chain
    assert "Could not interpret activation function identifier: softmaxx" in err.r_message
    assert not any(n in str(err) for n in NOISE), str(err)


@pytest.mark.r
def test_error_inside_a_users_function_gives_the_line_in_the_function(bridge, tmp_path):
    err, _ = _run(bridge, tmp_path, "fn.R",
                  "build <- function() {\n"
                  "  keras_model_sequential(input_shape = 4) %>%\n"
                  "    layer_dense(units = -1)\n"
                  "}\n"
                  "model <- build()\n")
    assert err.location == "fn.R:2"
    assert err.r_call.startswith("layer_dense(")


@pytest.mark.r
def test_a_loss_label_mismatch_carries_the_findings(bridge, tmp_path):
    err, _ = _run(bridge, tmp_path, "labels.R",
                  "model <- keras_model_sequential(input_shape = 4) %>%\n"
                  "  layer_dense(units = 3, activation = 'softmax')\n"
                  "model %>% compile(optimizer = 'adam', loss = 'categorical_crossentropy')\n"
                  "model %>% fit(matrix(runif(16), 4), c(0, 1, 2, 1), epochs = 1)\n")
    assert isinstance(err.python_error, LossLabelMismatchError)
    assert "integer-labels-categorical-loss" in [f.code for f in err.python_error.findings]
    assert err.location == "labels.R:4"


@pytest.mark.r
def test_epochs_na_from_r_is_reported_as_na(bridge, tmp_path):
    err, _ = _run(bridge, tmp_path, "na.R",
                  "model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 1)\n"
                  "model %>% compile(optimizer = 'adam', loss = 'mse')\n"
                  "model %>% fit(matrix(runif(16), 4), c(0, 1, 2, 1), epochs = NA)\n")
    assert err.r_message == "`epochs` must be a single whole number, not NA"
    assert err.location == "na.R:3"


def test_r_na_integer_is_shown_as_na():
    from keras_rparity.validation import R_NA_INTEGER, check_scalar

    with pytest.raises(Exception, match=r"got NA \(R's NA_integer_\)"):
        check_scalar(R_NA_INTEGER, "epochs")
