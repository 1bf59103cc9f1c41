"""What R gets from :func:`keras_rparity.compare` through reticulate: R data frames.

When R hosts Python (``kp <- reticulate::import("keras_rparity")``), importing the
package registers a reticulate converter for :class:`~keras_rparity.parity.ParityReport`,
so ``kp$compare("model.R", "model.py")`` returns a named R list (from Python,
``compare`` keeps returning the report)::

    verdict           TRUE when parity holds (exact, or within tolerance/ulps)
    exact             TRUE when every fit is bitwise equal
    experiment        the pair's name (character)
    first_difference  where R and Python first part, and the fix (character; NA if none);
                      array indexes as R writes them, from 1 (x[1, 1], not index [0, 0])
    difference_kind   "data", "initial_weights", "optimizer", ... (character; NA if none)
    explanation       the verdict in words; on failure also the per-fit and per-epoch tables
    fit_count         fits recorded: list(r = , python = )
    summary           data frame, one row per fit (report.table())
    per_epoch         data frame, one row per fit, metric and epoch (report.per_epoch())
    report            the Python ParityReport itself (e.g. report$plot("parity.png"))

The testthat expectation ``expect_keras_parity()`` ships in the package:
``source(kp$testthat_helper())``.

Example:
>>> testthat_helper().endswith("r/testthat/expect_keras_parity.R")
True
"""

from __future__ import annotations

import functools
from typing import Any

from keras_rparity.bridge.reticulate_host import call_in_host_r, prepared_for_r
from keras_rparity.parity import ParityReport
from keras_rparity.testing.assertion import parity_message


def report_for_r(report: ParityReport) -> dict[str, Any]:
    """The report as plain values and frames with object text columns (see the module
    docstring for the fields); R adds ``report`` and turns ``None`` into ``NA``."""
    difference = report.first_difference
    return prepared_for_r({
        "verdict": report.verdict,
        "exact": report.exact,
        "experiment": report.pair,
        "first_difference": difference.describe("r") if difference is not None else None,
        "difference_kind": difference.kind if difference is not None else None,
        "explanation": parity_message(report, indexing="r"),
        "fit_count": {"r": len(report.r.fits), "python": len(report.python.fits)},
        "summary": report.table(),
        "per_epoch": report.per_epoch(),
    })


def testthat_helper() -> str:
    """Path of the R file defining ``expect_keras_parity()`` (``source()`` it, e.g. from
    a testthat ``helper-keras-parity.R``)."""
    from keras_rparity.bridge.session import r_dir

    return str(r_dir() / "testthat" / "expect_keras_parity.R")


@functools.cache
def register_report_conversion() -> None:
    """Teach the host R's reticulate to convert a ParityReport with :func:`report_for_r`
    (idempotent; called on import when R hosts Python)."""
    call_in_host_r(
        "reticulate_report.R",
        "function(env, class_name) env$rparity_register_report_method(class_name, "
        "reticulate::import('keras_rparity.r_results', convert = FALSE)$report_for_r)",
        f"{ParityReport.__module__}.{ParityReport.__name__}")
