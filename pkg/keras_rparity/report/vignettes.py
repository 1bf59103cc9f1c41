"""Executing the vignettes headless and rendering them to HTML with their figures.

Python vignettes are kept as text (``vignettes/*.py``, cells separated by
``# %%`` lines, Markdown cells marked ``# %% [markdown]`` — the "percent"
format Jupyter tools pair with notebooks). Each is turned into a notebook,
executed in a fresh kernel and exported as ``.ipynb`` and self-contained
``.html``. The R Markdown vignette (``vignettes/*.Rmd``) is rendered by R.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from keras_rparity.errors import InvalidChoiceError, KerasRParityError
from keras_rparity.shipped import shipped_dir

CELL_MARKER = re.compile(r"^# %%(?P<markdown> \[markdown\])?.*$")


class VignetteError(KerasRParityError):
    """A vignette cell raised; the message names the vignette and the cell."""


@dataclass(frozen=True)
class VignetteResult:
    name: str
    notebook: Path | None
    html: Path
    figures: int
    seconds: float


def vignette_dir() -> Path:
    """``$KERAS_RPARITY_VIGNETTES``, the installed package's copy or the checkout's
    ``vignettes/`` (:func:`~keras_rparity.shipped.shipped_dir`)."""
    return shipped_dir("vignettes")


def list_vignettes() -> list[str]:
    """Names of all vignettes (Python and R Markdown), sorted."""
    folder = vignette_dir()
    return sorted(p.stem for p in [*folder.glob("*.py"), *folder.glob("*.Rmd")])


def notebook_from_percent(text: str):
    """Build an nbformat notebook from percent-format text.

    Example:
    >>> nb = notebook_from_percent("# %% [markdown]\\n# # Title\\n# %%\\nx = 1\\n")
    >>> [c.cell_type for c in nb.cells], nb.cells[0].source
    (['markdown', 'code'], '# Title')
    """
    import nbformat

    cells, kind, lines = [], None, []

    def flush() -> None:
        if kind is None:
            return
        body = "\n".join(lines).strip("\n")
        if kind == "markdown":
            body = "\n".join(re.sub(r"^# ?", "", line) for line in body.splitlines())
            cells.append(nbformat.v4.new_markdown_cell(body))
        elif body.strip():
            cells.append(nbformat.v4.new_code_cell(body))

    for line in text.splitlines():
        match = CELL_MARKER.match(line)
        if match:
            flush()
            kind, lines = ("markdown" if match["markdown"] else "code"), []
        elif kind is not None:
            lines.append(line)
    flush()
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    return notebook


def _count_figures(notebook) -> int:
    return sum(1 for cell in notebook.cells if cell.cell_type == "code"
               for output in cell.get("outputs", []) if "image/png" in output.get("data", {}))


def run_python_vignette(path: Path, out: Path, quick: bool) -> VignetteResult:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from nbconvert import HTMLExporter

    start = time.perf_counter()
    notebook = notebook_from_percent(path.read_text())
    os.environ["KERAS_RPARITY_QUICK"] = "1" if quick else "0"
    client = NotebookClient(notebook, timeout=1800, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as exc:
        raise VignetteError(f"vignette {path.stem!r} failed: {exc}") from None
    out.mkdir(parents=True, exist_ok=True)
    ipynb = out / f"{path.stem}.ipynb"
    nbformat.write(notebook, ipynb)
    html, _ = HTMLExporter().from_notebook_node(notebook)
    html_path = out / f"{path.stem}.html"
    html_path.write_text(html)
    return VignetteResult(path.stem, ipynb, html_path, _count_figures(notebook),
                          time.perf_counter() - start)


def run_rmarkdown_vignette(path: Path, out: Path, quick: bool) -> VignetteResult:
    """Render an R Markdown vignette with R (knitr + rmarkdown + pandoc)."""
    import sys

    if shutil.which("Rscript") is None:
        raise KerasRParityError("Rscript not found: the R Markdown vignette needs R "
                                "(bash scripts/setup.sh installs it)")
    start = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "RETICULATE_PYTHON": sys.executable,
           "KERAS_RPARITY_QUICK": "1" if quick else "0"}
    code = (f"rmarkdown::render({str(path)!r}, output_dir = {str(out)!r}, "
            f"intermediates_dir = tempdir(), quiet = TRUE)")
    done = subprocess.run(["Rscript", "--vanilla", "-e", code], capture_output=True, text=True,
                          env=env, cwd=path.parent, timeout=1800)
    if done.returncode != 0:
        raise VignetteError(f"R Markdown vignette {path.stem!r} failed:\n{done.stderr[-3000:]}")
    html_path = out / f"{path.stem}.html"
    figures = html_path.read_text().count("data:image/png;base64")
    return VignetteResult(path.stem, None, html_path, figures, time.perf_counter() - start)


def run_vignette(name: str, out: str | Path, quick: bool = False) -> VignetteResult:
    """Execute one vignette by name and write its rendered files into ``out``."""
    names = list_vignettes()
    if name not in names:
        raise InvalidChoiceError("vignette", name, names)
    folder = vignette_dir()
    python_file = folder / f"{name}.py"
    if python_file.exists():
        return run_python_vignette(python_file, Path(out), quick)
    return run_rmarkdown_vignette(folder / f"{name}.Rmd", Path(out), quick)
