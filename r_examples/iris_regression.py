"""Experiment 1: regression, linear output unit (the Python port of iris_regression.R).

Predict sepal width from sepal length. The output unit is linear, so the
network predicts the mean of a conditional Gaussian (mean squared error) or,
with mean absolute error, its median. Each loss gets a fresh model.

R's ``iris`` comes from ``iris.csv`` beside this file, written by R itself
(``write.csv(iris, row.names = FALSE)``): Python's float() reads each decimal
to the same double R holds.
"""

import csv
from pathlib import Path

import keras
import numpy as np


def build_model():
    return keras.Sequential([keras.layers.Dense(32), keras.layers.Dense(1)])


with open(Path(__file__).with_name("iris.csv"), newline="") as f:
    iris = list(csv.DictReader(f))

x = np.array([[float(row["Sepal.Length"])] for row in iris])
y = np.array([[float(row["Sepal.Width"])] for row in iris])

# Mean squared error: the conditional mean.
model = build_model()
model.compile(optimizer="adam", loss="mean_squared_error")
model.fit(x=x, y=y, epochs=50)

# Mean absolute error: the conditional median.
model = build_model()
model.compile(optimizer="adam", loss="mean_absolute_error")
model.fit(x=x, y=y, epochs=50)
