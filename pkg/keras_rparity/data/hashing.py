"""Digests of dataset files: the one place the data layer hashes bytes.

:func:`file_digests` reads a file once and returns the digests asked for (MD5 for the
CIFAR-10 page's checksum, SHA-256 for Keras' ``file_hash``), optionally copying the
bytes it reads, so an import hashes exactly what it wrote. :class:`HashingReader`
does the same for a stream another reader (``tarfile``) consumes. :func:`cached_sha256`
remembers a file's SHA-256 while its size and modification time stay the same.

Example:
>>> import tempfile
>>> from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "abc.bin"
>>> _ = path.write_bytes(b"abc")
>>> file_digests(path, ("md5",))
{'md5': '900150983cd24fb0d6963f7d28e17f72'}
>>> file_digests(path)["sha256"][:16]
'ba7816bf8f01cfea'
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

__all__ = ["HashingReader", "cached_sha256", "file_digests"]

#: Bytes read at a time.
BLOCK_SIZE = 1 << 20

#: Digests the data layer uses.
ALGORITHMS = ("md5", "sha256")


def _new_digests(algorithms: Sequence[str]) -> dict[str, Any]:
    """One fresh hash object per name (MD5 flagged as not used for security)."""
    if isinstance(algorithms, str) or not algorithms:
        raise TypeError(f"algorithms must be a non-empty sequence of names such as "
                        f"{ALGORITHMS}, got {algorithms!r}")
    unknown = [name for name in algorithms if name not in ALGORITHMS]
    if unknown:
        raise ValueError(f"unknown digest {unknown[0]!r}; use one of {ALGORITHMS}")
    return {name: hashlib.new(name, usedforsecurity=name != "md5") for name in algorithms}


def file_digests(path: str | os.PathLike[str], algorithms: Sequence[str] = ("sha256",), *,
                 copy_to: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """Hex digests of a file's bytes, read once; optionally copied to ``copy_to`` meanwhile.

    Args:
        path: the file to read.
        algorithms: names from :data:`ALGORITHMS` (``"md5"``, ``"sha256"``).
        copy_to: when given, every byte read is also written there (the file is
            created or truncated), so the digests describe the copy too.

    Returns:
        ``{name: hexdigest}`` in the order of ``algorithms``.

    Example:
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a").write_bytes(b"abc")
    >>> digests = file_digests(folder / "a", ("md5", "sha256"), copy_to=folder / "b")
    >>> (folder / "b").read_bytes(), list(digests)
    (b'abc', ['md5', 'sha256'])
    """
    digests = _new_digests(algorithms)
    with contextlib.ExitStack() as files:
        source = files.enter_context(Path(path).open("rb"))
        target = files.enter_context(Path(copy_to).open("wb")) if copy_to is not None else None
        for block in iter(lambda: source.read(BLOCK_SIZE), b""):
            for digest in digests.values():
                digest.update(block)
            if target is not None:
                target.write(block)
    return {name: digest.hexdigest() for name, digest in digests.items()}


_SHA256_CACHE: dict[tuple[str, int, int], str] = {}


def cached_sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 of ``path``, remembered while its size and modification time stay the same.

    ``data status`` and every load check Keras' CIFAR-10 archive (163 MB); this hashes
    it once per process.

    Example:
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "x"
    >>> _ = path.write_bytes(b"abc")
    >>> cached_sha256(path) == file_digests(path)["sha256"]
    True
    """
    resolved = Path(path).resolve()
    stat = resolved.stat()
    key = (str(resolved), stat.st_size, stat.st_mtime_ns)
    if key not in _SHA256_CACHE:
        _SHA256_CACHE[key] = file_digests(resolved)["sha256"]
    return _SHA256_CACHE[key]


class HashingReader(io.RawIOBase):
    """A read-only stream over ``handle`` that hashes every byte read through it.

    Lets ``tarfile`` read an archive in one pass while the archive's digests are
    computed; call :meth:`drain` at the end so bytes the reader skipped count too.

    Example:
    >>> reader = HashingReader(io.BytesIO(b"abc"), ("md5",))
    >>> reader.read(1), reader.drain(), reader.hexdigests()
    (b'a', None, {'md5': '900150983cd24fb0d6963f7d28e17f72'})
    """

    def __init__(self, handle: BinaryIO, algorithms: Sequence[str] = ALGORITHMS) -> None:
        self._handle = handle
        self._digests = _new_digests(algorithms)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._handle.read(len(buffer))
        buffer[: len(data)] = data
        for digest in self._digests.values():
            digest.update(data)
        return len(data)

    def drain(self) -> None:
        """Read (and hash) whatever is left."""
        while self.read(BLOCK_SIZE):
            pass

    def hexdigests(self) -> dict[str, str]:
        """``{name: hexdigest}`` of the bytes read so far."""
        return {name: digest.hexdigest() for name, digest in self._digests.items()}
