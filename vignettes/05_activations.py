# %% [markdown]
# # Activations: what they output, where they go flat, and why the loss must match
#
# An activation does two jobs. At the **output** it decides what kind of number the
# network predicts: any real number (linear), a probability (sigmoid), a distribution over
# classes (softmax). Everywhere it decides how **gradients** flow back: during training
# each unit passes on the incoming gradient multiplied by its activation's slope, so where
# the slope is tiny the unit learns slowly (it *saturates*), and where the slope is exactly
# zero it does not learn at all (it is *dead* there).
#
# This vignette measures both for Keras' activations. The slopes come from automatic
# differentiation through Keras (`tf.GradientTape`, in float64) and are checked against the
# derivatives worked out by hand. It ends with the tutorial's central argument: a
# sigmoid output trained with mean squared error gets almost no gradient exactly when it is
# most wrong, and binary crossentropy fixes that.

# %%
import os
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import Image, display

from keras_rparity.lab.activations import (
    ACTIVATIONS,
    GRID,
    SATURATION_THRESHOLD,
    activation_gallery,
    activation_summary,
    autodiff,
    summarize_activation,
)

QUICK = os.environ.get("KERAS_RPARITY_QUICK") == "1"
STEPS = 200 if QUICK else 2000  # gradient-descent steps in the last section
pd.set_option("display.width", 130)
print(f"{len(ACTIVATIONS)} activations on a grid of {GRID.size} points from {GRID[0]:g} to "
      f"{GRID[-1]:g}; 'saturated' means |f'(x)| < {SATURATION_THRESHOLD:g}")

# %% [markdown]
# ## The gallery
#
# One row per activation: its range, the range reached on the grid, its steepest slope,
# and where the slope is small or zero. (Softmax maps vectors to vectors; in this
# one-dimensional gallery it is the first component of `softmax([x, 0])`, which is the
# sigmoid.)

# %%
summary = activation_summary()
summary

# %%
from keras_rparity.lab.plots import plot_activation_gallery, plot_activation_overview

figure_dir = Path(tempfile.mkdtemp(prefix="activations-"))
display(Image(filename=str(plot_activation_overview(figure_dir / "overview.png"))))

# %% [markdown]
# In the overview, solid lines are the activations and dashed lines their derivatives;
# orange shading marks saturation, red marks dead regions. Two in detail:

# %%
gallery_paths = {p.stem: p for p in plot_activation_gallery(figure_dir / "gallery",
                                                            names=["sigmoid", "relu"])}
display(Image(filename=str(gallery_paths["sigmoid"])))
display(Image(filename=str(gallery_paths["relu"])))

# %% [markdown]
# ## Autodiff against the closed forms
#
# `activation_gallery` returns, for every point, the value and slope by Keras and by the
# hand-written formulas. At kinks autodiff has to pick a side; TensorFlow's choices are
# shown in the second table.

# %%
gallery = activation_gallery()
gallery["value_error"] = (gallery["value"] - gallery["closed_form_value"]).abs()
gallery["slope_error"] = (gallery["derivative"] - gallery["closed_form_derivative"]).abs()
checks = gallery.groupby("activation", sort=False)[["value_error", "slope_error"]].max()
print(f"largest |autodiff - closed form| over all activations: values "
      f"{checks['value_error'].max():.1e}, slopes {checks['slope_error'].max():.1e}")
checks

# %%
kinks = ["relu", "leaky_relu", "elu", "selu"]
pd.DataFrame([{"activation": name, "f(0)": values[0], "f'(0) by autodiff": slopes[0]}
              for name in kinks for values, slopes in [autodiff(name, [0.0])]])

# %% [markdown]
# ## The same activations from R
#
# R keras exposes the activations as `activation_sigmoid()`, `activation_relu()`, ...
# Called from R through the in-process bridge on the same grid, they hand R's doubles to
# Keras as float32, as R keras does with model inputs. So the like-for-like comparison is
# with Python's Keras on the float32 grid; the float64 gallery above is shown for scale.

# %%
import keras

from keras_rparity.bridge import get_bridge

