"""keras_rparity.compare(): an R program against its Python port, from Python."""

from __future__ import annotations

import json

import numpy as np
import pytest

import keras_rparity
from keras_rparity.errors import InvalidArgumentError
from keras_rparity.programs.bundled import get_pair

pytestmark = pytest.mark.r


@pytest.fixture(scope="module")
def iris_report(bridge):
    pair = get_pair("iris")
    return keras_rparity.compare(r=pair.r.path, python=str(pair.python.path), seed=42, epochs=2)


def test_compare_iris_files_is_exact(iris_report):
    report = iris_report
    assert report.exact and report.verdict and report.first_difference is None
    assert [f.label for f in report.fits] == ["mean_squared_error", "mean_absolute_error"]
    assert report.experiment == "iris_regression"


def test_table_and_per_epoch_are_data_frames(iris_report):
    table = iris_report.table()
    assert list(table["fit"]) == [1, 2]
    assert table["exact"].all() and (table["max_ulps"] == 0).all()
    assert table["initial_weights_equal"].all()
    per_epoch = iris_report.per_epoch()
    assert set(per_epoch["metric"]) == {"loss"}
    assert len(per_epoch) == 4 and (per_epoch["ulps"] == 0).all()
    np.testing.assert_array_equal(per_epoch["r"], per_epoch["python"])


def test_explain_to_dict_and_plot(iris_report, tmp_path):
    import matplotlib.image

    assert iris_report.explain().startswith("iris_regression: PARITY HOLDS, bitwise equal")
    summary = json.loads(json.dumps(iris_report.to_dict(), default=str))
    assert summary["exact"] is True and summary["first_difference"] is None
    assert summary["fit_count"] == {"r": 2, "python": 2}
    assert summary["knobs"]["epochs"] == 2
    image = matplotlib.image.imread(iris_report.plot(tmp_path / "iris.png"))
    assert image.ndim == 3 and float(np.var(image[..., :3])) > 0


def test_python_program_as_a_function(bridge):
    import keras

    pair = get_pair("iris")

    def port():
        x = np.array([[5.1], [4.9], [4.7]])
        model = keras.Sequential([keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(x, x, epochs=5)

    report = keras_rparity.compare(r=pair.r.path, python=port, seed=42, epochs=1)
    assert report.first_difference.kind == "fit_count"
    assert report.python.fits[0].epochs == 1  # the epochs knob replaced the program's 5


def test_tolerance_and_ulps_are_exclusive():
    with pytest.raises(InvalidArgumentError, match="`tolerance` or `ulps`, not both"):
        keras_rparity.compare(r="model.R", python="model.py", tolerance=0.1, ulps=2)


def test_missing_programs_are_one_clear_error(bridge, tmp_path):
    with pytest.raises(FileNotFoundError, match="Python program not found"):
        keras_rparity.compare(r=tmp_path / "a.R", python=tmp_path / "a.py")


def test_the_bundled_pair_functions_keep_working(bridge):
    table = keras_rparity.parity_table("iris", epochs=1)
    assert table["exact"].all()
    assert list(keras_rparity.history("iris", loss="mae", epochs=1).columns) == ["epoch", "loss"]
