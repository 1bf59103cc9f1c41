"""Which datasets this machine can load offline, and how to get the missing ones.

Every dataset of the registry (:mod:`keras_rparity.data.loaders`) is listed, through its
status probe (cheap, never downloads, creates nothing). A probe that fails is
reported, not raised. When the Keras home (``$KERAS_HOME``) cannot hold a dataset
cache, the datasets kept there say so, with that remedy.

Example:
>>> print(format_status([DatasetStatus("toy", False, "/nowhere", "", "make it")]))
dataset  present  location  details
toy      no       /nowhere  -
  -> make it
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from keras_rparity.data.cache import datasets_dir, keras_cache_problem
from keras_rparity.data.dataset import Availability, DatasetEntry
from keras_rparity.data.loaders import dataset_entries

__all__ = ["DatasetStatus", "dataset_status", "format_status"]


@dataclass(frozen=True)
class DatasetStatus:
    """One row of ``keras-rparity data status``.

    ``location`` is where the data is when ``present``; otherwise where it was looked for.
    """

    name: str
    present: bool
    location: str
    details: str
    remedy: str


def _blocked_by_cache(entry: DatasetEntry, found: Availability, problem: str | None) -> bool:
    """Whether an unusable Keras home keeps this dataset from loading: it lives in the
    cache and is not already there (Fashion-MNIST from its package still needs links)."""
    if problem is None or not entry.uses_keras_cache:
        return False
    return not (found.present and Path(found.location).is_relative_to(datasets_dir()))


def _row(entry: DatasetEntry, cache_problem: str | None) -> DatasetStatus:
    """Run one probe; a probe that fails reports the failure instead of raising."""
    try:
        found = entry.status()
    except Exception as exc:  # a broken probe must not break `data status` or `doctor`
        return DatasetStatus(entry.name, False, "?", f"probe failed: {exc}", entry.remedy)
    if _blocked_by_cache(entry, found, cache_problem):
        return DatasetStatus(entry.name, False, str(found.location),
                             "the Keras home is unusable", str(cache_problem))
    return DatasetStatus(entry.name, bool(found.present), str(found.location),
                         str(found.details), entry.remedy)


def dataset_status() -> list[DatasetStatus]:
    """The status of every registered dataset, in registration order.

    Example:
    >>> [s.name for s in dataset_status()][:2]
    ['iris', 'cifar10']
    """
    problem = keras_cache_problem()
    return [_row(entry, problem) for entry in dataset_entries()]


def format_status(statuses: list[DatasetStatus]) -> str:
    """A plain-text table of :func:`dataset_status`, with remedies under missing rows
    (a remedy already given is not repeated).

    Example:
    >>> print(format_status([DatasetStatus("iris", True, "/pkg/iris.csv", "embedded", ""),
    ...                      DatasetStatus("a", False, "/x/a", "", "fix /x"),
    ...                      DatasetStatus("b", False, "/x/b", "", "fix /x")]))
    dataset  present  location       details
    iris     yes      /pkg/iris.csv  embedded
    a        no       /x/a           -
      -> fix /x
    b        no       /x/b           -
      -> (same as above)
    """
    header = ("dataset", "present", "location", "details")
    rows = [(s.name, "yes" if s.present else "no", s.location, s.details or "-")
            for s in statuses]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]

    def line(row: tuple[str, str, str, str]) -> str:
        cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
        return "  ".join([*cells, row[3]]).rstrip()

    lines, said = [line(header)], set()
    for status, row in zip(statuses, rows, strict=True):
        lines.append(line(row))
        if not status.present and status.remedy:
            lines.append("  -> (same as above)" if status.remedy in said
                         else f"  -> {status.remedy}")
            said.add(status.remedy)
    return "\n".join(lines)
