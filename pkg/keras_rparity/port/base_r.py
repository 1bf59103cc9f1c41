"""Base R's data preparation as NumPy and pandas, with R's semantics.

The common subset: ``read.csv``/``read.table`` (pandas), ``as.matrix`` (an ``n x 1``
matrix from a vector), ``c()``, ``seq_len``/``seq``/``rep``, ``ifelse``, ``scale()``
(R's column means and ``n - 1`` standard deviations), ``factor`` (R's sorted levels,
codes from 1), ``matrix()``/``array()`` and ``dim<-`` (filled column-major:
``order="F"``), ``cbind``/``rbind``/``abind``, ``apply``/``sapply``/``lapply``,
``nrow``/``ncol``/``dim``/``length``, maths and summaries, ``paste``/``cat``/``print``,
and indexing (:func:`index`: 1-based, negative drops, ``drop``, masks, column names).

>>> from keras_rparity.port.translator import Translator
>>> from keras_rparity.port.parse_tree import Arg, RNode
>>> n = RNode("sym", text="n")
>>> seq_len(Translator(), RNode("call", fn=RNode("sym", text="seq_len"), args=[Arg(None, n)])).text
'np.arange(1, n + 1)'
"""

from __future__ import annotations

from collections.abc import Sequence

from keras_rparity.port.expressions import (
    ADD,
    ATOM,
    COMPARE,
    KERAS_ATTRIBUTES,
    MUL,
    Handler,
    Py,
    TranslatorProtocol,
    Untranslatable,
    number,
    python_name,
    string_literal,
)
from keras_rparity.port.keras_calls import axis_text, match_arguments, shape_text, tuple_text
from keras_rparity.port.parse_tree import Arg, RNode


def _args(node: RNode, formals: Sequence[str]) -> dict[str, RNode]:
    matched, extra, extra_named = match_arguments(node.args, formals)
    if extra or extra_named:
        names = [*extra_named] or ["an unnamed argument"]
        raise Untranslatable(f"{node.call_name}() with {', '.join(names)}")
    return matched


def _np(tr: TranslatorProtocol) -> str:
    return tr.use("np")


def numpy_function(name: str, formals: Sequence[str] = ("x",), axis: str | None = None
                   ) -> Handler:
    """``f(x)`` -> ``np.name(x)`` (an R axis argument made 0-based)."""

    def handler(tr: TranslatorProtocol, node: RNode) -> Py:
        matched = _args(node, formals)
        parts = [tr.text(matched[f]) for f in formals if f in matched and f != axis]
        if axis and axis in matched:
            parts.append(f"axis={axis_text(tr, matched[axis])}")
        return Py(f"{_np(tr)}.{name}({', '.join(parts)})")

    return handler


def summary(name: str) -> Handler:
    """``sum(x)``, ``mean(x)``, ``max(a, b)``: NumPy reductions (``na.rm`` refused)."""

    def handler(tr: TranslatorProtocol, node: RNode) -> Py:
        values = [a.value for a in node.args if a.name is None and a.value is not None]
        if any(a.name for a in node.args):
            raise Untranslatable(f"{node.call_name}() with named arguments (na.rm, ...)")
        if len(values) == 1:
            return Py(f"{_np(tr)}.{name}({tr.text(values[0])})")
        return Py(f"{_np(tr)}.{name}([{', '.join(tr.text(v) for v in values)}])")

    return handler


def c(tr: TranslatorProtocol, node: RNode) -> Py:
    """``c(...)``: numbers as a float64 array (R's doubles), integers as int32, strings
    and logicals as lists; vectors concatenated; named elements as a dict."""
    values = [a.value for a in node.args if a.value is not None]
    if any(a.name for a in node.args):
        return list_(tr, node)
    if not values:
        return Py("None")
    if all(v.kind == "num" or (v.kind == "unary" and v.right and v.right.kind == "num")
           for v in values):
        items = [_double(tr, v) for v in values]
        return Py(f"{_np(tr)}.array([{', '.join(items)}])")
    if all(v.kind == "int" for v in values):
        return Py(f"{_np(tr)}.array([{', '.join(tr.text(v) for v in values)}], "
                  'dtype="int32")')
    if all(v.kind in ("str", "const") for v in values):
        return Py(f"[{', '.join(tr.text(v) for v in values)}]")
    if len(values) == 1:
        return tr.expr(values[0])
    return Py(f"{_np(tr)}.concatenate([{', '.join(_vector(tr, v) for v in values)}])")


def _double(tr: TranslatorProtocol, value: RNode) -> str:
    if value.kind == "num":
        return repr(float(value.value)) if value.value == int(value.value) \
            else number(value.value)
    return f"-{_double(tr, value.right)}" if value.right else tr.text(value)


def _vector(tr: TranslatorProtocol, value: RNode) -> str:
    """A value as a 1-d array for concatenation (R vectors have no dimensions)."""
    if value.kind in ("num", "int", "str", "const") or tr.kind_of(value) == "scalar":
        return f"[{tr.text(value)}]"
    if (value.kind == "call" and value.call_name in ("seq_len", "rep", "c", "seq")) \
            or (value.kind == "binary" and value.op == ":") or tr.kind_of(value) == "vector":
        return tr.text(value)
    return f"{_np(tr)}.ravel({tr.text(value)}, order=\"F\")"


def list_(tr: TranslatorProtocol, node: RNode) -> Py:
    """``list(a = 1, b = 2)`` -> a dict; ``list(1, 2)`` -> a list."""
    if any(a.name for a in node.args):
        if not all(a.name for a in node.args):
            raise Untranslatable("a list with named and unnamed elements")
        return Py("{" + ", ".join(f"{string_literal(a.name or '')}: {tr.text(a.value)}"
                                  for a in node.args) + "}")
    if not node.args:
        return Py("{}")  # R fills an empty list by name or position: a dict serves both
    return Py(f"[{', '.join(tr.text(a.value) for a in node.args)}]")


