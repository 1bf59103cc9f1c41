# %% [markdown]
# # Binary classification: a sigmoid unit and binary crossentropy
#
# The second experiment of the tutorial is a garden bird detector: given a small colour
# image, is it a **bird** or an **aeroplane**? There are two possible answers, so the
# network should output one number, the probability that the image shows a plane. In
# probabilistic terms the label is a **Bernoulli** variable whose parameter `p` depends on
# the image, and the network's job is to produce that `p`.
#
# Two decisions follow from that reading:
#
# - **the output activation** must turn any real number into something in (0, 1).
#   Cutting a linear output off at 0 and 1 would do it, but beyond the cut the output is
#   flat, so no gradient flows back and the network stops learning from those examples.
#   The logistic **sigmoid** squeezes the whole real line into (0, 1) smoothly instead.
# - **the loss** is what maximum likelihood gives for a Bernoulli: the negative log of
#   the probability assigned to what actually happened, `-log p` for a plane (label 1) and
#   `-log(1 - p)` for a bird (label 0). Keras calls it `binary_crossentropy`.
#
# The sigmoid goes flat for large inputs too. The point of the pairing is that the `log`
# in the loss cancels the `exp` inside the sigmoid, so the *loss* does not go flat where
# the prediction is confidently wrong. This vignette computes each step of that argument,
# then trains the tutorial's small convnet in Python and runs the R program on the same
# data, comparing the two.

# %%
import os
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import Image, display

from keras_rparity.data.cifar10 import CLASS_NAMES, cifar10_status, load_cifar10
from keras_rparity.data.cifar10_fixture import use_cifar10_or_fixture

QUICK = os.environ.get("KERAS_RPARITY_QUICK") == "1"
pd.set_option("display.width", 120)

# %% [markdown]
# ## Which data this run uses
#
# CIFAR-10 is not bundled with keras-rparity and nothing is downloaded behind your back.
# If Keras' cache holds the official archive (or an archive you imported), it is used.
# Otherwise, in quick mode only, the vignette installs a small **synthetic fixture** in
# CIFAR-10's file format into a throw-away Keras home, so the code paths can still run; a
# full run without the real data stops with the error that explains how to import it.
# Every number and plot below is labelled with the data it came from.

# %%
SOURCE = use_cifar10_or_fixture(allow_fixture=QUICK)

TAG = {"cifar-10": "", "fixture": " (fixture)"}.get(SOURCE, f" ({SOURCE} copy)")
if SOURCE == "cifar-10":
    PER_CLASS, EPOCHS = (250, 5) if QUICK else (None, 50)  # the tutorial: all 10,000, 50 epochs
else:
    PER_CLASS, EPOCHS = None, (12 if QUICK else 50)  # the fixture holds 10 images per class
print(f"data source: {SOURCE}; images per class: {PER_CLASS or 'all'}; epochs: {EPOCHS}")
print(cifar10_status().details)

# %% [markdown]
# ## Birds first, then planes
#
# The R program scales the pixels to [0, 1], takes the birds (CIFAR class 2) and labels
# them 0, then the planes (class 0) labelled 1, and stacks them in that order. The Python
# port (`r_examples/cifar_bird_vs_plane.py`) does the same, line for line.

# %%
BIRD, PLANE = 2, 0

data = load_cifar10(per_class=PER_CLASS)
x_train, y_train = data.train
labels = y_train.reshape(-1)
x = np.concatenate([x_train[labels == BIRD], x_train[labels == PLANE]]) / 255
y = np.concatenate([np.zeros((labels == BIRD).sum()), np.ones((labels == PLANE).sum())])
n_bird = int((y == 0).sum())
print(f"CIFAR-format training set{TAG}: x {x_train.shape} {x_train.dtype}, y {y_train.shape}")
print(f"birds ('{CLASS_NAMES[BIRD]}', class {BIRD}) -> label 0: {n_bird} images")
print(f"planes ('{CLASS_NAMES[PLANE]}', class {PLANE}) -> label 1: {int((y == 1).sum())} images")
print(f"stacked: x {x.shape} {x.dtype} in [{x.min():.2f}, {x.max():.2f}], y {y.shape}; "
      f"labels 0 at rows 0..{n_bird - 1}, 1 after")

