"""A 2 activations x 2 optimizers sweep: tables, plots, summary, resume, determinism."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.image import imread

from keras_rparity.sweep import make_grid, run_one, run_sweep
from keras_rparity.sweep.grid import RunConfig
from keras_rparity.sweep.store import EPOCH_COLUMNS, RUN_COLUMNS, current_umask, write_atomic
from keras_rparity.sweep.summary import rank_pairs

GRID = {"activations": ["relu", "sigmoid"], "optimizers": ["adam", "sgd"], "models": ["conv"],
        "epochs": 2, "per_class": 20, "seed": 3}


@pytest.fixture(scope="module")
def swept(tmp_path_factory: pytest.TempPathFactory, keras_home, fashion_mnist_installed):
    out = tmp_path_factory.mktemp("sweep")
    return out, run_sweep(make_grid(**GRID), out, progress=False)


def _non_blank_png(path: Path) -> bool:
    pixels = imread(path)
    return path.stat().st_size > 1000 and pixels.ndim == 3 and float(pixels[..., :3].std()) > 0.01


def test_tables_on_disk(swept):
    out, outcome = swept
    assert len(outcome.ran) == 4 and outcome.skipped == []
    runs = pd.read_parquet(out / "runs.parquet")
    assert list(runs.columns) == list(RUN_COLUMNS) and len(runs) == 4
    assert set(runs["pair"]) == {"relu+adam", "relu+sgd", "sigmoid+adam", "sigmoid+sgd"}
    pd.testing.assert_frame_equal(pd.read_csv(out / "runs.csv")[["run_id", "test_accuracy"]],
                                  runs[["run_id", "test_accuracy"]])
    epochs = pd.read_parquet(out / "epochs.parquet")
    assert list(epochs.columns) == list(EPOCH_COLUMNS)
    assert len(epochs) == 4 * 2 * 2 and set(epochs["split"]) == {"train", "validation"}
    assert len(pd.read_csv(out / "epochs.csv")) == len(epochs)
    # validation = the test split: the last validation accuracy is the test accuracy
    np.testing.assert_allclose(runs["final_val_accuracy"], runs["test_accuracy"], atol=1e-6)


def test_run_files_hold_history_and_confusion(swept):
    out, outcome = swept
    files = sorted((out / "runs").glob("*.json"))
    assert [f.stem for f in files] == sorted(outcome.ran)
    record = json.loads(files[0].read_text())
    assert set(record["history"]) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert all(len(v) == 2 for v in record["history"].values())
    confusion = np.array(record["confusion"])
    assert confusion.shape == (10, 10) and confusion.sum() == 200
    assert np.trace(confusion) / 200 == pytest.approx(record["test_accuracy"], abs=1e-6)


def test_plots_and_summary(swept):
    out, outcome = swept
    pictures = [out / "plots" / "learning_curves_conv_accuracy.png",
                out / "plots" / "learning_curves_conv_loss.png", out / "plots" / "summary.png",
                *[out / "plots" / "confusion" / f"{run_id}.png" for run_id in outcome.ran]]
    for picture in pictures:
        assert picture.is_file() and _non_blank_png(picture), picture
    summary = (out / "summary.md").read_text()
    best = rank_pairs(outcome.runs).iloc[0]
    assert f"**{best['activation']} + {best['optimizer']}** (conv) wins" in summary
    assert f"{best['val_acc_mean']:.4f}" in summary
    assert summary.count("\n| ") == 1 + 4  # header + one row per pair


def test_rerun_redoes_only_the_deleted_run_with_the_same_numbers(swept):
    out, first = swept
    victim = first.ran[1]
    before = json.loads((out / "runs" / f"{victim}.json").read_text())
    untouched = {p.name: p.stat().st_mtime_ns for p in (out / "runs").glob("*.json")
                 if p.stem != victim}
    (out / "runs" / f"{victim}.json").unlink()
    called: list[str] = []

    def recording(config: RunConfig):
        called.append(config.run_id)
        return run_one(config)

    again = run_sweep(make_grid(**GRID), out, progress=False, fn=recording)
    assert called == [victim] and again.ran == [victim]
    assert sorted(again.skipped) == sorted(set(first.ran) - {victim})
    assert {p.name: p.stat().st_mtime_ns for p in (out / "runs").glob("*.json")
            if p.stem != victim} == untouched
    after = json.loads((out / "runs" / f"{victim}.json").read_text())
    for key in ("history", "test_loss", "test_accuracy", "confusion"):
        assert after[key] == before[key], key  # the same run twice: the same bits
    assert len(again.runs) == 4


def test_another_seed_gives_other_numbers(fashion_mnist_installed):
    config = RunConfig("fashion_mnist", "dense", "tanh", "momentum", seed=11, epochs=2,
                       per_class=10)
    other = RunConfig(**{**config.settings(), "seed": 12})
    assert run_one(config).history != run_one(other).history


def test_interrupted_sweep_keeps_finished_runs(tmp_path, fashion_mnist_installed):
    grid = make_grid(["relu", "tanh", "elu"], ["sgd"], models=["dense"], epochs=1, per_class=5)

    def interrupted_at_third(config: RunConfig):
        if config.run_id == grid[2].run_id:
            raise KeyboardInterrupt
        return run_one(config)

    with pytest.raises(KeyboardInterrupt):
        run_sweep(grid, tmp_path, fn=interrupted_at_third, progress=False)
    assert sorted(p.stem for p in (tmp_path / "runs").glob("*.json")) == sorted(
        c.run_id for c in grid[:2])
    resumed = run_sweep(grid, tmp_path, progress=False, report=False)
    assert resumed.ran == [grid[2].run_id] and len(resumed.skipped) == 2


def test_every_output_file_gets_the_umask_permissions(swept):
    out, _ = swept
    expected = 0o666 & ~current_umask()
    modes = {p.relative_to(out).as_posix(): p.stat().st_mode & 0o777
             for p in out.rglob("*") if p.is_file()}
    assert "runs.csv" in modes and "summary.md" in modes
    assert {name: mode for name, mode in modes.items() if mode != expected} == {}


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_run_file_mode_follows_the_umask(tmp_path, umask):
    previous = os.umask(umask)
    try:
        path = tmp_path / "t.json"
        write_atomic(path, lambda tmp: tmp.write_text("{}"))
    finally:
        os.umask(previous)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["t.json"]  # no temporary file left