def seq_len(tr: TranslatorProtocol, node: RNode) -> Py:
    value = _args(node, ("length.out",))["length.out"]
    stop = number(value.value + 1) if value.kind in ("num", "int") \
        else f"{tr.expr(value).wrap(ADD)} + 1"
    return Py(f"{_np(tr)}.arange(1, {stop})")


def seq_along(tr: TranslatorProtocol, node: RNode) -> Py:
    value = _args(node, ("along.with",))["along.with"]
    return Py(f"{_np(tr)}.arange(1, len({tr.text(value)}) + 1)")


def seq(tr: TranslatorProtocol, node: RNode) -> Py:
    """``seq(from, to, by)`` (inclusive), ``seq(from, to, length.out = n)``."""
    m = _args(node, ("from", "to", "by", "length.out", "along.with"))
    if "length.out" in m:
        return Py(f"{_np(tr)}.linspace({tr.text(m.get('from'))}, {tr.text(m.get('to'))}, "
                  f"{tr.text(m['length.out'])})")
    if "to" not in m:
        return seq_len(tr, RNode("call", args=[Arg(None, m["from"])]))
    if "by" not in m:
        return tr.colon(m["from"], m["to"])
    start, stop, by = (tr.expr(m[k]) for k in ("from", "to", "by"))
    # R stops at the last value not beyond `to`; a half step past it includes `to`
    return Py(f"{_np(tr)}.arange({start.text}, {stop.wrap(ADD)} + {by.wrap(MUL)} / 2, "
              f"{by.text})")


def rep(tr: TranslatorProtocol, node: RNode) -> Py:
    """``rep(x, times)`` (whole vector repeated), ``rep(x, each = n)``."""
    m = _args(node, ("x", "times", "length.out", "each"))
    x = m["x"]
    values = _vector(tr, x) if x.kind not in ("num", "int", "str") else None
    if x.kind in ("num", "int") and "each" not in m and "times" in m:
        fill = repr(float(x.value)) if x.kind == "num" else str(x.value)
        return Py(f"{_np(tr)}.full({tr.text(m['times'])}, {fill})")
    base = values or f"[{_double(tr, x) if x.kind == 'num' else tr.text(x)}]"
    if "each" in m:
        base = f"{_np(tr)}.repeat({base}, {tr.text(m['each'])})"
    if "times" in m:
        base = f"{_np(tr)}.tile({base}, {tr.text(m['times'])})"
    if "length.out" in m:
        base = f"{_np(tr)}.resize({base}, {tr.text(m['length.out'])})"
    return Py(base)


def as_matrix(tr: TranslatorProtocol, node: RNode) -> Py:
    """``as.matrix(x)``: a data frame's values; a vector as one column."""
    x = _args(node, ("x",))["x"]
    text = tr.expr(x)
    if tr.kind_of(x) == "frame":
        return Py(f"{text.wrap(ATOM)}.to_numpy()")
    if tr.kind_of(x) == "column":
        return Py(f"{text.wrap(ATOM)}.to_numpy().reshape(-1, 1)")
    return Py(f"{_np(tr)}.asarray({text.text}).reshape(len({text.text}), -1)")


def as_type(dtype: str) -> Handler:
    def handler(tr: TranslatorProtocol, node: RNode) -> Py:
        x = node.args[0].value
        if x is not None and x.kind == "call" and x.call_name == "factor" and dtype == "int32":
            return factor_codes(tr, x)
        if tr.kind_of(x) == "scalar" or (x is not None and x.kind in ("num", "int", "str")):
            caster = {"float64": "float", "int32": "int", "str": "str"}[dtype]
            return Py(f"{caster}({tr.text(x)})")
        return Py(f"{_np(tr)}.asarray({tr.text(x)}, dtype=\"{dtype}\")")

    return handler


def factor_codes(tr: TranslatorProtocol, factor: RNode) -> Py:
    """``as.integer(factor(x))``: codes from 1 in the order of R's sorted levels
    (text in R's ICU collation order for ASCII words)."""
    m = _args(factor, ("x", "levels"))
    x = tr.text(m["x"])
    if "levels" in m:
        return Py(f"{_np(tr)}.searchsorted({tr.text(m['levels'])}, {x}) + 1", ADD)
    tr.helpers["r_factor_codes"] = R_FACTOR_CODES
    return Py(f"r_factor_codes({x})")


#: R's factor levels: unique values sorted; text as R's ICU collation orders ASCII words
#: (case-insensitively first, lower case before upper case on a tie).
R_FACTOR_CODES = '''def r_factor_codes(values):
    """as.integer(factor(values)): codes from 1 in the order of R's sorted levels."""
    values = np.ravel(np.asarray(values)).tolist()
    key = None
    if any(isinstance(v, str) for v in values):
        def key(text):
            return text.casefold(), text.swapcase()
    codes = {level: i + 1 for i, level in enumerate(sorted(set(values), key=key))}
    return np.array([codes[v] for v in values], dtype="int32")'''


def all_equal(tr: TranslatorProtocol, node: RNode) -> Py:
    """``all.equal(target, current)`` of numbers -> ``r_all_equal(...)``: True or False
    (R's message of the difference is not kept), so ``stopifnot()`` and ``isTRUE()``
    read it as R does."""
    m = _args(node, ("target", "current", "tolerance"))
    parts = [tr.text(m["target"]), tr.text(m["current"])]
    if "tolerance" in m:
        parts.append(f"tolerance={tr.text(m['tolerance'])}")
    tr.helpers["r_all_equal"] = R_ALL_EQUAL
    _np(tr)
    return Py(f"r_all_equal({', '.join(parts)})")