# %%
fig, axes = plt.subplots(2, 6, figsize=(9, 3.9))
for row, (label, name) in zip(axes, [(0, "bird"), (1, "plane")]):
    for ax, image in zip(row, x[y == label][:6]):
        ax.imshow(image)
        ax.set_axis_off()
    row[0].set_title(f"label {label}: {name}", fontsize=9, loc="left")
fig.suptitle(f"The two classes{TAG}")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Why not just clip?
#
# Clipping a linear output to [0, 1] gives valid probabilities, but on the clipped part
# the output does not move when the input does: the gradient is exactly zero there.

# %%
import keras
import tensorflow as tf

z = tf.constant([-3.0, -0.5, 0.5, 3.0])
with tf.GradientTape(persistent=True) as tape:
    tape.watch(z)
    clipped = keras.ops.clip(z, 0.0, 1.0)
    squashed = keras.ops.sigmoid(z)
pd.DataFrame({"z": z.numpy(), "clip(z, 0, 1)": clipped.numpy(),
              "d clip / dz": tape.gradient(clipped, z).numpy(),
              "sigmoid(z)": squashed.numpy(), "d sigmoid / dz": tape.gradient(squashed, z).numpy()})

# %% [markdown]
# The sigmoid keeps a nonzero slope everywhere, though the slope becomes tiny far from
# zero. `sigmoid_saturation` computes the sigmoid and its derivative (by automatic
# differentiation through Keras) and marks where the slope drops below 1e-3.

# %%
from keras_rparity.lab.tutorial_figures import (
    crossentropy_penalty,
    output_gradients,
    sigmoid_saturation,
)

saturation = sigmoid_saturation()
flat = saturation[saturation["saturated"]]
print(f"slope below 1e-3 for x <= {flat.query('x < 0')['x'].max():.2f} and "
      f"x >= {flat.query('x > 0')['x'].min():.2f}; largest slope "
      f"{saturation['derivative'].max():.3f} at x = 0")
sigmoid_saturation([-10.0, -6.0, -2.0, 0.0, 2.0, 6.0, 10.0])

# %%
from keras_rparity.lab.plots import plot_tutorial_figures

figure_dir = Path(tempfile.mkdtemp(prefix="tutorial-figures-"))
figures = {path.stem: path for path in plot_tutorial_figures(figure_dir)}
display(Image(filename=str(figures["sigmoid_saturation"])))

# %% [markdown]
# ## The penalty for being confidently wrong
#
# Binary crossentropy, per example, against the predicted probability of "plane". For a
# plane (label 1) the cost is `-log p`; for a bird (label 0) it is `-log(1 - p)`. Keras'
# values are checked against those closed forms.

# %%
penalty = crossentropy_penalty([0.001, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999])
print("max |Keras - closed form|:",
      f"{(penalty['keras'] - penalty['closed_form']).abs().max():.2e}")
penalty.pivot(index="p", columns="y", values="keras").rename(
    columns={0: "bird (y = 0)", 1: "plane (y = 1)"})

# %%
display(Image(filename=str(figures["crossentropy_penalty"])))

# %%
table = penalty.set_index(["y", "p"])["keras"]
print(f"A plane called a plane with p = 0.9 costs {table[(1, 0.9)]:.3f}; called a bird with "
      f"p = 0.1 it costs {table[(1, 0.1)]:.3f}, and with p = 0.001 it costs "
      f"{table[(1, 0.001)]:.3f}, {table[(1, 0.001)] / table[(1, 0.9)]:.0f} times the first.")

# %% [markdown]
# ## What the network feels: the gradient at the output
#
# Training only sees gradients. For a plane (y = 1) and the output unit's input `z`, the
# gradient of binary crossentropy is `sigmoid(z) - 1`, close to -1 when `z` is very
# negative (a confident "bird"). Had we kept mean squared error from the regression
# experiment, the gradient would carry the sigmoid's slope and fade away exactly there.
# (The activations vignette takes this comparison further.)

# %%
gradients = output_gradients([-8.0, -4.0, 0.0, 4.0])
display(gradients[["z", "sigmoid", "mse_autodiff", "bce_autodiff"]])
display(Image(filename=str(figures["output_gradients"])))

