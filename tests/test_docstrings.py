"""Every docstring example in the package runs and holds (issue: examples that run).

One test per module of ``keras_rparity``; examples that need R use the session's
in-process bridge, like the rest of the suite. A module without examples passes
trivially; a module whose examples fail shows doctest's report.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import keras_rparity

#: Modules that are programs, not libraries (running them starts the command line).
NOT_IMPORTED = {"keras_rparity.__main__", "keras_rparity.r_api_gen.__main__"}

MODULES = sorted(
    info.name for info in pkgutil.walk_packages(keras_rparity.__path__, "keras_rparity.")
    if info.name not in NOT_IMPORTED
)


def test_every_module_is_walked():
    assert {"keras_rparity.api", "keras_rparity.bridge.session", "keras_rparity.data.loaders",
            "keras_rparity.parity.explain", "keras_rparity.sweep.grid"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
                             report=True, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
