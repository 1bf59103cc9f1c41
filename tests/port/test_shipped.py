"""Every R program shipped in r_examples/ (and examples/) ports with zero untranslated
lines, the port passes ruff, and it is exact against the R program (epochs 1, small data;
the CIFAR programs on the CIFAR fixture). New pairs are covered by default."""

from __future__ import annotations

import pytest

from keras_rparity.port import port
from keras_rparity.programs.bundled import find_pairs, r_examples_dir

pytestmark = pytest.mark.r

PROGRAMS = [pair.r.path for folder in (r_examples_dir(), r_examples_dir() / "examples")
            for pair in find_pairs(folder)]


@pytest.mark.parametrize("r_program", PROGRAMS, ids=lambda p: p.name)
def test_shipped_program_ports_exact(r_program, tmp_path, bridge, with_cifar10_fixture,
                                     ruff_clean):
    output = tmp_path / f"{r_program.stem}.py"
    text, report = port(r_program, output, epochs=1, per_class=10)
    assert report.untranslated == [] and report.dependent == []
    assert report.lines_translated == report.lines_total > 0
    assert output.read_text() == text
    ruff_clean(output)
    assert report.exact, report.text()
    assert "keras_rparity" not in text  # a plain Keras program


def test_every_shipped_pair_is_covered():
    assert len(PROGRAMS) >= 7
    assert {p.name for p in PROGRAMS} >= {"iris_regression.R", "functional_regression.R"}
