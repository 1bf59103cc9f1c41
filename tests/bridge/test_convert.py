"""NumPy -> R in one pass gives exactly reticulate's R arrays; R -> Python reads R's memory."""

from __future__ import annotations

import numpy as np
import pytest

from keras_rparity.bridge import handoff
from keras_rparity.bridge.convert import copy_column_major, r_storage, to_python, to_r_array

RNG = np.random.default_rng(3)
ARRAYS = {
    "cifar-like images": RNG.integers(0, 256, (1500, 32, 32, 3), dtype=np.uint8),
    "labels (n, 1)": RNG.integers(0, 10, (1500, 1), dtype=np.uint8),
    "int32 vector": np.array([3, -7, 2**31 - 1], dtype=np.int32),
    "int64 matrix": RNG.integers(-5, 5, (4, 6)),
    "float32 cube": RNG.random((3, 4, 5)).astype(np.float32),
    "float64 vector": RNG.random(7),
    "booleans": RNG.random((6, 2)) > 0.5,
    "empty": np.zeros((0, 3), dtype=np.uint8),
}


def test_copy_column_major_is_fortran_order():
    for array in ARRAYS.values():
        target = np.empty(array.size, np.float64)
        copy_column_major(array, target)
        np.testing.assert_array_equal(target, array.ravel(order="F").astype(np.float64))


def test_storage_follows_reticulate():
    assert [r_storage(np.dtype(t)) for t in ("uint8", "int16", "int32", "uint32", "int64",
                                               "float32", "bool")] == [
        "integer", "integer", "integer", "double", "double", "double", "logical"]
    with pytest.raises(TypeError, match="cannot hand a NumPy <U1 array to R"):
        r_storage(np.dtype("<U1"))


@pytest.mark.r
@pytest.mark.parametrize("name", list(ARRAYS))
def test_to_r_array_is_identical_to_reticulates_conversion(bridge, name):
    from rpy2 import robjects

    array = ARRAYS[name]
    robjects.globalenv[".rparity_test_ours"] = to_r_array(array)
    with handoff.calling(handoff.Call((array,))):
        same = robjects.r(
            ".theirs <- reticulate::import('keras_rparity.bridge.handoff')$current_call()"
            "$args()[[1]]\n"
            "identical(.rparity_test_ours, .theirs)")
    robjects.r("rm(.rparity_test_ours, .theirs)")
    assert bool(same[0]), f"{name}: our R array differs from reticulate's"


@pytest.mark.r
def test_to_python_reads_numbers_and_nas(bridge):
    from rpy2 import robjects

    cube = to_python(robjects.r("array(as.double(1:24), c(2, 3, 4))"))
    np.testing.assert_array_equal(cube, np.arange(1, 25, dtype=float).reshape((2, 3, 4),
                                                                              order="F"))
    assert to_python(robjects.r("c(1L, NA)")).tolist() == [1, None]
    assert to_python(robjects.r("c(TRUE, NA, FALSE)")).tolist() == [True, None, False]
    assert to_python(robjects.r("NA_integer_")) is None
    assert to_python(robjects.r("7L")) == 7 and isinstance(to_python(robjects.r("7L")), int)
    assert to_python(robjects.r("list(a = 1, b = 'x')")) == {"a": 1.0, "b": "x"}


@pytest.mark.r
def test_r_datasets_arrive_as_r_keras_gives_them(bridge, with_cifar10_fixture):
    from keras_rparity.record import Knobs, RunContext

    with handoff.running(RunContext(knobs=Knobs(per_class=2), side="r")):
        shapes = bridge.eval("d <- dataset_cifar10()\n"
                             "list(typeof(d$train$x), dim(d$train$x), dim(d$train$y),"
                             " typeof(d$test$y), range(d$train$x))")
    assert shapes[0] == "integer"
    assert list(shapes[1]) == [20, 32, 32, 3] and list(shapes[2]) == [20, 1]
    assert shapes[3] == "integer"
    assert 0 <= shapes[4][0] <= shapes[4][1] <= 255


@pytest.mark.r
def test_dataset_errors_reach_r_as_errors(bridge, keras_home):
    from keras_rparity.errors import RError
    from keras_rparity.record import Knobs, RunContext

    with (handoff.running(RunContext(knobs=Knobs(), side="r")),
          pytest.raises(RError, match="DatasetMissingError: CIFAR-10 is not on this machine")):
        bridge.eval("dataset_cifar10()")
