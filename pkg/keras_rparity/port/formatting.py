"""The port's text: header, imports, set-up lines, helpers, body; long lines wrapped.

Lines longer than the project's ruff limit (100) are split the way a formatter splits
them: at the widest bracket, one element per line with a trailing comma; comments are
re-flowed as comments.

>>> wrap_line("x = f(" + ", ".join(f"argument_{i}" for i in range(12)) + ")")[:2]
['x = f(', '    argument_0,']
"""

from __future__ import annotations

import io
import textwrap
import tokenize

from keras_rparity.port.statements import wrap_comment

#: The project's line length (pyproject's ruff ``line-length``).
LINE_LENGTH = 100

#: Import lines by name, in isort's order (standard library first, then third party).
IMPORTS = {
    "string": (0, "import string"),
    "locale": (0, "import locale"),
    "shutil": (0, "import shutil"),
    "datetime": (0, "from datetime import datetime"),
    "operator": (0, "import operator"),
    "Path": (0, "from pathlib import Path"),
    "keras": (1, "import keras"),
    "np": (1, "import numpy as np"),
    "pd": (1, "import pandas as pd"),
    "tf": (1, "import tensorflow as tf"),
}


def import_lines(names: set[str]) -> list[str]:
    """The import block for the modules a port uses.

    >>> import_lines({"np", "keras", "Path"})
    ['from pathlib import Path', '', 'import keras', 'import numpy as np']
    """
    groups: dict[int, list[str]] = {}
    for name in names:
        group, line = IMPORTS[name]
        groups.setdefault(group, []).append(line)
    out: list[str] = []
    for group in sorted(groups):
        lines = sorted(groups[group], key=lambda s: (s.startswith("from"), s))
        out += ([""] if out else []) + lines
    return out


def wrap_line(line: str, width: int = LINE_LENGTH) -> list[str]:
    """``line`` as lines of at most ``width`` characters where brackets allow."""
    if len(line) <= width:
        return [line]
    if line.lstrip().startswith("#"):
        return wrap_comment(line, width)
    indent = line[:len(line) - len(line.lstrip())]
    code, comment = _split_comment(line)
    pair = _widest_bracket(code)
    chained = _method_chain(code, width)
    if chained is not None and not comment:
        return chained
    if pair is None:
        return chained or [line]
    start, end = pair
    head, inner, tail = code[:start + 1], code[start + 1:end], code[end:]
    items = _split_commas(inner)
    hugged = _hug(items)
    if hugged is not None:  # f([a, b]) -> f([ one per line ])
        head, tail = head + hugged[0], hugged[2] + tail
        items = _split_commas(hugged[1])
    if len(items) == 1 and len(indent + "    " + items[0].strip()) <= width - 1 \
            and not items[0].strip().startswith(("*", "[", "(")) and len(items[0]) < 40:
        return chained or [line]
    out = [head.rstrip() + (f"  {comment}" if comment else "")]
    for item in items:
        text = item.strip()
        if not text:
            continue
        suffix = "," if not text.startswith("for ") else ""
        out += wrap_line(f"{indent}    {text}{suffix}", width)
    out.append(f"{indent}{tail.strip()}")
    return out


def _method_chain(code: str, width: int) -> list[str] | None:
    """``x = a(...).b(...).c(...)`` as ``x = (`` one call of the chain per line ``)``."""
    indent = code[:len(code) - len(code.lstrip())]
    head, equals, value = code.partition(" = ")
    if not equals or "(" in head:
        return None
    value = value.strip()
    closes = {c for o, c, depth in _brackets(value) if depth == 0}
    cuts = [i + 1 for i in sorted(closes) if value[i + 1:i + 2] == "."]
    if not cuts:
        return None
    pieces = [value[a:b] for a, b in zip([0, *cuts], [*cuts, len(value)], strict=True)]
    lines = [f"{head} = ("] + [f"{indent}    {piece}" for piece in pieces] + [f"{indent})"]
    return lines if all(len(x) <= width for x in lines) else None


def _hug(items: list[str]) -> tuple[str, str, str] | None:
    """A single bracketed argument: its opening bracket, contents and closing bracket."""
    if len(items) != 1:
        return None
    item = items[0].strip()
    pairs = [(o, c) for o, c, depth in _brackets(item) if depth == 0]
    if item[:1] in "[(" and pairs and pairs[0] == (0, len(item) - 1):
        return item[0], item[1:-1], item[-1]
    return None


def _split_comment(line: str) -> tuple[str, str]:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(line.strip() + "\n").readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return line, ""
    for token in tokens:
        if token.type == tokenize.COMMENT:
            offset = len(line) - len(line.lstrip())
            return line[:offset + token.start[1]].rstrip(), token.string
    return line, ""


def _brackets(code: str) -> list[tuple[int, int, int]]:
    """(open, close, depth) of each bracket pair outside strings."""
    offset = len(code) - len(code.lstrip())
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code.strip() + "\n").readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return []
    stack: list[int] = []
    pairs = []
    for token in tokens:
        if token.type == tokenize.OP and token.string in "([{":
            stack.append(offset + token.start[1])
        elif token.type == tokenize.OP and token.string in ")]}" and stack:
            opened = stack.pop()
            pairs.append((opened, offset + token.start[1], len(stack)))
    return pairs


def _widest_bracket(code: str) -> tuple[int, int] | None:
    pairs = [(o, c) for o, c, depth in _brackets(code) if depth == 0 and c - o > 2]
    if not pairs:
        return None
    return max(pairs, key=lambda p: p[1] - p[0])


def _split_commas(inner: str) -> list[str]:
    """``inner`` split at its top-level commas."""
    pairs = _brackets(inner)
    inside = set()
    for opened, closed, _ in pairs:
        inside.update(range(opened, closed + 1))
    quote = None
    items, current = [], []
    for i, char in enumerate(inner):
        if quote:
            current.append(char)
            if char == quote and inner[i - 1] != "\\":
                quote = None
            continue
        if char in "\"'":
            quote = char
        if char == "," and i not in inside:
            items.append("".join(current))
            current = []
            continue
        current.append(char)
    items.append("".join(current))
    return [item for item in items if item.strip()]


def assemble(docstring: str, imports: set[str], setup: list[str], helpers: list[str],
             body: list[str]) -> str:
    """The whole port: docstring, imports, set-up, helpers, body; lines wrapped."""
    parts = [f'"""{docstring}"""' if len(docstring) < LINE_LENGTH - 6
             else '"""' + "\n".join(textwrap.wrap(docstring, LINE_LENGTH - 4)) + '\n"""', ""]
    if imports:
        parts += [*import_lines(imports), ""]
    if setup:
        parts += ["", *setup, ""] if parts[-1] else [*setup, ""]
    for helper in helpers:
        parts += ["", *helper.splitlines(), "", ""]
    while parts and not parts[-1]:
        parts.pop()
    while body and not body[0]:
        body = body[1:]
    # ruff's isort: two blank lines after the imports before a definition (with the
    # comment lines right above it), one before anything else
    first = body[:body.index("")] if "" in body else body
    blank = 2 if any(line.startswith(("def ", "class ")) for line in first) or helpers else 1
    parts += [""] * blank + body
    lines: list[str] = []
    for line in parts:
        lines += wrap_line(line.rstrip())
    text = "\n".join(lines).rstrip() + "\n"
    while "\n\n\n\n" in text:
        text = text.replace("\n\n\n\n", "\n\n\n")
    return text