#: R's all.equal.numeric: NAs in the same places, then the mean absolute difference,
#: relative to the mean absolute target unless that is within the tolerance.
R_ALL_EQUAL = '''def r_all_equal(target, current, tolerance=1.5e-8):
    """R's all.equal() of numbers: same shape and NAs, mean relative difference in tolerance."""
    target = np.asarray(target, dtype=np.float64)
    current = np.asarray(current, dtype=np.float64)
    if target.shape != current.shape:
        return False
    missing = np.isnan(target)
    if not np.array_equal(missing, np.isnan(current)):
        return False
    target, current = target[~missing], current[~missing]
    if target.size == 0:
        return True
    difference = np.mean(np.abs(target - current))
    size = np.mean(np.abs(target))
    if np.isfinite(size) and size > tolerance:
        difference = difference / size
    return bool(difference <= tolerance)'''


def factor(tr: TranslatorProtocol, node: RNode) -> Py:
    m = _args(node, ("x", "levels", "labels"))
    if "labels" in m:
        raise Untranslatable("factor() with labels")
    categories = f", categories={tr.text(m['levels'])}" if "levels" in m else ""
    return Py(f"{tr.use('pd')}.Categorical({tr.text(m['x'])}{categories})")


def ifelse(tr: TranslatorProtocol, node: RNode) -> Py:
    m = _args(node, ("test", "yes", "no"))
    return Py(f"{_np(tr)}.where({tr.text(m['test'])}, {tr.text(m['yes'])}, {tr.text(m['no'])})")


def scale(tr: TranslatorProtocol, node: RNode) -> Py:
    """``scale(x)``: centred by column means, divided by the ``n - 1`` standard
    deviations, each summed in extended precision in order, as R does."""
    m = _args(node, ("x", "center", "scale"))
    for flag in ("center", "scale"):
        if flag in m and not (m[flag].kind == "const" and m[flag].value in ("TRUE", "T")):
            raise Untranslatable(f"scale() with {flag} = {m[flag].text}")
    tr.helpers["r_scale"] = R_SCALE
    return Py(f"r_scale({tr.text(m['x'])})")


#: R's scale(): colMeans sums each column in long double; the sd of the centred column
#: is sqrt(sum(x^2) / (n - 1)) with the sum in long double.
R_SCALE = '''def r_scale(x):
    """R's scale(): column means and n - 1 standard deviations, summed as R sums."""
    x = np.asarray(x, dtype=np.float64)
    x = x.reshape(len(x), -1)
    n = x.shape[0]
    means = (np.cumsum(x, axis=0, dtype=np.longdouble)[-1] / n).astype(np.float64)
    centred = x - means
    squares = np.cumsum(centred * centred, axis=0, dtype=np.longdouble)[-1]
    sds = np.sqrt((squares / max(1, n - 1)).astype(np.float64))
    return centred / sds'''


def matrix(tr: TranslatorProtocol, node: RNode) -> Py:
    """``matrix(data, nrow, ncol, byrow)``: filled by column unless ``byrow = TRUE``."""
    m = _args(node, ("data", "nrow", "ncol", "byrow", "dimnames"))
    if "dimnames" in m:
        raise Untranslatable("matrix() with dimnames")
    data = m.get("data")
    nrow = tr.text(m["nrow"]) if "nrow" in m else "-1"
    ncol = tr.text(m["ncol"]) if "ncol" in m else "-1"
    if data is None or data.kind in ("num", "int", "const"):
        fill = tr.text(data) if data is not None else "np.nan"
        return Py(f"{_np(tr)}.full(({nrow}, {ncol}), {fill})")
    byrow = "byrow" in m and m["byrow"].kind == "const" and m["byrow"].value in ("TRUE", "T")
    order = "" if byrow else ', order="F"'
    return Py(f"{_np(tr)}.reshape({tr.text(data)}, ({nrow}, {ncol}){order})")


def array(tr: TranslatorProtocol, node: RNode) -> Py:
    """``array(data, dim)``: filled column-major, as R fills."""

    m = _args(node, ("data", "dim", "dimnames"))
    if "dimnames" in m:
        raise Untranslatable("array() with dimnames")
    dims = shape_text(tr, m["dim"], True) if "dim" in m else "-1"
    data = m.get("data")
    if data is None or data.kind in ("num", "int", "const"):
        return Py(f"{_np(tr)}.full({dims}, {tr.text(data) if data else 'np.nan'})")
    return Py(f"{_np(tr)}.reshape({tr.text(data)}, {dims}, order=\"F\")")


def dim(tr: TranslatorProtocol, node: RNode) -> Py:
    x = _args(node, ("x",))["x"]
    return Py(f"{tr.expr(x).wrap(ATOM)}.shape")


def nrow(tr: TranslatorProtocol, node: RNode) -> Py:
    return Py(f"{tr.expr(_args(node, ('x',))['x']).wrap(ATOM)}.shape[0]")


def ncol(tr: TranslatorProtocol, node: RNode) -> Py:
    return Py(f"{tr.expr(_args(node, ('x',))['x']).wrap(ATOM)}.shape[1]")


def length(tr: TranslatorProtocol, node: RNode) -> Py:
    x = _args(node, ("x",))["x"]

    listed = x.kind == "binary" and x.op == "$" and x.right is not None \
        and x.right.value in KERAS_ATTRIBUTES  # model$weights, model$layers: lists
    if listed or tr.kind_of(x) in ("dict", "list", "frame", "dataset"):
        return Py(f"len({tr.text(x)})")
    return Py(f"{_np(tr)}.size({tr.text(x)})")


