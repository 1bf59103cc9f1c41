"""The activation/loss pairing checker: one test per finding, tutorial models clean."""

from __future__ import annotations

import functools

import keras
import numpy as np
import pytest

from keras_rparity.errors import KerasRParityError
from keras_rparity.lab.tutorial_models import cifar_cnn
from keras_rparity.pairing.checker import (
    FINDING_CODES,
    Finding,
    check_pairing,
    describe_loss,
    describe_output,
    format_findings,
)

N = 12
BINARY = np.arange(N) % 2
INTEGER = (np.arange(N) % 10).reshape(-1, 1)
ONEHOT = np.eye(10)[np.arange(N) % 10]
MULTILABEL = ONEHOT.copy()
MULTILABEL[:, 3] = 1.0
REGRESSION = np.linspace(2.0, 4.4, N).reshape(-1, 1)


def codes(findings: list[Finding]) -> list[tuple[str, str]]:
    assert all(f.code in FINDING_CODES for f in findings)
    return [(f.code, f.severity) for f in findings]


def only(findings: list[Finding]) -> tuple[str, str]:
    assert len(findings) == 1, codes(findings)
    return codes(findings)[0]


# --- the tutorial's three models: no findings --------------------------------------------


@pytest.mark.parametrize("loss", ["mean_squared_error", "mean_absolute_error"])
def test_tutorial_iris_regression_is_clean(loss):
    # unbuilt, as in r_examples/iris_regression.py: the input shape comes at the first fit
    model = keras.Sequential([keras.layers.Dense(32), keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss=loss)
    assert check_pairing(model, y=REGRESSION) == []


def test_tutorial_bird_vs_plane_is_clean():
    model = cifar_cnn(1, "sigmoid")
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    assert check_pairing(model, y=BINARY.astype(float)) == []


@pytest.mark.parametrize("labels", [INTEGER, INTEGER.ravel()])
def test_tutorial_cifar10_is_clean(labels):
    model = cifar_cnn(10, "softmax")
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    assert check_pairing(model, y=labels) == []


def test_logits_with_from_logits_is_clean(output_model):
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    assert check_pairing(output_model("linear", 10), loss, y=INTEGER) == []


# --- one test per finding ------------------------------------------------------------------


@pytest.mark.parametrize("loss", ["mse", "mae", keras.losses.MeanSquaredError()])
def test_sigmoid_with_mse(output_model, loss):
    findings = check_pairing(output_model("sigmoid"), loss, y=BINARY)
    assert only(findings) == ("sigmoid-mse", "warning")
    assert "Bernoulli" in findings[0].explanation and "s - y" in findings[0].explanation


def test_softmax_with_binary_crossentropy(output_model):
    model = output_model("softmax", 10)
    assert only(check_pairing(model, "binary_crossentropy", y=ONEHOT)) == (
        "softmax-binary-crossentropy", "error")
    two = check_pairing(output_model("softmax", 2), "binary_crossentropy")
    assert only(two) == ("softmax-binary-crossentropy", "warning")


def test_double_softmax(output_model):
    loss = keras.losses.CategoricalCrossentropy(from_logits=True)
    findings = check_pairing(output_model("softmax", 10), loss, y=ONEHOT)
    assert only(findings) == ("double-softmax", "error")
    assert "Multinoulli" in findings[0].explanation


def test_double_sigmoid(output_model):
    loss = keras.losses.BinaryCrossentropy(from_logits=True)
    assert only(check_pairing(output_model("sigmoid"), loss)) == ("double-sigmoid", "error")


@pytest.mark.parametrize("loss", ["binary_crossentropy", "categorical_crossentropy",
                                  keras.losses.SparseCategoricalCrossentropy()])
def test_linear_output_with_crossentropy_on_probabilities(output_model, loss):
    findings = check_pairing(output_model("linear", 3), loss)
    assert only(findings) == ("logits-without-from-logits", "error")
    assert "from_logits=True" in findings[0].fix


def test_onehot_labels_with_sparse_loss(output_model):
    model = output_model("softmax", 10)
    findings = check_pairing(model, "sparse_categorical_crossentropy", y=ONEHOT)
    assert only(findings) == ("onehot-labels-sparse-loss", "error")
    assert "(12, 10)" in findings[0].title


def test_integer_labels_with_categorical_loss(output_model):
    model = output_model("softmax", 10)
    findings = check_pairing(model, "categorical_crossentropy", y=INTEGER)
    assert only(findings) == ("integer-labels-categorical-loss", "error")
    assert "to_categorical(y, 10)" in findings[0].fix


def test_multilabel_targets_with_softmax(output_model):
    findings = check_pairing(output_model("softmax", 10), "categorical_crossentropy",
                             y=MULTILABEL)
    assert only(findings) == ("multilabel-softmax", "error")
    assert "sigmoid on every output unit" in findings[0].fix
    # the suggested model is clean
    assert check_pairing(output_model("sigmoid", 10), "binary_crossentropy", y=MULTILABEL) == []


@pytest.mark.parametrize("loss", ["mse", "binary_crossentropy"])
def test_regression_targets_with_sigmoid(output_model, loss):
    findings = check_pairing(output_model("sigmoid"), loss, y=REGRESSION)
    assert ("regression-targets-sigmoid", "error") in codes(findings)
    assert codes(findings)[0] == ("regression-targets-sigmoid", "error")  # errors first


def test_softmax_over_one_unit(output_model):
    findings = check_pairing(output_model("softmax", 1), "binary_crossentropy", y=BINARY)
    assert only(findings) == ("softmax-single-unit", "error")


def test_categorical_loss_on_one_unit(output_model):
    findings = check_pairing(output_model("sigmoid", 1), "categorical_crossentropy")
    assert only(findings) == ("single-unit-categorical-loss", "error")


def test_sigmoid_units_with_categorical_crossentropy(output_model):
    findings = check_pairing(output_model("sigmoid", 10), "categorical_crossentropy", y=ONEHOT)
    assert only(findings) == ("sigmoid-categorical-crossentropy", "warning")


def test_softmax_with_mse(output_model):
    assert only(check_pairing(output_model("softmax", 10), "mse", y=ONEHOT)) == (
        "softmax-mse", "warning")


def test_crossentropy_targets_outside_unit_interval(output_model):
    loss = keras.losses.BinaryCrossentropy(from_logits=True)
    findings = check_pairing(output_model("linear"), loss, y=REGRESSION)
    assert only(findings) == ("targets-outside-unit-interval", "error")


def test_sparse_labels_must_be_class_indices(output_model):
    model = output_model("softmax", 3)
    assert only(check_pairing(model, "scce", y=[0.5, 1.0])) == (
        "sparse-labels-not-integer", "error")
    findings = check_pairing(model, "scce", y=INTEGER)
    assert only(findings) == ("class-index-out-of-range", "error")
    assert "10 units" in findings[0].fix


def test_label_width_must_match_units(output_model):
    findings = check_pairing(output_model("sigmoid", 1), "binary_crossentropy", y=ONEHOT)
    assert only(findings) == ("label-width-mismatch", "error")


def test_unrecognised_loss_and_activation_are_info(output_model):
    assert only(check_pairing(output_model("linear"), "hinge")) == (
        "unrecognised-pairing", "info")
    custom = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation=lambda x: x)])
    findings = check_pairing(custom, "mse")
    assert only(findings) == ("unrecognised-pairing", "info")
    assert "<lambda>" in findings[0].title


