"""The shared types: Dataset (the one result type) and DatasetEntry."""

from __future__ import annotations

import numpy as np
import pytest

from keras_rparity.data.dataset import Availability, Dataset, DatasetEntry


def test_dataset_counts_subsets_and_repr():
    data = Dataset("toy", train=(np.arange(6), np.array([0, 1, 0, 1, 0, 1])),
                   test=(np.arange(2), np.array([1, 1])), source="made up", path="/p")
    assert (data.n_train, data.n_test) == (6, 2)
    small = data.first_per_class(2)
    assert small.train[0].tolist() == [0, 1, 2, 3] and small.test[0].tolist() == [0, 1]
    assert (small.name, small.source, small.path) == ("toy", "made up", "/p")
    assert repr(small) == ("Dataset(name='toy', source='made up', train=4 examples, "
                           "test=2 examples, path='/p')")
    with pytest.raises(ValueError, match="per_class"):
        data.first_per_class(0)


def test_entry_checks_its_fields():
    probe = lambda: Availability(True, "/x", "")  # noqa: E731
    assert DatasetEntry("ok", probe, "none").load is None
    with pytest.raises(ValueError, match="Python identifier"):
        DatasetEntry("not ok", probe, "none")
    with pytest.raises(ValueError, match="kind must be one of"):
        DatasetEntry("ok", probe, "none", kind="pictures")
    with pytest.raises(TypeError, match="load must be a function"):
        DatasetEntry("ok", probe, "none", load="load it")  # type: ignore[arg-type]
