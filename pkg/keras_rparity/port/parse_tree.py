"""R's own parse tree of a program, read through the bridge and rebuilt in Python.

R parses the program (``parse(keep.source = TRUE)``) and ``utils::getParseData`` lists
every token and expression with its parent; :func:`build_tree` turns those rows into
:class:`RNode` objects: calls, operators, indexing, function definitions, control flow,
constants and symbols, each with its source lines and text. Comments are kept apart,
by line, so the emitter can put them back next to the code they described.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: R code that parses a file and returns its parse data, ordered by position.
PARSE_DATA_R = """function(path) {
  d <- utils::getParseData(parse(path, keep.source = TRUE, encoding = "UTF-8"),
                           includeText = TRUE)
  d <- d[order(d$line1, d$col1, -d$line2, -d$col2), ]
  d[, c("line1", "col1", "line2", "col2", "id", "parent", "token", "terminal", "text")]
}"""

#: Binary operator tokens of R's grammar.
BINARY_TOKENS = {
    "'+'", "'-'", "'*'", "'/'", "'^'", "SPECIAL", "GT", "GE", "LT", "LE", "EQ", "NE",
    "AND", "OR", "AND2", "OR2", "LEFT_ASSIGN", "EQ_ASSIGN", "RIGHT_ASSIGN", "PIPE",
    "'$'", "'@'", "':'", "'~'", "'?'",
}


@dataclass
class RNode:
    """One R expression.

    ``kind`` is one of: ``num``, ``int``, ``str``, ``const`` (TRUE, FALSE, NULL, NA,
    Inf, NaN), ``sym``, ``call`` (``fn``, ``args``), ``binary`` (``op``, ``left``,
    ``right``), ``unary`` (``op``, ``right``), ``index`` (``op`` ``[`` or ``[[``,
    ``left``, ``args``), ``function`` (``params``, ``body``), ``block`` (``body``),
    ``paren`` (``right``), ``if`` (``cond``, ``then``, ``orelse``), ``for`` (``var``,
    ``seq``, ``then``), ``while`` (``cond``, ``then``), ``repeat`` (``then``),
    ``break``, ``next``, ``missing`` (an empty argument, as in ``x[, 1]``).

    Example:
    >>> node = RNode("sym", text="x.train", line1=3, line2=3)
    >>> node.kind, node.value, node.lines
    ('sym', 'x.train', (3, 3))
    """

    kind: str
    text: str = ""
    line1: int = 0
    line2: int = 0
    value: Any = None
    op: str = ""
    fn: RNode | None = None
    args: list[Arg] = field(default_factory=list)
    left: RNode | None = None
    right: RNode | None = None
    params: list[Arg] = field(default_factory=list)
    body: list[RNode] = field(default_factory=list)
    cond: RNode | None = None
    then: RNode | None = None
    orelse: RNode | None = None
    var: str = ""
    seq: RNode | None = None

    def __post_init__(self) -> None:
        if self.value is None and self.kind == "sym":
            self.value = self.text

    @property
    def lines(self) -> tuple[int, int]:
        return self.line1, self.line2

    @property
    def call_name(self) -> str | None:
        """The function's name for a call to a symbol (``pkg::name`` gives ``name``)."""
        if self.kind != "call" or self.fn is None:
            return None
        if self.fn.kind == "sym":
            return self.fn.value
        if self.fn.kind == "binary" and self.fn.op in ("::", ":::") and self.fn.right:
            return self.fn.right.value
        return None


@dataclass
class Arg:
    """An argument of a call (or a formal of a function): an optional name and a value
    (None for a formal without default)."""

    name: str | None
    value: RNode | None


@dataclass
class ParsedProgram:
    """A parsed R program: its top-level expressions, comments by line, source lines."""

    statements: list[RNode]
    comments: dict[int, str]
    lines: list[str]


def parse_r_file(path: str | Path, bridge: Any | None = None) -> ParsedProgram:
    """Parse an R file with R itself (through the bridge) into a :class:`ParsedProgram`.

    Raises:
        FileNotFoundError: no such file.
        keras_rparity.errors.RError: R cannot parse it (the message names the line).
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"R program not found: {path}")
    if bridge is None:
        from keras_rparity.bridge import get_bridge

        bridge = get_bridge()
    frame = bridge.call(PARSE_DATA_R, str(path.resolve()))
    rows = [dict(zip(frame.columns, values, strict=True))
            for values in frame.itertuples(index=False, name=None)]
    statements, comments = build_tree(rows)
    return ParsedProgram(statements, comments, path.read_text(encoding="utf-8").splitlines())


def build_tree(rows: Iterable[Mapping[str, Any]]) -> tuple[list[RNode], dict[int, str]]:
    """Top-level expressions and comments (line -> text) from getParseData rows."""
    rows = [dict(r) for r in rows]
    children: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        children.setdefault(int(row["parent"]), []).append(row)
    for kids in children.values():
        kids.sort(key=lambda r: (r["line1"], r["col1"], -r["line2"], -r["col2"]))
    comments = {int(r["line1"]): str(r["text"]) for r in rows if r["token"] == "COMMENT"}
    top = [r for r in children.get(0, []) if r["token"] not in ("COMMENT", "';'")]
    return [_Builder(children).node(r) for r in top], comments


class _Builder:
    def __init__(self, children: dict[int, list[dict[str, Any]]]) -> None:
        self.children = children

    def kids(self, row: Mapping[str, Any]) -> list[dict[str, Any]]:
        return [r for r in self.children.get(int(row["id"]), []) if r["token"] != "COMMENT"]

    def node(self, row: Mapping[str, Any], **extra: Any) -> RNode:
        base = {"text": str(row["text"]), "line1": int(row["line1"]),
                "line2": int(row["line2"])}
        if row["terminal"]:
            return self.terminal(row, base)
        kids = self.kids(row)
        tokens = [k["token"] for k in kids]
        if len(kids) == 1:
            inner = self.node(kids[0])
            inner.text, inner.line1, inner.line2 = base["text"], base["line1"], base["line2"]
            return inner
        first = tokens[0]
        if first == "'('":
            return RNode("paren", right=self.node(kids[1]), **base)
        if first == "'{'":
            return RNode("block", body=[self.node(k) for k in kids[1:-1]
                                        if k["token"] != "';'"], **base)  # a; b
        if first in ("FUNCTION", "'\\\\'"):
            return RNode("function", params=self.formals(kids[1:-1]),
                         body=[self.node(kids[-1])], **base)
        if first == "IF":
            orelse = self.node(kids[6]) if len(kids) > 6 else None
            return RNode("if", cond=self.node(kids[2]), then=self.node(kids[4]),
                         orelse=orelse, **base)
        if first == "FOR":
            cond = self.kids(kids[1])  # '(' SYMBOL IN expr ')'
            return RNode("for", var=str(cond[1]["text"]), seq=self.node(cond[3]),
                         then=self.node(kids[2]), **base)
        if first == "WHILE":
            return RNode("while", cond=self.node(kids[2]), then=self.node(kids[4]), **base)
        if first == "REPEAT":
            return RNode("repeat", then=self.node(kids[1]), **base)
        if first == "SYMBOL_PACKAGE":
            return RNode("binary", op=str(kids[1]["text"]),
                         left=RNode("sym", text=str(kids[0]["text"])),
                         right=self.node(kids[2]), **base)
        if len(kids) == 2:
            return RNode("unary", op=str(kids[0]["text"]), right=self.node(kids[1]), **base)
        second = tokens[1]
        if second == "'('":
            args = [a for a in self.arguments(kids[2:-1])  # f(a, ) as R reads it: f(a)
                    if a.name or a.value is None or a.value.kind != "missing"]
            return RNode("call", fn=self.node(kids[0]), args=args, **base)
        if second in ("'['", "LBB"):
            close = 2 if second == "LBB" else 1
            return RNode("index", op="[[" if second == "LBB" else "[", left=self.node(kids[0]),
                         args=self.arguments(kids[2:-close]), **base)
        if second in BINARY_TOKENS or len(kids) == 3:
            return RNode("binary", op=str(kids[1]["text"]), left=self.node(kids[0]),
                         right=self.node(kids[2]), **base)
        raise ValueError(f"line {base['line1']}: unknown R syntax: {base['text']}")

    def terminal(self, row: Mapping[str, Any], base: dict[str, Any]) -> RNode:
        token, text = row["token"], str(row["text"])
        if token == "NUM_CONST":
            if text in ("TRUE", "FALSE", "NA", "Inf", "NaN", "NA_integer_", "NA_real_",
                        "NA_character_", "T", "F"):
                return RNode("const", value=text, **base)
            if text.endswith("L"):
                return RNode("int", value=int(float(text[:-1])), **base)
            return RNode("num", value=float(text) if not text.startswith("0x")
                         else float(int(text, 16)), **base)
        if token == "STR_CONST":
            return RNode("str", value=_r_string(text), **base)
        if token == "NULL_CONST":
            return RNode("const", value="NULL", **base)
        if token == "BREAK":
            return RNode("break", **base)
        if token == "NEXT":
            return RNode("next", **base)
        return RNode("sym", value=text.strip("`"), **base)

    def arguments(self, rows: list[dict[str, Any]]) -> list[Arg]:
        """Call arguments: ``name = value``, ``value`` or empty, separated by commas."""
        args: list[Arg] = []
        current: list[dict[str, Any]] = []
        for row in [*rows, {"token": "','"}]:
            if row["token"] != "','":
                current.append(row)
                continue
            if not current:
                args.append(Arg(None, RNode("missing")))
            elif len(current) >= 2 and current[1]["token"] == "EQ_SUB":
                name = _r_string(str(current[0]["text"])) \
                    if current[0]["token"] == "STR_CONST" else str(current[0]["text"]).strip("`")
                value = self.node(current[2]) if len(current) > 2 else RNode("missing")
                args.append(Arg(name, value))
            else:
                args.append(Arg(None, self.node(current[0])))
            current = []
        if len(args) == 1 and args[0].value is not None and args[0].value.kind == "missing" \
                and args[0].name is None:
            return []
        return args

    def formals(self, rows: list[dict[str, Any]]) -> list[Arg]:
        """Function formals between the parentheses: ``a``, ``b = default``, ``...``."""
        params: list[Arg] = []
        i = 1  # skip '('
        while i < len(rows):
            row = rows[i]
            if row["token"] == "SYMBOL_FORMALS":
                if i + 1 < len(rows) and rows[i + 1]["token"] == "EQ_FORMALS":
                    params.append(Arg(str(row["text"]), self.node(rows[i + 2])))
                    i += 3
                    continue
                params.append(Arg(str(row["text"]), None))
            i += 1
        return params


def _r_string(text: str) -> str:
    """The value of an R string constant (quotes and escapes as R reads them)."""
    import ast

    if text.startswith(("r\"", "R\"", "r'", "R'")):
        return text[3:-2]
    body = text[1:-1]
    if text[0] == "'":
        body = body.replace('\\"', '"').replace('"', '\\"')
    return ast.literal_eval('"' + body.replace("\n", "\\n") + '"')
