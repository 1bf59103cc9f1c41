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

from keras_rparity.errors import DatasetMissingError, RUnavailableError
from keras_rparity.parity import ParityReport, compare_runs
from keras_rparity.programs import Run
from keras_rparity.programs.bundled import TUTORIAL as EXPERIMENTS
from keras_rparity.programs.bundled import get_entry as get_experiment
from keras_rparity.programs.bundled import run_side
from keras_rparity.record import Knobs

#: Sizes that finish in a few minutes on 2 CPU cores.
QUICK = {
    "iris": Knobs(),  # the tutorial's 50 epochs take ~2 s a side
    "bird_vs_plane": Knobs(epochs=5, per_class=1000),
    "cifar10": Knobs(epochs=5, per_class=1000),
    "activation_optimizer": Knobs(epochs=3, per_class=200),
}
#: The tutorial's own sizes: 50 epochs on all of CIFAR-10's training images.
FULL = {name: Knobs() for name in EXPERIMENTS}
PROFILES = {"quick": QUICK, "full": FULL}

FIXTURE_WARNING = "FIXTURE (synthetic images, not CIFAR-10)"


@dataclass
class TutorialResult:
    rows: list[dict] = field(default_factory=list)
    reports: dict[str, ParityReport] = field(default_factory=dict)
    python_runs: dict[str, Run] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def table(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows)


def _data_label(run: Run) -> str:
    sources = set(run.data_sources.values())
    if "fixture" in sources:
        return FIXTURE_WARNING
    return ", ".join(sorted(sources)) or "iris (R's datasets::iris)"


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
                 say: Callable[[str], None] = print) -> TutorialResult:
    """Run the experiments; R failures to start become a note, not a crash."""
    result = TutorialResult()
    sizes = PROFILES[profile]
    missing: set[str] = set()
    for name in experiments or list(EXPERIMENTS):
        experiment = get_experiment(name)
        knobs = replace(sizes[name], **{k: v for k, v in (overrides or {}).items()
                                        if v is not None})
        say(f"> {experiment.title} (epochs={knobs.epochs or 'tutorial'}, "
            f"per_class={knobs.per_class or 'all'})")
        if experiment.dataset in missing:
            note = f"{name}: skipped, {experiment.dataset} is missing (see above)"
            result.notes.append(note)
            say(f"  ! {note}")
            continue
        try:
            py = run_side(name, "python", knobs)
        except DatasetMissingError as exc:
            missing.add(experiment.dataset)
            note = f"{name}: skipped. {exc}"
            result.notes.append(note)
            say(f"  ! {note}")
            continue
        result.python_runs[name] = py
        if _data_label(py) == FIXTURE_WARNING:
            result.notes.append(f"{name}: ran on a test FIXTURE, not on CIFAR-10")
        report = None
        if with_r:
            try:
                report = compare_runs(run_side(name, "r", knobs), py, name)
                result.reports[name] = report
            except RUnavailableError as exc:
                with_r = False
                result.notes.append(f"R side not run: {exc}")
                say(f"  ! R side not run: {exc}")
        for label in experiment.fits:
            result.rows.append(_row(name, py, report, label))
            row = result.rows[-1]
            say(f"  {label}: python {row['python_seconds']:.1f}s"
                + (f", R {row['r_seconds']:.1f}s, max |dloss| {row['max_abs_dloss']:g}"
                   if report else ""))
    return result


def write_report(result: TutorialResult, out: str | Path) -> list[Path]:
    """Write parity.md, parity.csv and one overlay PNG per compared experiment."""
    from keras_rparity.parity.overlay import plot_parity_overlay
    from keras_rparity.report.tables import to_markdown

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    table = result.table()
    written = [out / "parity.csv", out / "parity.md"]
    table.to_csv(written[0], index=False)
    plots = [plot_parity_overlay(report, out / f"{name}_parity.png")
             for name, report in result.reports.items()]
    lines = ["# keras-rparity: the tutorial in R and Python", "", to_markdown(table), ""]
    if result.notes:
        lines += ["## Notes", "", *[f"- {n}" for n in result.notes], ""]
    lines += [f"![{p.stem}]({p.name})" for p in plots]
    written[1].write_text("\n".join(lines) + "\n")
    return written + plots
