"""The vocabulary of the R -> Python translation: what its handlers build and share.

:class:`Py` is a Python expression's text and precedence; :func:`python_name`,
:func:`number` and :func:`string_literal` spell R names and constants as Python;
:func:`desugar_pipe` turns pipes into calls; :class:`Untranslatable` carries the reason an
R construct has no translation. :class:`TranslatorProtocol` is what the call handlers of
:mod:`~keras_rparity.port.base_r`, :mod:`~keras_rparity.port.keras_calls` and
:mod:`~keras_rparity.port.classes` use of the
:class:`~keras_rparity.port.translator.Translator` that calls them (:data:`Handler`).
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from keras_rparity.port.parse_tree import Arg, RNode

#: Python precedence levels (higher binds tighter).
LAMBDA, TERNARY, OR, AND, NOT, COMPARE, BIT_OR, BIT_XOR, BIT_AND = 0, 1, 2, 3, 4, 5, 6, 7, 8
ADD, MUL, UNARY, POWER, ATOM = 10, 11, 12, 13, 15

#: Attributes of Keras objects: ``x$output`` on a value of unknown kind is an attribute.
KERAS_ATTRIBUTES = {"output", "input", "outputs", "inputs", "layers", "weights",
                    "trainable_weights", "non_trainable_weights", "trainable_variables",
                    "non_trainable_variables", "built", "stop_training", "metrics_names"}

#: Python names a translated R name must not shadow.
RESERVED = set(keyword.kwlist) | {"np", "pd", "keras", "print", "len", "range", "list",
                                  "dict", "tuple", "int", "float", "str", "type", "id",
                                  "sum", "min", "max", "abs", "round", "input", "Path",
                                  "l", "O", "I", "datetime", "tf"}


def _with_dot(node: RNode | None, lhs: RNode) -> RNode | None:
    """``node`` with each ``.`` (magrittr's placeholder) replaced by ``lhs``; functions
    and formulas keep theirs."""
    if node is None or node.kind in ("function",):
        return node
    if node.kind == "sym":
        return lhs if node.value == "." else node
    changes: dict[str, Any] = {}
    for name in ("fn", "left", "right", "cond", "then", "orelse", "seq"):
        child = getattr(node, name)
        if child is not None:
            changes[name] = _with_dot(child, lhs)
    if node.args:
        changes["args"] = [Arg(a.name, _with_dot(a.value, lhs)) for a in node.args]
    if node.body:
        changes["body"] = [_with_dot(b, lhs) for b in node.body]
    return replace(node, **changes)


class Untranslatable(Exception):
    """An R construct the translator does not handle; the message is the reason."""


@dataclass(frozen=True)
class Py:
    """Python expression text and its precedence (``ATOM`` binds tightest)."""

    text: str
    prec: int = ATOM

    def wrap(self, prec: int) -> str:
        """The text, parenthesized when it binds looser than ``prec``."""
        return f"({self.text})" if self.prec < prec else self.text


def python_name(name: str) -> str:
    """An R name as a valid Python name.

    >>> python_name("x.train"), python_name("class"), python_name("l"), python_name(".x")
    ('x_train', 'class_', 'l_', 'x')
    """
    text = re.sub(r"[^0-9A-Za-z_]", "_", name).lstrip("_") or "x"
    if text[0].isdigit():
        text = f"x{text}"
    return f"{text}_" if text in RESERVED else text


def number(value: float) -> str:
    """An R double as Python text: whole values as integers (Python and NumPy promote
    them exactly where R would compute in doubles), others in the shortest repr.

    >>> number(32.0), number(0.25), number(1e-07), number(1e20)
    ('32', '0.25', '1e-07', '1e+20')
    """
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


class BlockEmitter(Protocol):
    """What writes a block of R statements as Python lines (function and class bodies)."""

    def block(self, nodes: Sequence[RNode], indent: str, returns: bool) -> list[str]: ...


class TranslatorProtocol(Protocol):
    """What handlers use of the translator: the state of one program's translation
    (kinds of variables, user functions and classes, helpers, ``fit`` defaults) and the
    translation of expressions and arguments."""

    kinds: dict[str, str]
    functions: set[str]
    classes: dict[str, tuple[str, str]]
    config_sources: dict[str, str]
    unnamed_arguments: dict[str, int]
    helpers: dict[str, str]
    fit_defaults: dict[str, Any]
    in_condition: bool
    fits_from_r: bool
    emitter: BlockEmitter | None

    def use(self, module: str) -> str: ...

    def kind_of(self, node: RNode | None) -> str | None: ...

    def expr(self, node: RNode | None) -> Py: ...

    def text(self, node: RNode | None) -> str: ...

    def colon(self, start: RNode | None, end: RNode | None, as_range: bool = False) -> Py: ...

    def call_arguments(self, args: Sequence[Arg]) -> str: ...


#: A call handler: the Python expression for one R call.
Handler = Callable[[TranslatorProtocol, RNode], Py]


def string_literal(value: str) -> str:
    """A Python string literal, double-quoted as ruff's default style.

    >>> string_literal('say "hi"'), string_literal("it's")
    ('\\'say "hi"\\'', '"it\\'s"')
    """
    text = repr(value)
    if text.startswith("'") and '"' not in value:
        text = '"' + text[1:-1].replace("\\'", "'") + '"'
    return text


def desugar_pipe(node: RNode) -> RNode:
    """``lhs %>% f(args)`` / ``lhs |> f(args)`` -> ``f(lhs, args)``; ``lhs %>% f`` -> ``f(lhs)``.

    >>> lhs, fn = RNode("sym", text="x"), RNode("sym", text="f")
    >>> call = desugar_pipe(RNode("binary", op="%>%", left=lhs, right=fn))
    >>> call.kind, call.call_name, call.args[0].value.value
    ('call', 'f', 'x')
    """
    right = node.right
    assert right is not None
    common = {"text": node.text, "line1": node.line1, "line2": node.line2}
    if right.kind == "index" and node.op == "%>%" and right.left is not None \
            and right.left.kind == "sym" and right.left.value == ".":  # x %>% .[i, ]
        return replace(right, left=node.left, **common)
    if right.kind == "call":
        dot = [i for i, a in enumerate(right.args)
               if a.value is not None and a.value.kind == "sym" and a.value.value == "."]
        args = list(right.args)
        if node.op == "%>%" and node.left is not None:  # magrittr: every `.` is the lhs
            substituted = [Arg(a.name, _with_dot(a.value, node.left)) for a in args]
            if substituted != args and node.left.kind != "sym" and not dot:
                raise Untranslatable("a `.` inside a piped call's arguments on a computed "
                                     "value (name the value first)")  # evaluated once in R
            args = substituted
        if not (dot and node.op == "%>%"):  # the lhs is the first argument, unless a
            # `.` argument takes it
            args.insert(0, Arg(None, node.left))
        return RNode("call", fn=right.fn, args=args, **common)
    if right.kind in ("sym", "binary"):
        return RNode("call", fn=right, args=[Arg(None, node.left)], **common)
    raise Untranslatable("a pipe into something that is not a function call")
