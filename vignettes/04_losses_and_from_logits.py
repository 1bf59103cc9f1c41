# %% [markdown]
# # The losses, worked by hand, by Keras in Python and by Keras from R
#
# Every loss in the tutorial is a negative log-likelihood: pick a distribution for the
# output, and the loss is minus the log-probability it gives to the observed label.
# Mean squared error goes with a Gaussian, mean absolute error with a Laplace, binary
# crossentropy with a Bernoulli per output unit, and (sparse) categorical crossentropy with
# a categorical distribution over the classes.
#
# This vignette checks the five losses three independent ways:
#
# - **numpy**: the formula written out, with Keras' conventions (inputs rounded to
#   float32, probabilities clipped to `[1e-7, 1 - 1e-7]` before the log);
# - **keras**: the Keras loss classes called from Python;
# - **r**: the R keras loss objects (`loss_binary_crossentropy()`, ...) called from R
#   through the in-process bridge, on R vectors and matrices.
#
# It then looks at what goes wrong when labels have the wrong shape, and at what
# `from_logits=True` buys: exact losses where probabilities would saturate.

# %%
import os
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import Image, display

from keras_rparity.lab.losses import LOSSES

QUICK = os.environ.get("KERAS_RPARITY_QUICK") == "1"
N_RANDOM = 16 if QUICK else 256  # size of the random inputs in the worked examples
pd.set_option("display.width", 120)
pd.DataFrame([{"loss": s.name, "Keras class": s.keras_class, "labels": s.labels,
               "negative log-likelihood of": s.distribution} for s in LOSSES.values()])

# %% [markdown]
# ## Three sides, one table
#
# `worked_examples` evaluates every loss on a small hand-made example and on seeded random
# inputs. `sides_with_r()` adds R to the two built-in sides (it starts R in this process).

# %%
from keras_rparity.lab.loss_table import worked_examples
from keras_rparity.lab.r_side import sides_with_r

sides = sides_with_r()
print("sides:", list(sides))
examples = worked_examples(sides=sides, n=N_RANDOM)
wide = examples.pivot_table(index=["loss", "inputs"], columns="side", values="value",
                            sort=False)[list(sides)]
wide["|keras - numpy|"] = (wide["keras"] - wide["numpy"]).abs()
wide["|r - keras|"] = (wide["r"] - wide["keras"]).abs()
wide

# %%
r_vs_keras = float(wide["|r - keras|"].max())
keras_vs_numpy = float(wide["|keras - numpy|"].max())
relative = float(((wide["keras"] - wide["numpy"]).abs() / wide["numpy"].abs()).max())
print(f"R against Python Keras, largest difference over {len(wide)} cases: {r_vs_keras!r}")
print(f"Keras against the numpy formula: largest absolute difference {keras_vs_numpy:.2e}, "
      f"largest relative {relative:.2e}")
print("=> R and Python Keras agree exactly" if r_vs_keras == 0.0
      else "=> R and Python Keras DIFFER")
print(f"=> both match the formula to float32 rounding (float32 spacing at 1 is "
      f"{np.finfo(np.float32).eps:.2e})" if keras_vs_numpy < 1e-6
      else "=> Keras and the formula differ by more than float32 rounding")

# %%
fig, ax = plt.subplots(figsize=(8, 3.6))
short = {name: spec.aliases[0].upper() for name, spec in LOSSES.items()}  # MSE, BCE, ...
labels = [f"{short[loss]}\n{inputs.split('(')[0]}" for loss, inputs in wide.index]
positions = np.arange(len(wide))
floor = 1e-12  # exact agreement drawn on the floor of the log scale
ax.scatter(positions, np.maximum(wide["|keras - numpy|"], floor), s=80, marker="s",
           label="|Keras (Python) - numpy|", zorder=2)
ax.scatter(positions, np.maximum((wide["r"] - wide["numpy"]).abs(), floor), s=25, color="black",
           label="|Keras (R) - numpy|", zorder=3)
ax.scatter(positions, np.maximum(wide["|r - keras|"], floor), marker="x", color="tab:red",
           label="|R - Python|", zorder=3)
ax.axhline(np.finfo(np.float32).eps, color="grey", ls=":", label="float32 epsilon")
ax.set_yscale("log")
ax.set_ylim(floor / 3, 1e-5)
ax.set_xticks(positions, labels, fontsize=8)
ax.set(ylabel="absolute difference (exact 0 drawn at 1e-12)",
       title="Each loss computed three ways")
