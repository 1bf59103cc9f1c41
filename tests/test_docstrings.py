"""The docstring examples of the run, program and parity layers run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "pairing.checker", "pairing.loss_names", "record.knobs", "record.fit_record",
    "record.context", "bridge.handoff", "programs.pair", "programs.python_program",
    "programs.r_program", "programs.bundled", "parity.ulps", "parity.compare",
    "parity.explain", "parity.report", "report.tables",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"keras_rparity.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
