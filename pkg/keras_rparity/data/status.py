"""Which datasets this machine can load offline, and how to get the missing ones.

Each dataset is described by a :class:`DatasetProbe`, kept in a small registry.
iris and CIFAR-10 are registered here; other data modules register theirs with
:func:`register_probe` when imported, and the modules named in
:data:`PROBE_MODULES` are imported by :func:`dataset_status` so their probes
always appear. Probes must be cheap and must never download anything.

Example:
>>> probe = DatasetProbe("toy", present=lambda: False, location=lambda: "/nowhere",
...                      remedy="make it")
>>> register_probe(probe)
>>> [s for s in dataset_status() if s.name == "toy"]
[DatasetStatus(name='toy', present=False, location='/nowhere', details='', remedy='make it')]
>>> unregister_probe("toy")
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from keras_rparity.data.cifar10 import REMEDY as CIFAR10_REMEDY
from keras_rparity.data.cifar10 import cifar10_status

#: Data modules that register probes when imported (a missing module is skipped).
PROBE_MODULES: list[str] = ["keras_rparity.data.fashion_mnist"]


@dataclass(frozen=True)
class DatasetProbe:
    """How to tell whether one dataset is available.

    Attributes:
        name: short dataset name (``"cifar10"``).
        present: returns whether the data can be loaded offline right now.
        location: returns where the data is (or where it was looked for).
        remedy: what to do when the data is missing.
        details: optional; returns one line on what was found (source, size).
    """

    name: str
    present: Callable[[], bool]
    location: Callable[[], str]
    remedy: str
    details: Callable[[], str] | None = None


@dataclass(frozen=True)
class DatasetStatus:
    """One row of ``keras-rparity data status``."""

    name: str
    present: bool
    location: str
    details: str
    remedy: str


_PROBES: list[DatasetProbe] = []


def register_probe(probe: DatasetProbe) -> None:
    """Add ``probe`` to the registry, replacing any earlier probe of the same name.

    Example:
    >>> register_probe("iris")
    Traceback (most recent call last):
    ...
    TypeError: register_probe needs a DatasetProbe, got str
    """
    if not isinstance(probe, DatasetProbe):
        raise TypeError(f"register_probe needs a DatasetProbe, got {type(probe).__name__}")
    if not probe.name or not isinstance(probe.name, str):
        raise ValueError("a DatasetProbe needs a non-empty name")
    for index, known in enumerate(_PROBES):
        if known.name == probe.name:
            _PROBES[index] = probe
            return
    _PROBES.append(probe)


def unregister_probe(name: str) -> None:
    """Remove the probe called ``name`` (nothing happens if there is none)."""
    _PROBES[:] = [p for p in _PROBES if p.name != name]


def registered_probes() -> list[DatasetProbe]:
    """The probes in registration order (after importing :data:`PROBE_MODULES`)."""
    for module in PROBE_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    return list(_PROBES)


def _run(probe: DatasetProbe) -> DatasetStatus:
    """Evaluate one probe; a probe that fails reports the failure instead of raising."""
    try:
        present = bool(probe.present())
        location = str(probe.location())
        details = str(probe.details()) if probe.details is not None else ""
    except Exception as exc:  # a broken probe must not break `data status` or `doctor`
        return DatasetStatus(probe.name, False, "?", f"probe failed: {exc}", probe.remedy)
    return DatasetStatus(probe.name, present, location, details, probe.remedy)


def dataset_status() -> list[DatasetStatus]:
    """The status of every registered dataset, in registration order.

    Example:
    >>> [s.name for s in dataset_status()][:2]
    ['iris', 'cifar10']
    """
    return [_run(probe) for probe in registered_probes()]


def format_status(statuses: list[DatasetStatus]) -> str:
    """A plain-text table of :func:`dataset_status`, with remedies under missing rows.

    Example:
    >>> print(format_status([DatasetStatus("toy", False, "/nowhere", "", "make it")]))
    dataset  present  location  details
    toy      no       /nowhere  -
      -> make it
    """
    header = ("dataset", "present", "location", "details")
    rows = [(s.name, "yes" if s.present else "no", s.location, s.details or "-")
            for s in statuses]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]

    def line(row: tuple[str, str, str, str]) -> str:
        cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
        return "  ".join([*cells, row[3]]).rstrip()

    lines = [line(header)]
    for status, row in zip(statuses, rows, strict=True):
        lines.append(line(row))
        if not status.present and status.remedy:
            lines.append(f"  -> {status.remedy}")
    return "\n".join(lines)


# --- the probes this module owns ---------------------------------------------------------

def _iris_file() -> str:
    return str(resources.files("keras_rparity.data").joinpath("embedded/iris.csv"))


def _iris_present() -> bool:
    return resources.files("keras_rparity.data").joinpath("embedded/iris.csv").is_file()


def _cifar10_details() -> str:
    status = cifar10_status()
    return f"{status.source}: {status.details}" if status.source else status.details


register_probe(DatasetProbe(
    name="iris",
    present=_iris_present,
    location=_iris_file,
    remedy="reinstall keras-rparity (its embedded iris.csv is missing)",
    details=lambda: "R's datasets::iris, 150 rows in R's order (embedded)",
))
register_probe(DatasetProbe(
    name="cifar10",
    present=lambda: cifar10_status().present,
    location=lambda: cifar10_status().location,
    remedy=CIFAR10_REMEDY,
    details=_cifar10_details,
))