def names(tr: TranslatorProtocol, node: RNode) -> Py:
    x = _args(node, ("x",))["x"]
    if tr.kind_of(x) == "frame":
        return Py(f"list({tr.expr(x).wrap(ATOM)}.columns)")
    return Py(f"list({tr.text(x)})")


def bind(axis: int) -> Handler:
    """``cbind(a, b)`` (vectors as columns), ``rbind(a, b)``."""

    def handler(tr: TranslatorProtocol, node: RNode) -> Py:
        if any(a.name for a in node.args):
            raise Untranslatable(f"{node.call_name}() with named arguments")
        parts = ", ".join(tr.text(a.value) for a in node.args)
        function = "column_stack" if axis == 1 else "vstack"
        return Py(f"{_np(tr)}.{function}([{parts}])")

    return handler


def abind(tr: TranslatorProtocol, node: RNode) -> Py:
    m, _extra, _extra_named = match_arguments(node.args, ("...", "along"))
    values = [a.value for a in node.args if a.name is None and a.value is not None]
    along = m.get("along")
    axis = axis_text(tr, along) if along is not None else "-1"
    return Py(f"{_np(tr)}.concatenate([{', '.join(tr.text(v) for v in values)}], "
              f"axis={axis})")


def apply(tr: TranslatorProtocol, node: RNode) -> Py:
    """``apply(x, 1, f)`` / ``apply(x, 2, f)`` for a matrix."""
    m = _args(node, ("X", "MARGIN", "FUN"))
    margin = m["MARGIN"]
    if margin.kind not in ("num", "int") or margin.value not in (1, 2):
        raise Untranslatable("apply() over a margin other than 1 or 2")
    function = _function_value(tr, m["FUN"])
    axis = 1 if margin.value == 1 else 0
    return Py(f"{_np(tr)}.apply_along_axis({function}, {axis}, {tr.text(m['X'])})")


def _function_value(tr: TranslatorProtocol, value: RNode) -> str:
    """A function passed by name (``mean``, ``"sqrt"``) as its NumPy function."""
    name = value.value if value.kind in ("sym", "str") else None
    if name in NUMPY_FUNCTIONS and python_name(name) not in tr.functions:
        return f"{_np(tr)}.{NUMPY_FUNCTIONS[name]}"
    return tr.text(value)


def sapply(tr: TranslatorProtocol, node: RNode) -> Py:
    """``sapply(x, f)`` / ``vapply(x, f, value)`` -> an array of ``f`` over ``x``;
    ``lapply`` -> a list. An anonymous function of one argument is written inline:
    ``lapply(model$layers, function(l) l$name)`` -> ``[l.name for l in model.layers]``."""
    m = _args(node, ("X", "FUN", "FUN.VALUE") if node.call_name == "vapply" else ("X", "FUN"))
    items = _comprehension(tr, m["X"], m["FUN"])
    strings = "FUN.VALUE" in m and m["FUN.VALUE"].kind == "str"  # vapply(x, f, "")
    if node.call_name == "lapply" or strings:
        return Py(items)
    return Py(f"{_np(tr)}.array({items})")


def _comprehension(tr: TranslatorProtocol, values: RNode, function: RNode) -> str:
    """``[f(item) for item in values]``, with a one-argument ``function(v) expr`` inline."""
    iterable = tr.text(values)
    body = function.body[0] if function.kind == "function" and function.body else None
    while body is not None and body.kind == "block" and len(body.body) == 1:
        body = body.body[0]
    if body is None or body.kind == "block" or len(function.params) != 1 \
            or function.params[0].value is not None or function.params[0].name in (None, "..."):
        return f"[{_call_text(_function_value(tr, function))}(item) for item in {iterable}]"
    var = python_name(function.params[0].name or "x")
    saved = tr.kinds.pop(var, None)
    if tr.kind_of(values) in ("keras", "sequential"):  # model$layers: Keras objects
        tr.kinds[var] = "keras"
    try:
        text = tr.text(body)
    finally:
        tr.kinds.pop(var, None)
        if saved is not None:
            tr.kinds[var] = saved
    return f"[{text} for {var} in {iterable}]"


def do_call(tr: TranslatorProtocol, node: RNode) -> Py:
    """``do.call(f, args)``: a named list's elements by name, a list's by position."""
    m = _args(node, ("what", "args"))
    kind = tr.kind_of(m["args"])
    if kind not in ("dict", "list"):
        raise Untranslatable("do.call() with arguments not known to be a named or plain list")
    function = m["what"]
    if function.kind != "sym" or python_name(function.value) not in (
            *tr.functions, *tr.classes, *tr.kinds):
        raise Untranslatable("do.call() of a function other than the program's own")
    return Py(f"{tr.text(function)}({'**' if kind == 'dict' else '*'}{tr.text(m['args'])})")


def set_names(tr: TranslatorProtocol, node: RNode) -> Py:
    """``setNames(values, names)`` -> ``dict(zip(names, values))`` (a named list)."""
    m = _args(node, ("object", "nm"))
    return Py(f"dict(zip({tr.text(m['nm'])}, {tr.text(m['object'])}, strict=True))")


def _call_text(function: str) -> str:
    return f"({function})" if function.startswith("lambda") else function


def which(tr: TranslatorProtocol, node: RNode) -> Py:
    return Py(f"{_np(tr)}.flatnonzero({tr.text(_args(node, ('x',))['x'])}) + 1", ADD)