bridge = get_bridge()
grid32 = GRID.astype("float32")
pairs = np.stack([GRID, np.zeros_like(GRID)], axis=-1)  # softmax([x, 0]), as in the gallery
r_rows = []
for name in ACTIVATIONS:
    if name == "softmax":
        r_values = np.asarray(bridge.call("activation_softmax", pairs))[:, 0]
        python32 = keras.ops.convert_to_numpy(keras.activations.softmax(pairs.astype("float32")))
        python32 = python32[:, 0]
    else:
        r_values = np.asarray(bridge.call(f"activation_{name}", GRID))
        python32 = keras.ops.convert_to_numpy(getattr(keras.activations, name)(grid32))
    python64 = gallery.loc[gallery["activation"] == name, "value"].to_numpy()
    r_rows.append({"activation": name, "R function": f"activation_{name}()",
                   "R == Python (float32)": bool(np.array_equal(r_values, python32)),
                   "max |R - Python float32|": float(np.max(np.abs(r_values - python32))),
                   "max |R - float64 gallery|": float(np.max(np.abs(r_values - python64)))})
r_table = pd.DataFrame(r_rows)
print(f"R identical to Python's Keras on float32 inputs: "
      f"{int(r_table['R == Python (float32)'].sum())} of {len(r_table)} activations; "
      f"largest gap to the float64 values {r_table['max |R - float64 gallery|'].max():.1e} "
      f"(float32 rounding)")
r_table

# %% [markdown]
# ## Saturation and dead regions
#
# The regions as intervals, with the share of the grid [-10, 10] each covers. A few
# activations (SiLU, GELU, Mish) also have an isolated point where the slope passes
# through zero: the bottom of their dip. That is a single point, not a region, so
# gradients flow on both sides of it.

# %%
region_rows = []
for name in ACTIVATIONS:
    result = summarize_activation(name)
    for kind, found in (("saturated", result.saturation), ("dead", result.dead)):
        for region in found:
            region_rows.append({"activation": name, "kind": kind, "region": region.describe(),
                                "from": region.start, "to": region.end})
regions = pd.DataFrame(region_rows)
regions

# %%
slopes = gallery.assign(saturated=gallery["derivative"].abs() < SATURATION_THRESHOLD,
                        dead=gallery["derivative"] == 0)
shares = slopes.groupby("activation", sort=False)[["saturated", "dead"]].mean()
shares.columns = ["share of grid saturated", "share of grid dead"]
display(shares.style.format("{:.1%}"))
never = [n for n, row in shares.iterrows() if row.sum() == 0]
print(f"never saturated on [-10, 10]: {', '.join(never)}")
print(f"dead somewhere: {', '.join(shares.index[shares['share of grid dead'] > 0])}")

# %%
fig, ax = plt.subplots(figsize=(8, 3.2))
shares.plot.bar(ax=ax, color=["tab:orange", "tab:red"], alpha=0.8)
ax.set(ylabel="share of [-10, 10]", title=f"Where the slope is below {SATURATION_THRESHOLD:g} "
       "(saturated) or exactly 0 (dead)")
ax.tick_params(axis="x", labelrotation=45)
fig.tight_layout()
plt.show()

# %% [markdown]
# A sigmoid is saturated on about a third of this grid, a ReLU is dead on half of it. For
# hidden units that is a question of how the network is initialised and trained. For the
# **output** unit it matters more directly: its slope multiplies the gradient of the loss
# for every example, and the examples that land in the flat part are the ones the network
# gets most wrong.
#
# ## The central argument: sigmoid with MSE versus sigmoid with crossentropy
#
# Take one positive example (y = 1) and the output unit's input `z`, so the prediction is
# `s = sigmoid(z)`. The gradient that reaches `z` is:
#
# - with **mean squared error**: `2 (s - y) s (1 - s)` — the error times the sigmoid's
#   slope, which is tiny when `z` is very negative;
# - with **binary crossentropy**: `s - y` — the `log` in `-log s` cancels the `exp` inside
#   the sigmoid, and the slope factor disappears.
#
# `output_gradients` computes both by autodiff through Keras' losses, next to these
# closed forms.

# %%
from keras_rparity.lab.tutorial_figures import output_gradients

positive = output_gradients(y=1.0)
negative = output_gradients(y=0.0)
errors = max((t[f"{k}_autodiff"] - t[f"{k}_closed_form"]).abs().max()
             for t in (positive, negative) for k in ("mse", "bce"))
