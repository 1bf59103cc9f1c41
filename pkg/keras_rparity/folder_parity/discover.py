"""Finding program pairs in folders: every ``NAME.R`` with a ``NAME.py`` beside it.

A file without its partner (``NAME.R`` alone, or ``NAME.py`` alone) is an orphan:
reported, not run. Hidden folders and ``__pycache__`` are skipped.

Example:
>>> import tempfile
>>> from pathlib import Path
>>> root = Path(tempfile.mkdtemp())
>>> for name in ("a.R", "a.py", "sub/b.R", "sub/b.py", "c.R"):
...     (root / name).parent.mkdir(exist_ok=True)
...     _ = (root / name).write_text("")
>>> found = find_pairs([root])
>>> [pair.name for pair in found.pairs], [p.name for p in found.orphans]
(['a', 'sub/b'], ['c.R'])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from keras_rparity.errors import InvalidArgumentError

#: Folders never searched.
SKIPPED_FOLDERS = ("__pycache__",)


@dataclass(frozen=True)
class FoundPair:
    """A pair found on disk: its name (the path under the searched folder, without the
    suffix) and its two files."""

    name: str
    r_path: Path
    python_path: Path


@dataclass(frozen=True)
class FoundPairs:
    """The pairs under some folders (sorted by name) and the orphans (sorted by path)."""

    pairs: tuple[FoundPair, ...]
    orphans: tuple[Path, ...]


def _files(folder: Path) -> Iterator[Path]:
    """``.R`` and ``.py`` files under ``folder``, skipping hidden and cache folders."""
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if any(p.startswith(".") or p in SKIPPED_FOLDERS for p in parts[:-1]):
            continue
        if path.suffix in (".R", ".py") and path.is_file() and not parts[-1].startswith("."):
            yield path


def existing_folders(folders: Iterable[str | Path]) -> list[Path]:
    """The folders as paths; one clear error for one that is not a folder."""
    checked = []
    for folder in folders:
        path = Path(folder).expanduser()
        if not path.is_dir():
            raise InvalidArgumentError(f"{folder} is not a folder; give folders holding "
                                       "NAME.R files with their NAME.py ports beside them")
        checked.append(path)
    if not checked:
        raise InvalidArgumentError("give at least one folder of program pairs")
    return checked


def find_pairs(folders: Iterable[str | Path]) -> FoundPairs:
    """Every ``NAME.R`` with ``NAME.py`` beside it under ``folders`` (recursively).

    A pair's name is its path under the searched folder; with several folders it starts
    with the folder's own name, so names stay unique.
    """
    roots = existing_folders(folders)
    pairs: dict[Path, FoundPair] = {}
    orphans: set[Path] = set()
    for root in roots:
        for path in _files(root):
            partner = path.with_suffix(".py" if path.suffix == ".R" else ".R")
            if not partner.is_file():
                orphans.add(path)
            elif path.suffix == ".R" and path.resolve() not in pairs:
                stem = path.relative_to(root).with_suffix("").as_posix()
                name = f"{root.resolve().name}/{stem}" if len(roots) > 1 else stem
                pairs[path.resolve()] = FoundPair(name, path, partner)
    return FoundPairs(tuple(sorted(pairs.values(), key=lambda p: p.name)),
                      tuple(sorted(orphans)))
