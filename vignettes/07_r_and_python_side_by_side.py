# %% [markdown]
# # R and Python side by side
#
# keras-rparity runs each R program of the tutorial **in this Python process**: rpy2 embeds
# R, and R's reticulate binds back to the same interpreter, so R's Keras calls reach the
# very Keras that the Python port uses. Nothing is re-implemented on the R side beyond thin
# wrappers with R semantics (pipes, doubles accepted as integers, 1-based indices).
#
# What makes "equal" mean *equal*:
#
# - the same data: R's `iris` and the embedded copy are compared value by value;
# - the same random streams: the seed is set right before each model is built, on both
#   sides, and TensorFlow's op determinism is on;
# - the same float32 inputs: R doubles become float32 exactly as NumPy's do.

# %%
import os

import matplotlib.pyplot as plt
import numpy as np

from keras_rparity.bridge import get_bridge
from keras_rparity.record import Knobs
from keras_rparity.programs.bundled import run_side
from keras_rparity.parity import compare_runs

QUICK = os.environ.get("KERAS_RPARITY_QUICK") == "1"
EPOCHS = 5 if QUICK else 50
info = get_bridge().info()
print(f"R {info.r_version}, reticulate {info.reticulate_version}, R Keras API: {info.api}, "
      f"same process: {info.same_process}")

# %% [markdown]
# The R program, exactly as it is run:

# %%
from keras_rparity.programs.bundled import get_pair

print(get_pair("iris").r.path.read_text())

# %%
knobs = Knobs(epochs=EPOCHS)
python_run = run_side("iris", "python", knobs)
r_run = run_side("iris", "r", knobs)
report = compare_runs(r_run, python_run, "iris")
report.table()

# %% [markdown]
# Per epoch, the two sides' losses and their difference:

# %%
report.fit("mean_squared_error").losses()

# %%
fig, ax = plt.subplots(figsize=(6, 3.2))
for fit, colour in zip(report.fits, ["#1f77b4", "#2ca02c"]):
    rows = fit.losses()
    ax.plot(rows["epoch"], rows["r"], "-", color=colour, linewidth=3, alpha=0.6,
            label=f"R, {fit.label}")
    ax.plot(rows["epoch"], rows["python"], "o", color="black", markersize=3,
            label=f"Python, {fit.label}")
ax.set(xlabel="epoch", ylabel="loss", title="R (lines) and Python (dots)")
ax.legend(fontsize=7)
plt.show()

# %% [markdown]
# The data R prepared (`iris$Sepal.Length %>% as.matrix()`) against Python's:

# %%
r_x, r_y = r_run.fits[0].arrays
py_x, py_y = python_run.fits[0].arrays
print("x equal:", np.array_equal(r_x, py_x), r_x.shape, r_x.dtype)
print("y equal:", np.array_equal(r_y, py_y), r_y.shape, r_y.dtype)
print("final weights max |diff|:", report.fit("mean_squared_error").weights_max_abs_diff)
