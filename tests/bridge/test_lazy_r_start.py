"""R starts only when a command needs it: importing the package and parsing a command
line leave it (and Keras) unloaded."""

from __future__ import annotations

import subprocess
import sys

CHILD = """
import sys
import keras_rparity
from keras_rparity.cli import build_parser
build_parser().parse_args(["parity", "iris", "--backend", "jax"])
print(sorted(m for m in ("rpy2", "keras", "tensorflow", "jax", "torch") if m in sys.modules))
"""


def test_import_and_parsing_start_neither_r_nor_keras():
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
