"""Arrays too large to compare whole: the fingerprints' block checksums locate the first
differing block, and the element, both values and the cause are named at any size."""

from __future__ import annotations

import numpy as np
import pytest

from keras_rparity.parity import compare as compare_module
from keras_rparity.parity.compare import compare_fits
from keras_rparity.parity.explain import explain_fit
from keras_rparity.record import ArrayFingerprint, FitRecord, fit_record, history_frame


def record(x, y) -> FitRecord:
    weights = [np.ones((2, 1), np.float32)]
    return FitRecord(
        label="m", loss="mse", history=history_frame({"loss": [1.0]}),
        x=ArrayFingerprint.of(x), y=ArrayFingerprint.of(y), input_shape=(None, 28, 28),
        output_shape=(None, 1), param_count=3, output_activation="linear", weights=weights,
        seconds=0.0, arrays=(x, y), initial_weights=weights)


def test_a_real_size_difference_names_the_element_and_both_values():
    """x + y over 64 MB (compared by fingerprint, as Fashion-MNIST's training set is)."""
    x = np.random.default_rng(0).random((22000, 28, 28), dtype=np.float32)
    y = np.zeros((22000, 1), np.float32)
    other = x.copy()
    other[15000, 3, 4] = 2.0
    fit = compare_fits(record(other, y), record(x, y))
    assert not compare_module.compared_elementwise(fit.r, fit.python)
    found = explain_fit(fit)
    assert found.kind == "data"
    assert f"`x` differs first at index [15000, 3, 4]: R 2, Python {x[15000, 3, 4]!s}" \
        in found.message
    assert "1 of the " in found.message and "block checksums located these rows" in \
        found.message


@pytest.fixture
def small_blocks(monkeypatch):
    """Blocks of 4 rows and every array "large", so the tests stay tiny."""
    monkeypatch.setattr(fit_record, "DIGEST_BLOCK", 4 * 8 * 3)
    monkeypatch.setattr(compare_module, "ELEMENTWISE_MAX_BYTES", 0)


def test_the_cause_is_named_from_the_first_differing_block(small_blocks):
    labels = np.random.default_rng(1).integers(0, 3, size=(40, 3)).astype(np.float64)
    fit = compare_fits(record(labels, labels[:, :1]), record(labels, labels[:, :1]))
    assert fit.exact
    r_side = record(labels + 1, labels[:, :1])
    assert r_side.x.first_differing_block(fit.python.x) == 0 and len(r_side.x.blocks) == 10
    found = explain_fit(compare_fits(r_side, record(labels, labels[:, :1])))
    assert found.cause == "labels_from_one" and "rows 0-3" in found.message
    late = labels.copy()
    late[37, 1] += 0.5
    found = explain_fit(compare_fits(record(late, labels[:, :1]), record(labels, labels[:, :1])))
    assert "index [37, 1]" in found.message and "rows 36-39" in found.message


def test_an_array_changed_after_fit_is_said_so(small_blocks):
    x = np.arange(120.0).reshape(40, 3)
    r_side, py_side = record(x + 1, x[:, :1]), record(x, x[:, :1])
    r_side.arrays[0][:] = 0.0  # the program reused its buffer after fit()
    found = explain_fit(compare_fits(r_side, py_side))
    assert found.kind == "data" and "R changed the array after fit()" in found.message


def test_fingerprints_are_readable_and_equal_across_dtypes():
    labels = np.array([[2], [0]])
    a = ArrayFingerprint.of(labels.astype(np.int32))
    b = ArrayFingerprint.of(labels.astype(np.uint8))
    assert a.digest == b.digest and a.blocks == b.blocks and len(a.digest) == 64
    assert a.to_dict() == {"shape": [2, 1], "dtype": "int32", "digest": a.digest}