def which_max(tr: TranslatorProtocol, node: RNode) -> Py:
    function = "argmax" if node.call_name == "which.max" else "argmin"
    return Py(f"{_np(tr)}.{function}({tr.text(_args(node, ('x',))['x'])}) + 1", ADD)


def max_col(tr: TranslatorProtocol, node: RNode) -> Py:
    """``max.col(m)``: each row's column of the largest value, from 1."""
    m = _args(node, ("m", "ties.method"))
    return Py(f"{_np(tr)}.argmax({tr.text(m['m'])}, axis=1) + 1", ADD)


def transpose(tr: TranslatorProtocol, node: RNode) -> Py:
    return Py(f"{tr.expr(node.args[0].value).wrap(ATOM)}.T")


def log(tr: TranslatorProtocol, node: RNode) -> Py:
    m = _args(node, ("x", "base"))
    if "base" in m:
        return Py(f"{_np(tr)}.log({tr.text(m['x'])}) / {_np(tr)}.log({tr.text(m['base'])})",
                  MUL)
    return Py(f"{_np(tr)}.log({tr.text(m['x'])})")


def round_(tr: TranslatorProtocol, node: RNode) -> Py:
    m = _args(node, ("x", "digits"))
    digits = f", {tr.text(m['digits'])}" if "digits" in m else ""
    return Py(f"{_np(tr)}.round({tr.text(m['x'])}{digits})")


def head(tr: TranslatorProtocol, node: RNode) -> Py:
    m = _args(node, ("x", "n"))
    n = tr.text(m["n"]) if "n" in m else "6"
    function = "head" if node.call_name == "head" else "tail"
    x = tr.expr(m["x"]).wrap(ATOM)
    if tr.kind_of(m["x"]) == "frame":
        return Py(f"{x}.{function}({n})")
    if n == "1":  # R's one element is its scalar (tail(input_shape, 1): the last size)
        return Py(f"{x}[0]" if function == "head" else f"{x}[-1]")
    return Py(f"{x}[:{n}]" if function == "head" else f"{x}[-{n}:]")


def read_csv(tr: TranslatorProtocol, node: RNode) -> Py:
    """``read.csv(file)`` -> ``pd.read_csv(file)`` (R 4's strings stay strings)."""
    m = _args(node, ("file", "header", "sep", "quote", "dec", "fill", "comment.char",
                     "stringsAsFactors", "na.strings"))
    parts = [tr.text(m["file"])]
    if "header" in m and m["header"].kind == "const" and m["header"].value in ("FALSE", "F"):
        parts.append("header=None")
    if "sep" in m:
        parts.append(f"sep={tr.text(m['sep'])}")
    if "na.strings" in m:
        parts.append(f"na_values={tr.text(m['na.strings'])}")
    if "stringsAsFactors" in m and m["stringsAsFactors"].kind == "const" \
            and m["stringsAsFactors"].value in ("TRUE", "T"):
        raise Untranslatable("read.csv() with stringsAsFactors = TRUE")
    return Py(f"{tr.use('pd')}.read_csv({', '.join(parts)})")


def read_table(tr: TranslatorProtocol, node: RNode) -> Py:
    """``read.table(file, header = FALSE, sep = "")``: whitespace-separated by default."""
    m = _args(node, ("file", "header", "sep", "stringsAsFactors"))
    header = "header" in m and m["header"].kind == "const" and m["header"].value in ("TRUE", "T")
    sep = tr.text(m["sep"]) if "sep" in m and not (m["sep"].kind == "str"
                                                   and m["sep"].value == "") else 'r"\\s+"'
    return Py(f"{tr.use('pd')}.read_csv({tr.text(m['file'])}, sep={sep}"
              f"{'' if header else ', header=None'})")


def data_frame(tr: TranslatorProtocol, node: RNode) -> Py:
    if not all(a.name for a in node.args):
        raise Untranslatable("data.frame() with unnamed columns")
    return Py(f"{tr.use('pd')}.DataFrame({list_(tr, node).text})")


def paste(tr: TranslatorProtocol, node: RNode) -> Py:
    """``paste(...)``/``paste0(...)`` of scalars -> an f-string."""
    separator = "" if node.call_name == "paste0" else " "
    pieces = []
    for arg in node.args:
        if arg.name == "sep" and arg.value is not None and arg.value.kind == "str":
            separator = arg.value.value
            continue
        if arg.name:
            raise Untranslatable(f"{node.call_name}() with {arg.name} =")
        pieces.append(arg.value)
    return Py(_fstring(tr, pieces, separator))


def _fstring(tr: TranslatorProtocol, pieces: Sequence[RNode | None], separator: str) -> str:
    parts = []
    for piece in pieces:
        if piece is None:
            continue
        if piece.kind == "str":
            parts.append(piece.value.replace("{", "{{").replace("}", "}}"))
        else:
            parts.append("{" + tr.text(piece) + "}")
    body = separator.join(parts)
    if "{" not in body.replace("{{", ""):
        return string_literal(body.replace("{{", "{").replace("}}", "}"))
    quote = "'" if '"' in body else '"'
    return f"f{quote}{body.replace(chr(10), chr(92) + 'n')}{quote}"