ax.legend(fontsize=7, loc="upper left")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## The hand-made examples
#
# The `seed` rows use tiny inputs whose losses can be checked with pen and paper:
#
# | loss | labels | predictions |
# |---|---|---|
# | binary crossentropy | 1, 0, 1, 1 | 0.9, 0.1, 0.8, 0.6 |
# | mean squared / absolute error | 3, -0.5, 2, 7 | 2.5, 0, 2.1, 7.8 |
# | categorical crossentropy | one-hot rows for classes 2 and 1 | (0.1, 0.2, 0.7), (0.2, 0.6, 0.2) |
# | sparse categorical crossentropy | 2, 1 | the same rows |
#
# Binary crossentropy takes `-log` of the probability given to what happened: 0.9, 0.9,
# 0.8 and 0.6, averaged. The squared errors are 0.25, 0.25, 0.01 and 0.64. Both
# categorical losses pick 0.7 for the first example and 0.6 for the second; the sparse one
# just reads the class index instead of a one-hot row.

# %%
from keras_rparity.lab.loss_table import SEED_VALUES

by_hand = {
    "binary_crossentropy": -np.mean(np.log([0.9, 0.9, 0.8, 0.6])),
    "mean_squared_error": np.mean(np.square([0.5, -0.5, -0.1, -0.8])),
    "mean_absolute_error": np.mean(np.abs([0.5, -0.5, -0.1, -0.8])),
    "categorical_crossentropy": -np.mean(np.log([0.7, 0.6])),
    "sparse_categorical_crossentropy": -np.mean(np.log([0.7, 0.6])),
}
seed = wide.xs("seed", level="inputs")[list(sides)]
seed.insert(0, "by hand (float64)", pd.Series(by_hand))
seed.insert(1, "expected", pd.Series(SEED_VALUES))
seed.round(7)

# %%
for loss in ("binary_crossentropy", "mean_squared_error", "categorical_crossentropy",
             "sparse_categorical_crossentropy"):
    row = seed.loc[loss]
    print(f"{loss:>32}: by hand {row['by hand (float64)']:.5f}, numpy {row['numpy']:.5f}, "
          f"Keras {row['keras']:.5f}, R {row['r']:.5f}")
print(f"(the numpy side reads MSE as {seed.loc['mean_squared_error', 'numpy']:.7f}: 2.1 and 7.8 "
      f"are not exact in float32, and Keras rounds its inputs to float32)")

# %% [markdown]
# ## When labels and predictions do not fit
#
# Each loss expects its labels in one form: shaped like the predictions (MSE, MAE, binary
# crossentropy), one-hot rows (categorical) or one class index per example (sparse).
# Keras itself stops at mismatches with a message about tensor ranks. The package checks
# the inputs first and raises `LossLabelMismatchError`, whose message names the form that
# was expected and the loss that would fit the labels given.

# %%
import keras

from keras_rparity.errors import LossLabelMismatchError
from keras_rparity.lab.losses import keras_loss, resolve_loss

rows3 = [[0.1, 0.2, 0.7], [0.2, 0.6, 0.2]]
mistakes = [
    ("integer codes with categorical_crossentropy", "categorical_crossentropy", [2, 1], rows3),
    ("one-hot rows with sparse_categorical_crossentropy", "sparse_categorical_crossentropy",
     [[0, 0, 1], [0, 1, 0]], rows3),
    ("class codes with binary_crossentropy", "binary_crossentropy", [2, 1], rows3),
    ("3 labels for 4 predictions", "mean_squared_error", [3.0, -0.5, 2.0], [2.5, 0.0, 2.1, 7.8]),
]
for what, loss, y_true, y_pred in mistakes:
    try:
        keras_loss(loss, y_true, y_pred)
    except LossLabelMismatchError as error:
        print(f"--- {what}\nkeras-rparity: {error}")
    if loss != "mean_squared_error":  # what Keras alone says, for comparison
        try:
            getattr(keras.losses, resolve_loss(loss).keras_class)()(
                np.asarray(y_true, "float32"), np.asarray(y_pred, "float32"))
        except Exception as error:  # we only show the message Keras gives
            print(f"Keras alone:   {type(error).__name__}: {str(error).splitlines()[0]}")
    print()

# %% [markdown]
# ## `from_logits`: crossentropy without the clipping
#
# On probabilities, Keras must clip before taking the log, because a float32 softmax or
# sigmoid can round to exactly 0 and `log(0)` is minus infinity. The clip is at `1e-7`, so
# no single prediction, however wrong, can cost more than `-log(1e-7)`. Given the
# **logits** instead (`from_logits=True`), Keras computes `log softmax(z)` as
# `z_i - log(sum_j exp(z_j))` directly, which is exact for any magnitude.
#
# The tables use confidently wrong predictions: logits `[m, 0, -m]` with the middle class
# true (softmax), and the logit `-m` for a positive example (sigmoid). The exact loss is
# computed in float64 alongside.

