"""``assert_parity``: compare an R program with its Python port, fail readably if they part.

The failure message is what a test report should show: the verdict, the first
difference with its fix, the per-fit summary and the per-epoch R/Python values of the
fit where they first part (full precision: parity is about the last bit).

Example:
>>> from keras_rparity.programs.bundled import r_examples_dir
>>> pair = r_examples_dir() / "examples" / "functional_regression"
>>> report = assert_parity(f"{pair}.R", f"{pair}.py", epochs=1)
>>> report.exact
True
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from keras_rparity.api import compare
from keras_rparity.parity import ParityReport
from keras_rparity.parity.report import SUMMARY_COLUMNS

#: Per-epoch columns shown in a failure message.
EPOCH_COLUMNS = ("epoch", "metric", "r", "python", "abs_diff", "ulps")
#: At most this many per-epoch rows are shown (the largest differences are kept).
MAX_EPOCH_ROWS = 40


def assert_parity(r: str | Path | Any, python: str | Path | Callable[[], Any] | Any,
                  **compare_kwargs: Any) -> ParityReport:
    """Run ``r`` and ``python`` with :func:`keras_rparity.compare`; raise
    :class:`AssertionError` with :func:`parity_message` unless the verdict holds.

    Args:
        r: a ``.R`` file or an :class:`~keras_rparity.programs.RProgram`.
        python: a ``.py`` file, a module name, a function or a
            :class:`~keras_rparity.programs.PythonProgram`.
        **compare_kwargs: ``seed``, ``epochs``, ``per_class``, ``tolerance``, ``ulps``,
            ``verbose`` as :func:`~keras_rparity.compare` takes them.

    Returns:
        The :class:`~keras_rparity.parity.ParityReport` (when the verdict holds).
    """
    report = compare(r, python, **compare_kwargs)
    if not report.verdict:
        raise AssertionError(parity_message(report))
    return report


def parity_message(report: ParityReport, indexing: str = "python") -> str:
    """The verdict in words; when it fails, also the first difference's fix, the per-fit
    summary and the per-epoch values of the fit where R and Python part. ``indexing``:
    array indexes as NumPy (``"python"``, 0-based) or R (``"r"``, 1-based) writes them."""
    lines = [report.explain(indexing)]
    if report.verdict:
        return lines[0]
    if len(report.fits):
        lines += ["", "Per fit:", _text(report.table()[list(SUMMARY_COLUMNS)])]
    epochs = _epochs_to_show(report)
    if epochs is not None:
        title, table = epochs
        lines += ["", title, _text(table)]
    return "\n".join(lines)


def _epochs_to_show(report: ParityReport) -> tuple[str, pd.DataFrame] | None:
    """The per-epoch table of the fit with the first difference (else the first fit
    whose metrics differ), trimmed to :data:`MAX_EPOCH_ROWS` rows."""
    difference = report.first_difference
    chosen = None
    if difference is not None and difference.fit is not None:
        chosen = report.fits[difference.fit - 1]
    else:
        chosen = next((f for f in report.fits if not f.within(report.tolerance, report.ulps)),
                      None)
    if chosen is None or chosen.per_epoch.empty:
        return None
    table = chosen.per_epoch[list(EPOCH_COLUMNS)]
    title = f"Per epoch, fit {chosen.index + 1} ({chosen.label}): R, Python, |diff|, ULPs"
    if len(table) > MAX_EPOCH_ROWS:
        kept = table.sort_values("abs_diff", ascending=False, na_position="first")
        table = kept.head(MAX_EPOCH_ROWS).sort_index()
        title += f" (the {MAX_EPOCH_ROWS} largest differences of {len(chosen.per_epoch)} rows)"
    return title + ":", table


def _text(table: pd.DataFrame) -> str:
    return table.to_string(index=False, float_format=lambda v: f"{v:.9g}")
