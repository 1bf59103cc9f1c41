"""Finding pairs: recursive, orphans both ways, hidden and cache folders skipped, names
unique over several folders, one clear error for what is not a folder."""

from __future__ import annotations

import pytest

from keras_rparity.errors import InvalidArgumentError
from keras_rparity.folder_parity.discover import find_pairs


def test_pairs_and_orphans_of_a_folder(pairs_folder):
    found = find_pairs([pairs_folder])
    assert [p.name for p in found.pairs] == ["differs", "fails", "holds", "sub/holds_too"]
    assert all(p.r_path.suffix == ".R" and p.python_path == p.r_path.with_suffix(".py")
               for p in found.pairs)
    assert [p.name for p in found.orphans] == ["orphan.R"]


def test_a_port_without_its_r_program_is_an_orphan_too(tmp_path):
    (tmp_path / "port.py").write_text("")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.R").write_text("")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "y.py").write_text("")
    found = find_pairs([tmp_path])
    assert found.pairs == () and [p.name for p in found.orphans] == ["port.py"]


def test_several_folders_give_unique_names(pairs_folder, tmp_path):
    (tmp_path / "holds.R").write_text("")
    (tmp_path / "holds.py").write_text("")
    names = [p.name for p in find_pairs([pairs_folder, tmp_path]).pairs]
    assert f"{tmp_path.name}/holds" in names and f"{pairs_folder.name}/holds" in names


def test_a_file_or_missing_folder_is_one_clear_error(tmp_path):
    with pytest.raises(InvalidArgumentError, match="nowhere is not a folder"):
        find_pairs([tmp_path / "nowhere"])
