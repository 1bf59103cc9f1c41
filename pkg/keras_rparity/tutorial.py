"""The main job: every tutorial experiment in Python and in R, compared, reported.

Data -> model -> history -> parity: each experiment runs on the Python side,
then (when R is available) on the R side with the same knobs, is compared fit
by fit, and lands in a report folder as a parity table (Markdown, CSV) and
plots overlaying R's and Python's learning curves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from keras_rparity.errors import (
    DatasetMissingError,
    KerasRParityError,
    RUnavailableError,
    os_error_message,
)
from keras_rparity.parity import ParityReport, compare_runs
from keras_rparity.programs import Run
from keras_rparity.programs.bundled import BUNDLED_PAIRS, bundled_pair, run_side
from keras_rparity.record import Knobs

#: Sizes that finish in a few minutes on 2 CPU cores.
QUICK = {
    "iris": Knobs(),  # the tutorial's 50 epochs take ~2 s a side
    "bird_vs_plane": Knobs(epochs=5, per_class=1000),
    "cifar10": Knobs(epochs=5, per_class=1000),
    "activation_optimizer": Knobs(epochs=3, per_class=200),
}
#: The tutorial's own sizes: 50 epochs on all of CIFAR-10's training images.
FULL = {name: Knobs() for name in BUNDLED_PAIRS}
PROFILES = {"quick": QUICK, "full": FULL}

FIXTURE_WARNING = "FIXTURE (synthetic images, not CIFAR-10)"
STANDIN_WARNING = ("SYNTHETIC stand-in for CIFAR-10 (parity of the programs only; "
                   "accuracies mean nothing)")
UNOFFICIAL_WARNING = "UNOFFICIAL CIFAR-10-format archive (not the official CIFAR-10)"
#: Data sources that are not the real dataset, and how results on them are labelled.
SOURCE_WARNINGS = {"fixture": FIXTURE_WARNING, "synthetic": STANDIN_WARNING,
                   "unofficial": UNOFFICIAL_WARNING}
#: How to get the real CIFAR-10 (one line).
CIFAR10_REMEDY = ("for the real data: keras-rparity data fetch-cifar10 (online) or "
                  "keras-rparity data import-cifar10 PATH/cifar-10-python.tar.gz")


@dataclass
class TutorialResult:
    """What a run of the tutorial produced, including what did not finish.

    Attributes:
        failed: experiment -> the one-line reason it failed.
        interrupted: the experiment running when Ctrl-C came (``None``: not interrupted).
        r_missing: R could not start, so no parity was checked from then on.
        environment: the Keras backend and R Keras API of the run, in one line.
        missing_datasets: datasets found missing (later experiments on them are skipped).
    """

    rows: list[dict] = field(default_factory=list)
    reports: dict[str, ParityReport] = field(default_factory=dict)
    python_runs: dict[str, Run] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    interrupted: str | None = None
    r_missing: bool = False
    missing_datasets: set[str] = field(default_factory=set)
    environment: str | None = None

    def table(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows)


def source_warning(sources: dict[str, str]) -> str | None:
    """The warning results on these data sources carry (a stand-in or fixture), or None.

    Example:
    >>> source_warning({"cifar10": "synthetic"}).startswith("SYNTHETIC stand-in")
    True
    >>> source_warning({"cifar10": "cifar-10"}) is None
    True
    """
    values = set(sources.values())
    return next((warning for source, warning in SOURCE_WARNINGS.items() if source in values),
                None)


def data_label(sources: dict[str, str]) -> str:
    """How results on these data sources are labelled (warnings for stand-ins first).

    Example:
    >>> data_label({"cifar10": "synthetic"}).startswith("SYNTHETIC stand-in")
    True
    >>> data_label({"cifar10": "cifar-10"})
    'cifar-10'
    """
    return (source_warning(sources) or ", ".join(sorted(set(sources.values())))
            or "iris (R's datasets::iris)")


def _data_label(run: Run) -> str:
    return data_label(run.data_sources)


def _row(name: str, run: Run, report: ParityReport | None, label: str) -> dict:
    fit = run.fit(label)
    parity = report.fit(label) if report else None
    return {
        "experiment": name,
        "loss": label,
        "epochs": fit.epochs,
        "data": _data_label(run),
        "final_loss": float(fit.history["loss"].iloc[-1]),
        "max_abs_dloss": parity.max_abs_diff if parity else float("nan"),
        "shapes_equal": parity.shapes_equal if parity else "n/a",
        "params_equal": parity.params_equal if parity else "n/a",
        "data_equal": parity.data_equal if parity else "n/a",
        "exact": parity.exact if parity else "n/a",
        "findings": ", ".join(fit.finding_codes) or "none",
        "r_seconds": parity.seconds["r"] if parity else float("nan"),
        "python_seconds": fit.seconds,
    }


def run_tutorial(profile: str = "quick", overrides: dict | None = None, with_r: bool = True,
                 experiments: list[str] | None = None,
                 say: Callable[[str], None] = print, standin: bool = False) -> TutorialResult:
    """Run the experiments and compare them; never loses what finished.

    R failing to start becomes a note (``r_missing``); an experiment that fails is
    recorded in ``failed`` and the others still run; Ctrl-C stops the run and sets
    ``interrupted`` (the result holds what finished). ``standin`` runs the CIFAR-10
    programs on the CIFAR-format synthetic stand-in when CIFAR-10 is missing.
    """
    result = TutorialResult()
    names = experiments or list(BUNDLED_PAIRS)
    for name in names:
        bundled_pair(name)  # an unknown name fails before any training
    for name in names:
        try:
            with_r = _run_experiment(name, profile, overrides, with_r, standin, result, say)
        except KeyboardInterrupt:
            result.interrupted = name
            result.notes.append(f"{name}: interrupted (Ctrl-C); the experiments before it "
                                "finished")
            break
        except (KerasRParityError, OSError) as exc:
            reason = str(exc) if isinstance(exc, KerasRParityError) else os_error_message(exc)
            result.failed[name] = reason
            result.notes.append(f"{name}: FAILED: {reason}")
            say(f"  ! {name} failed: {reason}")
    return result


def _run_experiment(name: str, profile: str, overrides: dict | None, with_r: bool,
                    standin: bool, result: TutorialResult, say: Callable[[str], None]) -> bool:
    """One experiment on both sides into ``result``; returns whether R is still usable."""
    bundled = bundled_pair(name)
    knobs = replace(PROFILES[profile][name], standin=standin,
                    **{k: v for k, v in (overrides or {}).items() if v is not None})
    say(f"> {bundled.title} (epochs={knobs.epochs or 'tutorial'}, "
        f"per_class={knobs.per_class or 'all'})")
    if bundled.dataset in result.missing_datasets:
        note = f"{name}: skipped, {bundled.dataset} is missing (see above)"
        result.notes.append(note)
        say(f"  ! {note}")
        return with_r
    try:
        py = run_side(name, "python", knobs)
    except DatasetMissingError as exc:
        result.missing_datasets.add(bundled.dataset)
        note = f"{name}: skipped. {exc}"
        result.notes.append(note)
        say(f"  ! {note}")
        return with_r
    result.python_runs[name] = py
    label = _data_label(py)
    if label == FIXTURE_WARNING:
        result.notes.append(f"{name}: ran on a test FIXTURE, not on CIFAR-10")
    elif label == STANDIN_WARNING:
        note = (f"{name}: CIFAR-10 is missing, so it ran on the {STANDIN_WARNING}; "
                f"{CIFAR10_REMEDY}")
        result.notes.append(note)
        say(f"  ! {note}")
    report = None
    if with_r:
        try:
            report = compare_runs(run_side(name, "r", knobs), py, name)
            result.reports[name] = report
            if result.environment is None:
                result.environment = report.describe_environment()
                say(f"  ({result.environment})")
        except RUnavailableError as exc:
            with_r = False
            result.r_missing = True
            result.notes.append(f"R side not run: {exc}")
            say(f"  ! R side not run: {exc}")
    for fit_label in bundled.fits:
        result.rows.append(_row(name, py, report, fit_label))
        row = result.rows[-1]
        say(f"  {fit_label}: python {row['python_seconds']:.1f}s"
            + (f", R {row['r_seconds']:.1f}s, max |dloss| {row['max_abs_dloss']:g}"
               if report else ""))
    return with_r


def _plot_note(run: Run | None) -> str | None:
    """The warning a plot carries when its data are not the real dataset."""
    return source_warning(run.data_sources) if run is not None else None


def write_report(result: TutorialResult, out: str | Path) -> list[Path]:
    """Write parity.md, parity.csv and one overlay PNG per compared experiment."""
    from keras_rparity.parity.overlay import plot_parity_overlay
    from keras_rparity.report.tables import to_markdown

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    table = result.table()
    written = [out / "parity.csv", out / "parity.md"]
    table.to_csv(written[0], index=False)
    plots = [plot_parity_overlay(report, out / f"{name}_parity.png",
                                 note=_plot_note(result.python_runs.get(name)))
             for name, report in result.reports.items()]
    lines = ["# keras-rparity: the tutorial in R and Python", ""]
    if result.environment:
        lines += [f"Ran with {result.environment}.", ""]
    if result.interrupted:
        lines += [f"**Interrupted** during {result.interrupted}: this report holds the "
                  "experiments that finished before it.", ""]
    if result.failed:
        lines += [f"**Failed:** {', '.join(result.failed)} (see the notes).", ""]
    lines += [to_markdown(table) if len(table) else "(no experiment finished)", ""]
    if result.notes:
        lines += ["## Notes", "", *[f"- {n}" for n in result.notes], ""]
    lines += [f"![{p.stem}]({p.name})" for p in plots]
    written[1].write_text("\n".join(lines) + "\n")
    return written + plots