def sprintf(tr: TranslatorProtocol, node: RNode) -> Py:
    """``sprintf("%.2f and %d", a, b)`` -> ``f"{a:.2f} and {int(b)}"``."""
    import re

    m, extra, _ = match_arguments(node.args, ("fmt", "..."))
    fmt = m["fmt"]
    if fmt.kind != "str":
        raise Untranslatable("sprintf() with a format that is not a constant")
    values = iter(extra)
    pieces: list[str] = []

    def field(match: re.Match[str]) -> str:
        spec, conversion = match.group(1), match.group(2)
        if conversion == "%":
            return "%"
        value = next(values, None)
        if value is None:
            raise Untranslatable("sprintf() with fewer values than its format asks for")
        text = tr.text(value.right if value.kind == "paren" else value)
        if conversion in "di":
            text, conversion = f"int({text})", "d"
        pieces.append(text)
        suffix = "" if conversion == "s" and not spec else f":{spec}{conversion}"
        return "\0" + str(len(pieces) - 1) + suffix + "\1"

    body = re.sub(r"%([-+ 0#]*\d*(?:\.\d+)?)([sdifeEgG%])", field, fmt.value)
    if not pieces:
        return Py(string_literal(body))
    quote = "'" if any('"' in piece for piece in pieces) else '"'
    literal = repr(body.replace(quote, "\2"))[1:-1].replace("\\x02", "\\" + quote)
    literal = literal.replace("{", "{{").replace("}", "}}")
    literal = literal.replace("\\x00", "{").replace("\\x01", "}")
    for i, piece in enumerate(pieces):
        literal = literal.replace("{" + str(i) + ":", "{" + piece + ":", 1).replace(
            "{" + str(i) + "}", "{" + piece + "}", 1)
    return Py(f"f{quote}{literal}{quote}")


def print_(tr: TranslatorProtocol, node: RNode) -> Py:
    return Py(f"print({tr.text(node.args[0].value)})")


def cat(tr: TranslatorProtocol, node: RNode) -> Py:
    """``cat(a, b, "\\n")`` -> ``print(a, b)`` (``cat`` prints its arguments with spaces)."""
    pieces = [a.value for a in node.args if a.name is None and a.value is not None]
    if any(a.name and a.name not in ("sep",) for a in node.args):
        raise Untranslatable("cat() with file/fill/append")
    end = '""'
    if pieces and pieces[-1].kind == "str" and pieces[-1].value.endswith("\n"):
        last = pieces[-1].value[:-1]
        pieces = pieces[:-1] + ([RNode("str", value=last)] if last else [])
        end = ""
    args = ", ".join(tr.text(p) for p in pieces)
    return Py(f"print({args}{', end=' + end if end else ''})")


def stop(tr: TranslatorProtocol, node: RNode) -> Py:
    raise Untranslatable("stop() is translated as a statement (raise ValueError)")


def stop_message(tr: TranslatorProtocol, node: RNode) -> str:
    """The ``ValueError`` ``stop(...)`` raises: its pieces pasted together."""
    return f"ValueError({_fstring(tr, [a.value for a in node.args if not a.name], '')})"


def identity(tr: TranslatorProtocol, node: RNode) -> Py:
    return tr.expr(node.args[0].value) if node.args else Py("None")


def is_null(tr: TranslatorProtocol, node: RNode) -> Py:
    return Py(f"{tr.expr(node.args[0].value).wrap(COMPARE + 1)} is None", COMPARE)


def set_seed(tr: TranslatorProtocol, node: RNode) -> Py:
    return Py(f"{_np(tr)}.random.seed({tr.text(node.args[0].value)})")


def random_draw(tr: TranslatorProtocol, node: RNode) -> Py:
    raise Untranslatable(f"{node.call_name}() draws from R's random number generator, "
                         "which NumPy cannot reproduce")


def unique(tr: TranslatorProtocol, node: RNode) -> Py:
    """``unique(x)``: first-appearance order, as R keeps it."""
    x = tr.text(_args(node, ("x",))["x"])
    return Py(f"{tr.use('pd')}.unique({_np(tr)}.ravel({x}))")


def t_sort(tr: TranslatorProtocol, node: RNode) -> Py:
    m = _args(node, ("x", "decreasing"))
    text = f"{_np(tr)}.sort({tr.text(m['x'])})"
    if "decreasing" in m and m["decreasing"].kind == "const" and m["decreasing"].value == "TRUE":
        text += "[::-1]"
    return Py(text)


def levels(tr: TranslatorProtocol, node: RNode) -> Py:
    x = _args(node, ("x",))["x"]
    if x.kind == "call" and x.call_name == "factor":
        inner = _args(x, ("x", "levels"))
        if "levels" in inner:
            return tr.expr(inner["levels"])
        return Py(f"list({_np(tr)}.unique({tr.text(inner['x'])}))")
    return Py(f"list({tr.expr(x).wrap(ATOM)}.categories)")


def table(tr: TranslatorProtocol, node: RNode) -> Py:
    x = _args(node, ("x",))["x"]
    return Py(f"{tr.use('pd')}.Series({_np(tr)}.ravel({tr.text(x)})).value_counts().sort_index()")


def invisible(tr: TranslatorProtocol, node: RNode) -> Py:
    return identity(tr, node)


def index(tr: TranslatorProtocol, node: RNode) -> Py:
    """``x[i, j]``, ``x[[k]]``: R's 1-based indexing as Python's."""
    obj = node.left
    base = tr.expr(obj)
    kind = tr.kind_of(obj)
    if node.op == "[[":
        return _element(tr, base, kind, node.args)
    drop = True
    positions = []
    for arg in node.args:
        if arg.name == "drop":
            drop = not (arg.value is not None and arg.value.kind == "const"
                        and arg.value.value in ("FALSE", "F"))
        elif arg.name:
            raise Untranslatable(f"indexing with {arg.name} =")
        else:
            positions.append(arg.value)
    if kind == "frame":
        return _frame_index(tr, base, positions, drop)
    if kind in ("dict", "list") and len(positions) == 1 and positions[0] is not None \
            and positions[0].kind == "str":
        return Py(f"{base.wrap(ATOM)}[{tr.text(positions[0])}]")
    parts: list[str] = []
    deletes: list[tuple[int, str]] = []
    arrays = 0
    for axis, position in enumerate(positions):
        text, is_array = _position(tr, position, drop, len(positions))
        if text.startswith("__drop__"):
            deletes.append((axis, text[len("__drop__"):]))
            text = ":"
        arrays += is_array
        parts.append(text)
    if arrays > 1:
        raise Untranslatable("indexing with vectors in more than one dimension (R takes "
                             "every combination)")
    while len(parts) > 1 and parts[-1] == ":":
        parts.pop()
    text = base.wrap(ATOM)
    if parts != [":"]:
        text = f"{text}[{', '.join(parts)}]"
    for axis, deleted in deletes:
        text = f"{_np(tr)}.delete({text}, {deleted}, axis={axis})"
    return Py(text)


