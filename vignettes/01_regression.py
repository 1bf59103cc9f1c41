# %% [markdown]
# # Regression: a linear output unit, with MSE or MAE
#
# The first experiment of the tutorial predicts an iris flower's sepal width from its
# sepal length. The output unit is **linear**: the network's output is a real number, read
# as the centre of a distribution of widths for a given length.
#
# *Which* centre depends on the cost function. Training by maximum likelihood under a
# Gaussian noise model gives the **mean squared error**, and the network learns the
# conditional mean. Under a Laplace noise model the likelihood gives the **mean absolute
# error**, and the network learns the conditional median. The activation (linear) says what
# kind of number comes out; the loss says which summary of the distribution it estimates.

# %%
import os

import matplotlib.pyplot as plt

from keras_rparity.data.iris import sepal_arrays
from keras_rparity.record import Knobs
from keras_rparity.programs.bundled import run_side

QUICK = os.environ.get("KERAS_RPARITY_QUICK") == "1"
EPOCHS = 10 if QUICK else 50  # the tutorial trains 50 epochs
x, y = sepal_arrays()
print(f"{len(x)} flowers; sepal length {x.min():.1f}-{x.max():.1f} cm, "
      f"width {y.min():.1f}-{y.max():.1f} cm")

# %% [markdown]
# The Python port trains one fresh model per loss — Dense(32) then Dense(1), Adam — with
# the seed set right before each model is built.

# %%
run = run_side("iris", "python", Knobs(epochs=EPOCHS))
fig, axes = plt.subplots(1, 2, figsize=(9, 3.2))
for ax, fit in zip(axes, run.fits):
    ax.plot(fit.history["epoch"], fit.history["loss"], marker="o", markersize=3)
    ax.set(title=fit.label, xlabel="epoch", ylabel="training loss")
fig.tight_layout()
plt.show()

# %% [markdown]
# Both losses fall. They are not on the same scale — squared centimetres against
# centimetres — so compare each curve only with itself.

# %%
for fit in run.fits:
    first, last = fit.history["loss"].iloc[[0, -1]]
    print(f"{fit.label:>20}: {first:.3f} -> {last:.3f} after {fit.epochs} epochs, "
          f"{fit.param_count} parameters")

# %% [markdown]
# ## The same program in R
#
# `r_examples/iris_regression.R` is the tutorial's R code. Run through the in-process
# bridge with the same seed, its losses equal the Python port's bit for bit.

# %%
from keras_rparity import parity

report = parity("iris", epochs=EPOCHS)
report.table()[["loss", "epochs", "max_abs_dloss", "shapes_equal", "params_equal", "exact"]]
