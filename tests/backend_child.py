"""One fresh process per Keras backend, shared by the backend tests.

A process keeps the backend Keras started with, so each backend needs a process of its
own; one per backend (not one per test) keeps the suite short. Run by the
``backend_child`` fixture (tests/conftest.py), which hands the JSON it prints to
tests/test_backend.py, tests/test_determinism.py and tests/programs/test_backend_parity.py.

    python tests/backend_child.py NAME

In this order:

1. ``parity``: the command line's ``parity iris --backend NAME --json`` and
   ``parity bird_vs_plane`` (CIFAR-format fixture from ``KERAS_HOME``), run before
   anything else imports Keras, so ``--backend`` is what chooses the backend;
2. ``choice``: ``use_backend(NAME)``, ``KERAS_BACKEND``, Keras' own answer,
   ``backend_info()`` and the refusal to switch to another backend;
3. ``determinism``: two fits with the same seed (dropout included), their first losses,
   whether they are bitwise equal, and the backend's determinism flags.

TensorFlow, the test session's own backend, needs no child: tests/test_determinism.py
calls :func:`determinism` in the test process (the ``backend_probe`` fixture).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys


def parity_runs(name: str) -> dict:
    from keras_rparity.cli import main

    runs = {}
    for experiment, extra in (("iris", ["--epochs", "3"]),
                              ("bird_vs_plane", ["--epochs", "2", "--per-class", "10"])):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            status = main(["parity", experiment, "--backend", name, "--json", *extra])
        runs[experiment] = {"status": status, "report": json.loads(buffer.getvalue())}
    return runs


def backend_choice(name: str) -> dict:
    from keras_rparity.backend import BackendError, backend_info, use_backend

    chosen = use_backend(name)
    import keras

    try:
        use_backend("jax" if chosen == "tensorflow" else "tensorflow")
        refused = ""
    except BackendError as exc:
        refused = str(exc)
    return {"env": os.environ["KERAS_BACKEND"], "keras": keras.backend.backend(),
            "info": backend_info(), "refused": refused}


def seeded_fit() -> tuple[list[float], list[list]]:
    import keras
    import numpy as np

    from keras_rparity.determinism import seed_everything

    seed_everything(7)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dropout(0.3), keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    x = np.random.default_rng(0).random((64, 4)).astype("float32")
    history = model.fit(x, x.sum(axis=1), epochs=3, batch_size=8, verbose=0)
    return history.history["loss"], [w.tolist() for w in model.get_weights()]


def determinism_flags(name: str) -> dict:
    if name == "tensorflow":
        from tensorflow.python.framework.config import is_op_determinism_enabled

        return {"op_determinism": is_op_determinism_enabled()}
    if name == "torch":
        import torch

        return {"deterministic": torch.are_deterministic_algorithms_enabled(),
                "cudnn_benchmark": torch.backends.cudnn.benchmark}
    return {}


def determinism(name: str) -> dict:
    first, second = seeded_fit(), seeded_fit()
    return {"same": first == second, "losses": first[0], "flags": determinism_flags(name)}


def main(argv: list[str]) -> None:
    (name,) = argv
    out = {"parity": parity_runs(name), "choice": backend_choice(name)}
    out["determinism"] = determinism(name)
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
