"""Every vignette executes in quick mode; the rendered HTML carries its figures."""

from __future__ import annotations

import pytest

from keras_rparity.report.vignettes import list_vignettes, notebook_from_percent, run_vignette

pytestmark = [pytest.mark.r, pytest.mark.slow]


def test_percent_format_round_trip():
    nb = notebook_from_percent("# %% [markdown]\n# # T\n# text\n# %%\nx = 1\n\n# %%\ny = 2\n")
    assert [c.cell_type for c in nb.cells] == ["markdown", "code", "code"]
    assert nb.cells[0].source == "# T\ntext"
    assert nb.cells[2].source == "y = 2"


def test_all_vignettes_are_listed():
    names = list_vignettes()
    assert "01_regression" in names and "08_keras_rparity_from_r" in names
    assert len(names) >= 8


@pytest.mark.parametrize("name", list_vignettes())
def test_vignette_executes_and_renders_figures(name, tmp_path):
    result = run_vignette(name, tmp_path, quick=True)
    html = result.html.read_text()
    assert result.figures >= 1
    assert html.count("data:image/png;base64") >= result.figures
    if result.notebook is not None:
        assert result.notebook.exists()
