"""The CIFAR-format stand-in: CIFAR-10's shapes and types, deterministic, never CIFAR-10."""

from __future__ import annotations

import numpy as np
import pytest

from keras_rparity.data import cifar10_standin as standin


def test_shapes_types_and_balance():
    data = standin.load_cifar10_standin(per_class=7)
    assert data.source == "synthetic" and data.name == "cifar10"
    (x_train, y_train), (x_test, y_test) = data.train, data.test
    assert x_train.shape == (70, 32, 32, 3) and x_train.dtype == np.uint8
    assert y_train.shape == (70, 1) and y_train.dtype == np.uint8
    assert np.bincount(y_train.ravel()).tolist() == [7] * 10
    assert np.bincount(y_test.ravel()).tolist() == [2] * 10  # a fifth, rounded up
    assert x_test.shape == (20, 32, 32, 3) and data.class_names[2] == "bird"


def test_same_per_class_same_arrays_and_each_call_its_own_copy():
    a = standin.load_cifar10_standin(per_class=4.0)  # an R double
    a.train[0][:] = 0
    b = standin.load_cifar10_standin(per_class=4)
    assert b.train[0].any()
    c = standin.load_cifar10_standin(per_class=4)
    np.testing.assert_array_equal(b.train[0], c.train[0])
    np.testing.assert_array_equal(b.test[1], c.test[1])


@pytest.mark.parametrize("per_class, per_batch", [(None, 10000), (6000, 10000), (5000, 10000),
                                                  (1000, 2000), (7, 20), (1, 10)])
def test_sizes_follow_cifar10(per_class: int | None, per_batch: int):
    assert standin._per_batch(per_class) == per_batch


def test_bad_per_class():
    with pytest.raises(TypeError, match="per_class"):
        standin.load_cifar10_standin(per_class="10")  # type: ignore[arg-type]
