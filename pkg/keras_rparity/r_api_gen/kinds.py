"""Which conversion each argument gets, declared the way keras3 declares it.

keras3 converts arguments by kind: a table of rules by endpoint pattern (``axis`` is
1-based everywhere, convolution sizes are integer tuples, ...), then every argument
whose Python default is an integer, or whose docstring calls it an int or integer,
becomes an integer. The R side (``r/keras_api/normalize.R``) implements each kind:

- ``count``: a whole number, strictly (``units = 2.5`` is an error);
- ``int``: whole numbers become integers, anything else passes unchanged;
- ``int_tuple``: a scalar becomes an int, a vector a tuple of ints;
- ``nested_int``: padding/cropping specs: integers, nested lists of integers;
- ``shape``: a tuple of ints, ``NA`` for an unknown size;
- ``axis``: 1-based R axis -> 0-based Python axis (negative axes unchanged);
- ``index``: 1-based R indices -> 0-based (negative unchanged);
- ``tensor``: R vectors and arrays become NumPy arrays as model inputs do.

>>> argument_kind("layers", "Conv2D", "filters", None, "")
'count'
>>> argument_kind("ops", "sum", "axis", None, "")
'axis'
>>> argument_kind("callbacks", "EarlyStopping", "patience", 0, "")
'int'
>>> argument_kind("optimizers", "SGD", "momentum", 0.0, "float hyperparameter") is None
True
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from typing import Any

#: (endpoint pattern, argument, kind). Patterns match "module.Name"; first match wins.
RULES: list[tuple[str, str, str]] = [
    ("*", "axis", "axis"), ("*", "axes", "axis"), ("*", "shape", "shape"), ("*", "seed", "int"),
    ("*", "noise_shape", "shape"),
    ("losses.*", "y_true", "tensor"), ("losses.*", "y_pred", "tensor"),
    ("metrics.*", "y_true", "tensor"), ("metrics.*", "y_pred", "tensor"),
    ("layers.ZeroPadding[23]D", "padding", "nested_int"),
    ("layers.Cropping[23]D", "cropping", "nested_int"),
    ("layers.*", "batch_size", "count"), ("layers.*", "units", "count"),
    ("layers.Conv*", "filters", "count"),
    ("layers.*Conv*", "kernel_size", "int_tuple"),
    ("layers.*Conv*", "dilation_rate", "int_tuple"),
    ("layers.*Conv*", "strides", "int_tuple"),
    ("layers.*Pool*", "pool_size", "int_tuple"),
    ("layers.*Pool*", "strides", "int_tuple"),
    ("layers.Input", "batch_shape", "shape"),
    ("layers.Lambda", "output_shape", "shape"),
    ("layers.EinsumDense", "output_shape", "shape"),
    ("layers.Reshape", "target_shape", "shape"),
    ("layers.Permute", "dims", "shape"),
    ("layers.PReLU", "shared_axes", "axis"),
    ("layers.CategoryEncoding", "num_tokens", "count"),
    ("layers.Hashing", "num_bins", "count"), ("layers.Hashing", "salt", "int"),
    ("layers.HashedCrossing", "num_bins", "count"),
    ("layers.MultiHeadAttention", "num_heads", "count"),
    ("layers.MultiHeadAttention", "key_dim", "count"),
    ("layers.MultiHeadAttention", "value_dim", "count"),
    ("layers.TextVectorization", "max_tokens", "count"),
    ("layers.TextVectorization", "output_sequence_length", "count"),
    ("ops.reshape", "newshape", "shape"), ("ops.reshape", "new_shape", "shape"),
    ("ops.diagonal", "axis1", "axis"), ("ops.diagonal", "axis2", "axis"),
    ("ops.one_hot", "num_classes", "count"),
    ("random.randint", "minval", "int"), ("random.randint", "maxval", "int"),
    ("ops.*", "indices", "index"), ("ops.*", "segment_ids", "index"),
    ("ops.*", "start_indices", "index"),
    ("metrics.*IoU", "num_classes", "count"),
    ("metrics.OneHotIoU", "target_class_ids", "int"),
]

_INT_WORD = re.compile(r"\bint(eger)?s?\b", re.IGNORECASE)


def argument_kind(module: str, py_name: str, arg: str, default: Any, doc: str) -> str | None:
    """The conversion kind of argument ``arg`` of ``keras.<module>.<py_name>``, or None.

    ``default`` is the Python default (``inspect.Parameter.empty`` if required), ``doc``
    the argument's docstring description.
    """
    endpoint = f"{module}.{py_name}"
    for pattern, name, kind in RULES:
        if name == arg and fnmatchcase(endpoint, pattern):
            return kind
    if isinstance(default, int) and not isinstance(default, bool):
        return "int"
    if _INT_WORD.search(doc or ""):
        return "int"
    return None


def argument_docs(docstring: str | None) -> dict[str, str]:
    """Argument descriptions from a Google-style docstring's ``Args:`` section.

    >>> argument_docs("Dense.\\n\\nArgs:\\n    units: Positive integer,\\n        more.\\n"
    ...               "    activation: Activation.\\n\\nReturns:\\n    x")["units"]
    'Positive integer, more.'
    """
    docs: dict[str, str] = {}
    in_args, current, indent = False, None, None
    for line in (docstring or "").splitlines():
        stripped = line.strip()
        if re.fullmatch(r"(Args|Arguments):", stripped):
            in_args, current, indent = True, None, None
            continue
        if not in_args:
            continue
        if stripped and not line.startswith(" ") and stripped.endswith(":"):
            in_args = False  # the next section
            continue
        if not stripped:
            continue
        width = len(line) - len(line.lstrip())
        match = re.match(r"\*{0,2}(\w+)(\s*\([^)]*\))?:\s*(.*)", stripped)
        if match and (indent is None or width <= indent):
            indent, current = width, match.group(1)
            docs[current] = match.group(3)
        elif current is not None:
            docs[current] = f"{docs[current]} {stripped}".strip()
    return docs
