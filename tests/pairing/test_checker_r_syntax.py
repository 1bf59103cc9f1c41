"""Findings for R programs give fixes in R syntax; unknown loss names are refused."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from keras_rparity.errors import InvalidChoiceError
from keras_rparity.pairing import check_pairing, format_findings


def softmax_model(units: int = 3, loss: str = "categorical_crossentropy") -> keras.Model:
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(units, activation="softmax")])
    model.compile(optimizer="adam", loss=loss)
    return model


def test_integer_labels_with_categorical_loss_r_fix():
    findings = check_pairing(softmax_model(), y=np.array([0, 1, 2, 1]))
    r_text = format_findings(findings, side="r")
    assert "y <- keras3::to_categorical(y, 3)" in r_text
    assert 'loss = "sparse_categorical_crossentropy"' in r_text
    assert "keras.utils" not in r_text
    assert "keras.utils.to_categorical" in format_findings(findings)  # Python side unchanged


def test_r_class_codes_from_one_get_y_minus_one():
    findings = check_pairing(softmax_model(loss="sparse_categorical_crossentropy"),
                             y=np.array([1, 2, 3, 2]))
    (finding,) = [f for f in findings if f.code == "class-index-out-of-range"]
    assert "y - 1" in finding.r_fix
    assert "y - 1" in format_findings(findings, side="r")


def test_onehot_labels_with_sparse_loss_r_fix():
    findings = check_pairing(softmax_model(loss="sparse_categorical_crossentropy"),
                             y=np.eye(3)[[0, 1, 2, 1]])
    assert "max.col(y) - 1" in format_findings(findings, side="r")
    assert "argmax" not in format_findings(findings, side="r")


def test_unknown_loss_name_is_rejected_like_the_cli_does():
    with pytest.raises(InvalidChoiceError, match="invalid loss 'typo'; valid choices: "):
        check_pairing(softmax_model(), loss="typo")


def test_keras_loss_names_outside_our_table_still_pass():
    assert check_pairing(softmax_model(), loss="hinge")
