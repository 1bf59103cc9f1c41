"""The reverse direction: R hosts Python and calls keras-rparity through reticulate.

Then the package's functions should hand R native values. The one gap is
pandas 3 (see ``r/reticulate_pandas.R``): on import under reticulate we
register, in the host R, reticulate's own pandas converters for pandas 3's
class names, through rpy2, which attaches to the R already running.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd

from keras_rparity.host import running_under_reticulate

F = TypeVar("F", bound=Callable[..., Any])



def frame_for_r(df: pd.DataFrame) -> pd.DataFrame:
    """String columns to object dtype, which reticulate turns into R character vectors."""
    strings = {c: object for c in df.columns if pd.api.types.is_string_dtype(df[c].dtype)
               and not isinstance(df[c].dtype, pd.CategoricalDtype)}
    return df.astype(strings) if strings else df


def prepared_for_r(value: Any) -> Any:
    """``value`` with every DataFrame in it (also inside dicts, lists, tuples) passed
    through :func:`frame_for_r`.

    Example:
    >>> out = prepared_for_r({"t": pd.DataFrame({"w": pd.array(["a"], dtype="string")})})
    >>> out["t"]["w"].dtype
    dtype('O')
    """
    if isinstance(value, pd.DataFrame):
        return frame_for_r(value)
    if isinstance(value, dict):
        return {key: prepared_for_r(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(prepared_for_r(item) for item in value)
    return value


def for_r(function: F) -> F:
    """Decorate an R-facing function: under reticulate, the frames it returns have object
    text columns, which every reticulate version (1.46.0's Arrow-string bug included)
    turns into R character vectors. From Python, results are unchanged."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = function(*args, **kwargs)
        return prepared_for_r(result) if running_under_reticulate() else result

    return wrapper  # type: ignore[return-value]


def call_in_host_r(r_file: str, r_code: str, *args: Any) -> None:
    """Source ``r/<r_file>`` into a fresh environment of the host R, then call ``r_code``
    (an R function taking that environment and ``args``): how the package registers its
    converters with the R that hosts it."""
    import rpy2.robjects as robjects

    from keras_rparity.bridge.session import r_dir

    env = robjects.r["new.env"]()
    robjects.r["sys.source"](str(r_dir() / r_file), envir=env)
    robjects.r(r_code)(env, *args)


@functools.cache
def register_pandas_conversion() -> None:
    """Teach the host R's reticulate to convert pandas 3 data frames (idempotent)."""
    call_in_host_r(
        "reticulate_pandas.R",
        "function(env) env$rparity_register_pandas_methods("
        "reticulate::import('keras_rparity.bridge.reticulate_host', convert = FALSE)$frame_for_r)")