def _element(tr: TranslatorProtocol, base: Py, kind: str | None, args: Sequence[Arg]) -> Py:
    if len(args) != 1 or args[0].value is None:
        raise Untranslatable("[[ ]] with more than one index")
    key = args[0].value
    if kind == "dataset" and key.kind == "str":
        return Py(f"{base.wrap(ATOM)}[{ {'train': 0, 'test': 1}[key.value]}]")
    if key.kind == "str" or tr.kind_of(key) == "name" or kind in ("dict", "frame"):
        return Py(f"{base.wrap(ATOM)}[{tr.text(key)}]")
    return Py(f"{base.wrap(ATOM)}[{_zero_based(tr, key)}]")


def _zero_based(tr: TranslatorProtocol, value: RNode) -> str:
    if value.kind in ("num", "int"):
        return str(int(value.value) - 1)
    return f"{tr.expr(value).wrap(ADD + 1)} - 1"


def _position(tr: TranslatorProtocol, value: RNode | None, drop: bool, dims: int
              ) -> tuple[str, bool]:
    """One position of ``[ ]``: its Python index and whether it is a vector."""
    if value is None or value.kind == "missing":
        return ":", False
    if value.kind in ("num", "int"):
        k = int(value.value)
        if k < 0:
            return f"__drop__{-k - 1}", False
        return (str(k - 1) if drop else f"{k - 1}:{k}"), False
    if value.kind == "unary" and value.op == "-":
        inner = value.right
        assert inner is not None
        if inner.kind == "binary" and inner.op == ":":
            return f"__drop__{_range_list(tr, inner)}", False
        if inner.kind == "call" and inner.call_name == "c":
            return f"__drop__[{', '.join(_zero_based(tr, a.value) for a in inner.args)}]", False
        return f"__drop__{_zero_based(tr, inner)}", False
    if value.kind == "binary" and value.op == ":":
        start, end = value.left, value.right
        assert start is not None and end is not None
        if start.kind in ("num", "int") and end.kind in ("num", "int") \
                and start.value > end.value:
            return f"{_range_list(tr, value)}", True
        first = "" if start.kind in ("num", "int") and start.value == 1 else _zero_based(tr, start)
        stop = number(end.value) if end.kind in ("num", "int") else tr.text(end)
        return f"{first}:{stop}", False
    if value.kind == "str":
        raise Untranslatable("indexing an array by dimension names")
    if value.kind == "call" and value.call_name == "c" and all(
            a.value is not None and a.value.kind in ("num", "int") for a in value.args):
        return f"[{', '.join(_zero_based(tr, a.value) for a in value.args if a.value)}]", True
    if tr.kind_of(value) == "logical":
        text = tr.text(value)
        return (f"{_np(tr)}.ravel({text})" if dims > 1 or value.kind != "sym" else text), True
    if tr.kind_of(value) == "scalar":
        zero = _zero_based(tr, value)
        return (zero if drop else f"{zero}:{tr.text(value)}"), False
    return _zero_based(tr, value), True


def _range_list(tr: TranslatorProtocol, value: RNode) -> str:
    start, end = value.left, value.right
    assert start is not None and end is not None
    return f"{_np(tr)}.arange({_zero_based(tr, start)}, {_zero_based(tr, end)} " \
           f"{'+' if start.value <= end.value else '-'} 1" \
           f"{'' if start.value <= end.value else ', -1'})" \
        if start.kind in ("num", "int") and end.kind in ("num", "int") \
        else f"{_np(tr)}.arange({_zero_based(tr, start)}, {tr.text(end)})"


def _frame_index(tr: TranslatorProtocol, base: Py, positions: Sequence[RNode | None],
                 drop: bool) -> Py:
    """``df[i, j]``: rows by position (``iloc``), columns by name or position."""
    if len(positions) == 1:
        column = positions[0]
        assert column is not None
        if column.kind == "str":
            return Py(f"{base.wrap(ATOM)}[[{tr.text(column)}]]")
        if column.kind == "call" and column.call_name == "c" and all(
                a.value is not None and a.value.kind == "str" for a in column.args):
            return Py(f"{base.wrap(ATOM)}[{tr.text(column)}]")
        text, _ = _position(tr, column, False, 2)
        return Py(f"{base.wrap(ATOM)}.iloc[:, {text}]")
    rows, columns = positions
    frame = base.wrap(ATOM)
    if columns is not None and columns.kind == "str":
        frame = f"{frame}[{tr.text(columns)}]" if drop else f"{frame}[[{tr.text(columns)}]]"
        columns = None
    elif columns is not None and columns.kind == "call" and columns.call_name == "c" and all(
            a.value is not None and a.value.kind == "str" for a in columns.args):
        frame = f"{frame}[{tr.text(columns)}]"
        columns = None
    row_text, _ = _position(tr, rows, True, 2)
    if row_text.startswith("__drop__"):
        frame = f"{frame}.drop({frame}.index[{row_text[8:]}])"
        row_text = ":"
    if row_text not in (":",) and tr.kind_of(rows) == "logical":
        row_text = f"{_np(tr)}.asarray({tr.text(rows)})"
    if columns is None or columns.kind == "missing":
        return Py(frame if row_text == ":" else f"{frame}.iloc[{row_text}]")
    column_text, _ = _position(tr, columns, drop, 2)
    return Py(f"{frame}.iloc[{row_text}, {column_text}]")


