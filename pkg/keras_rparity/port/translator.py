"""The translator of R expressions: its state for one program and the expressions it writes.

:class:`Translator` holds what translating one program learns as it goes (what kind of
value each variable holds, the user's functions and classes, the imports and helpers the
port needs) and turns one :class:`~keras_rparity.port.parse_tree.RNode` into a
:class:`~keras_rparity.port.expressions.Py` (Python text and its precedence): constants,
names, operators, indexing. Calls are handed to the handlers of
:mod:`~keras_rparity.port.base_r`, :mod:`~keras_rparity.port.keras_calls` and
:mod:`~keras_rparity.port.classes`. What cannot be translated raises
:class:`~keras_rparity.port.expressions.Untranslatable` with the reason.

R's semantics kept: 1-based indices become 0-based, negative indices drop, a single
index drops its dimension unless ``drop = FALSE``, logical masks stay masks (flattened,
as R reads a logical matrix used as an index), ``%%`` and ``%/%`` are Python's ``%`` and
``//`` (both take the divisor's sign), ``&``/``|`` are element-wise, ``:`` is inclusive.

>>> from keras_rparity.port.parse_tree import RNode
>>> Translator().expr(RNode("sym", text="x.train")).text
'x_train'
"""

from __future__ import annotations

import keyword
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from keras_rparity.port import base_r, classes, keras_calls
from keras_rparity.port.base_r import index
from keras_rparity.port.classes import call_user_class
from keras_rparity.port.expressions import (
    ADD,
    AND,
    ATOM,
    BIT_AND,
    BIT_OR,
    COMPARE,
    KERAS_ATTRIBUTES,
    LAMBDA,
    MUL,
    NOT,
    OR,
    POWER,
    TERNARY,
    UNARY,
    BlockEmitter,
    Handler,
    Py,
    Untranslatable,
    desugar_pipe,
    number,
    python_name,
    string_literal,
)
from keras_rparity.port.keras_calls import (
    endpoint_call,
    plain_value,
    prefix_handler,
    result_kind,
    shape_text,
)
from keras_rparity.port.parse_tree import Arg, RNode

#: R binary operators: Python operator and its precedence.
BINARY = {
    "+": ("+", ADD), "-": ("-", ADD), "*": ("*", MUL), "/": ("/", MUL), "^": ("**", POWER),
    "%%": ("%", MUL), "%/%": ("//", MUL), "%*%": ("@", MUL),
    "==": ("==", COMPARE), "!=": ("!=", COMPARE), "<": ("<", COMPARE), ">": (">", COMPARE),
    "<=": ("<=", COMPARE), ">=": (">=", COMPARE),
    "&": ("&", BIT_AND), "|": ("|", BIT_OR), "&&": ("and", AND), "||": ("or", OR),
}

#: R's arithmetic operators: scalars make a scalar.
ARITHMETIC = ("+", "-", "*", "/", "^", "%%", "%/%")

#: R's arithmetic operators used as functions (`` `add<-` <- `+` ``): Python's.
OPERATOR_FUNCTIONS = {"+": "add", "-": "sub", "*": "mul", "/": "truediv", "^": "pow",
                      "%%": "mod", "%/%": "floordiv"}

#: R constants.
CONSTANTS = {"TRUE": "True", "T": "True", "FALSE": "False", "F": "False", "NULL": "None",
             "NA": "None", "NA_integer_": "None", "NA_character_": "None",
             "NA_real_": "np.nan", "Inf": "np.inf", "NaN": "np.nan"}

#: R's built-in values with a Python spelling.
BUILTIN_SYMBOLS = {"pi": "np.pi", "letters": "list(string.ascii_lowercase)",
                   "LETTERS": "list(string.ascii_uppercase)"}

#: Variable kinds that make ``$`` an attribute rather than a key.
OBJECT_KINDS = {"keras", "sequential", "tensor", "self"}

#: Variable kinds whose ``$`` is always a key (a function kept in a list included; the
#: items of a list R loops over are lists).
CONTAINER_KINDS = {"dict", "list", "frame", "dataset", "dataset_split", "item"}

#: R's built-in data sets a port reads from a CSV file R writes beside it.
R_DATASETS = ("iris", "mtcars", "airquality", "ToothGrowth", "PlantGrowth", "faithful",
              "cars", "women", "trees", "swiss", "USArrests", "quakes", "warpbreaks")


