"""Choosing the Keras backend: validation, KERAS_BACKEND, one backend per process."""

from __future__ import annotations

import subprocess
import sys

import pytest

from keras_rparity import backend
from keras_rparity.backend import (
    BACKENDS,
    BackendError,
    available_backends,
    backend_info,
    selected_backend,
    use_backend,
)
from keras_rparity.errors import InvalidChoiceError


def test_default_is_tensorflow(monkeypatch):
    monkeypatch.delenv("KERAS_BACKEND", raising=False)
    assert selected_backend() == "tensorflow" == BACKENDS[0]


def test_keras_backend_variable_is_honoured(monkeypatch):
    monkeypatch.setenv("KERAS_BACKEND", "torch")
    assert selected_backend() == "torch"
    assert selected_backend("jax") == "jax"  # an explicit choice wins


@pytest.mark.parametrize("bad", ["numpy", "TensorFlow", ""])
def test_unknown_backends_are_refused(bad):
    with pytest.raises(InvalidChoiceError, match="valid choices: 'tensorflow', 'jax', 'torch'"):
        selected_backend(bad)


def test_unknown_backend_in_the_variable_names_the_variable(monkeypatch):
    monkeypatch.setenv("KERAS_BACKEND", "numpy")
    with pytest.raises(InvalidChoiceError, match="KERAS_BACKEND"):
        selected_backend()


def test_available_backends_reports_versions():
    found = available_backends()
    assert list(found) == list(BACKENDS)
    # the three are installed by scripts/setup.sh (extras [jax] and [torch])
    for name, version in found.items():
        assert version is not None, f"{name} is not installed: run scripts/setup.sh"
        assert version[0].isdigit()


def test_a_missing_backend_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(backend, "loaded_backend", lambda: None)
    monkeypatch.setattr(backend, "_installed_version",
                        lambda name: None if name == "torch" else "1.0")
    with pytest.raises(BackendError, match=r"pip install 'keras-rparity\[torch\]'"):
        use_backend("torch")


def test_switching_backend_after_keras_loaded_is_refused(monkeypatch):
    monkeypatch.setattr(backend, "loaded_backend", lambda: "tensorflow")
    with pytest.raises(BackendError, match="start a new process with --backend jax"):
        use_backend("jax")


def test_backend_info_describes_the_loaded_backend():
    info = backend_info()
    import keras

    assert info["name"] == keras.backend.backend()
    assert info["version"][0].isdigit()
    assert info["device"] == "cpu"


@pytest.mark.parametrize("name", ["jax", "torch"])
def test_use_backend_chooses_the_backend_keras_loads(backend_child, name):
    out = backend_child(name)["choice"]  # in a fresh process for that backend
    assert out["env"] == out["keras"] == out["info"]["name"] == name
    assert out["info"]["device"] == "cpu"
    assert f"already loaded with the {name} backend" in out["refused"]


def test_cli_refuses_an_unknown_backend():
    done = subprocess.run([sys.executable, "-m", "keras_rparity", "parity", "iris",
                           "--backend", "numpy"], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 2
    assert "invalid choice: 'numpy'" in done.stderr
