# %% [markdown]
# # Ten classes: softmax and (sparse) categorical crossentropy
#
# The third experiment asks which of CIFAR-10's ten object classes an image shows. Each
# image holds exactly one object, so the classes exclude each other, and the label is a
# single draw from a **categorical distribution** over ten outcomes (the one-draw case of
# the multinomial, which Murphy's textbook calls the *Multinoulli*). The network must
# therefore output ten non-negative numbers that add up to one.
#
# - **Output activation: softmax.** It exponentiates the ten raw scores and divides by
#   their sum. That makes a valid distribution, and it also stretches the differences
#   between scores: the largest score ends up with far more than its "fair" share.
# - **Loss: categorical crossentropy**, the negative log-probability of the true class.
#   Softmax can saturate like the sigmoid, when the gaps between scores get large, but
#   taking the log of a softmax leaves `z_true - log(sum_j exp(z_j))`: the true class's own
#   score enters linearly, so that part of the loss never goes flat.
# - **"Sparse"** only concerns the *format of the labels*: `sparse_categorical_crossentropy`
#   takes one integer class code per image (as CIFAR-10 ships them), while
#   `categorical_crossentropy` wants one-hot rows. The value is the same.
#
# The network is the bird/plane convnet with a ten-unit softmax layer on top.

# %%
import os
import tempfile

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
# As in the bird/plane vignette: the real CIFAR-10 when Keras' cache has it; otherwise,
# in quick mode only, a small **synthetic fixture** in CIFAR-10's file format, installed
# in a throw-away Keras home and named as such on every result; a full run without the
# real data stops and says how to import it.

# %%
SOURCE = use_cifar10_or_fixture(allow_fixture=QUICK)

TAG = {"cifar-10": "", "fixture": " (fixture)"}.get(SOURCE, f" ({SOURCE} copy)")
if SOURCE == "cifar-10":
    PER_CLASS, EPOCHS = (100, 5) if QUICK else (None, 50)  # the tutorial: all 50,000, 50 epochs
else:
    PER_CLASS, EPOCHS = None, (12 if QUICK else 50)  # the fixture holds 10 images per class
print(f"data source: {SOURCE}; images per class: {PER_CLASS or 'all'}; epochs: {EPOCHS}")
print(cifar10_status().details)

# %% [markdown]
# ## The labels are integer codes
#
# CIFAR-10's labels come as one integer per image, 0 to 9, in an `(n, 1)` array. That is
# exactly the form the sparse loss reads, so the R program (like the tutorial) feeds them
# in unchanged.

# %%
data = load_cifar10(per_class=PER_CLASS)
x_train, y_train = data.train
print(f"training set{TAG}: x {x_train.shape} {x_train.dtype}, y {y_train.shape} "
      f"{y_train.dtype}; first labels {y_train[:8, 0].tolist()}")
counts = pd.Series(y_train[:, 0]).value_counts().sort_index()
pd.DataFrame({"class": CLASS_NAMES, "images": counts.reindex(range(10), fill_value=0).values})

# %%
fig, axes = plt.subplots(1, 10, figsize=(11, 1.8))
for code, ax in enumerate(axes):
    ax.imshow(x_train[y_train[:, 0] == code][0])
    ax.set_title(f"{code}: {CLASS_NAMES[code]}", fontsize=8)
    ax.set_axis_off()
fig.suptitle(f"One image per class{TAG}", y=1.05)
plt.show()

# %% [markdown]
# ## Winner takes all
#
# Ten made-up raw scores (seeded), and what softmax makes of them. The `linear_share`
# column rescales the scores to sum to one *without* exponentiating, to show the
# relationships the scores had before softmax.

# %%
from keras_rparity.lab.tutorial_figures import softmax_winner_takes_all

wta = softmax_winner_takes_all()
display(wta.round(4))
top, second = wta.sort_values("raw", ascending=False).iloc[:2].itertuples()
print(f"sum of softmax outputs: {wta['softmax'].sum():.6f}")
print(f"unit {top.unit} (raw {top.raw:.2f}) vs unit {second.unit} (raw {second.raw:.2f}): "
      f"{top.linear_share / second.linear_share:.2f} times the share before softmax, "
      f"{top.softmax / second.softmax:.2f} times after (exp of the gap, "
      f"{np.exp(top.raw - second.raw):.2f})")
