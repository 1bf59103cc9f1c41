"""R -> Python conversion rules, in one registry.

Results of R programs mostly come back as Python objects through the run
context (R calls into the same Python), so little needs converting; what does
(status lists, R vectors, data frames) goes through :func:`to_python`, whose
rules are the table :data:`ATOMIC_RULES` plus lists, data frames and NULL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


def _na_values() -> tuple[Any, ...]:
    from rpy2 import rinterface

    return (rinterface.NA_Logical, rinterface.NA_Integer, rinterface.NA_Real,
            rinterface.NA_Character)


def _atomic_rules() -> dict[type, tuple[str, Callable[[Any], Any]]]:
    """R vector type -> (NumPy dtype, element conversion)."""
    from rpy2 import rinterface

    return {
        rinterface.BoolSexpVector: ("bool", bool),
        rinterface.IntSexpVector: ("int64", int),
        rinterface.FloatSexpVector: ("float64", float),
        rinterface.StrSexpVector: ("object", str),
    }


def to_python(value: Any) -> Any:
    """Convert an rpy2 object to plain Python.

    - NULL -> ``None``; NA -> ``None`` (or NaN inside a double vector)
    - length-one vectors without ``dim`` -> Python scalars
    - other atomic vectors -> NumPy arrays (``dim`` honoured, column-major as in R)
    - data frames -> pandas DataFrames; named lists -> dicts; unnamed lists -> lists
    - anything else (functions, environments) is returned as is.
    """
    from rpy2 import rinterface

    if value is rinterface.NULL or value is None:
        return None
    if isinstance(value, rinterface.ListSexpVector):
        return _list_to_python(value)
    for r_type, (dtype, element) in _atomic_rules().items():
        if isinstance(value, r_type):
            return _atomic_to_python(value, dtype, element)
    return value


def _atomic_to_python(value: Any, dtype: str, element: Callable[[Any], Any]) -> Any:
    na = _na_values()
    items = [None if any(v is n for n in na) else element(v) for v in value]
    dim = value.do_slot("dim") if "dim" in list(value.list_attrs()) else None
    if dim is None and len(items) == 1:
        return items[0]
    if dtype == "float64":
        items = [np.nan if v is None else v for v in items]
    elif any(v is None for v in items):
        dtype = "object"
    array = np.asarray(items, dtype=dtype)
    return array.reshape(tuple(dim), order="F") if dim is not None else array


def _list_to_python(value: Any) -> Any:
    from rpy2 import rinterface

    if "data.frame" in list(getattr(value, "rclass", [])):
        return _data_frame(value)
    items = [to_python(v) for v in value]
    names = value.names
    if names is rinterface.NULL:
        return items
    return dict(zip([str(n) for n in names], items, strict=True))


def _data_frame(value: Any) -> Any:
    import pandas as pd

    columns = {str(name): _column(col) for name, col in zip(value.names, value, strict=True)}
    return pd.DataFrame(columns)


def _column(col: Any) -> Any:
    """A data-frame column: factors become pandas categoricals, vectors arrays."""
    import pandas as pd
    from rpy2 import rinterface

    levels = col.do_slot("levels") if "levels" in list(col.list_attrs()) else None
    converted = to_python(col)
    array = np.atleast_1d(np.asarray(converted))
    if levels is not None and levels is not rinterface.NULL:
        labels = [str(v) for v in levels]
        return pd.Categorical.from_codes(array.astype(int) - 1, categories=labels)
    return array
