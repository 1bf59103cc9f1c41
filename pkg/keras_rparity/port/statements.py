"""R statements as Python statements, with R's comments kept next to their code.

Assignments (``<-``, ``=``, ``->``, ``%<-%`` unpacking, ``x$a <-``, ``x[i] <-``,
``dim(x) <-``, ``names(df) <-``), function definitions (the last value is returned),
classes, ``for``/``while``/``repeat``/``if``, pipes, and the set-up lines that need no
Python (``library()``, ``use_backend()``, ...). A statement that cannot be translated
becomes ``# R (not translated): <line>`` with the reason, then raises
:class:`NotImplementedError` naming the R line, or, with data from R, its variables are
marked as coming from R so the fits read R's arrays and what depends on them is kept as
commented Python.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from keras_rparity.port.base_r import stop_message
from keras_rparity.port.classes import CONSTRUCTORS, class_definition
from keras_rparity.port.expressions import (
    TranslatorProtocol,
    Untranslatable,
    desugar_pipe,
    python_name,
    string_literal,
)
from keras_rparity.port.functions import function_lines
from keras_rparity.port.keras_calls import (
    FIT_FORMALS,
    is_layer_call,
    keras_model_sequential,
    layer_without_object,
    match_arguments,
    sequential_parts,
    shape_text,
)
from keras_rparity.port.parse_tree import Arg, ParsedProgram, RNode

ASSIGN = ("<-", "=", "<<-", "->", "->>")

#: Set-up calls with nothing to do in Python (the port's imports and process do it).
SETUP_CALLS = {"library", "require", "requireNamespace", "use_backend", "use_python",
               "use_virtualenv", "use_condaenv", "install_keras", "options", "rm", "gc",
               "suppressPackageStartupMessages", "Sys.setenv", "py_require",
               "install.packages"}


#: R calls that wrap a function or class definition: Python decorator, R formal of the
#: wrapped object.
DECORATORS = {"tf_function": ("tf", "function", "f"),
              "register_keras_serializable": ("keras", "saving.register_keras_serializable",
                                              "object")}


#: Calls whose value R prints when typed at the top level (and that print nothing).
VALUE_CALLS = {"dim", "nrow", "ncol", "length", "names", "head", "tail", "shape", "levels",
               "table", "sum", "mean", "max", "min", "range", "class", "unique", "sort",
               "count_params", "get_weights", "rev", "which", "round", "as.data.frame",
               "paste", "paste0", "sprintf", "c", "seq_len", "list"}


@dataclass
class Untranslated:
    """An R statement the port does not translate."""

    line: int
    last_line: int
    text: str
    reason: str


@dataclass
class StatementEmitter:
    """Turns a parsed program into the Python body of the port."""

    tr: TranslatorProtocol
    program: ParsedProgram
    data_from_r: bool = False
    untranslated: list[Untranslated] = field(default_factory=list)
    dependent: list[Untranslated] = field(default_factory=list)
    tainted: set[str] = field(default_factory=set)
    _emitted: set[int] = field(default_factory=set)
    _modified: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.tr.emitter = self  # function and class bodies are blocks of statements
        # names whose parts the program assigns (d$train$x <- ...): R's lists are mutable
        self._modified = {name for node in self.program.statements
                          for name in _modified_in_place(node)}
        self.tr.unnamed_arguments.update(_unnamed_arguments(self.program.statements))

    # -- blocks and comments -----------------------------------------------------------
    def body(self) -> list[str]:
        return self.block(self.program.statements, "", returns=False)

    def block(self, nodes: Sequence[RNode], indent: str, returns: bool) -> list[str]:
        lines: list[str] = []
        previous: RNode | None = None
        for i, node in enumerate(nodes):
            comments = self.comments_before(node.line1, indent)
            if previous is not None and not indent:
                gap = self.blank_between(previous.line2, node.line1)
                is_def = _is_definition(node) or _is_definition(previous)
                if gap or is_def:
                    lines += [""] * (2 if is_def else 1)
            lines += comments
            code = self.safe(node, indent, returns and i == len(nodes) - 1)
            inner = [c for c in self.comments_within(node) if c[0] != node.line2 or not code]
            lines += [f"{indent}{text}" for _, text in inner]
            trailing = self.take_comment(node.line2)
            if trailing and code and not code[-1].lstrip().startswith("#"):
                code[-1] = f"{code[-1]}  {trailing}"
            elif trailing:
                code.append(f"{indent}{trailing}")
            lines += code
            previous = node
        return lines

    def blank_between(self, end: int, start: int) -> bool:
        return any(not self.program.lines[i - 1].strip() for i in range(end + 1, start)
                   if i - 1 < len(self.program.lines))

    def comments_before(self, line: int, indent: str) -> list[str]:
        found = sorted(n for n in self.program.comments if n < line and n not in self._emitted)
        out = []
        for number in found:
            self._emitted.add(number)
            out.append(f"{indent}{_comment(self.program.comments[number])}")
        return out

    def comments_within(self, node: RNode) -> list[tuple[int, str]]:
        found = sorted(n for n in self.program.comments
                       if node.line1 <= n < node.line2 and n not in self._emitted)
        for number in found:
            self._emitted.add(number)
        return [(n, _comment(self.program.comments[n])) for n in found]

    def take_comment(self, line: int) -> str | None:
        if line in self.program.comments and line not in self._emitted:
            self._emitted.add(line)
            return _comment(self.program.comments[line])
        return None

    def remaining_comments(self) -> list[str]:
        return self.comments_before(10**9, "")

    # -- one statement, safely -------------------------------------------------------------
    def safe(self, node: RNode, indent: str, returns: bool) -> list[str]:
        if self.data_from_r and self.tainted:
            used = (_symbols(node) - _fit_data_symbols(node)) & self.tainted
            if used:
                return self.dependent_lines(node, indent, used, returns)
        tainted = set(self.tainted)
        try:
            lines = self.statement(node, indent, returns)
        except Untranslatable as error:
            return self.untranslated_lines(node, indent, str(error))
        if self.tainted - tainted:  # a function whose untranslated lines make values:
            self.tainted |= _assigned(node)  # its value comes from R too (not so for
        return lines                          # lines that only print or plot)

    def source(self, node: RNode) -> list[str]:
        return self.program.lines[node.line1 - 1:node.line2]

    def untranslated_lines(self, node: RNode, indent: str, reason: str) -> list[str]:
        source = self.source(node)
        self.untranslated.append(Untranslated(node.line1, node.line2, "\n".join(source),
                                              reason))
        self.tainted |= _assigned(node)
        lines = [f"{indent}# R (not translated): {source[0].strip()}"]
        lines += [f"{indent}#     {text.strip()}" for text in source[1:]]
        lines.append(f"{indent}# reason: {reason}")
        if self.data_from_r:
            return lines
        line = source[0].strip()
        message = f"R line {node.line1} is not translated: " \
                  f"{line if len(line) <= 40 else line[:37] + '...'}"
        placeholders = [f"{indent}{name} = None  # set by the R line above"
                        for name in sorted(_assigned(node))]
        return [*lines, f"{indent}raise NotImplementedError({string_literal(message)})",
                *placeholders]

    def dependent_lines(self, node: RNode, indent: str, used: set[str], returns: bool
                        ) -> list[str]:
        self.tainted |= _assigned(node)
        names = ", ".join(sorted(used))
        self.dependent.append(Untranslated(node.line1, node.line2,
                                           "\n".join(self.source(node)),
                                           f"uses {names} from untranslated R lines"))
        try:
            code = self.statement(node, indent, returns)
        except Untranslatable:
            code = [f"{indent}{line.strip()}" for line in self.source(node)]
        note = f"{indent}# needs {names} (from untranslated R lines):"
        return [note, *[f"{indent}# {line[len(indent):]}" for line in code]]

    # -- statements -----------------------------------------------------------------------
    def statement(self, node: RNode, indent: str, returns: bool) -> list[str]:
        tr = self.tr
        if node.kind == "binary" and node.op in ASSIGN:
            target, value = (node.right, node.left) if node.op.startswith("->") \
                else (node.left, node.right)
            assert target is not None and value is not None
            if target.kind == "index" and target.left is not None \
                    and target.left.kind == "sym" and target.left.value == ".":
                # dotty's .[a, b] <- value: unpacking, as zeallot's c(a, b) %<-% value
                pattern = RNode("call", fn=RNode("sym", text="c"), args=target.args)
                return self.unpacking(RNode("binary", op="%<-%", left=pattern, right=value,
                                            text=node.text), indent)
            return self.assignment(target, value, indent, returns)
        if node.kind == "binary" and node.op == "%<-%":
            return self.unpacking(node, indent)
        if node.kind == "binary" and node.op == "%<>%" and node.left is not None:
            # magrittr's x %<>% f(): x <- x %>% f()
            return self.assignment(node.left, RNode("binary", op="%>%", left=node.left,
                                                    right=node.right, text=node.text),
                                   indent, returns)
        if node.kind == "if":
            return self.if_statement(node, indent, returns)
        if node.kind == "for":
            return self.for_statement(node, indent)
        if node.kind == "while":
            saved, tr.in_condition = tr.in_condition, True
            cond = tr.text(node.cond)
            tr.in_condition = saved
            return [f"{indent}while {cond}:", *self.suite(node.then, indent)]
        if node.kind == "repeat":
            return [f"{indent}while True:", *self.suite(node.then, indent)]
        if node.kind == "break":
            return [f"{indent}break"]
        if node.kind == "next":
            return [f"{indent}continue"]
        if node.kind == "block":
            return self.block(node.body, indent, returns)
        return self.expression_statement(node, indent, returns)

    def suite(self, node: RNode | None, indent: str, returns: bool = False) -> list[str]:
        inner = indent + "    "
        nodes = node.body if node is not None and node.kind == "block" else [node]
        lines = self.block([n for n in nodes if n is not None], inner, returns)
        return lines if any(line.strip() and not line.strip().startswith("#")
                            for line in lines) else [*lines, f"{inner}pass"]

    def expression_statement(self, node: RNode, indent: str, returns: bool) -> list[str]:
        tr = self.tr
        call = desugar_pipe(node) if node.kind == "binary" and node.op in ("%>%", "|>") \
            else node
        name = call.call_name if call.kind == "call" else None
        if name in SETUP_CALLS:
            return []
        if name == "return":
            value = tr.text(call.args[0].value) if call.args else "None"
            return [f"{indent}return {value}"]
        if name == "stop":
            return [f"{indent}raise {stop_message(tr, call)}"]
        if name in ("freeze_weights", "unfreeze_weights"):
            return self.freeze(call, indent, trainable=name == "unfreeze_weights")
        if name == "with":
            return self.with_statement(call, indent, returns)
        if name == "with_custom_object_scope":
            matched, _, _ = match_arguments(call.args, ("objects", "expr"))
            scope = f"{tr.use('keras')}.saving.custom_object_scope"
            return [f"{indent}with {scope}({tr.text(matched['objects'])}):",
                    *self.suite(matched["expr"], indent, returns)]
        if name == "iterate" and not returns and len(call.args) == 2 \
                and call.args[1].value is not None and call.args[1].value.kind == "function":
            return self.iterate_loop(call, indent)
        if node.kind == "paren" and node.right is not None and node.right.kind == "binary" \
                and node.right.op in ("<-", "=") and not indent:
            # (x <- value) at the top level: assign, then print as R does
            inner = node.right
            assert inner.left is not None and inner.right is not None
            return [*self.assignment(inner.left, inner.right, indent, False),
                    f"print({tr.text(inner.left)})"]
        if name == "stopifnot":
            return [f"{indent}assert {tr.text(a.value)}" for a in call.args]
        added = self.sequential_add(call, indent)
        if added is not None:
            return added
        text = tr.text(node)
        if returns:
            return [f"{indent}return {text}"]
        if not indent and (call.kind in ("sym", "index", "binary", "unary", "paren", "num",
                                         "str", "const") or name in VALUE_CALLS):
            return [f"{indent}print({text})"]  # R prints a value typed at the top level
        if node.kind != "call" and call.kind != "call":
            return [f"{indent}_ = {text}"]  # a value R computes and drops
        return [f"{indent}{text}"]

    def decorated_definition(self, target: str, value: RNode, indent: str
                             ) -> list[str] | None:
        """``f <- tf_function(function(x) ...)`` -> ``@tf.function`` on ``def f``;
        ``layer_x <- register_keras_serializable(Layer("X", ...), package = "P")`` ->
        ``@keras.saving.register_keras_serializable(package="P")`` on ``class X``.
        None for anything else."""
        tr = self.tr
        if value.kind != "call" or value.call_name not in DECORATORS:
            return None
        module, decorator, first = DECORATORS[value.call_name or ""]
        matched, extra, extra_named = match_arguments(value.args, (first, "..."))
        inner = matched.get(first)
        if inner is None or extra:
            return None
        options = ", ".join(f"{python_name(k)}={tr.text(v)}" for k, v in extra_named.items())
        line = f"{indent}@{tr.use(module)}.{decorator}"
        line += f"({options})" if options or value.call_name != "tf_function" else ""
        if inner.kind == "function":
            return [line, *function_lines(tr, python_name(target), inner, indent, method=False,
                                          returns=True)]
        if inner.kind == "call" and inner.call_name in CONSTRUCTORS:
            return [line, *class_definition(tr, target, inner, indent)]
        return None

    def iterate_loop(self, call: RNode, indent: str) -> list[str]:
        """tfdatasets' ``iterate(dataset, function(batch) { ... })`` for its effects:
        ``for batch in dataset:``."""
        matched, _, _ = match_arguments(call.args, ("it", "f"))
        function = matched["f"]
        if len(function.params) != 1 or function.params[0].name in (None, "..."):
            raise Untranslatable("iterate() with a function of other than one argument")
        var = python_name(function.params[0].name or "x")
        body = function.body[0] if function.body else None
        return [f"{indent}for {var} in {self.tr.text(matched['it'])}:",
                *self.suite(body, indent)]

    def with_statement(self, call: RNode, indent: str, returns: bool) -> list[str]:
        """``with(tf$GradientTape() %as% tape, { ... })`` -> ``with tf.GradientTape() as
        tape:`` (reticulate's ``with`` of a Python context manager)."""
        tr = self.tr
        matched, extra, extra_named = match_arguments(call.args, ("data", "expr"))
        context, body = matched.get("data"), matched.get("expr")
        if context is None or body is None or extra or extra_named:
            raise Untranslatable("with() needs a context and a block")
        target = ""
        if context.kind == "binary" and context.op == "%as%" and context.right is not None \
                and context.right.kind == "sym":
            name = python_name(context.right.value)
            target = f" as {name}"
            context = context.left
            tr.kinds[name] = "keras"
        elif tr.kind_of(context) != "keras":  # base R's with(data, expr)
            raise Untranslatable("with() of an R data frame or list (write its columns out)")
        return [f"{indent}with {tr.text(context)}{target}:",
                *self.suite(body, indent, returns)]

    def freeze(self, call: RNode, indent: str, trainable: bool) -> list[str]:
        """keras3's ``freeze_weights(model, from, to)``: layers ``from``..``to`` (1-based,
        inclusive, negative from the end) not trainable; without them, the whole model."""
        matched, extra, extra_named = match_arguments(call.args, ("object", "from", "to"))
        if extra or extra_named:
            raise Untranslatable(f"{call.call_name}() with `which` or unnamed arguments")
        model = self.tr.text(matched["object"])
        if "from" not in matched and "to" not in matched:
            return [f"{indent}{model}.trainable = {trainable}"]
        bounds = []
        for key, value in (("from", matched.get("from")), ("to", matched.get("to"))):
            if value is None:
                bounds.append("")
                continue
            if value.kind == "unary" and value.op == "-" and value.right is not None \
                    and value.right.kind in ("num", "int"):
                k = -int(value.right.value)
            elif value.kind in ("num", "int"):
                k = int(value.value)
            else:
                raise Untranslatable(f"{call.call_name}() with layer names or expressions")
            start = key == "from"
            bounds.append(str(k - 1) if start and k > 0 else str(k) if start
                          else ("" if k == -1 else str(k + 1) if k < 0 else str(k)))
        return [f"{indent}for layer in {model}.layers[{bounds[0]}:{bounds[1]}]:",
                f"{indent}    layer.trainable = {trainable}"]

    def sequential_add(self, call: RNode, indent: str) -> list[str] | None:
        """``model %>% layer_dense(...)`` on a Sequential model: ``model.add(...)``."""
        layers = []
        current = call
        while current.kind == "call" and is_layer_call(self.tr, current.call_name or "") \
                and current.args and current.args[0].name is None:
            layers.append(current)
            head = current.args[0].value
            assert head is not None
            current = desugar_pipe(head) if head.kind == "binary" and head.op in ("%>%", "|>") \
                else head
        if not layers or current.kind != "sym" or self.tr.kind_of(current) != "sequential":
            return None
        model = self.tr.text(current)
        return [f"{indent}{model}.add({layer_without_object(self.tr, layer)[0]})"
                for layer in reversed(layers)]

    def assignment(self, target: RNode, value: RNode, indent: str, returns: bool) -> list[str]:
        tr = self.tr
        if target.kind == "str":
            target = RNode("sym", text=target.value, line1=target.line1, line2=target.line2)
        if target.kind == "sym":
            name = python_name(target.value)
            if value.kind == "function":
                return function_lines(tr, name, value, indent, method=False, returns=True)
            if value.kind == "call" and value.call_name in CONSTRUCTORS:
                return class_definition(tr, target.value, value, indent)
            decorated = self.decorated_definition(target.value, value, indent)
            if decorated is not None:
                return decorated
            lines = self.functional_chain(name, value, indent)
            if lines is None:
                kind = tr.kind_of(value)
                text = tr.text(value)
                if kind == "dataset" and name in self._modified:  # tuples made lists
                    text = f"[list(split) for split in {text}]"
                lines = [f"{indent}{name} = {text}"]
                tr.config_sources.pop(name, None)
                call = desugar_pipe(value) if value.kind == "binary" \
                    and value.op in ("%>%", "|>") else value
                if call.kind == "call" and call.call_name == "get_config" and call.args:
                    tr.config_sources[name] = tr.text(call.args[0].value)
                if kind is not None:
                    tr.kinds[name] = kind
                else:
                    tr.kinds.pop(name, None)
            return [*lines, f"{indent}return {name}"] if returns else lines
        if target.kind == "call" and target.call_name == "dim":
            obj = tr.text(target.args[0].value)
            shape = shape_text(tr, value, True)
            return [f"{indent}{obj} = {tr.use('np')}.reshape({obj}, {shape}, order=\"F\")"]
        if target.kind == "call" and target.call_name in ("names", "colnames"):
            obj = tr.text(target.args[0].value)
            if tr.kind_of(target.args[0].value) != "frame":
                raise Untranslatable("names<- on something other than a data frame")
            return [f"{indent}{obj}.columns = {tr.text(value)}"]
        if target.kind in ("index", "binary") and (target.kind == "index" or target.op == "$"):
            return [f"{indent}{tr.text(target)} = {tr.text(value)}"]
        if target.kind == "call" and target.call_name and len(target.args) == 1 \
                and target.args[0].value is not None \
                and target.call_name not in tr.handlers:
            # R's replacement function: f(x) <- v is x <- `f<-`(x, value = v)
            obj = tr.text(target.args[0].value)
            replacement = python_name(f"{target.call_name}<-")
            return [f"{indent}{obj} = {replacement}({obj}, {tr.text(value)})"]
        raise Untranslatable(f"assignment to {target.text}")

    def functional_chain(self, name: str, value: RNode, indent: str) -> list[str] | None:
        """``y <- x %>% layer_a() %>% layer_b()`` on a tensor: one line per layer."""
        tr = self.tr
        parts = sequential_parts(tr, value)
        if parts is not None:
            tr.kinds[name] = "sequential"
            return self.sequential_adds(name, *parts, indent)
        calls = []
        current = value
        while True:
            if current.kind == "binary" and current.op in ("%>%", "|>"):
                current = desugar_pipe(current)
                continue
            if current.kind == "call" and is_layer_call(tr, current.call_name or "") \
                    and current.args and current.args[0].name is None:
                calls.append(current)
                head = current.args[0].value
                assert head is not None
                current = head
                continue
            break
        if len(calls) < 2:
            return None
        source = tr.text(current)
        lines = []
        for call in reversed(calls):
            layer, _ = layer_without_object(tr, call)
            lines.append(f"{indent}{name} = {layer}({source})")
            source = name
        tr.kinds[name] = "tensor"
        return lines

    def sequential_adds(self, name: str, head: RNode, layers: list[RNode], indent: str
                        ) -> list[str] | None:
        """A Sequential model whose chain has a user layer: the model up to that layer,
        then ``model.add(layer)`` for each layer from it on, so each is created (and,
        with an input shape, built) where R creates and builds it: a user layer's
        ``build()`` draws its weights' seeds then, between the other layers' creations.
        None when the chain has no user layer (one ``keras.Sequential([...])``)."""
        tr = self.tr
        first = next((i for i, layer in enumerate(layers)
                      if python_name(layer.call_name or "") in tr.classes), None)
        if first is None:
            return None
        model = keras_model_sequential(tr, head, layers[:first]).text
        return [f"{indent}{name} = {model}",
                *[f"{indent}{name}.add({layer_without_object(tr, layer)[0]})"
                  for layer in layers[first:]]]

    def unpacking(self, node: RNode, indent: str) -> list[str]:
        """zeallot's ``c(a, b) %<-% value`` -> ``a, b = value`` (nested, ``.`` skipped)."""
        target, value = node.left, node.right
        assert target is not None and value is not None
        text = self.tr.text(value)
        defaults = [a for a in target.args if a.name] if target.kind == "call" else []
        if defaults:  # c(x, y = NULL, w = NULL) %<-% data: the missing trailing ones
            target, text = self.unpacking_defaults(target, defaults, text)
        pattern = _pattern(target, top=True)
        for name in _assigned(node):
            self.tr.kinds.pop(name, None)
        return [f"{indent}{pattern} = {text}"]

    def unpacking_defaults(self, target: RNode, defaults: list[Arg], value: str
                           ) -> tuple[RNode, str]:
        """zeallot's defaults (``c(x, y = NULL) %<-% data``): the pattern with the names
        and the value padded with the default, ``(*data, None)[:2]``."""
        names = [a for a in target.args if a.value is not None]
        first = names.index(defaults[0])
        fills = {self.tr.text(a.value) for a in defaults}
        if names[first:] != defaults or len(fills) != 1:
            raise Untranslatable("unpacking defaults other than one value for the last names")
        plain = RNode("call", fn=target.fn, text=target.text, args=[
            Arg(None, a.value if not a.name else RNode("sym", text=a.name)) for a in names])
        padding = ", ".join([fills.pop()] * len(defaults))
        return plain, f"(*{value}, {padding})[:{len(names)}]"

    def if_statement(self, node: RNode, indent: str, returns: bool, keyword: str = "if"
                     ) -> list[str]:
        tr = self.tr
        saved, tr.in_condition = tr.in_condition, True
        cond = tr.text(node.cond)
        tr.in_condition = saved
        ternary = _single_assignment(node.then), _single_assignment(node.orelse)
        if keyword == "if" and not returns and all(ternary) and ternary[0] == ternary[1]:
            then = node.then.body[0] if node.then and node.then.kind == "block" else node.then
            other = node.orelse.body[0] if node.orelse and node.orelse.kind == "block" \
                else node.orelse
            assert then is not None and other is not None and then.right and other.right
            return [f"{indent}{python_name(ternary[0] or '')} = {tr.text(then.right)} "
                    f"if {cond} else {tr.text(other.right)}"]
        lines = [f"{indent}{keyword} {cond}:", *self.suite(node.then, indent, returns)]
        if node.orelse is not None and node.orelse.kind == "if":
            lines += self.if_statement(node.orelse, indent, returns, keyword="elif")
        elif node.orelse is not None:
            lines += [f"{indent}else:", *self.suite(node.orelse, indent, returns)]
        return lines

    def for_statement(self, node: RNode, indent: str) -> list[str]:
        tr = self.tr
        seq = node.seq
        assert seq is not None
        var = python_name(node.var)
        kind = "scalar"
        if seq.kind == "call" and seq.call_name == "names":
            iterable, kind = tr.text(seq.args[0].value), "name"
        elif seq.kind == "call" and seq.call_name == "seq_len":
            n = tr.expr(seq.args[0].value)
            iterable = f"range(1, {n.wrap(10)} + 1)"
        elif seq.kind == "call" and seq.call_name == "seq_along":
            iterable = f"range(1, len({tr.text(seq.args[0].value)}) + 1)"
        elif seq.kind == "binary" and seq.op == ":":
            iterable = tr.colon(seq.left, seq.right, as_range=True).text
        else:  # the items of a Keras object's list (model$layers) are Keras objects
            iterable = tr.text(seq)
            kind = "keras" if tr.kind_of(seq) in ("keras", "sequential") else "item"
        if node.var not in _symbols(node.then):
            var = f"_{var}"
        if kind in ("scalar", "name", "keras"):
            tr.kinds[var] = kind
        return [f"{indent}for {var} in {iterable}:", *self.suite(node.then, indent)]


def _comment(text: str) -> str:
    text = text.strip()
    if text.startswith("#'"):
        return "# " + text[2:].strip()
    if len(text) > 1 and text[1] not in " !":
        return "# " + text.lstrip("#").strip()
    return text


def _is_definition(node: RNode) -> bool:
    if node.kind == "binary" and node.op in ASSIGN and node.right is not None:
        value = node.right if not node.op.startswith("->") else node.left
        assert value is not None
        return value.kind == "function" or (value.kind == "call"
                                             and value.call_name in CONSTRUCTORS)
    return False


def _single_assignment(node: RNode | None) -> str | None:
    if node is not None and node.kind == "block" and len(node.body) == 1:
        node = node.body[0]
    if node is not None and node.kind == "binary" and node.op in ("<-", "=") \
            and node.left is not None and node.left.kind == "sym" \
            and node.right is not None and node.right.kind != "function":
        return node.left.value
    return None


def _pattern(node: RNode, top: bool = False) -> str:
    if node.kind == "sym":
        return "_" if node.value == "." else python_name(node.value)
    if node.kind == "call" and node.call_name in ("c", "list"):
        items = [_pattern(a.value) for a in node.args if a.value is not None]
        text = ", ".join(items) + ("," if len(items) == 1 else "")
        return text if top else f"({text})"
    raise Untranslatable(f"an unpacking pattern like {node.text}")


def walk(node: RNode | None) -> Iterator[RNode]:
    """Every node of an R expression tree."""
    if node is None:
        return
    yield node
    for child in (node.fn, node.left, node.right, node.cond, node.then, node.orelse, node.seq):
        yield from walk(child)
    for arg in [*node.args, *node.params]:
        yield from walk(arg.value)
    for child in node.body:
        yield from walk(child)


def _symbols(node: RNode | None) -> set[str]:
    return {python_name(n.value) for n in walk(node) if n.kind == "sym"} | \
           {python_name(n.var) for n in walk(node) if n.kind == "for"}


def _fit_data_symbols(node: RNode) -> set[str]:
    """Symbols used only as a fit's ``x``/``y`` (replaced by R's arrays with data from R)."""
    found: set[str] = set()
    for n in walk(node):
        call = desugar_pipe(n) if n.kind == "binary" and n.op in ("%>%", "|>") else n
        if call.kind == "call" and call.call_name == "fit":
            matched, _, _ = match_arguments(call.args, ("object", *FIT_FORMALS))
            for formal in ("x", "y"):
                found |= _symbols(matched.get(formal))
    return found


def _unnamed_arguments(nodes: Sequence[RNode]) -> dict[str, int]:
    """For each function the program calls: the most unnamed arguments a call gives it."""
    counts: dict[str, int] = {}
    for node in nodes:
        for n in walk(node):
            if n.kind == "call" and n.call_name:
                key = python_name(n.call_name)
                counts[key] = max(counts.get(key, 0), sum(1 for a in n.args if a.name is None))
    return counts


def _modified_in_place(node: RNode) -> set[str]:
    """The names whose parts ``node`` assigns: ``x`` of ``x$a$b <- v`` or ``x[[i]] <- v``."""
    names: set[str] = set()
    for n in walk(node):
        if n.kind == "binary" and n.op in ASSIGN:
            target = n.right if n.op.startswith("->") else n.left
            if target is None or target.kind not in ("binary", "index"):
                continue
            while target is not None and target.kind in ("binary", "index") \
                    and (target.kind == "index" or target.op == "$"):
                target = target.left
            if target is not None and target.kind == "sym":
                names.add(python_name(target.value))
    return names


def _assigned(node: RNode) -> set[str]:
    """The names a statement assigns."""
    names: set[str] = set()
    for n in walk(node):
        if n.kind == "binary" and n.op in (*ASSIGN, "%<-%"):
            target = n.right if n.op.startswith("->") else n.left
            while target is not None and target.kind in ("binary", "index", "call") \
                    and target.kind != "sym":
                if target.kind == "call" and target.call_name in ("c", "list"):
                    names |= {python_name(s.value) for s in walk(target) if s.kind == "sym"
                              and s.value not in ("c", "list", ".")}
                    target = None
                    break
                target = target.left if target.kind != "call" else (
                    target.args[0].value if target.args else None)
            if target is not None and target.kind == "sym":
                names.add(python_name(target.value))
    return names


def wrap_comment(line: str, width: int = 100) -> list[str]:
    """A comment line longer than ``width`` as several comment lines."""
    if len(line) <= width:
        return [line]
    indent = line[:len(line) - len(line.lstrip())]
    text = line.strip().lstrip("#").strip()
    return textwrap.wrap(text, width, initial_indent=f"{indent}# ",
                         subsequent_indent=f"{indent}#   ", break_long_words=False,
                         break_on_hyphens=False) or [line]
