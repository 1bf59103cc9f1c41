"""Many pairs on two warm workers: each pair's verdict, error or crash; the table, the
JSON and the report folder made from them."""

from __future__ import annotations

import json
import os

import pytest

from keras_rparity.folder_parity import (
    check_pairs,
    find_pairs,
    summary_dict,
    summary_text,
    write_report,
)
from keras_rparity.record import Knobs


@pytest.fixture(scope="module")
def checked(crash_folder):
    """Every pair of the crash folder, on two worker processes."""
    return check_pairs(find_pairs([crash_folder]), Knobs(seed=42), workers=2)


def by_name(result) -> dict:
    return {o.name: o for o in result.outcomes}


def test_each_pair_has_its_verdict_or_its_error(checked):
    outcomes = by_name(checked)
    assert sorted(outcomes) == ["crashes", "differs", "fails", "holds", "sub/holds_too"]
    for name in ("holds", "sub/holds_too"):
        assert (outcomes[name].status, outcomes[name].exact) == (0, True)
        assert outcomes[name].fits == {"r": 1, "python": 1}
        assert outcomes[name].max_abs_dloss == 0.0
    differs = outcomes["differs"]
    assert (differs.status, differs.exact) == (1, False) and differs.max_abs_dloss > 0
    assert "learning_rate: R 0.01, Python 0.02" in differs.first_difference
    assert outcomes["fails"].status == 2
    assert "fails.R:1" in outcomes["fails"].error
    assert "this program fails on purpose" in outcomes["fails"].error
    assert outcomes["crashes"].status == 2
    assert "crashed its worker" in outcomes["crashes"].error
    assert "exit code -9" in outcomes["crashes"].error
    assert checked.exit_status == 2 and not checked.interrupted
    assert checked.counts() == {"pairs": 5, "hold": 2, "differ": 1, "error": 2, "not_run": 0,
                                "orphans": 1}


def test_pairs_run_in_warm_workers_that_each_take_several(checked):
    served = [o.worker for o in checked.outcomes if o.worker]  # not the crashed pair
    pids = {int(w.rsplit(":", 1)[1]) for w in served}
    assert len(served) == 4 and os.getpid() not in pids
    assert len(pids) < len(served)  # a warm worker took more than one pair
    assert checked.workers == 2


def test_the_table_has_a_row_per_pair_and_names_the_orphan(checked):
    lines = summary_text(checked).splitlines()
    assert lines[0].split() == ["pair", "fits", "exact", "max", "|dloss|", "first",
                                "difference", "seconds"]
    rows = {line.split()[0]: line for line in lines[1:6]}
    assert rows["holds"].split()[1:3] == ["1/1", "True"]
    assert "the optimizers differ" in rows["differs"]
    assert "ERROR: R error at fails.R:1" in rows["fails"]
    assert any(line.startswith("orphan: ") and "orphan.py" in line for line in lines)
    assert lines[-1].startswith("2 of 5 pair(s) hold, 1 differ, 2 could not be checked, "
                                "1 orphan(s);")


def test_the_json_carries_every_pair_with_its_report(checked):
    summary = json.loads(json.dumps(summary_dict(checked)))
    assert summary["exit_status"] == 2 and summary["counts"]["hold"] == 2
    pairs = {p["pair"]: p for p in summary["pairs"]}
    assert pairs["holds"]["report"]["exact"] is True
    assert pairs["holds"]["report"]["fits"][0]["metrics"]["loss"]["ulps"] == [0]
    fails = pairs["fails"]  # the partial report: Python's fit, then R failed at line 1
    assert fails["error"] and fails["report"]["fit_count"] == {"r": 0, "python": 1}
    assert fails["fits"] == {"r": 0, "python": 1} and pairs["crashes"]["report"] is None
    assert [os.path.basename(o) for o in summary["orphans"]] == ["orphan.R"]


def test_the_report_folder_has_an_index_and_a_section_and_plot_per_pair(checked, tmp_path):
    index = write_report(checked, tmp_path)
    text = index.read_text()
    for name in ("holds", "sub/holds_too", "differs", "fails", "crashes"):
        assert f"[{name}]({name}.md)" in text
        assert (tmp_path / f"{name}.md").is_file()
    for name in ("holds", "sub/holds_too", "differs"):
        assert (tmp_path / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not (tmp_path / "fails.png").exists()
    assert "PARITY FAILS" in (tmp_path / "differs.md").read_text()
    assert "this program fails on purpose" in (tmp_path / "fails.md").read_text()
    assert "## Orphans" in text
