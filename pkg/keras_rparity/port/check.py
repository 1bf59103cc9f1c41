"""The check: run the R program and its port with the same knobs and compare them.

With data from R, the R side runs first with every fit's arrays kept; they are written
beside the port as ``<stem>_data.npz`` (``x0``, ``y0``, ``x1``, ...: the ``x``/``y`` of each
fit in order) for the port to read, then the port runs and the two are compared.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import numpy as np

from keras_rparity.parity import ParityReport, compare_runs
from keras_rparity.programs import PythonProgram, RProgram
from keras_rparity.programs.run import Run
from keras_rparity.record import Knobs


def data_file(port: str | Path) -> Path:
    """Where a port's arrays from R go: ``model.py`` -> ``model_data.npz``.

    >>> data_file("/tmp/model.py").name
    'model_data.npz'
    """
    port = Path(port)
    return port.with_name(f"{port.stem}_data.npz")


def write_fit_arrays(run: Run, path: str | Path) -> Path:
    """Write the ``x``/``y`` of each of ``run``'s fits to ``path`` (an ``.npz``)."""
    arrays = {}
    for i, record in enumerate(run.fits):
        if record.arrays is None:
            raise RuntimeError(f"fit {i + 1} of the R run kept no arrays")
        arrays[f"x{i}"], arrays[f"y{i}"] = (np.asarray(a) for a in record.arrays)
    np.savez(path, **arrays)
    return Path(path)


def check_port(r_program: str | Path, port: str | Path, knobs: Knobs,
               data_from_r: bool = False) -> ParityReport:
    """Run ``r_program`` and ``port`` with ``knobs``; compare fit by fit.

    Both run in the R program's folder, so relative paths (``read.csv("data.csv")``)
    name the same files on both sides.
    """
    r_program, port = Path(r_program).resolve(), Path(port).resolve()
    with contextlib.chdir(r_program.parent):
        r_run = RProgram(path=r_program).run(knobs)
        if data_from_r:
            write_fit_arrays(r_run, data_file(port))
        python_run = PythonProgram(path=port).run(knobs)
    return compare_runs(r_run, python_run, Path(port).stem)
