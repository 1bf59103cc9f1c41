"""``keras-rparity parity DIR``: stdout is only JSON with --json, the exit status is the
worst pair's, the report folder is written; folders and bundled names are told apart with
one clear line; Ctrl-C stops every worker within 2 s and reports what finished; Ray."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from keras_rparity.cli import main


def parity_cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """``keras-rparity parity ...`` in a fresh interpreter."""
    return subprocess.run([sys.executable, "-m", "keras_rparity", "parity", *args],
                          capture_output=True, text=True, timeout=timeout, env=os.environ)


def assert_summary(summary: dict, out: Path) -> None:
    """The four pairs' verdicts, the orphan, and the report folder."""
    assert summary["exit_status"] == 2
    assert summary["counts"] == {"pairs": 4, "hold": 2, "differ": 1, "error": 1,
                                 "not_run": 0, "orphans": 1}
    verdicts = {p["pair"]: (p["status"], p["exact"]) for p in summary["pairs"]}
    assert verdicts == {"differs": (1, False), "fails": (2, False), "holds": (0, True),
                        "sub/holds_too": (0, True)}
    index = (out / "index.md").read_text()
    assert "[sub/holds_too](sub/holds_too.md)" in index and "orphan.R" in index
    assert (out / "differs.png").is_file() and (out / "sub" / "holds_too.md").is_file()


def test_json_on_two_workers_is_the_only_output_and_exits_two(pairs_folder, tmp_path):
    done = parity_cli(str(pairs_folder), "--workers", "2", "--seed", "42", "--json",
                      "--out", str(tmp_path))
    assert done.returncode == 2, done.stderr
    summary = json.loads(done.stdout)  # nothing else on stdout
    assert summary["workers"] == 2 and summary["executor"] == "process"
    assert_summary(summary, tmp_path)
    assert "[4/4]" in done.stderr  # progress goes to stderr


def test_a_name_that_is_neither_a_pair_nor_a_folder_is_one_line(capsys):
    assert main(["parity", "irsi"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "'irsi' is neither a bundled pair (activation_optimizer, bird_vs_plane, " in err
    assert "nor a folder of program pairs" in err


def test_folder_options_need_folders_and_folders_exclude_programs(capsys, pairs_folder):
    assert main(["parity", "iris", "--workers", "2"]) == 2
    assert "--workers goes with folders of pairs" in capsys.readouterr().err
    assert main(["parity", str(pairs_folder), "--r", "x.R", "--python", "x.py"]) == 2
    assert "give folders of pairs, or --r and --python, not both" in capsys.readouterr().err


def test_a_folder_without_pairs_says_so_and_names_its_orphans(capsys, tmp_path):
    (tmp_path / "alone.R").write_text("")
    assert main(["parity", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "no program pairs under" in err and "alone.R" in err


@pytest.mark.slow
def test_ctrl_c_stops_every_worker_within_two_seconds_and_reports_what_finished(tmp_path,
                                                                               tiny_pairs):
    pairs, write_pairs = tiny_pairs
    slow = {name: code for name, code in pairs.items() if name in ("holds", "sub/holds_too")}
    slow["zz_long"] = (pairs["holds"][0].replace("epochs = 1", "epochs = 500"),
                       pairs["holds"][1].replace("epochs=1", "epochs=500"))
    folder = write_pairs(tmp_path / "pairs", slow)
    process = subprocess.Popen(
        [sys.executable, "-m", "keras_rparity", "parity", str(folder), "--workers", "2",
         "--seed", "42", "--json", "--out", str(tmp_path / "out")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ)
    finished = 0
    while finished < 2:  # the two short pairs are done, the long one is training
        line = process.stderr.readline()
        assert line, "the command ended before the short pairs finished"
        finished += line.startswith("[")
    time.sleep(1)
    workers = _children(process.pid)
    assert len(workers) == 2
    process.send_signal(signal.SIGINT)
    started = time.monotonic()
    out, err = process.communicate(timeout=60)
    assert time.monotonic() - started < 2.5  # workers stopped, report written, exited
    assert process.returncode == 130, err
    summary = json.loads(out)
    assert summary["interrupted"] and summary["not_run"] == ["zz_long"]
    assert sorted(p["pair"] for p in summary["pairs"]) == ["holds", "sub/holds_too"]
    assert not [pid for pid in workers if _alive(pid)], [
        Path(f"/proc/{pid}/cmdline").read_bytes()[:200] for pid in workers if _alive(pid)]


def _alive(pid: int) -> bool:
    """``pid`` runs (a zombie waiting for init to reap it does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _children(pid: int) -> list[int]:
    """Process ids of ``pid``'s worker processes (not multiprocessing's resource tracker,
    which ends after its parent)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == pid and b"spawn_main" in command:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.slow
def test_on_a_ray_cluster_through_ray_address(pairs_folder, tmp_path, ray_cluster):
    done = parity_cli(str(pairs_folder), "--ray-address", ray_cluster.address, "--seed", "42",
                      "--json", "--out", str(tmp_path))
    assert done.returncode == 2, done.stderr
    summary = json.loads(done.stdout)
    assert summary["executor"] == "ray" and summary["workers"] == 2  # one actor per CPU
    assert_summary(summary, tmp_path)