# %%
from keras_rparity.lab.from_logits import CLIP_CEILING, sigmoid_table, softmax_table

softmax_rows = softmax_table()
sigmoid_rows = sigmoid_table()
print(f"ceiling of crossentropy on clipped probabilities: -log(1e-7) = {CLIP_CEILING:.4f}")
softmax_rows

# %%
sigmoid_rows

# %%
worst = softmax_rows.set_index("magnitude").loc[1000.0]
print(f"logits {worst['logits']}, true class 1: p_true = {worst['p_true']:g} in float32")
print(f"  on probabilities:  {worst['via_probabilities']:.3f}  (stuck at the clip)")
print(f"  from_logits=True:  {worst['via_logits']:.3f}")
print(f"  exact (float64):   {worst['exact']:.3f}")
first_saturated = softmax_rows.loc[softmax_rows["saturated"], "magnitude"].min()
print(f"the probability path is off by more than 0.1% from m = {first_saturated:g} on "
      f"(softmax) and m = "
      f"{sigmoid_rows.loc[sigmoid_rows['saturated'], 'magnitude'].min():g} on (sigmoid)")

# %%
from keras_rparity.lab.plots import plot_from_logits

figure = plot_from_logits(Path(tempfile.mkdtemp(prefix="from-logits-")) / "from_logits.png",
                          softmax=softmax_rows, sigmoid=sigmoid_rows)
display(Image(filename=str(figure)))

# %% [markdown]
# The same from R: R keras' loss objects take `from_logits = TRUE` too. Called through the
# bridge on the same logits and probabilities, R gives the same numbers as the Python
# tables, saturation included.

# %%
from keras_rparity.bridge import get_bridge

bridge = get_bridge()
label = np.array([[0.0, 1.0, 0.0]])
r_rows = []
for row in softmax_rows.itertuples():
    logits = np.array([row.logits])
    probabilities = keras.ops.convert_to_numpy(keras.ops.softmax(logits.astype("float32")))
    r_rows.append({
        "magnitude": row.magnitude,
        "R on probabilities": float(bridge.call("loss_categorical_crossentropy()", label,
                                                probabilities)),
        "Python on probabilities": row.via_probabilities,
        "R from_logits = TRUE": float(bridge.call(
            "loss_categorical_crossentropy(from_logits = TRUE)", label, logits)),
        "Python from_logits=True": row.via_logits,
    })
r_table = pd.DataFrame(r_rows)
same = (r_table["R on probabilities"].equals(r_table["Python on probabilities"])
        and r_table["R from_logits = TRUE"].equals(r_table["Python from_logits=True"]))
print("R equals Python in every row:", same)
r_table

# %% [markdown]
# ## Softmax *and* `from_logits=True`: squashed twice
#
# `from_logits=True` only helps if the model's last layer really outputs logits. Leave a
# softmax on the output and the loss applies a second softmax to values already in
# (0, 1). The pairing checker reports this combination:

# %%
from keras_rparity.pairing import check_pairing, format_findings

double = keras.Sequential([keras.Input((8,)), keras.layers.Dense(10, activation="softmax")])
double.compile(optimizer="adam", loss=keras.losses.CategoricalCrossentropy(from_logits=True))
print(format_findings(check_pairing(double)))

# %% [markdown]
# How bad is it? Even a perfect, fully confident softmax output — probability 1 on the
# true class, 0 elsewhere — is read as logits between 0 and 1, so the loss cannot fall
# below `log(e + 9) - 1` for ten classes. The model is pushed towards a target it can
# never reach. With a linear output the same loss is a good pairing:

# %%
perfect = np.eye(10)[[3]]
floor = keras_loss("categorical_crossentropy", perfect, perfect, from_logits=True)
print(f"softmax output (0, 0, 0, 1, 0, ...) read as logits: loss {floor:.4f} "
      f"(log(e + 9) - 1 = {np.log(np.e + 9) - 1:.4f}); the right pairing reaches "
      f"{keras_loss('categorical_crossentropy', perfect, perfect):.2e}")
linear = keras.Sequential([keras.Input((8,)), keras.layers.Dense(10)])
print("linear output + from_logits=True:",
      format_findings(check_pairing(linear, loss=keras.losses.CategoricalCrossentropy(
          from_logits=True))))
