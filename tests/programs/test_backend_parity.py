"""R = Python to the last bit on every Keras backend (JAX and PyTorch here; TensorFlow,
the default, in test_iris_pair.py and test_cifar_pairs.py).

The runs are the command line's ``parity iris --backend NAME --json`` and ``parity
bird_vs_plane`` on the CIFAR-format FIXTURE (10 images per class, 2 epochs), made in one
fresh process per backend (tests/backend_child.py, shared with the other backend tests).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.r


@pytest.fixture(params=["jax", "torch"])
def backend_run(request, backend_child):
    return request.param, backend_child(request.param)["parity"]


@pytest.mark.parametrize("experiment", ["iris", "bird_vs_plane"])
def test_r_equals_python_bitwise_on_the_backend(backend_run, experiment):
    name, runs = backend_run
    run = runs[experiment]
    report = run["report"]
    backend = report["environment"]["backend"]
    assert backend["name"] == name  # --backend beat KERAS_BACKEND=tensorflow
    assert backend["device"] == "cpu"
    assert backend["version"][0].isdigit()
    assert report["exact"] is True, report
    assert run["status"] == 0
    for fit in report["fits"]:
        assert fit["max_abs_diff"] == 0.0 and fit["weights_max_abs_diff"] == 0.0
        assert fit["data_equal"] and fit["shapes_equal"]
        for metric, values in fit["metrics"].items():
            assert values["r"] == values["python"], metric


def test_the_runs_used_the_fixture_and_the_knobs(backend_run):
    _, runs = backend_run
    bird = runs["bird_vs_plane"]["report"]
    assert bird["data_sources"] == {"r": {"cifar10": "fixture"}, "python": {"cifar10": "fixture"}}
    (fit,) = bird["fits"]
    assert fit["epochs"] == 2 and list(fit["x_shape"]["r"]) == [20, 32, 32, 3]
    iris = runs["iris"]["report"]
    assert [f["epochs"] for f in iris["fits"]] == [3, 3]
