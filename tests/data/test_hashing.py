"""The one file-hashing helper (and its streaming and cached forms)."""

from __future__ import annotations

import hashlib
import io
import os
import re
from pathlib import Path

import pytest

from keras_rparity.data.hashing import HashingReader, cached_sha256, file_digests

ABC_MD5 = "900150983cd24fb0d6963f7d28e17f72"
ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_digests_of_a_file_and_of_its_copy(tmp_path: Path):
    source = tmp_path / "abc"
    source.write_bytes(b"abc")
    assert file_digests(source, ("md5", "sha256")) == {"md5": ABC_MD5, "sha256": ABC_SHA256}
    big = tmp_path / "big"
    payload = os.urandom(3 * (1 << 20) + 5)  # several blocks
    big.write_bytes(payload)
    got = file_digests(big, ("sha256", "md5"), copy_to=tmp_path / "copy")
    assert list(got) == ["sha256", "md5"]
    assert got["md5"] == hashlib.md5(payload).hexdigest()
    assert (tmp_path / "copy").read_bytes() == payload


@pytest.mark.parametrize("algorithms, error", [("md5", TypeError), ((), TypeError),
                                                (("sha1",), ValueError)])
def test_algorithm_names_are_checked(tmp_path: Path, algorithms: object, error: type):
    with pytest.raises(error, match="md5"):
        file_digests(tmp_path, algorithms)  # type: ignore[arg-type]


def test_streaming_reader_hashes_what_passes_through():
    reader = HashingReader(io.BytesIO(b"abc" * 1000))
    assert reader.read(10) == b"abcabcabca"
    reader.drain()
    assert reader.hexdigests() == {"md5": hashlib.md5(b"abc" * 1000).hexdigest(),
                                   "sha256": hashlib.sha256(b"abc" * 1000).hexdigest()}


def test_cached_sha256_follows_changes(tmp_path: Path):
    path = tmp_path / "f"
    path.write_bytes(b"abc")
    assert cached_sha256(path) == ABC_SHA256
    path.write_bytes(b"abcd")  # another size: hashed again
    assert cached_sha256(path) == hashlib.sha256(b"abcd").hexdigest()


def test_the_data_layer_hashes_in_one_place():
    data_dir = Path(file_digests.__code__.co_filename).parent
    calls = re.compile(r"hashlib\.(md5|sha1|sha256|new|file_digest)\(")
    users = sorted(p.name for p in data_dir.glob("*.py") if calls.search(p.read_text()))
    assert users == ["hashing.py"]
