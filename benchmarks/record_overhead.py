"""Overhead of recording a fit on the Python side: instrumented vs plain ``fit``.

Bird vs plane (the tutorial's CNN) on the CIFAR-format FIXTURE, by default 5,000 birds
+ 5,000 planes (10,000 images). The same program trains, in alternating rounds:

* plain: ``model.fit`` untouched (Keras as a user runs it);
* recorded: inside :class:`keras_rparity.programs.PythonProgram` (``keras.Model.fit``
  instrumented: epochs knob, initial weights kept, data fingerprinted, pairing checked,
  final weights and history recorded).

Prints the median wall time of each and the overhead in percent (target: under 2%), and
the recording's own time measured inside the instrumented ``fit`` (steady even when
other jobs share the machine, which makes the end-to-end difference noisy).

    python benchmarks/record_overhead.py [--per-class 5000] [--epochs 2] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

SEED = 42


def bird_vs_plane_program(x, y, epochs: int):
    """The tutorial's bird vs plane training as a plain function."""
    import keras

    from keras_rparity.lab.tutorial_models import cifar_cnn

    def program() -> None:
        keras.utils.set_random_seed(SEED)
        model = cifar_cnn(1, "sigmoid")
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
        model.fit(x, y, epochs=epochs, verbose=0)

    return program


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-class", type=int, default=5000,
                        help="images per class in the fixture (5000: 10,000 images)")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from keras_rparity.data.cifar10_fixture import install_cifar10_fixture

    home = Path(tempfile.mkdtemp(prefix="rparity-overhead-"))
    install_cifar10_fixture(home, per_batch=args.per_class * 10 // 5, seed=0)
    os.environ["KERAS_HOME"] = str(home)

    import numpy as np

    from keras_rparity.data.loaders import load_dataset
    from keras_rparity.determinism import enable_deterministic_ops
    from keras_rparity.programs import PythonProgram
    from keras_rparity.record import Knobs

    data = load_dataset("cifar10", per_class=args.per_class)
    x_train, y_train = data.train
    labels = y_train.reshape(-1)
    x = np.concatenate([x_train[labels == 2], x_train[labels == 0]]) / 255
    y = np.concatenate([np.zeros((labels == 2).sum()), np.ones((labels == 0).sum())])
    print(f"bird vs plane on the FIXTURE (synthetic CIFAR-format images): {len(x)} images, "
          f"{args.epochs} epochs, {args.rounds} rounds")
    enable_deterministic_ops()
    program = bird_vs_plane_program(x, y, args.epochs)
    program()  # warm-up: graph tracing and first-call costs out of the measurement

    plain, recorded, own, fit_seconds = [], [], [], []
    for _ in range(args.rounds):
        started = time.perf_counter()
        program()
        plain.append(time.perf_counter() - started)
        started = time.perf_counter()
        run = PythonProgram(function=program).run(Knobs(seed=None))
        recorded.append(time.perf_counter() - started)
        assert len(run.fits) == 1
        own.append(run.recording_seconds)
        fit_seconds.append(run.fits[0].seconds)
    p, r = statistics.median(plain), statistics.median(recorded)
    print(f"plain fit:    {p:.3f} s (median; rounds {', '.join(f'{t:.3f}' for t in plain)})")
    print(f"recorded fit: {r:.3f} s (median; rounds {', '.join(f'{t:.3f}' for t in recorded)})")
    print(f"overhead, end to end: {100 * (r - p) / p:+.2f}% (target: under 2%; noisy when "
          "the machine is shared)")
    share = statistics.median(o / f for o, f in zip(own, fit_seconds, strict=True))
    print(f"overhead, measured inside the instrumented fit (checking, fingerprinting, "
          f"weights): median {statistics.median(own):.3f} s = {100 * share:.2f}% of the fit")


if __name__ == "__main__":
    main()
