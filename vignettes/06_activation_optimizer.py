# %% [markdown]
# # Hidden activations and optimizers, compared on real images
#
# The output layer's activation and the loss go together (the earlier vignettes); the
# *hidden* layers' activation and the optimizer are free choices, and they interact.
# Sigmoid units saturate and pass back small gradients, which plain SGD turns into slow
# progress; momentum and adaptive optimizers (Adam) compensate; ReLU-like units keep
# gradients alive where they are active.
#
# Here the four pairs of the comparison in seed 000 — relu + adam, sigmoid + sgd,
# tanh + momentum, leaky relu + adam — train the same small convnet on **Fashion-MNIST**
# (the real dataset, shipped offline by Debian's `dataset-fashion-mnist`). Every run is
# seeded, recorded to disk, and resumable.

# %%
import os
import tempfile
from pathlib import Path

import pandas as pd
from IPython.display import Image, Markdown, display

from keras_rparity.sweep import get_preset, make_executor, make_grid, run_sweep

QUICK = os.environ.get("KERAS_RPARITY_QUICK") == "1"
preset = get_preset("seed000")
epochs, per_class = (2, 30) if QUICK else (preset.epochs, preset.per_class)
grid = make_grid(pairs=preset.pairs, models=preset.models, epochs=epochs, per_class=per_class)
out = Path(tempfile.mkdtemp(prefix="sweep-"))
print(f"{len(grid)} runs, {epochs} epochs, first {per_class} images per class -> {out}")

# %%
outcome = run_sweep(grid, out, make_executor("serial"), progress=False)
cols = ["activation", "optimizer", "test_accuracy", "test_loss", "seconds"]
outcome.runs[cols].sort_values("test_accuracy", ascending=False)

# %% [markdown]
# ## Learning curves
#
# Training (solid) and validation (dashed) accuracy per pair. Slow starters show here long
# before the final numbers do.

# %%
display(Image(filename=str(out / "plots" / "learning_curves_conv_accuracy.png")))

# %% [markdown]
# ## Where the errors go
#
# The confusion matrix of the best run: rows are true classes, columns predictions.
# Shirts, T-shirts, pullovers and coats are the classes Fashion-MNIST models mix up.

# %%
best = outcome.runs.sort_values("test_accuracy", ascending=False).iloc[0]
display(Image(filename=str(out / "plots" / "confusion" / f"{best['run_id']}.png")))

# %% [markdown]
# ## The verdict, measured here
#
# `summary.md` ranks the pairs and names the winner from these numbers (with one run per
# pair, a ranking, not a significance test; `--repeats` adds spread).

# %%
display(Markdown((out / "summary.md").read_text()))

# %% [markdown]
# ## Resuming
#
# Every finished run is a file. Running the same grid again trains nothing:

# %%
again = run_sweep(grid, out, make_executor("serial"), progress=False, report=False)
print(f"trained {len(again.ran)}, reused {len(again.skipped)}")
assert again.ran == []
pd.testing.assert_frame_equal(again.runs, outcome.runs)