@dataclass
class Translator:
    """The state of one program's translation and the expression translator."""

    data_from_r: bool = False
    kinds: dict[str, str] = field(default_factory=dict)
    functions: set[str] = field(default_factory=set)
    classes: dict[str, tuple[str, str]] = field(default_factory=dict)
    config_sources: dict[str, str] = field(default_factory=dict)  # config -> its object
    unnamed_arguments: dict[str, int] = field(default_factory=dict)  # f -> most given
    imports: set[str] = field(default_factory=set)
    helpers: dict[str, str] = field(default_factory=dict)
    datasets: dict[str, str] = field(default_factory=dict)   # R data set -> csv file name
    fit_defaults: dict[str, Any] = field(default_factory=lambda: {"epochs": 10})
    handlers: dict[str, Handler] = field(default_factory=dict)
    in_condition: bool = False
    fits_from_r: bool = False   # every fit reads R's arrays (``r_fits``)
    emitter: BlockEmitter | None = None   # the StatementEmitter writing this program

    def __post_init__(self) -> None:
        if not self.handlers:
            self.handlers = {**base_r.HANDLERS, **keras_calls.HANDLERS, **classes.HANDLERS}

    # -- building blocks -------------------------------------------------------------
    def use(self, module: str) -> str:
        """Note that the port imports ``module`` (``np``, ``pd``, ``keras``, ``Path``,
        ``string``); returns it."""
        self.imports.add(module)
        return module

    def kind_of(self, node: RNode | None) -> str | None:
        """What a variable (or expression) holds, when known: ``frame``, ``dict``,
        ``list``, ``dataset``, ``keras``, ``sequential``, ``history``, ``logical``,
        ``scalar``, ``array``."""
        if node is None:
            return None
        if node.kind == "sym":
            if node.value in ("tf", "keras") and python_name(node.value) not in self.kinds:
                return "keras"
            return self.kinds.get(python_name(node.value))
        if node.kind == "paren":
            return self.kind_of(node.right)
        if node.kind == "binary" and node.op in ("==", "!=", "<", ">", "<=", ">=", "&", "|"):
            return "logical"
        if node.kind == "unary" and node.op == "!":
            return "logical"
        if node.kind == "unary" and node.op in ("-", "+"):
            return "scalar" if self.kind_of(node.right) == "scalar" else None
        if node.kind == "binary" and node.op in ARITHMETIC:
            both = self.kind_of(node.left) == self.kind_of(node.right) == "scalar"
            return "scalar" if both else None
        if node.kind == "binary" and node.op == "$":
            if node.left is not None and node.left.kind == "sym" and node.left.value == "self":
                return "keras"  # what a layer or model keeps on itself
            return {"frame": "column", "dataset": "dataset_split", "keras": "keras",
                    "sequential": "keras"}.get(self.kind_of(node.left) or "")
        if node.kind == "binary" and node.op in ("%>%", "|>"):
            return self.kind_of(desugar_pipe(node))
        if node.kind == "index" and node.op == "[[" and self.kind_of(node.left) == "dataset":
            return "dataset_split"
        if node.kind == "index" and node.op == "[[" and self.kind_of(node.left) in (
                "dict", "list"):
            return "item"  # an element of an R list: a list too, unless known otherwise
        if node.kind == "index" and node.op == "[" and self.kind_of(node.left) == "frame" \
                and node.args and (column := node.args[-1].value) is not None \
                and column.kind == "call" and column.call_name == "c":
            return "frame"
        if node.kind in ("num", "int", "str"):
            return "scalar"
        if node.kind == "call" and node.fn is not None and node.fn.kind == "binary" \
                and node.fn.op == "$":  # tf$GradientTape(), self$add_weight(): Keras objects
            keras_like = self.kind_of(node.fn.left) in ("keras", "sequential", "self")
            return "keras" if keras_like else None
        if node.kind == "call":
            return result_kind(self, node)
        return None

    # -- expressions -----------------------------------------------------------------
    def expr(self, node: RNode | None) -> Py:
        """The Python expression for an R expression."""
        if node is None or node.kind == "missing":
            raise Untranslatable("an empty argument")
        method = getattr(self, f"_{node.kind}", None)
        if method is None:
            raise Untranslatable(f"R's `{node.kind}` construct has no Python expression here")
        return method(node)

    def text(self, node: RNode | None) -> str:
        return self.expr(node).text

    def _num(self, node: RNode) -> Py:
        return Py(number(node.value), UNARY if node.value < 0 else ATOM)

    def _int(self, node: RNode) -> Py:
        return Py(str(node.value))

    def _str(self, node: RNode) -> Py:
        return Py(string_literal(node.value))

    def _const(self, node: RNode) -> Py:
        text = CONSTANTS[node.value]
        if text.startswith("np."):
            self.use("np")
        return Py(text)

    def _sym(self, node: RNode) -> Py:
        name = node.value
        if name in BUILTIN_SYMBOLS and python_name(name) not in self.kinds:
            text = BUILTIN_SYMBOLS[name]
            self.use("string" if "string." in text else "np")
            return Py(text)
        if name in R_DATASETS and python_name(name) not in self.kinds:
            self.datasets[name] = f"{name}.csv"
            self.kinds[python_name(name)] = "frame"
            self.use("pd")
            self.use("Path")
        if name in ("tf", "keras") and python_name(name) not in self.kinds:
            return Py(self.use(name))  # keras3's `keras` and tensorflow's `tf` objects
        if python_name(name) in self.classes and python_name(name) not in self.kinds:
            return Py(self.classes[python_name(name)][0])  # layer_x <- Layer("X", ...)
        if name in OPERATOR_FUNCTIONS and python_name(name) not in self.kinds:
            return Py(f"{self.use('operator')}.{OPERATOR_FUNCTIONS[name]}")  # `+` as a value
        if name == "...":
            if "**kwargs" not in self.kinds:
                raise Untranslatable("`...` outside a function that takes `...`")
            return Py("*args, **kwargs" if self.kinds["**kwargs"] == "dots_args"
                      else "**kwargs")
        return Py(python_name(name))

    def _paren(self, node: RNode) -> Py:
        return Py(f"({self.text(node.right)})")

    def _unary(self, node: RNode) -> Py:
        operand = self.expr(node.right)
        if node.op == "-":
            return Py(f"-{operand.wrap(UNARY)}", UNARY)
        if node.op == "+":
            return operand
        if node.op == "!":
            if operand.prec == COMPARE and operand.text.endswith(" is None"):
                return Py(operand.text[:-len(" is None")] + " is not None", COMPARE)
            if self.in_condition:
                return Py(f"not {operand.wrap(NOT)}", NOT)
            return Py(f"{self.use('np')}.logical_not({operand.text})")
        raise Untranslatable(f"the R operator `{node.op}` (formulas) has no Python form")

    def _binary(self, node: RNode) -> Py:
        op = node.op
        if op in ("%>%", "|>"):
            return self.expr(desugar_pipe(node))
        if op in ("<-", "=") and node.left is not None and node.left.kind == "sym":
            # while (!is.null(batch <- iter_next(it))): Python's assignment expression
            name = python_name(node.left.value)
            kind = self.kind_of(node.right)
            text = self.text(node.right)
            self.kinds.pop(name, None)
            if kind is not None:
                self.kinds[name] = kind
            return Py(f"({name} := {text})")
        if op in ("<-", "=", "<<-", "->", "%<-%"):
            raise Untranslatable("an assignment inside an expression")
        if op == "$" or op == "@":
            return self.member(node.left, node.right.value if node.right else "")
        if op in ("::", ":::"):
            return self.expr(node.right)
        if op == ":":
            return self.colon(node.left, node.right)
        if op == "%in%":
            return Py(f"{self.use('np')}.isin({self.text(node.left)}, {self.text(node.right)})")
        if op == "%o%":
            return Py(f"{self.use('np')}.outer({self.text(node.left)}, {self.text(node.right)})")
        if op not in BINARY:
            raise Untranslatable(f"the R operator `{op}` has no Python translation")
        py_op, prec = BINARY[op]
        saved = self.in_condition
        self.in_condition = saved and op in ("&&", "||")
        left, right = self.expr(node.left), self.expr(node.right)
        self.in_condition = saved
        if prec == COMPARE:  # R does not chain comparisons: keep them apart
            return Py(f"{left.wrap(COMPARE + 1)} {py_op} {right.wrap(COMPARE + 1)}", COMPARE)
        if op == "-" and right.text == "1" and left.prec == ADD and left.text.endswith(" + 1"):
            return Py(left.text[:-4], ADD)  # max.col(m) - 1: 0-based again
        if prec == POWER:  # right-associative
            return Py(f"{left.wrap(POWER + 1)} ** {right.wrap(UNARY)}", POWER)
        return Py(f"{left.wrap(prec)} {py_op} {right.wrap(prec + 1)}", prec)

    def colon(self, start: RNode | None, end: RNode | None, as_range: bool = False) -> Py:
        """R's ``a:b`` (inclusive; descending when ``a > b``)."""
        a, b = self.expr(start), self.expr(end)
        if start and end and start.kind in ("num", "int") and end.kind in ("num", "int") \
                and start.value > end.value:
            stop = number(end.value - 1)
            return Py(f"{'range' if as_range else self.use('np') + '.arange'}"
                      f"({a.text}, {stop}, -1)")
        stop = number(end.value + 1) if end and end.kind in ("num", "int") else f"{b.wrap(ADD)} + 1"
        function = "range" if as_range else f"{self.use('np')}.arange"
        return Py(f"{function}({a.text}, {stop})")

    def member(self, obj: RNode | None, name: str, called: bool = False) -> Py:
        """``x$name``: a key of a list/data frame, an attribute of a Keras object (and of
        any value whose ``x$name(...)`` is called, but a list's)."""
        if obj is not None and obj.kind == "sym" and obj.value == "super":
            return Py(f"super().{'__init__' if name == 'initialize' else python_name(name)}")
        if obj is not None and obj.kind == "sym" and obj.value == "private" \
                and "private" not in self.kinds and "self" in self.kinds:
            return Py(f"self._{python_name(name)}")  # keras3's per-object private fields
        kind = self.kind_of(obj)
        base = self.expr(obj)
        if kind == "dataset":
            return Py(f"{base.wrap(ATOM)}[{ {'train': 0, 'test': 1}.get(name, name)!r}]")
        if kind == "dataset_split":
            return Py(f"{base.wrap(ATOM)}[{ {'x': 0, 'y': 1}.get(name, name)!r}]")
        if kind == "history" and name == "metrics":
            return Py(f"{base.wrap(ATOM)}.history")
        if kind == "history" and name == "params":
            return Py(f"{base.wrap(ATOM)}.params")
        if kind in OBJECT_KINDS or (obj is not None and obj.kind == "sym"
                                    and obj.value in ("self", "super")) \
                or (kind is None and (name in KERAS_ATTRIBUTES or name.startswith("_"))) \
                or (called and kind not in CONTAINER_KINDS):
            attribute = name if name.isidentifier() and not keyword.iskeyword(name) \
                else python_name(name)
            return Py(f"{base.wrap(ATOM)}.{attribute}")
        return Py(f"{base.wrap(ATOM)}[{string_literal(name)}]")

    def _call(self, node: RNode) -> Py:
        name = node.call_name
        if name is None:
            if node.fn is not None and node.fn.kind == "binary" and node.fn.op == "$":
                target = self.member(node.fn.left, node.fn.right.value if node.fn.right
                                     else "", called=True)
                return Py(f"{target.wrap(ATOM)}({self.call_arguments(node.args)})")
            function = self.expr(node.fn)
            return Py(f"{function.wrap(ATOM)}({self.call_arguments(node.args)})")
        if python_name(name) in self.functions or python_name(name) in self.kinds:
            if python_name(name) in self.classes:
                return call_user_class(self, node)
            return Py(f"{python_name(name)}({self.call_arguments(node.args)})")
        if name in (*BINARY, ":") and len(node.args) == 2 and not any(a.name for a in node.args):
            return self.expr(RNode("binary", op=name, left=node.args[0].value,  # `+`(a, b)
                                   right=node.args[1].value, text=node.text))
        handler = self.handlers.get(name)
        if handler is None:
            handler = prefix_handler(name)
        if handler is None:
            translated = endpoint_call(self, node)
            if translated is not None:
                return translated
            raise Untranslatable(f"no Python translation for the R function {name}()")
        return handler(self, node)

    def call_arguments(self, args: Sequence[Arg]) -> str:
        """Arguments of a call to a user function: positional, then ``name=value``."""
        parts = []
        for arg in args:
            if arg.value is not None and arg.value.kind == "sym" and arg.value.value == "...":
                parts.append(self.text(arg.value))
            elif arg.name is None:
                parts.append(plain_value(self, arg.value))
            elif arg.name in ("shape", "batch_shape", "input_shape") and arg.value is not None:
                parts.append(f"{arg.name}={shape_text(self, arg.value, True)}")
            else:
                parts.append(f"{python_name(arg.name)}={plain_value(self, arg.value)}")
        return ", ".join(parts)

    def _function(self, node: RNode) -> Py:
        """An anonymous function of one expression: a lambda."""
        body = node.body[0]
        while body.kind == "block" and len(body.body) == 1:
            body = body.body[0]
        if body.kind == "block":
            raise Untranslatable("an anonymous function of several statements (give it a name)")
        params = ", ".join(python_name(p.name or "x") if p.value is None
                           else f"{python_name(p.name or 'x')}={self.text(p.value)}"
                           for p in node.params)
        return Py(f"lambda {params}: {self.text(body)}" if params
                  else f"lambda: {self.text(body)}", LAMBDA)

    def _if(self, node: RNode) -> Py:
        if node.orelse is None:
            raise Untranslatable("an `if` without `else` used as a value")
        saved, self.in_condition = self.in_condition, True
        cond = self.expr(node.cond)
        self.in_condition = saved
        return Py(f"{self.expr(node.then).wrap(TERNARY + 1)} if {cond.wrap(TERNARY + 1)} "
                  f"else {self.expr(node.orelse).wrap(TERNARY)}", TERNARY)

    def _block(self, node: RNode) -> Py:
        if len(node.body) == 1:
            return self.expr(node.body[0])
        raise Untranslatable("a `{ }` block of several statements used as a value")

    def _index(self, node: RNode) -> Py:
        return index(self, node)


