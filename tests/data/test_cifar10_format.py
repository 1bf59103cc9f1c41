"""CIFAR-10's batch format: reading a batches folder, refusing what is not a batch."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import numpy as np
import pytest

from keras_rparity.data import cifar10_fixture as fx
from keras_rparity.data import cifar10_format as f
from keras_rparity.errors import DatasetCorruptError


def test_read_batches_matches_keras_layout(tmp_path: Path):
    batches = fx.fixture_batches(per_batch=10, seed=2)
    for name, (data, labels) in batches.items():
        (tmp_path / name).write_bytes(fx._batch_pickle(name, data, labels))
    (x_train, y_train), (x_test, y_test) = f.read_batches(tmp_path)
    assert x_train.shape == (50, 32, 32, 3) and y_train.shape == (50, 1)
    assert x_train.flags.c_contiguous and x_test.dtype == np.uint8
    first = batches["data_batch_1"][0][0]
    # Keras: reshape to (3, 32, 32), then channels last.
    np.testing.assert_array_equal(x_train[0], first.reshape(3, 32, 32).transpose(1, 2, 0))
    np.testing.assert_array_equal(y_test.ravel(), batches["test_batch"][1])


def test_a_missing_batch_names_the_file_and_the_remedy(tmp_path: Path):
    with pytest.raises(DatasetCorruptError,
                       match=r"incomplete: cannot read data_batch_1 .*; import it again$"):
        f.read_batches(tmp_path, remedy="import it again")


class _Evil:
    def __reduce__(self):
        return (os.system, ("echo this must never run",))


@pytest.mark.parametrize("raw, match", [
    (pickle.dumps(_Evil(), protocol=3), "refusing to unpickle posix.system"),
    (pickle.dumps([1, 2]), "should hold a dictionary, found list"),
    (pickle.dumps({b"data": np.zeros((1, 3072), np.uint8)}), "needs 'data' and 'labels'"),
    (pickle.dumps({b"data": np.zeros((1, 3072), np.uint8), b"labels": [[1]]}),
     "'labels' must be a flat list of whole numbers"),
    (b"not a pickle", "not a readable CIFAR-10 pickle"),
])
def test_parse_batch_refuses(raw: bytes, match: str):
    with pytest.raises(DatasetCorruptError, match=match):
        f.parse_batch(raw)
