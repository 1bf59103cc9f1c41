"""Executing the vignettes headless and rendering them to HTML with their figures.

Python vignettes are kept as text (``vignettes/*.py``, cells separated by
``# %%`` lines, Markdown cells marked ``# %% [markdown]`` — the "percent"
format Jupyter tools pair with notebooks). Each is turned into a notebook,
executed in a fresh kernel and exported as ``.ipynb`` and self-contained
``.html``. The R Markdown vignette (``vignettes/*.Rmd``) is rendered by R.
Several vignettes run at once (one kernel or R process each), and each one's
temporary files live in a folder of its own that is removed when it ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import queue
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from keras_rparity.errors import InvalidChoiceError, KerasRParityError
from keras_rparity.shipped import shipped_dir
from keras_rparity.validation import check_scalar

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


def vignette_env(quick: bool, scratch: Path) -> dict[str, str]:
    """The environment of a vignette's kernel or R process.

    Quick mode is passed as ``KERAS_RPARITY_QUICK``; ``TMPDIR`` points into
    ``scratch`` so that every temporary file or folder the vignette makes (Python's
    ``tempfile``, R's ``tempdir()``) goes away with it.
    """
    scratch.mkdir(parents=True, exist_ok=True)
    return {**os.environ, "KERAS_RPARITY_QUICK": "1" if quick else "0", "TMPDIR": str(scratch),
            "RETICULATE_PYTHON": sys.executable}


def _render_notebook(notebook, stem: str, out: Path) -> tuple[Path, Path]:
    import nbformat
    from nbconvert import HTMLExporter

    out.mkdir(parents=True, exist_ok=True)
    ipynb = out / f"{stem}.ipynb"
    nbformat.write(notebook, ipynb)
    html, _ = HTMLExporter().from_notebook_node(notebook)
    html_path = out / f"{stem}.html"
    html_path.write_text(html)
    return ipynb, html_path


#: Longest path of a Unix socket the kernel's IPC transport can bind (sun_path, less margin).
SOCKET_PATH_MAX = 100


@contextlib.contextmanager
def socket_dir(scratch: Path) -> Iterator[Path]:
    """Where the kernel's IPC sockets go: ``scratch``, or a short temporary folder under
    ``/tmp`` when ``scratch``'s path is too long for a socket; removed afterwards."""
    if len(str(scratch / "kernel-99")) <= SOCKET_PATH_MAX or not Path("/tmp").is_dir():
        yield scratch
        return
    with tempfile.TemporaryDirectory(prefix="krp-", dir="/tmp") as short:
        yield Path(short)


async def run_python_vignette(path: Path, out: Path, quick: bool, scratch: Path) -> VignetteResult:
    """Execute a percent-format vignette in a fresh kernel and render it.

    The kernel talks to us over local IPC sockets (not TCP, which ipykernel warns
    about) in ``scratch``, and is shut down however the run ends.
    """
    with socket_dir(scratch) as sockets:
        return await _execute_notebook(path, out, quick, scratch, sockets)


async def _execute_notebook(path: Path, out: Path, quick: bool, scratch: Path,
                            sockets: Path) -> VignetteResult:
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    start = time.perf_counter()
    notebook = notebook_from_percent(path.read_text())
    env = vignette_env(quick, scratch / "tmp")
    manager = AsyncKernelManager(kernel_name="python3", transport="ipc",
                                 connection_file=str(scratch / "kernel.json"),
                                 ip=str(sockets / "kernel"))
    client = NotebookClient(notebook, km=manager, timeout=1800,
                            resources={"metadata": {"path": str(path.parent)}})
    # The kernel's own stderr (its tracebacks when Ctrl-C stops a cell) goes to a log in
    # the scratch folder, not to the user's terminal; cell errors arrive as messages.
    with open(scratch / "kernel-stderr.log", "wb") as kernel_log:
        try:
            await client.async_execute(env=env, cleanup_kc=True, stderr=kernel_log)
        except CellExecutionError as exc:
            raise VignetteError(f"vignette {path.stem!r} failed: {exc}") from None
        finally:
            if manager.has_kernel:
                await manager.shutdown_kernel(now=True)
    ipynb, html_path = _render_notebook(notebook, path.stem, out)
    return VignetteResult(path.stem, ipynb, html_path, _count_figures(notebook),
                          time.perf_counter() - start)


async def run_rmarkdown_vignette(path: Path, out: Path, quick: bool,
                                 scratch: Path) -> VignetteResult:
    """Render an R Markdown vignette with R (knitr + rmarkdown + pandoc)."""
    if shutil.which("Rscript") is None:
        raise KerasRParityError("Rscript not found: the R Markdown vignette needs R "
                                "(bash scripts/setup.sh installs it)")
    start = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    code = (f"rmarkdown::render({str(path)!r}, output_dir = {str(out.resolve())!r}, "
            f"intermediates_dir = tempdir(), quiet = TRUE)")
    process = await asyncio.create_subprocess_exec(
        "Rscript", "--vanilla", "-e", code, env=vignette_env(quick, scratch / "tmp"),
        cwd=path.parent, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=1800)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    if process.returncode != 0:
        raise VignetteError(f"R Markdown vignette {path.stem!r} failed:\n"
                            f"{stderr.decode(errors='replace')[-3000:]}")
    html_path = out / f"{path.stem}.html"
    figures = html_path.read_text().count("data:image/png;base64")
    return VignetteResult(path.stem, None, html_path, figures, time.perf_counter() - start)


def _vignette_file(name: str) -> Path:
    names = list_vignettes()
    if name not in names:
        raise InvalidChoiceError("vignette", name, names)
    folder = vignette_dir()
    python_file = folder / f"{name}.py"
    return python_file if python_file.exists() else folder / f"{name}.Rmd"


async def _run_one(name: str, out: Path, quick: bool, limit: asyncio.Semaphore) -> VignetteResult:
    path = _vignette_file(name)
    async with limit:
        with tempfile.TemporaryDirectory(prefix=f"rparity-vignette-{name}-") as scratch:
            runner = run_python_vignette if path.suffix == ".py" else run_rmarkdown_vignette
            return await runner(path, out, quick, Path(scratch))


def run_vignettes(names: Sequence[str], out: str | Path, quick: bool = False,
                  jobs: int = 1) -> Iterator[VignetteResult]:
    """Execute the named vignettes, ``jobs`` at a time; yields each result as it finishes.

    The vignettes run in an event loop on a helper thread, so Ctrl-C reaches this
    thread as ``KeyboardInterrupt``: then every kernel and R process is stopped, their
    temporary folders are removed, and the interrupt is raised again. The first
    failing vignette stops the others the same way and raises its error.

    Example:
    >>> list(run_vignettes([], "unused"))
    []
    """
    for name in names:
        _vignette_file(name)  # unknown names fail before anything starts
    if not names:
        return
    check_scalar(jobs, "jobs")
    finished: queue.Queue = queue.Queue()
    loop = asyncio.new_event_loop()
    tasks: list[asyncio.Task] = []

    async def main() -> None:
        limit = asyncio.Semaphore(jobs)
        tasks.extend(asyncio.ensure_future(_run_one(n, Path(out), quick, limit)) for n in names)
        for task in tasks:
            task.add_done_callback(finished.put)
        await asyncio.gather(*tasks, return_exceptions=True)
        leftovers = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in leftovers:  # helpers the notebook clients left running
            task.cancel()
        await asyncio.gather(*leftovers, return_exceptions=True)

    thread = threading.Thread(target=loop.run_until_complete, args=(main(),),
                              name="keras-rparity-vignettes", daemon=True)
    thread.start()
    try:
        for _ in names:
            task = _next_finished(finished)
            if task.cancelled():
                raise KeyboardInterrupt
            if task.exception() is not None:
                raise task.exception()
            yield task.result()
    finally:
        for task in tasks:
            loop.call_soon_threadsafe(task.cancel)
        thread.join(timeout=30)
        if not thread.is_alive():
            loop.close()


def _next_finished(finished: queue.Queue) -> asyncio.Task:
    """The next finished task, waiting in short steps so that Ctrl-C gets through."""
    while True:
        try:
            return finished.get(timeout=0.2)
        except queue.Empty:
            continue


def run_vignette(name: str, out: str | Path, quick: bool = False) -> VignetteResult:
    """Execute one vignette by name and write its rendered files into ``out``."""
    with contextlib.closing(run_vignettes([name], out, quick)) as results:
        return next(results)
