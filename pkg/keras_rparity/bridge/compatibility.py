"""Which R stacks keras-rparity is known to work with, and what to say about the others.

Facts, measured on this project (R 4.5, rpy2 3.6, Python 3.11):

- reticulate < 1.39 frees Python objects without the GIL under rpy2 (fatal error);
- reticulate 1.41 and 1.42 work; 1.43 to 1.46 hung every process at exit under rpy2
  until :mod:`keras_rparity.bridge.shutdown` (fixed and verified with 1.46.0);
- keras3 1.3.0 loads with reticulate 1.41; keras3 >= 1.4 needs reticulate >= 1.42;
  keras3 1.3.0 and 1.5.1 gave bitwise the numbers of the bundled layer.

Example:
>>> [n.level for n in stack_notes("1.41.0", "1.5.1")]
['incompatible']
>>> stack_notes("1.46.0", "1.5.1")
[]
"""

from __future__ import annotations

from dataclasses import dataclass

#: reticulate versions the project was run against (inclusive range, major.minor).
TESTED_RETICULATE = ((1, 41), (1, 46))
#: keras3 versions that gave bitwise the bundled layer's numbers.
TESTED_KERAS3 = ("1.3.0", "1.5.1")
#: keras3 from this version on requires reticulate >= 1.42.
KERAS3_NEEDS_NEWER_RETICULATE = ((1, 4), (1, 42))


@dataclass(frozen=True)
class StackNote:
    """A remark on the installed R stack: ``level`` is "incompatible" or "untested"."""

    level: str
    message: str
    remedy: str


def version_tuple(version: str) -> tuple[int, ...]:
    """``"1.41.0.1"`` -> ``(1, 41, 0, 1)`` (non-numeric parts end the tuple).

    Example:
    >>> version_tuple("1.46.0.9000")[:2]
    (1, 46)
    """
    parts = []
    for part in version.replace("-", ".").split("."):
        if not part.isdigit():
            break
        parts.append(int(part))
    return tuple(parts)


def stack_notes(reticulate: str, keras3: str | None) -> list[StackNote]:
    """Remarks on a reticulate (and keras3, when installed) combination; [] when tested."""
    notes = []
    ret = version_tuple(reticulate)[:2]
    low, high = TESTED_RETICULATE
    if not low <= ret <= high:
        notes.append(StackNote(
            "untested", f"reticulate {reticulate} is outside the tested range "
            f"{low[0]}.{low[1]}-{high[0]}.{high[1]}",
            "run `keras-rparity parity iris --json` once; report a difference as an issue"))
    if keras3 is None:
        return notes
    needs_from, needs_reticulate = KERAS3_NEEDS_NEWER_RETICULATE
    if version_tuple(keras3)[:2] >= needs_from and ret < needs_reticulate:
        notes.append(StackNote(
            "incompatible", f"keras3 {keras3} needs reticulate >= "
            f"{needs_reticulate[0]}.{needs_reticulate[1]}, installed {reticulate}",
            "upgrade reticulate (>= 1.42), or install keras3 1.3.0; until then the bundled "
            "R layer runs the programs"))
    elif keras3 not in TESTED_KERAS3:
        notes.append(StackNote(
            "untested", f"keras3 {keras3} has not been compared with the bundled layer "
            f"(tested: {', '.join(TESTED_KERAS3)})",
            "compare once with KERAS_RPARITY_R_API=builtin and =keras3"))
    return notes