#: R functions passed by name, as NumPy functions (``apply(x, 2, mean)``).
NUMPY_FUNCTIONS = {"sum": "sum", "mean": "mean", "max": "max", "min": "min", "prod": "prod",
                   "median": "median", "sqrt": "sqrt", "exp": "exp", "log": "log",
                   "abs": "abs", "floor": "floor", "ceiling": "ceil", "length": "size"}


def sd(tr: TranslatorProtocol, node: RNode) -> Py:
    name = "std" if node.call_name == "sd" else "var"
    return Py(f"{_np(tr)}.{name}({tr.text(_args(node, ('x',))['x'])}, ddof=1)")


def unlink(tr: TranslatorProtocol, node: RNode) -> Py:
    """``unlink(path)`` (``recursive = TRUE``: a folder): remove it if it is there."""
    m = _args(node, ("x", "recursive", "force"))
    recursive = "recursive" in m and m["recursive"].kind == "const" \
        and m["recursive"].value in ("TRUE", "T")
    path = tr.text(m["x"])
    if recursive:
        return Py(f"{tr.use('shutil')}.rmtree({path}, ignore_errors=True)")
    return Py(f"{tr.use('Path')}({path}).unlink(missing_ok=True)")


def file_path(tr: TranslatorProtocol, node: RNode) -> Py:
    parts = ", ".join(tr.text(a.value) for a in node.args if not a.name)
    return Py(f"str({tr.use('Path')}({parts}))")


HANDLERS: dict[str, Handler] = {
    "c": c, "list": list_, "seq_len": seq_len, "seq_along": seq_along, "seq": seq,
    "rep": rep, "as.matrix": as_matrix, "as.numeric": as_type("float64"),
    "as.double": as_type("float64"), "as.integer": as_type("int32"),
    "as.character": as_type("str"), "as.vector": lambda tr, n: Py(
        f"{_np(tr)}.ravel({tr.text(n.args[0].value)}, order=\"F\")"),
    "as.array": lambda tr, n: Py(f"{_np(tr)}.asarray({tr.text(n.args[0].value)})"),
    "factor": factor, "ifelse": ifelse, "scale": scale, "matrix": matrix, "array": array,
    "dim": dim, "nrow": nrow, "ncol": ncol, "NROW": lambda tr, n: Py(
        f"len({tr.text(n.args[0].value)})"), "length": length, "names": names,
    "colnames": names, "cbind": bind(1), "rbind": bind(0), "abind": abind,
    "apply": apply, "sapply": sapply, "lapply": sapply, "vapply": sapply,
    "which": which, "which.max": which_max, "which.min": which_max, "max.col": max_col,
    "t": transpose, "log": log, "round": round_, "head": head, "tail": head,
    "read.csv": read_csv, "read.table": read_table, "data.frame": data_frame,
    "paste": paste, "paste0": paste, "sprintf": sprintf, "print": print_, "cat": cat,
    "message": cat, "stop": stop, "invisible": invisible, "suppressWarnings": identity,
    "suppressMessages": identity, "is.null": is_null, "set.seed": set_seed,
    "runif": random_draw, "rnorm": random_draw, "sample": random_draw, "rbinom": random_draw,
    "unlink": unlink, "file.path": file_path, "setNames": set_names,
    "Sys.time": lambda tr, n: Py(f"{tr.use('datetime')}.now()"), "do.call": do_call,
    "all.equal": all_equal,
    "str": print_, "isTRUE": lambda tr, n: Py(
        f"{tr.expr(n.args[0].value).wrap(COMPARE + 1)} is True", COMPARE),
    "unique": unique, "sort": t_sort, "levels": levels, "table": table,
    "sum": summary("sum"), "mean": summary("mean"), "max": summary("max"),
    "min": summary("min"), "prod": summary("prod"), "median": summary("median"),
    "sd": sd, "var": sd, "abs": numpy_function("abs"), "sqrt": numpy_function("sqrt"),
    "exp": numpy_function("exp"), "log2": numpy_function("log2"),
    "log10": numpy_function("log10"), "log1p": numpy_function("log1p"),
    "floor": numpy_function("floor"), "ceiling": numpy_function("ceil"),
    "cumsum": numpy_function("cumsum"), "tanh": numpy_function("tanh"),
    "rev": lambda tr, n: Py(f"{tr.expr(n.args[0].value).wrap(ATOM)}[::-1]"),
    "is.na": numpy_function("isnan"), "any": summary("any"), "all": summary("all"),
    "nchar": lambda tr, n: Py(f"len({tr.text(n.args[0].value)})"),
    "toupper": lambda tr, n: Py(f"{tr.expr(n.args[0].value).wrap(ATOM)}.upper()"),
    "tolower": lambda tr, n: Py(f"{tr.expr(n.args[0].value).wrap(ATOM)}.lower()"),
    "crossprod": lambda tr, n: Py(f"{tr.expr(n.args[0].value).wrap(ATOM)}.T @ "
                                  f"{tr.expr(n.args[-1].value).wrap(MUL + 1)}", MUL),
    "tuple": lambda tr, n: Py(tuple_text([tr.text(a.value) for a in n.args])),
}