print(f"the top unit holds {top.linear_share:.1%} of the rescaled scores and "
      f"{top.softmax:.1%} of the softmax probability")

# %%
from keras_rparity.lab.plots import plot_tutorial_figures

figures = {p.stem: p for p in plot_tutorial_figures(tempfile.mkdtemp(prefix="tutorial-figs-"))}
display(Image(filename=str(figures["softmax_winner_takes_all"])))

# %% [markdown]
# The gap between two scores becomes a *ratio* of probabilities, `exp(gap)`. That is what
# "activation functions also change the relationships between values" means here, and it
# is also why softmax saturates: once one score leads by a lot, its probability is stuck
# near 1 and barely responds to the scores.
#
# The log in the loss undoes this. For the logits `[m, 0, -m]` with the *middle* class
# true (a confidently wrong prediction), the exact crossentropy, `log(sum exp z) - z_true`,
# grows in step with `m` instead of levelling off (computed by `softmax_table`, which the
# losses vignette examines in detail):

# %%
from keras_rparity.lab.from_logits import softmax_table

softmax_table(magnitudes=(1, 2, 5, 10, 20))[["magnitude", "logits", "p_true", "exact"]]

# %% [markdown]
# ## Why "sparse"
#
# On the worked example used in the losses vignette — two images, three classes, true
# classes 2 and 1 — the sparse loss on integer codes and the categorical loss on one-hot
# rows give the same value:

# %%
import keras

from keras_rparity.lab.losses import keras_loss

probabilities = [[0.1, 0.2, 0.7], [0.2, 0.6, 0.2]]
codes = [2, 1]
one_hot = keras.utils.to_categorical(codes, 3)
print("sparse_categorical_crossentropy, labels", codes, "->",
      round(keras_loss("sparse_categorical_crossentropy", codes, probabilities), 5))
print("categorical_crossentropy, labels", one_hot.tolist(), "->",
      round(keras_loss("categorical_crossentropy", one_hot, probabilities), 5))

# %% [markdown]
# Mixing them up is a classic mistake: one-hot labels handed to the sparse loss. The
# pairing checker reads the compiled model's output activation, its loss and the labels,
# and says what is wrong, and why, in terms of the likelihood.

# %%
from keras_rparity.lab.tutorial_models import cifar_cnn  # the convnet of the ports
from keras_rparity.pairing import check_pairing, format_findings

model = cifar_cnn(10, "softmax")
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
print("integer labels y_train:")
print(format_findings(check_pairing(model, y=y_train)))
print("\none-hot labels to_categorical(y_train, 10):")
print(format_findings(check_pairing(model, y=keras.utils.to_categorical(y_train, 10))))
print("\nthe same one-hot labels with categorical_crossentropy:")
print(format_findings(check_pairing(model, loss="categorical_crossentropy",
                                    y=keras.utils.to_categorical(y_train, 10))))

# %% [markdown]
# ## Training the Python port
#
# The seed is set right before the model is built; the knobs choose epochs and data size
# without editing the program.

# %%
from keras_rparity.record import Knobs
from keras_rparity.programs.bundled import run_side

knobs = Knobs(epochs=EPOCHS, per_class=PER_CLASS)
python_run = run_side("cifar10", "python", knobs)
assert python_run.data_sources["cifar10"] == SOURCE, python_run.data_sources
fit = python_run.fit("scce")
print(f"{fit.label}: x {fit.x.shape}, y {fit.y.shape} ({fit.y.dtype}); {fit.param_count} "
      f"parameters, output {fit.output_shape} {fit.output_activation}; {fit.epochs} epochs in "
      f"{fit.seconds:.1f} s on {python_run.data_sources['cifar10']} data; pairing findings: "
      f"{fit.finding_codes or 'none'}")

