"""R function definitions as Python ``def`` statements (user functions and class methods).

The body is a block of statements, written by the translator's
:class:`~keras_rparity.port.expressions.BlockEmitter` (the
:class:`~keras_rparity.port.statements.StatementEmitter` of the program); the last value
is returned.
"""

from __future__ import annotations

from keras_rparity.port.expressions import TranslatorProtocol, python_name
from keras_rparity.port.parse_tree import RNode


def function_lines(tr: TranslatorProtocol, name: str, node: RNode, indent: str, method: bool,
                   returns: bool, called_as: str | None = None) -> list[str]:
    """``def name(params):`` and its body; R's lazy defaults that are not constants
    become ``None`` and are computed in the body, as R computes them when first used.
    R's ``...`` is ``**kwargs``, or ``*args, **kwargs`` when the program calls the
    function (by ``called_as``, default ``name``) with more unnamed arguments than its
    other formals take."""
    emitter = tr.emitter
    assert emitter is not None, "function bodies are written by a StatementEmitter"
    params = ["self"] if method else []
    prologue = []
    inner = indent + "    "
    shadowed = {}
    for param in node.params:
        if method and param.name in ("self", "private"):
            continue  # keras3 passes them to methods that name them; Python has self
        pname = python_name(param.name or "x")
        shadowed[pname] = tr.kinds.pop(pname, None)
        if param.name == "...":
            continue
        if param.value is None:
            params.append(pname)
        elif param.value.kind in ("num", "int", "str", "const"):
            params.append(f"{pname}={tr.text(param.value)}")
        else:
            params.append(f"{pname}=None")
            prologue.append(f"{inner}if {pname} is None:")
            prologue.append(f"{inner}    {pname} = {tr.text(param.value)}")
    if any(p.name == "..." for p in node.params):
        named = len(params) - (1 if method else 0)
        caller = called_as or (None if method else name)
        positional = caller is not None \
            and tr.unnamed_arguments.get(python_name(caller), 0) > named
        params.append("*args, **kwargs" if positional else "**kwargs")
        shadowed["**kwargs"] = tr.kinds.get("**kwargs")
        tr.kinds["**kwargs"] = "dots_args" if positional else "dots"
    if not method:
        tr.functions.add(name)
    body = node.body[0]
    statements = body.body if body.kind == "block" else [body]
    lines = emitter.block(statements, inner, returns=returns)
    if statements:
        result = tr.kind_of(statements[-1])
        if result is not None:
            tr.kinds[f"{name}()"] = result
    for pname, kind in shadowed.items():
        if kind is not None:
            tr.kinds[pname] = kind
        else:
            tr.kinds.pop(pname, None)
    code = [*prologue, *lines]
    if not any(line.strip() and not line.strip().startswith("#") for line in code):
        code.append(f"{inner}pass")
    return [f"{indent}def {name}({', '.join(params)}):", *code]
