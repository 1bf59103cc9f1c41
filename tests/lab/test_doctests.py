"""The docstring examples of the lab modules run and say what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["losses", "loss_table", "from_logits", "activations", "tutorial_figures",
           "plots"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"keras_rparity.lab.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
