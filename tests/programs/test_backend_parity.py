"""R = Python to the last bit on every Keras backend (JAX and PyTorch here; TensorFlow,
the default, in test_iris_parity.py and test_cifar_parity.py).

One process per backend (a process keeps its backend): it runs the command line's
``parity iris --backend NAME --json`` and ``parity bird_vs_plane`` on the CIFAR-format
FIXTURE (10 images per class, 2 epochs), in the same process to pay R's start once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = [pytest.mark.r, pytest.mark.slow]

CHILD = """
import contextlib, io, json, sys
from keras_rparity.cli import main

name = sys.argv[1]
out = {}
for experiment, extra in (("iris", ["--epochs", "3"]),
                          ("bird_vs_plane", ["--epochs", "2", "--per-class", "10"])):
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        status = main(["parity", experiment, "--backend", name, "--json", *extra])
    out[experiment] = {"status": status, "report": json.loads(buffer.getvalue())}
print(json.dumps(out))
"""


@pytest.fixture(scope="module", params=["jax", "torch"])
def backend_run(request, cifar10_fixture_home):
    env = {"KERAS_HOME": str(cifar10_fixture_home), "KERAS_BACKEND": "tensorflow"}
    done = subprocess.run([sys.executable, "-c", CHILD, request.param], capture_output=True,
                          text=True, timeout=600, check=False,
                          env={**os.environ, **env})
    assert done.returncode == 0, done.stderr[-3000:]
    return request.param, json.loads(done.stdout.strip().splitlines()[-1])


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
