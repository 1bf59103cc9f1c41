"""Plain-text and Markdown rendering of tables (no extra dependency)."""

from __future__ import annotations

import pandas as pd


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def to_markdown(df: pd.DataFrame) -> str:
    """A GitHub-flavoured Markdown table.

    Example:
    >>> print(to_markdown(pd.DataFrame({"a": [1], "b": [0.5]})))
    | a | b |
    |---|---|
    | 1 | 0.5 |
    """
    header = "| " + " | ".join(map(str, df.columns)) + " |"
    rule = "|" + "|".join("---" for _ in df.columns) + "|"
    rows = ["| " + " | ".join(_cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def to_text(df: pd.DataFrame) -> str:
    """An aligned plain-text table for the terminal."""
    return df.to_string(index=False, formatters={c: _cell for c in df.columns})