# %%
history = python_run.history("scce")
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.2))
left.plot(history["epoch"], history["loss"], marker="o", markersize=3)
left.axhline(np.log(10), color="grey", ls=":", label="log 10: uniform over 10 classes")
left.set(title=f"sparse categorical crossentropy{TAG}", xlabel="epoch", ylabel="training loss")
left.legend(fontsize=8)
right.plot(history["epoch"], history["accuracy"], marker="o", markersize=3, color="tab:green")
right.axhline(0.1, color="grey", ls=":", label="chance (1 in 10)")
right.set(title=f"accuracy{TAG}", xlabel="epoch", ylabel="training accuracy", ylim=(0, 1.02))
right.legend(fontsize=8)
fig.tight_layout()
plt.show()
first, last = history.iloc[0], history.iloc[-1]
print(f"loss {first['loss']:.4f} -> {last['loss']:.4f} (uniform guessing: {np.log(10):.4f}); "
      f"accuracy {first['accuracy']:.3f} -> {last['accuracy']:.3f} after {len(history)} "
      f"epochs{TAG}")

# %% [markdown]
# ## The same program in R
#
# The R program differs from the bird/plane one in only a few lines: no class selection,
# ten output units, softmax, and the sparse loss.

# %%
import difflib

from keras_rparity.programs.bundled import get_pair

binary = get_pair("bird_vs_plane").r.path
multi = get_pair("cifar10").r.path
print("".join(difflib.unified_diff(binary.read_text().splitlines(keepends=True),
                                   multi.read_text().splitlines(keepends=True),
                                   binary.name, multi.name, n=0)))

# %%
from keras_rparity.parity import compare_runs

r_run = run_side("cifar10", "r", knobs)
assert r_run.data_sources["cifar10"] == SOURCE, r_run.data_sources
report = compare_runs(r_run, python_run, "cifar10")
report.table()[["loss", "epochs", "max_abs_dloss", "shapes_equal", "params_equal", "data_equal",
                "weights_max_abs_diff", "exact", "findings"]]

# %%
parity = report.fit("sparse_categorical_crossentropy")
fig, axes = plt.subplots(1, 2, figsize=(9, 3.2))
for ax, metric in zip(axes, ["loss", "accuracy"]):
    rows = parity.losses(metric)
    ax.plot(rows["epoch"], rows["r"], "-", linewidth=3, alpha=0.6, label="R")
    ax.plot(rows["epoch"], rows["python"], "o", color="black", markersize=3, label="Python")
    ax.set(title=f"{metric}{TAG}: max |R - Python| = {parity.per_epoch_max(metric):.3g}",
           xlabel="epoch")
    ax.legend(fontsize=8)
fig.suptitle("ten classes: R (lines) and Python (dots)")
fig.tight_layout()
plt.show()

# %%
verdict = "bit for bit" if report.exact else "NOT exactly"
print(f"R and Python agree {verdict}{TAG}: labels {parity.y_shape['r']} in R and "
      f"{parity.y_shape['python']} in Python, largest loss difference "
      f"{parity.max_abs_diff:.3g}, largest weight difference {parity.weights_max_abs_diff:.3g}")
parity.losses()

# %% [markdown]
# ## When softmax is the wrong choice
#
# Softmax is right because each image has exactly one class. If an image could show
# several objects at once — a bird *and* a plane — the classes would no longer compete,
# and making them compete is exactly what winner-takes-all does. Each class then gets its
# own sigmoid unit (an independent Bernoulli: is this object present?) and binary
# crossentropy. The checker flags multi-label targets on a softmax model:

# %%
multi_label = np.zeros((3, 10))
multi_label[0, [0, 2]] = 1  # airplane and bird
multi_label[1, 2] = 1
multi_label[2, [3, 5]] = 1  # cat and dog
print(format_findings(check_pairing(model, loss="categorical_crossentropy", y=multi_label)))
sigmoid_model = cifar_cnn(10, "sigmoid")
print("\nten sigmoid units with binary_crossentropy:")
print(format_findings(check_pairing(sigmoid_model, loss="binary_crossentropy", y=multi_label)))
