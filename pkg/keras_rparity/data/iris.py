"""Edgar Anderson's iris data exactly as R's ``datasets::iris`` holds it.

The embedded CSV was written by R itself (``write.csv(iris)``), so rows come in
R's order and values are R's (scikit-learn's copy differs in two rows).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import numpy as np
import pandas as pd


@cache
def _iris() -> pd.DataFrame:
    with resources.files("keras_rparity.data").joinpath("embedded/iris.csv").open() as f:
        return pd.read_csv(f)


def load_iris() -> pd.DataFrame:
    """R's ``iris``: 150 rows, columns ``Sepal.Length`` ... ``Species``.

    Example:
    >>> load_iris().shape
    (150, 5)
    """
    return _iris().copy()


def sepal_arrays() -> tuple[np.ndarray, np.ndarray]:
    """The tutorial's regression data, as R builds it with ``as.matrix()``:
    ``x`` = Sepal.Length and ``y`` = Sepal.Width, each a (150, 1) float64 matrix.

    Example:
    >>> x, y = sepal_arrays()
    >>> x.shape, float(x[0, 0]), float(y[0, 0])
    ((150, 1), 5.1, 3.5)
    """
    iris = _iris()
    x = iris["Sepal.Length"].to_numpy(dtype=np.float64).reshape(-1, 1)
    y = iris["Sepal.Width"].to_numpy(dtype=np.float64).reshape(-1, 1)
    return x, y
