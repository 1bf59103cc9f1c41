"""Rank the (model, activation, optimizer) combinations of a sweep and name the winner.

The ranking orders by mean final validation accuracy over repeats (higher
first), then by mean final validation loss (lower first). Everything in the
verdict is computed from the table it is given.

Example:
>>> import textwrap
>>> import pandas as pd
>>> accuracy = [0.8, 0.9, 0.7, 0.75]
>>> runs = pd.DataFrame({"model": "conv", "activation": ["relu", "relu", "tanh", "tanh"],
...                      "optimizer": ["adam", "adam", "sgd", "sgd"], "repeat": [0, 1, 0, 1],
...                      "final_val_accuracy": accuracy, "final_val_loss": 0.5,
...                      "test_accuracy": accuracy, "seconds": 1.0})
>>> rank_pairs(runs)[["rank", "activation", "optimizer", "runs", "val_acc_mean"]]
   rank activation optimizer  runs  val_acc_mean
0     1       relu      adam     2         0.850
1     2       tanh       sgd     2         0.725
>>> print(textwrap.fill(verdict(rank_pairs(runs)), 80))
**relu + adam** (conv) wins with mean final validation accuracy 0.8500 over 2
runs, 0.1250 ahead of tanh + sgd (conv, 0.7250; its repeats are all below the
winner's lowest, 0.8000).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from keras_rparity.report.tables import to_markdown

_KEYS = ["model", "activation", "optimizer"]


def rank_pairs(runs: pd.DataFrame) -> pd.DataFrame:
    """One row per (model, activation, optimizer), best first, with a 1-based ``rank``.

    Columns: ``runs``, ``val_acc_mean``, ``val_acc_std`` (NaN for one run),
    ``val_acc_min``, ``val_acc_max``, ``val_loss_mean``, ``test_acc_mean``, ``seconds_mean``.
    """
    needed = {*_KEYS, "final_val_accuracy", "final_val_loss", "test_accuracy", "seconds"}
    missing = needed - set(runs.columns)
    if missing:
        raise ValueError(f"runs table lacks columns {sorted(missing)}")
    if runs.empty:
        raise ValueError("no runs to rank")
    grouped = runs.groupby(_KEYS, sort=False)
    table = grouped.agg(
        runs=("final_val_accuracy", "size"),
        val_acc_mean=("final_val_accuracy", "mean"),
        val_acc_std=("final_val_accuracy", "std"),
        val_acc_min=("final_val_accuracy", "min"),
        val_acc_max=("final_val_accuracy", "max"),
        val_loss_mean=("final_val_loss", "mean"),
        test_acc_mean=("test_accuracy", "mean"),
        seconds_mean=("seconds", "mean"),
    ).reset_index()
    table = table.sort_values(["val_acc_mean", "val_loss_mean", *_KEYS],
                              ascending=[False, True, True, True, True], kind="stable")
    table.insert(0, "rank", range(1, len(table) + 1))
    return table.reset_index(drop=True)


def _label(row: pd.Series) -> str:
    return f"{row['activation']} + {row['optimizer']}"


def verdict(ranking: pd.DataFrame) -> str:
    """One sentence naming the best combination and how clearly it won (from ``ranking``)."""
    if ranking.empty:
        raise ValueError("no runs to rank")
    best = ranking.iloc[0]
    n = int(best["runs"])
    head = (f"**{_label(best)}** ({best['model']}) wins with mean final validation accuracy "
            f"{best['val_acc_mean']:.4f} over {n} run{'s' if n != 1 else ''}")
    if len(ranking) == 1:
        return head + " (the only combination in the sweep)."
    second = ranking.iloc[1]
    gap = best["val_acc_mean"] - second["val_acc_mean"]
    versus = f"{gap:.4f} ahead of {_label(second)} ({second['model']}, {second['val_acc_mean']:.4f}"
    if n < 2 or int(second["runs"]) < 2:
        which = "each has" if n < 2 and int(second["runs"]) < 2 else "one of them has"
        return head + f", {versus}); {which} a single run, so the spread between seeds " \
                      "is unmeasured."
    if second["val_acc_max"] < best["val_acc_min"]:
        return head + (f", {versus}; its repeats are all below the winner's lowest, "
                       f"{best['val_acc_min']:.4f}).")
    return head + (f", {versus}); their ranges over repeats overlap, so the lead is "
                   "within seed-to-seed spread.")


def _fmt(value: object, digits: int = 4) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


#: Columns of the ranking table in ``summary.md``: (heading, ranking column, digits).
RANKING_COLUMNS = (
    ("Rank", "rank", 0), ("Model", "model", 0), ("Activation", "activation", 0),
    ("Optimizer", "optimizer", 0), ("Runs", "runs", 0),
    ("Final val. accuracy (mean)", "val_acc_mean", 4), ("SD", "val_acc_std", 4),
    ("Min", "val_acc_min", 4), ("Max", "val_acc_max", 4),
    ("Final val. loss (mean)", "val_loss_mean", 4), ("Test accuracy (mean)", "test_acc_mean", 4),
    ("Seconds per run", "seconds_mean", 1),
)


def ranking_for_display(ranking: pd.DataFrame) -> pd.DataFrame:
    """The ranking with readable headings and numbers formatted as text ("–" for none)."""
    return pd.DataFrame({heading: [_fmt(v, digits) for v in ranking[column]]
                         for heading, column, digits in RANKING_COLUMNS})


def _settings_lines(runs: pd.DataFrame) -> list[str]:
    def values(column: str) -> str:
        if column not in runs.columns:
            return "?"
        seen = [("all" if pd.isna(v) else str(v)) for v in dict.fromkeys(runs[column].tolist())]
        return ", ".join(seen)

    return [f"- Dataset: {values('dataset')}; images per class: {values('per_class')} "
            "(train and test each)",
            f"- Epochs: {values('epochs')}; batch size: {values('batch_size')}; "
            f"seeds: {values('seed')}",
            "- Validation data = the test split, so final validation accuracy is the test "
            "accuracy of the trained model."]


def summary_markdown(runs: pd.DataFrame, plots: Sequence[str] = ()) -> str:
    """The whole ``summary.md``: settings, verdict, ranking table, links to plots."""
    ranking = rank_pairs(runs)
    parts = ["# Activation x optimizer sweep", "", *_settings_lines(runs), "",
             "## Result", "", verdict(ranking), ""]
    models = list(dict.fromkeys(ranking["model"]))
    if len(models) > 1:
        for model in models:
            best = ranking[ranking["model"] == model].iloc[0]
            parts.append(f"- Best on {model}: {_label(best)} "
                         f"({best['val_acc_mean']:.4f} mean final validation accuracy)")
        parts.append("")
    parts += ["## Ranking", "", to_markdown(ranking_for_display(ranking)), ""]
    if plots:
        parts += ["## Plots", "", *[f"- [{p}]({p})" for p in plots], ""]
    return "\n".join(parts)
