"""The summary of many pairs: one table, one JSON document, one report folder.

The report folder holds ``index.md`` (the table, the orphans, links) and, per pair,
``NAME.md`` (its verdict explained, or its error) with ``NAME.png`` (the overlay of R's
and Python's learning curves). A pair in a subfolder keeps its path (``sub/model.md``).

Example:
>>> from keras_rparity.folder_parity.check import PairOutcome
>>> result = FolderParity([PairOutcome("m", "m.R", "m.py", 0, {"r": 2, "python": 2}, True,
...                                    True, 0.0, seconds=1.25)], (), "process", 1, 2.0)
>>> print(summary_text(result))
pair fits exact max |dloss| first difference seconds
   m  2/2  True           0                -    1.25
1 of 1 pair(s) hold, 0 differ, 0 could not be checked; 2.0 s on 1 process worker(s)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from keras_rparity.folder_parity.check import DIFFERS, ERROR, HOLDS, PairOutcome
from keras_rparity.folder_parity.checks import FolderParity
from keras_rparity.report.tables import to_markdown, to_text

#: Columns of :func:`summary_table`.
COLUMNS = ("pair", "fits", "exact", "max |dloss|", "first difference", "seconds")

#: How long the first difference (or error) may be in the table; the report has it whole.
CELL_WIDTH = 70


def _cell(text: str | None) -> str:
    if not text:
        return "-"
    text = " ".join(text.split())
    return text if len(text) <= CELL_WIDTH else text[:CELL_WIDTH - 3] + "..."


def _fits(outcome: PairOutcome) -> str:
    if not outcome.fits:
        return "-"
    r, python = outcome.fits["r"], outcome.fits["python"]
    return f"{r}/{python}" if r == python else f"R {r} / Py {python}"


def summary_table(result: FolderParity) -> pd.DataFrame:
    """One row per pair: fits (R/Python), exact, max |dloss|, first difference (or the
    error), seconds."""
    rows = [{"pair": o.name, "fits": _fits(o), "exact": o.exact,
             "max |dloss|": "-" if o.max_abs_dloss is None else o.max_abs_dloss,
             "first difference": _cell(f"ERROR: {o.error}" if o.error else o.first_difference),
             "seconds": round(o.seconds, 2)} for o in result.outcomes]
    rows += [{"pair": name, "fits": "-", "exact": False, "max |dloss|": "-",
              "first difference": "not run (interrupted)", "seconds": "-"}
             for name in result.unfinished]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def verdict_line(result: FolderParity) -> str:
    """One line: how many pairs hold, differ, failed; orphans; time; how it ran."""
    c = result.counts()
    parts = [f"{c['hold']} of {c['pairs']} pair(s) hold", f"{c['differ']} differ",
             f"{c['error']} could not be checked"]
    if c["not_run"]:
        parts.append(f"{c['not_run']} not run (interrupted)")
    if c["orphans"]:
        parts.append(f"{c['orphans']} orphan(s)")
    return (f"{', '.join(parts)}; {result.seconds:.1f} s on {result.workers} "
            f"{result.executor} worker(s)")


def orphan_lines(orphans: Sequence[str | Path]) -> list[str]:
    """One line per orphan, saying what is missing.

    Example:
    >>> orphan_lines(["models/a.R"])
    ['orphan: models/a.R has no a.py beside it (not checked)']
    """
    lines = []
    for orphan in orphans:
        path = Path(orphan)
        partner = path.with_suffix(".py" if path.suffix == ".R" else ".R").name
        lines.append(f"orphan: {orphan} has no {partner} beside it (not checked)")
    return lines


def summary_text(result: FolderParity) -> str:
    """The table, the orphans and the verdict line, as the command prints them."""
    lines = [to_text(summary_table(result)), *orphan_lines(result.orphans), verdict_line(result)]
    return "\n".join(lines)


def summary_dict(result: FolderParity) -> dict[str, Any]:
    """JSON-ready: counts, exit status, every pair's outcome with its full report."""
    return {"pairs": [o.to_dict() for o in result.outcomes],
            "not_run": result.unfinished, "orphans": list(result.orphans),
            "counts": result.counts(), "exit_status": result.exit_status,
            "interrupted": result.interrupted, "executor": result.executor,
            "workers": result.workers, "seconds": result.seconds}


def _section(outcome: PairOutcome) -> str:
    word = {HOLDS: "holds", DIFFERS: "differs", ERROR: "could not be checked"}[outcome.status]
    lines = [f"# {outcome.name}: parity {word}", "",
             f"- R program: `{outcome.r_path}`", f"- Python port: `{outcome.python_path}`",
             f"- {outcome.seconds:.2f} s in worker {outcome.worker or '-'}", ""]
    if outcome.error:
        lines += ["## Error", "", "```", outcome.error, "```", ""]
    if outcome.report is not None:
        lines += ["## Verdict", "", "```", outcome.explanation, "```", ""]
        lines += ["## Fits", "", _fits_markdown(outcome.report), ""]
    if outcome.plot_png is not None:
        lines += [f"![R and Python learning curves]({Path(outcome.name).name}.png)", ""]
    return "\n".join(lines)


def _fits_markdown(report: dict[str, Any]) -> str:
    keys = ("fit", "loss", "epochs", "data_equal", "shapes_equal", "params_equal",
            "initial_weights_equal", "max_abs_diff", "max_ulps", "exact", "verdict")
    rows = [{k: f[k] for k in keys} for f in report["fits"]]
    if not rows:
        return "No fit was recorded on both sides."
    return to_markdown(pd.DataFrame(rows, columns=list(keys)))


def write_report(result: FolderParity, folder: str | Path) -> Path:
    """Write the report folder (index, one section and plot per pair); returns the index."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for outcome in result.outcomes:
        page = folder / f"{outcome.name}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(_section(outcome))
        if outcome.plot_png is not None:
            page.with_suffix(".png").write_bytes(outcome.plot_png)
    table = summary_table(result).rename(columns={"max |dloss|": "max \\|dloss\\|"})
    table["pair"] = [f"[{name}]({name}.md)" if name not in result.unfinished else name
                     for name in table["pair"]]
    lines = ["# Parity of program pairs", "", verdict_line(result), "",
             to_markdown(table), ""]
    if result.orphans:
        lines += ["## Orphans", "", *[f"- {line}" for line in orphan_lines(result.orphans)], ""]
    index = folder / "index.md"
    index.write_text("\n".join(lines))
    return index