print(f"largest |autodiff - closed form|: {errors:.1e}")
picks = [-10.0, -8.0, -6.0, -4.0, -2.0, 0.0, 2.0, 4.0]
table = positive.set_index("z").loc[picks, ["sigmoid", "mse_autodiff", "bce_autodiff"]]
table["bce / mse"] = table["bce_autodiff"] / table["mse_autodiff"]
table

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), sharey=True)
for ax, frame, label in zip(axes, (positive, negative), (1, 0)):
    ax.plot(frame["z"], frame["mse_autodiff"], label="sigmoid + MSE")
    ax.plot(frame["z"], frame["bce_autodiff"], label="sigmoid + binary crossentropy")
    wrong = frame["z"] < 0 if label == 1 else frame["z"] > 0
    ax.fill_between(frame["z"], -1, 1, where=wrong, color="grey", alpha=0.1,
                    label="prediction on the wrong side")
    ax.axhline(0, color="grey", lw=0.5)
    ax.set(title=f"dLoss/dz for a {'positive' if label else 'negative'} example (y = {label})",
           xlabel="z (input of the output sigmoid)")
    ax.legend(fontsize=8, loc="lower right" if label else "upper left")
axes[0].set_ylabel("dLoss/dz")
fig.tight_layout()
plt.show()

# %%
at = positive.set_index("z")
peak_z = float(at["mse_autodiff"].abs().idxmax())
z_wrong = -8.0
mse_g, bce_g = at.loc[z_wrong, "mse_autodiff"], at.loc[z_wrong, "bce_autodiff"]
print(f"For a positive example the MSE gradient is largest at z = {peak_z:.2f} "
      f"(|dL/dz| = {at['mse_autodiff'].abs().max():.3f}, prediction "
      f"{at.loc[peak_z, 'sigmoid']:.2f}) and shrinks as the prediction gets more wrong.")
print(f"At z = {z_wrong:g} (predicted probability {at.loc[z_wrong, 'sigmoid']:.5f}): "
      f"MSE gives {mse_g:.5f}, crossentropy {bce_g:.5f}, {bce_g / mse_g:.0f} times more.")
print(f"At z = -10: MSE {at.loc[-10.0, 'mse_autodiff']:.1e}, crossentropy "
      f"{at.loc[-10.0, 'bce_autodiff']:.5f}.")
monotone = bool(np.all(np.diff(positive["bce_autodiff"].abs().to_numpy()) <= 0))
print(f"|crossentropy gradient| never decreases as z becomes more wrong: {monotone}")

# %% [markdown]
# ## What that does to learning
#
# A single logit, started confidently wrong at z = -8 for a positive example, trained by
# plain gradient descent with step size 1, using the gradients above (by autodiff, one
# `output_gradients` call per step).

# %%
z_start, step = -8.0, 1.0
paths = {"mse": [z_start], "bce": [z_start]}
for _ in range(STEPS):
    for loss, path in paths.items():
        gradient = output_gradients(z=[path[-1]], y=1.0)[f"{loss}_autodiff"].iloc[0]
        path.append(path[-1] - step * gradient)
trajectory = pd.DataFrame({"step": np.arange(STEPS + 1),
                           "p with MSE": 1 / (1 + np.exp(-np.array(paths["mse"]))),
                           "p with crossentropy": 1 / (1 + np.exp(-np.array(paths["bce"])))})
fig, ax = plt.subplots(figsize=(7, 3.2))
trajectory.plot(x="step", ax=ax)
ax.axhline(0.5, color="grey", ls=":")
ax.set(ylabel="predicted P(y = 1)", title="Recovering from a confident mistake (y = 1, z0 = -8)")
plt.show()


def passes_half(column: str) -> str:
    past = trajectory.loc[trajectory[column] > 0.5, "step"]
    if len(past):
        return f"passes 0.5 at step {int(past.iloc[0])}"
    return f"does not pass 0.5 within {STEPS} steps"


print(f"crossentropy: p {passes_half('p with crossentropy')}; "
      f"p = {trajectory['p with crossentropy'].iloc[-1]:.4f} after {STEPS} steps")
print(f"MSE:          p {passes_half('p with MSE')}; "
      f"p = {trajectory['p with MSE'].iloc[-1]:.5f} after {STEPS} steps")

# %% [markdown]
# The numbers say what the tutorial argues: with the sigmoid's matching loss, the gradient
# at the output is the plain error `s - y`, largest for the worst mistakes, so a confidently
# wrong prediction is corrected quickly. With mean squared error the same mistake sends
# back a gradient more than a thousand times smaller, and the unit sits in the sigmoid's flat tail.
# The saturation is harmless only because the loss's `log` undoes it — which is why the
# output activation and the loss come as a pair.
