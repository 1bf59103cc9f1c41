"""``keras_rparity.data.subsets``: the one "first N of each class" rule, and its users."""

from __future__ import annotations

import doctest

import numpy as np
import pytest

from keras_rparity.data import cifar10 as c
from keras_rparity.data import subsets as sub
from keras_rparity.errors import InvalidArgumentError


def test_docstring_examples_run():
    result = doctest.testmod(sub)
    assert result.failed == 0 and result.attempted > 0


# --- first_per_class_index / first_per_class -----------------------------------------------

def naive_index(labels: np.ndarray, count: int) -> list[int]:
    seen: dict[object, int] = {}
    keep = []
    for i, label in enumerate(labels.ravel().tolist()):
        seen[label] = seen.get(label, 0) + 1
        if seen[label] <= count:
            keep.append(i)
    return keep


def test_first_per_class_index_shapes_and_edge_cases():
    labels = np.array([2, 0, 2, 1, 0, 2, 1])
    assert sub.first_per_class_index(labels, 2).tolist() == [0, 1, 2, 3, 4, 6]
    assert sub.first_per_class_index(labels.reshape(-1, 1), 1.0).tolist() == [0, 1, 3]
    assert sub.first_per_class_index(np.array([], dtype=np.uint8), 3).tolist() == []
    assert sub.first_per_class_index(["b", "a", "b", "b"], 2).tolist() == [0, 1, 2]
    with pytest.raises(TypeError, match="per_class"):
        sub.first_per_class_index(labels, None)
    with pytest.raises(InvalidArgumentError, match=r"labels must have shape \(n,\) or \(n, 1\)"):
        sub.first_per_class_index(np.zeros((3, 2)), 1)
    with pytest.raises(InvalidArgumentError, match="labels must have shape"):
        sub.first_per_class_index(np.int64(4), 1)


@pytest.mark.parametrize("count", [1, 3, 40])
def test_first_per_class_agrees_with_a_plain_loop(count: int):
    rng = np.random.default_rng(count)
    labels = rng.integers(0, 12, size=(300, 1)).astype(np.uint8)
    x = rng.normal(size=(300, 4, 2))
    want = naive_index(labels, count)
    assert sub.first_per_class_index(labels, count).tolist() == want
    xs, ys = sub.first_per_class(x, labels, count)
    np.testing.assert_array_equal(xs, x[want])
    np.testing.assert_array_equal(ys, labels[want])
    assert ys.shape == (len(want), 1)


def test_first_per_class_rejects_mismatched_inputs():
    with pytest.raises(InvalidArgumentError, match="same number of examples"):
        sub.first_per_class(np.zeros(3), np.zeros(4), 1)
    with pytest.raises(InvalidArgumentError, match=r"y must have shape \(n,\) or \(n, 1\)"):
        sub.first_per_class(np.zeros(3), np.zeros((3, 2)), 1)


# --- one implementation, used everywhere -------------------------------------------------

def test_loaders_share_the_one_implementation():
    from keras_rparity import data
    from keras_rparity.data import cifar10, dataset, fashion_mnist, images, loaders, npz

    assert cifar10.first_per_class is sub.first_per_class
    assert data.first_per_class is sub.first_per_class
    assert dataset.first_per_class is sub.first_per_class  # Dataset.first_per_class uses it
    for module in (cifar10, fashion_mnist, npz, loaders):
        assert not hasattr(module, "_check_per_class") and not hasattr(module, "_check_subset")
    assert not hasattr(fashion_mnist, "first_per_class_index")
    with pytest.raises(InvalidArgumentError, match=r"^`per_class` must be"):
        images.load_image_dataset("fashion_mnist", per_class=2.5)
    with pytest.raises(InvalidArgumentError, match=r"^`per_class` must be"):
        loaders.load_dataset("mnist", per_class=-1)
    with pytest.raises(InvalidArgumentError, match=r"^`per_class` must be"):
        cifar10.load_cifar10(per_class=0)


def test_knobs_raise_invalid_argument_error():
    from keras_rparity.record import Knobs

    assert Knobs(epochs=2.0, per_class=50.0) == Knobs(epochs=2, per_class=50)
    assert type(Knobs(per_class=np.int64(5)).per_class) is int
    with pytest.raises(InvalidArgumentError,
                       match=r"^`epochs` must be a positive whole number; got 2\.5$"):
        Knobs(epochs=2.5)
    with pytest.raises(InvalidArgumentError, match=r"^`per_class` must be a positive whole number"):
        Knobs(per_class=0)
    with pytest.raises(TypeError, match="per_class"):
        Knobs(per_class=True)


# --- through the CIFAR-10 module (re-exported there) -------------------------------------

def test_first_per_class_keeps_original_order_and_counts():
    labels = np.array([[2], [0], [2], [1], [0], [2], [1], [0]], dtype=np.uint8)
    x = np.arange(8) * 10
    xs, ys = c.first_per_class(x, labels, 2)
    assert xs.tolist() == [0, 10, 20, 30, 40, 60] and ys.shape == (6, 1)
    assert ys.ravel().tolist() == [2, 0, 2, 1, 0, 1]
    xs1, ys1 = c.first_per_class(x, labels.ravel(), 1.0)  # R double; flat labels stay flat
    assert xs1.tolist() == [0, 10, 30] and ys1.tolist() == [2, 0, 1]
    xs9, _ = c.first_per_class(x, labels, 9)  # fewer than asked: keep what there is
    assert xs9.tolist() == x.tolist()


@pytest.mark.parametrize("bad, error", [
    (0, ValueError), (-3, ValueError), (2.5, ValueError), (float("nan"), ValueError),
    (True, TypeError), ("3", TypeError), (None, TypeError),
])
def test_first_per_class_rejects_bad_counts(bad: object, error: type):
    with pytest.raises(error, match="per_class"):
        c.first_per_class(np.zeros(3), np.zeros(3), bad)


def test_cifar10_first_per_class_rejects_mismatched_inputs():
    with pytest.raises(ValueError, match="same number of examples"):
        c.first_per_class(np.zeros(3), np.zeros(4), 1)
    with pytest.raises(ValueError, match=r"shape \(n,\) or \(n, 1\)"):
        c.first_per_class(np.zeros(3), np.zeros((3, 2)), 1)


def test_first_per_class_index_keeps_original_order():
    labels = np.array([2, 0, 2, 1, 0, 2, 1])
    assert sub.first_per_class_index(labels, 1).tolist() == [0, 1, 3]
    assert sub.first_per_class_index(labels, 9).tolist() == list(range(7))
