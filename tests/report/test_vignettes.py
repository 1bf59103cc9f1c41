"""Every vignette executes in quick mode; the rendered HTML carries its figures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


def _vignettes_cli(tmp_path: Path, *args: str) -> subprocess.Popen:
    """``keras-rparity vignettes ...`` in a child process whose TMPDIR is an empty folder."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    return subprocess.Popen([sys.executable, "-m", "keras_rparity", "vignettes", *args,
                             "--out", str(tmp_path / "out")], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TMPDIR": str(scratch)})


def test_quick_run_is_quiet_about_transport_and_leaves_no_temporary_files(tmp_path):
    process = _vignettes_cli(tmp_path, "01_regression", "--quick")
    stdout, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr
    assert "01_regression" in stdout and (tmp_path / "out" / "01_regression.html").is_file()
    assert "without encryption" not in stderr  # the kernel talks over IPC, not TCP
    assert list((tmp_path / "tmp").iterdir()) == []