# --- inspection --------------------------------------------------------------------------


def test_trailing_activation_layers_and_dropout_are_seen_through():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(10),
                              keras.layers.Activation("softmax"), keras.layers.Dropout(0.1)])
    output = describe_output(model)
    assert (output.activation, output.units) == ("softmax", 10)
    softmax_layer = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3),
                                      keras.layers.Softmax()])
    assert describe_output(softmax_layer).activation == "softmax"
    nested = keras.Sequential([keras.Input((4,)), softmax_layer])
    assert describe_output(nested).activation == "softmax"


def test_functional_model(output_model):
    inputs = keras.Input((4,))
    outputs = keras.layers.Dense(1, activation="sigmoid")(keras.layers.Dense(8)(inputs))
    model = keras.Model(inputs, outputs)
    assert only(check_pairing(model, "mse")) == ("sigmoid-mse", "warning")


def test_loss_descriptions():
    assert describe_loss(keras.losses.binary_crossentropy).name == "binary_crossentropy"
    partial = functools.partial(keras.losses.categorical_crossentropy, from_logits=True)
    assert describe_loss(partial).from_logits
    assert describe_loss(keras.losses.Huber()).family == "regression"
    assert describe_loss(["mse"]).name == "mean_squared_error"
    with pytest.raises(KerasRParityError, match="one loss per output"):
        describe_loss(["mse", "mae"])


def test_compiled_loss_is_used_and_uncompiled_model_needs_one(output_model):
    compiled = output_model("sigmoid", loss=keras.losses.BinaryCrossentropy(from_logits=True))
    assert only(check_pairing(compiled)) == ("double-sigmoid", "error")
    with pytest.raises(KerasRParityError, match="not compiled"):
        check_pairing(output_model("sigmoid"))
    with pytest.raises(KerasRParityError, match="Keras model"):
        check_pairing(object(), "mse")


def test_format_findings(output_model):
    findings = check_pairing(output_model("softmax", 10), "mse", y=MULTILABEL)
    text = format_findings(findings)
    assert text.startswith("2 findings: 1 error, 1 warning")
    assert text.index("[ERROR] multilabel-softmax") < text.index("[WARNING] softmax-mse")
    assert "Fix:" in text
    assert format_findings([]).startswith("No findings")


def test_finding_validates_severity():
    with pytest.raises(ValueError, match="severity"):
        Finding("x", "fatal", "t", "e")


def test_finding_codes_are_read_from_the_rules_and_a_rule_cannot_report_an_undeclared_one(
        monkeypatch):
    from keras_rparity.pairing import checker

    assert (*(c for rule in checker.RULES for c in rule.codes),
            "no-compiled-loss") == checker.FINDING_CODES
    assert len(set(checker.FINDING_CODES)) == len(checker.FINDING_CODES) == 19

    @checker.reports("declared")
    def rogue(ctx):
        return checker.Finding("undeclared", "info", "t", "w", "f")

    with pytest.raises(RuntimeError, match="rogue reported 'undeclared'"):
        checker._run(rogue, None)
