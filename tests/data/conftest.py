"""Fixtures for the data-layer tests.

Every test here gets its own empty Keras home (``KERAS_HOME`` points at a temporary
folder that does not exist yet), so the user's ``~/.keras`` is never read or written.
"""

from __future__ import annotations

import gzip
import io
import os
import socket
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

# Keras reads KERAS_HOME when first imported; never let that be the user's ~/.keras.
os.environ.setdefault("KERAS_HOME", tempfile.mkdtemp(prefix="rparity-data-tests-"))

Snapshot = dict[str, tuple[str, int, int]]


@pytest.fixture
def snapshot() -> Callable[[Path], Snapshot]:
    """``snap(folder)``: every entry below ``folder`` -> (kind, size, mtime_ns)."""

    def snap(folder: Path) -> Snapshot:
        if not folder.exists():
            return {}
        entries: Snapshot = {}
        for path in sorted(folder.rglob("*")):
            stat = path.lstat()
            kind = "dir" if path.is_dir() else "file"
            entries[str(path.relative_to(folder))] = (kind, stat.st_size, stat.st_mtime_ns)
        return entries

    return snap


@pytest.fixture
def write_archive(tmp_path: Path) -> Callable[..., Path]:
    """``write_archive(name, members)``: a .tar.gz holding ``members`` (path -> bytes)."""

    def write(name: str, members: dict[str, bytes]) -> Path:
        target = tmp_path / "in" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz, \
                tarfile.open(fileobj=gz, mode="w") as tar:
            for member, payload in members.items():
                info = tarfile.TarInfo(member)
                info.size = len(payload)
                tar.addfile(info, io.BytesIO(payload))
        return target

    return write


@pytest.fixture
def fixture_members() -> Callable[..., dict[str, bytes]]:
    """``members(per_batch=10, seed=0, marker=True)``: the fixture's files, to tamper with."""
    from keras_rparity.data import cifar10_fixture as fx

    def members(per_batch: int = 10, seed: int = 0, marker: bool = True) -> dict[str, bytes]:
        out = {}
        if marker:
            out[f"cifar-10-batches-py/{fx.FIXTURE_MARKER}"] = fx.FIXTURE_NOTICE.encode()
        out["cifar-10-batches-py/batches.meta"] = fx._meta_pickle(per_batch)
        for name, (data, labels) in fx.fixture_batches(per_batch, seed).items():
            out[f"cifar-10-batches-py/{name}"] = fx._batch_pickle(name, data, labels)
        return out

    return members


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fail (and record) any attempt to open a network connection or call get_file."""
    from keras_rparity.data import cifar10

    attempts: list[str] = []

    def refuse(what: str) -> Callable[..., object]:
        def fail(*args: object, **kwargs: object) -> object:
            attempts.append(what)
            raise AssertionError(f"network attempted: {what}")

        return fail

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(cifar10, "_keras_get_file", refuse("keras get_file"))
    return attempts


@pytest.fixture(autouse=True)
def _fresh_keras_home(cifar_home: Path) -> Path:
    """Every data test starts from a fresh, not yet created Keras home (``cifar_home``)."""
    return cifar_home