# %% [markdown]
# ## Training the Python port
#
# The tutorial's convnet — two 3x3 convolutions with 8 filters and max-pooling, a dense
# layer of 32 ReLU units, then one sigmoid unit — compiled with Adam and binary
# crossentropy. The seed is set right before the model is built.

# %%
from keras_rparity.record import Knobs
from keras_rparity.programs.bundled import run_side

knobs = Knobs(epochs=EPOCHS, per_class=PER_CLASS)
python_run = run_side("bird_vs_plane", "python", knobs)
assert python_run.data_sources["cifar10"] == SOURCE, python_run.data_sources
fit = python_run.fit("bce")
run_x, run_y = fit.arrays  # as Keras trained on them: float32
assert np.array_equal(run_x, x.astype("float32")) and np.array_equal(run_y, y)  # shown above
print(f"{fit.label}: {fit.param_count} parameters, output activation {fit.output_activation}, "
      f"{fit.epochs} epochs in {fit.seconds:.1f} s on {python_run.data_sources['cifar10']} data")

# %%
history = python_run.history("bce")
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.2))
left.plot(history["epoch"], history["loss"], marker="o", markersize=3)
left.axhline(np.log(2), color="grey", ls=":", label="log 2: always p = 0.5")
left.set(title=f"binary crossentropy{TAG}", xlabel="epoch", ylabel="training loss")
left.legend(fontsize=8)
right.plot(history["epoch"], history["accuracy"], marker="o", markersize=3, color="tab:green")
right.axhline(0.5, color="grey", ls=":", label="chance")
right.set(title=f"accuracy{TAG}", xlabel="epoch", ylabel="training accuracy", ylim=(0, 1.02))
right.legend(fontsize=8)
fig.tight_layout()
plt.show()
first, last = history.iloc[0], history.iloc[-1]
print(f"loss {first['loss']:.4f} -> {last['loss']:.4f}, accuracy {first['accuracy']:.3f} -> "
      f"{last['accuracy']:.3f} after {len(history)} epochs{TAG}")

# %% [markdown]
# ## The same program in R
#
# `r_examples/cifar_bird_vs_plane.R` is the tutorial's R code (with `drop = FALSE` and
# the class sizes counted rather than hard-coded). It runs through the in-process bridge
# with the same knobs, reading the same data through the same loader. `compare` then puts
# the two runs side by side; `keras_rparity.parity.run_parity("bird_vs_plane", knobs)`
# does both runs and the comparison in one call.

# %%
from keras_rparity.programs.bundled import get_pair

print(get_pair("bird_vs_plane").r.path.read_text())

# %%
from keras_rparity.parity import compare_runs

r_run = run_side("bird_vs_plane", "r", knobs)
assert r_run.data_sources["cifar10"] == SOURCE, r_run.data_sources
report = compare_runs(r_run, python_run, "bird_vs_plane")
report.table()[["loss", "epochs", "max_abs_dloss", "shapes_equal", "params_equal", "data_equal",
                "weights_max_abs_diff", "exact", "findings"]]

# %%
parity = report.fit("binary_crossentropy")
fig, axes = plt.subplots(1, 2, figsize=(9, 3.2))
for ax, metric in zip(axes, ["loss", "accuracy"]):
    rows = parity.losses(metric)
    ax.plot(rows["epoch"], rows["r"], "-", linewidth=3, alpha=0.6, label="R")
    ax.plot(rows["epoch"], rows["python"], "o", color="black", markersize=3, label="Python")
    ax.set(title=f"{metric}{TAG}: max |R - Python| = {parity.per_epoch_max(metric):.3g}",
           xlabel="epoch")
    ax.legend(fontsize=8)
fig.suptitle("bird vs plane: R (lines) and Python (dots)")
fig.tight_layout()
plt.show()

# %%
verdict = "bit for bit" if report.exact else "NOT exactly"
print(f"R and Python agree {verdict}{TAG}: largest loss difference {parity.max_abs_diff:.3g}, "
      f"largest weight difference {parity.weights_max_abs_diff:.3g}; pairing findings "
      f"R {parity.findings['r'] or 'none'}, Python {parity.findings['python'] or 'none'}")
parity.losses()
