"""Folders shipped with the package: the program pairs (``r_examples``) and the vignettes.

In the checkout they live at the top (``r_examples/``, ``vignettes/``); a built wheel
carries copies inside the package (``keras_rparity/r_examples``, made by ``setup.py``).
:func:`shipped_dir` finds them in either layout, an environment variable overriding both.

Example:
>>> shipped_dir("r_examples").joinpath("iris_regression.R").is_file()
True
"""

from __future__ import annotations

import os
from pathlib import Path

from keras_rparity.errors import KerasRParityError

#: Shipped folder -> the environment variable that points elsewhere.
SHIPPED = {"r_examples": "KERAS_RPARITY_R_EXAMPLES", "vignettes": "KERAS_RPARITY_VIGNETTES"}
PACKAGE_DIR = Path(__file__).resolve().parent


def candidate_dirs(name: str) -> list[Path]:
    """Where ``name`` is looked for, in order: the environment variable, the installed
    package's copy, the checkout's top folder."""
    if name not in SHIPPED:
        raise KerasRParityError(f"no shipped folder {name!r}; there are {sorted(SHIPPED)}")
    configured = os.environ.get(SHIPPED[name])
    if configured:
        return [Path(configured)]
    return [PACKAGE_DIR / name, PACKAGE_DIR.parents[1] / name]


def shipped_dir(name: str) -> Path:
    """The first existing folder of :func:`candidate_dirs` (a clear error if none)."""
    candidates = candidate_dirs(name)
    for folder in candidates:
        if folder.is_dir():
            return folder
    variable = SHIPPED[name]
    if os.environ.get(variable):
        raise KerasRParityError(f"{variable} points at {candidates[0]}, which is not a folder; "
                                f"unset it or point it at the {name} folder")
    raise KerasRParityError(
        f"the {name} folder is missing: looked in {' and '.join(map(str, candidates))}. "
        "Reinstall keras-rparity (pip install --force-reinstall keras-rparity) or set "
        f"{variable} to the folder")
