"""Conversions between R values (rpy2 objects) and Python values, in one place.

**R -> Python.** Results of R programs mostly come back as Python objects through
the run context (R calls into the same Python), so little needs converting; what
does (status lists, R vectors, data frames) goes through :func:`to_python`, whose
rules are the table :data:`ATOMIC_RULES` plus lists, data frames and NULL. Numbers
are read straight from R's memory as one NumPy array (no per-element Python work);
only character vectors are read element by element.

**NumPy -> R.** :func:`to_r_array` makes an R array from a NumPy array in one pass:
R allocates the vector and NumPy writes the values into R's memory, casting and
reordering (C order to R's column-major order) as it copies. It gives what reticulate
gives for the same array (integers up to 32 bits -> R integers, other numbers ->
doubles, booleans -> logicals, ``dim`` set), without reticulate's intermediate
64-bit copy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from keras_rparity.validation import R_NA_INTEGER


def _atomic_rules() -> dict[type, Callable[[Any], Any]]:
    """R vector type -> how to read it into an array."""
    from rpy2 import rinterface

    return {
        rinterface.BoolSexpVector: _logical_values,
        rinterface.IntSexpVector: _integer_values,
        rinterface.FloatSexpVector: _double_values,
        rinterface.StrSexpVector: _string_values,
    }


#: The conversion table, by R vector type (filled on first use: rpy2 starts R).
ATOMIC_RULES: dict[type, Callable[[Any], Any]] = {}


def to_python(value: Any) -> Any:
    """Convert an rpy2 object to plain Python.

    - NULL -> ``None``; NA -> ``None`` (NaN for doubles)
    - length-one vectors without ``dim`` -> Python scalars
    - other atomic vectors -> NumPy arrays (``dim`` honoured, column-major as in R);
      integer and logical vectors holding NA become ``object`` arrays with ``None``
    - data frames -> pandas DataFrames; named lists -> dicts; unnamed lists -> lists
    - anything else (functions, environments) is returned as is.
    """
    from rpy2 import rinterface

    if value is rinterface.NULL or value is None:
        return None
    if isinstance(value, rinterface.ListSexpVector):
        return _list_to_python(value)
    if not ATOMIC_RULES:
        ATOMIC_RULES.update(_atomic_rules())
    for r_type, read in ATOMIC_RULES.items():
        if isinstance(value, r_type):
            return _atomic_to_python(value, read)
    return value


def _memory(value: Any, dtype: str) -> np.ndarray:
    """The vector's values as a NumPy array viewing R's memory (no copy)."""
    if len(value) == 0:
        return np.zeros(0, dtype=dtype)
    return np.asarray(value.memoryview()).view(dtype)


def _integer_values(value: Any) -> np.ndarray:
    raw = _memory(value, "int32")
    na = raw == R_NA_INTEGER
    if na.any():
        out = raw.astype(object)
        out[na] = None
        return out
    return raw.astype("int64")


def _logical_values(value: Any) -> np.ndarray:
    raw = _memory(value, "int32")
    na = raw == R_NA_INTEGER
    if na.any():
        out = (raw != 0).astype(object)
        out[na] = None
        return out
    return raw != 0


def _double_values(value: Any) -> np.ndarray:
    return _memory(value, "float64").copy()  # NA is a NaN already


def _string_values(value: Any) -> np.ndarray:
    from rpy2 import rinterface

    return np.array([None if v is rinterface.NA_Character else str(v) for v in value],
                    dtype=object)


def _atomic_to_python(value: Any, read: Callable[[Any], np.ndarray]) -> Any:
    array = read(value)
    dim = value.do_slot("dim") if "dim" in list(value.list_attrs()) else None
    if dim is None and array.size == 1:
        item = array[0]
        return item.item() if isinstance(item, np.generic) else item
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


# --- NumPy -> R --------------------------------------------------------------------------

#: NumPy kinds and sizes R holds as integers (as reticulate does); other numbers are doubles.
_R_INTEGER_DTYPES = frozenset(np.dtype(t) for t in ("int8", "uint8", "int16", "uint16", "int32"))


def r_storage(dtype: np.dtype) -> str:
    """The R vector type reticulate uses for a NumPy dtype: ``integer``, ``double`` or
    ``logical``.

    Example:
    >>> r_storage(np.dtype("uint8")), r_storage(np.dtype("int64")), r_storage(np.dtype(bool))
    ('integer', 'double', 'logical')
    """
    dtype = np.dtype(dtype)
    if dtype == np.bool_:
        return "logical"
    if dtype in _R_INTEGER_DTYPES:
        return "integer"
    if dtype.kind in "iuf":
        return "double"
    raise TypeError(f"cannot hand a NumPy {dtype} array to R as numbers; convert it to an "
                    "integer, floating-point or boolean array first")


def to_r_array(array: np.ndarray) -> Any:
    """A new R array with ``array``'s values, shape (as ``dim``) and index order.

    One pass over the data: R allocates the vector, NumPy casts and reorders the values
    straight into R's memory. R's ``x[i, j, ...]`` is then ``array[i-1, j-1, ...]``.

    Example (needs R):
    >>> from rpy2 import robjects
    >>> r_x = to_r_array(np.arange(6, dtype=np.uint8).reshape(2, 3))  # doctest: +SKIP
    >>> list(robjects.r["dim"](r_x)), robjects.r["typeof"](r_x)[0]  # doctest: +SKIP
    ([2, 3], 'integer')
    """
    from rpy2 import rinterface

    array = np.asarray(array)
    storage = r_storage(array.dtype)
    vector = rinterface.baseenv[storage](int(array.size))
    if array.size:
        memory = np.asarray(vector.memoryview())
        copy_column_major(array, memory.view("float64" if storage == "double" else "int32"))
    if array.ndim > 0:
        vector.do_slot_assign("dim", rinterface.IntSexpVector([int(d) for d in array.shape]))
    return vector


def copy_column_major(array: np.ndarray, target: np.ndarray) -> None:
    """Write ``array``'s values into the flat ``target`` in R's (column-major) order,
    casting to ``target``'s dtype; no copy of the whole array on the way.

    R's layout is NumPy's Fortran order. Copying a C-ordered array straight into it
    reads or writes with huge strides; instead each slab of rows is reordered in cache
    (a small copy) and written as contiguous runs.

    Example:
    >>> target = np.empty(6, np.int32)
    >>> copy_column_major(np.arange(6, dtype=np.uint8).reshape(2, 3), target)
    >>> target.tolist()
    [0, 3, 1, 4, 2, 5]
    """
    if array.ndim < 2 or array.size == 0:
        np.copyto(target.reshape(array.shape, order="F"), array, casting="unsafe")
        return
    n = array.shape[0]
    by_column = target.reshape(-1, n)  # row r holds R's column r (trailing axes, reversed)
    trailing_reversed = (0, *range(array.ndim - 1, 0, -1))
    step = 1024
    for start in range(0, n, step):
        rows = array[start:start + step].transpose(trailing_reversed).reshape(
            min(step, n - start), -1)
        np.copyto(by_column[:, start:start + step], rows.T, casting="unsafe")
