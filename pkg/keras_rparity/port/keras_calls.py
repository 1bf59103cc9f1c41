"""Keras calls from R as their Python forms, from the knowledge the R layer is made of.

Every ``layer_*``, ``loss_*``, ``metric_*``, ``optimizer_*``, ``callback_*``,
``activation_*``, ``initializer_*``, ``regularizer_*``, ``constraint_*`` and ``op_*``
function comes from :mod:`keras_rparity.r_api_gen`'s endpoints: the Python object it
calls, its arguments (R's partial matching included: ``filter =`` is ``filters``) and the
conversion of each (``count``/``int``: whole numbers; ``int_tuple`` and ``shape``:
``c(3, 3)`` -> ``(3, 3)``, ``4`` -> ``(4,)`` for a shape; ``axis``/``index``: 1-based ->
0-based). Models, ``compile``/``fit``/``evaluate``/``predict``, datasets and the keras3
helpers (``array_reshape``, ``set_random_seed``, ``to_categorical``, ...) are handled here
too, with R's ``fit`` defaults (``epochs``) and 1-based ``initial_epoch``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from keras_rparity.port.expressions import (
    ATOM,
    Py,
    TranslatorProtocol,
    Untranslatable,
    desugar_pipe,
    number,
    python_name,
    string_literal,
)
from keras_rparity.port.parse_tree import Arg, RNode


@dataclass(frozen=True)
class KerasFunction:
    """One R function of the Keras layer: Python target, R formals, kinds, template."""

    r_name: str
    python: str               # e.g. keras.layers.Dense
    formals: tuple[str, ...]   # R formals in order ("..." where R has it)
    py_names: dict[str, str]   # R formal -> Python argument
    kinds: dict[str, str]
    template: str
    function: str | None = None   # losses/metrics: the function form
    positional: tuple[str, ...] = ()   # leading formals written by position in Python


@functools.cache
def keras_functions() -> dict[str, KerasFunction]:
    """Every generated R wrapper by R name (aliases included)."""
    from keras_rparity.r_api_gen import MODULES, collect_module
    from keras_rparity.r_api_gen.naming import KERAS3_ALIASES

    table: dict[str, KerasFunction] = {}
    for module in MODULES:
        endpoints, _, _ = collect_module(module)
        for ep in endpoints:
            target = _idiomatic_name(module, ep.target, ep.covers)
            params = [p for p in ep.params if p.r_name != "..."]
            if ep.template == "layer":
                formals = ("object", *[p.r_name for p in params], "...")
            elif ep.template == "merge_layer":
                formals = ("inputs", "...", *[p.r_name for p in params])
            else:
                formals = tuple(p.r_name for p in ep.params)
                if ep.template == "call" and module in ("losses", "metrics"):
                    formals = ("...", *[p.r_name for p in params])
            required = [p.r_name for p in params if p.default is inspect.Parameter.empty
                        and not p.var_positional
                        and (p.kind != "tensor" or module in ("ops", "activations"))]
            function = KerasFunction(
                ep.r_name, f"keras.{module}.{target}", formals,
                {p.r_name: p.py_name for p in ep.params}, {p.r_name: p.kind for p in ep.params
                                                           if p.kind},
                ep.template,
                f"keras.{module}.{ep.function_target}" if ep.function_target else None,
                tuple(required[:1] if module == "layers" else required))
            table[ep.r_name] = function
            for alias in KERAS3_ALIASES.get(ep.r_name, ()):
                table[alias] = function
    # the legacy R package's backend functions: k_<name> is op_<name>, same arguments
    table.update({f"k_{name[3:]}": function for name, function in list(table.items())
                  if name.startswith("op_") and f"k_{name[3:]}" not in table})
    table["k_pow"] = table["op_power"]
    return table


def _idiomatic_name(module: str, target: str, covers: Sequence[str]) -> str:
    """The shortest public name of the same object (``Conv2D`` for ``Convolution2D``)."""
    from keras_rparity.r_api_gen.endpoints import keras_module

    obj = getattr(keras_module(module), target)
    same = [n for n in covers if getattr(keras_module(module), n, None) is obj]
    return min(same or [target], key=lambda n: (len(n), n))


def match_arguments(args: Sequence[Arg], formals: Sequence[str]
                    ) -> tuple[dict[str, RNode], list[RNode], dict[str, RNode]]:
    """R's argument matching: exact names, then partial names (formals before ``...``),
    then positions. Returns matched formals, extra positional and extra named arguments.

    >>> from keras_rparity.port.parse_tree import RNode
    >>> eight = RNode("num", value=8.0)
    >>> matched, _, _ = match_arguments([Arg("filter", eight)], ["object", "filters", "..."])
    >>> list(matched)
    ['filters']
    """
    matched: dict[str, RNode] = {}
    extra_named: dict[str, RNode] = {}
    dots = list(formals).index("...") if "..." in formals else len(formals)
    unnamed: list[RNode] = [a.value for a in args if not a.name and a.value is not None]
    named: list[Arg] = [a for a in args if a.name]
    pending: list[Arg] = []
    for arg in named:
        if arg.name in formals and arg.name != "...":
            matched[arg.name] = arg.value  # type: ignore[assignment]
        else:
            pending.append(arg)
    for arg in pending:
        assert arg.name is not None
        candidates = [f for f in formals[:dots] if f.startswith(arg.name) and f not in matched]
        if len(candidates) == 1:
            matched[candidates[0]] = arg.value  # type: ignore[assignment]
        else:
            extra_named[arg.name] = arg.value  # type: ignore[assignment]
    free = [f for f in formals[:dots] if f not in matched]
    extra: list[RNode] = []
    for value in unnamed:
        if free:
            matched[free.pop(0)] = value
        else:
            extra.append(value)
    return matched, extra, extra_named


# -- conversions by kind ------------------------------------------------------------
def convert(tr: TranslatorProtocol, value: RNode, kind: str | None) -> str:
    """An argument's Python text under its conversion kind."""
    if kind in ("count", "int"):
        if value.kind in ("num", "int"):
            return number(float(value.value)) if value.value == int(value.value) \
                else repr(value.value)
        if value.kind == "call" and value.call_name == "c":
            return tuple_text([convert(tr, a.value, kind) for a in value.args if a.value])
        if kind == "count" and not _whole_arithmetic(value):  # R's wrapper makes any
            return f"int({tr.text(value)})"                       # whole double an integer
        return tr.text(value)
    if kind in ("int_tuple", "shape", "nested_int"):
        return shape_text(tr, value, scalar_is_tuple=kind == "shape")
    if kind in ("axis", "index"):
        return axis_text(tr, value)
    return plain_value(tr, value)


def _whole_arithmetic(value: RNode | None) -> bool:
    """``7 * 7 * 128``: whole numbers with ``+``, ``-``, ``*``: an integer in Python."""
    if value is None:
        return False
    if value.kind in ("num", "int"):
        return value.value == int(value.value)
    if value.kind == "paren":
        return _whole_arithmetic(value.right)
    return value.kind == "binary" and value.op in ("+", "-", "*") \
        and _whole_arithmetic(value.left) and _whole_arithmetic(value.right)


def tuple_text(items: Sequence[str]) -> str:
    """``(a,)``, ``(a, b)``."""
    return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"


def shape_text(tr: TranslatorProtocol, value: RNode, scalar_is_tuple: bool) -> str:
    """A shape or size: ``c(28, 28)`` -> ``(28, 28)``; ``4`` -> ``(4,)`` for a shape."""
    if value.kind == "call" and value.call_name in ("c", "list", "shape"):
        items = []
        for arg in value.args:
            if arg.value is None:
                continue
            if arg.value.kind == "const" and arg.value.value in ("NA", "NULL"):
                items.append("None")
            elif arg.value.kind == "call" and arg.value.call_name == "dim":
                items.append(f"*{tr.text(arg.value)}")
            else:
                items.append(convert(tr, arg.value, "int"))
        return tuple_text(items) if items else "()"
    if value.kind in ("num", "int"):
        text = convert(tr, value, "int")
        return f"({text},)" if scalar_is_tuple else text
    if value.kind == "const" and value.value in ("NA", "NULL"):
        return "(None,)" if scalar_is_tuple and value.value == "NA" else "None"
    text = tr.text(value)
    if tr.kind_of(value) == "scalar" or (value.kind == "call" and value.call_name in
                                         ("ncol", "nrow", "length", "NCOL", "NROW")):
        return f"({text},)" if scalar_is_tuple else text
    # R's wrappers make whole doubles integers: c(28, 28, 1) kept in a variable too
    return f"tuple(map(int, {text}))" if scalar_is_tuple else text


def axis_text(tr: TranslatorProtocol, value: RNode) -> str:
    """A 1-based R axis or index as Python's 0-based one (negative ones unchanged)."""
    if value.kind in ("num", "int"):
        v = int(value.value)
        return str(v - 1 if v > 0 else v)
    if value.kind == "unary" and value.op == "-":
        return tr.text(value)
    if value.kind == "call" and value.call_name == "c":
        return tuple_text([axis_text(tr, a.value) for a in value.args if a.value])
    if value.kind == "const":
        return tr.text(value)
    return f"{tr.expr(value).wrap(11)} - 1"


#: Modules whose functions compute with the values they get: R's whole doubles (``1``)
#: are floats there (``1.0``), as reticulate passes them, or Keras computes in integers.
TENSOR_MODULES = ("keras.ops.", "keras.activations.", "keras.random.")


def r_double(tr: TranslatorProtocol, value: RNode) -> str:
    """A value R hands to Python as it arrives there: a double literal as a float
    (``3`` -> ``3.0``, ``-1`` -> ``-1.0``); ``3L`` and everything else as
    :func:`plain_value`."""
    if value.kind == "num":
        return repr(float(value.value))
    if is_double_literal(value):
        return f"-{r_double(tr, value.right)}"  # type: ignore[arg-type]
    return plain_value(tr, value)


def is_double_literal(value: RNode) -> bool:
    """``3``, ``0.5``, ``-1``: an R double written as a number."""
    return value.kind == "num" or (value.kind == "unary" and value.op == "-"
                                   and value.right is not None and value.right.kind == "num")


def plain_value(tr: TranslatorProtocol, value: RNode) -> str:
    """An argument without a conversion: R vectors and lists of constants become Python
    lists; a bare wrapper (``activation_relu``) is its Python function."""
    if value.kind == "call" and value.call_name in ("c", "list") and not any(
            a.name for a in value.args):
        return f"[{', '.join(plain_value(tr, a.value) for a in value.args if a.value)}]"
    if value.kind == "sym" and python_name(value.value) not in tr.kinds:
        function = keras_functions().get(value.value)
        if function is not None and function.template in ("activation", "object_or_values"):
            tr.use("keras")
            return function.function or function.python
    return tr.text(value)


# -- generated wrappers ---------------------------------------------------------------
def endpoint_call(tr: TranslatorProtocol, node: RNode) -> Py | None:
    """A call to a generated wrapper, or None when ``node`` calls something else."""
    name = node.call_name or ""
    function = keras_functions().get(name)
    if function is None:
        return None
    tr.use("keras")
    matched, extra, extra_named = match_arguments(node.args, function.formals)
    if function.template == "object_or_values" and ("y_true" in matched or "y_pred" in matched):
        args = keyword_arguments(tr, function, matched, extra_named, skip=())
        return Py(f"{function.function}({args})")
    if function.template == "merge_layer":
        inputs = matched.pop("inputs", None)
        tensors = [tr.text(inputs)] if inputs is not None else []
        tensors += [tr.text(v) for v in extra]
        layer = f"{function.python}({keyword_arguments(tr, function, matched, extra_named)})"
        if not tensors:
            return Py(layer)
        joined = tensors[0] if inputs is not None and inputs.kind != "sym" and not extra \
            and inputs.kind == "call" and inputs.call_name == "list" else f"[{', '.join(tensors)}]"
        if inputs is not None and inputs.kind == "call" and inputs.call_name == "list":
            joined = plain_value(tr, inputs)
        return Py(f"{layer}({joined})")
    obj = matched.pop("object", None) if function.template == "layer" else None
    if obj is not None and sequential_parts(tr, node) is not None:
        return sequential_chain(tr, node)
    if extra:
        raise Untranslatable(f"{name}() given {len(extra)} unnamed argument(s) it has no "
                             "place for")
    layer = Py(f"{function.python}({keyword_arguments(tr, function, matched, extra_named)})")
    if obj is None or (obj.kind == "const" and obj.value == "NULL"):
        return layer
    return Py(f"{layer.text}({tr.text(obj)})")


def keyword_arguments(tr: TranslatorProtocol, function: KerasFunction, matched: dict[str, RNode],
                      extra_named: dict[str, RNode], skip: Sequence[str] = ("input_shape",)
                      ) -> str:
    """``first_positional, name=value, ...`` in the order of the Python signature."""
    parts = []
    by_position = True
    for formal in function.formals:
        if formal not in matched or formal in skip:
            if formal in function.positional:
                by_position = False
            continue
        kind = function.kinds.get(formal)
        text = r_double(tr, matched[formal]) if kind in (None, "tensor") \
            and function.python.startswith(TENSOR_MODULES) \
            else convert(tr, matched[formal], kind)
        py_name = function.py_names.get(formal, formal)
        by_position = by_position and formal in function.positional
        parts.append(text if by_position else f"{py_name}={text}")
    for name, value in extra_named.items():
        if name in skip:
            continue
        py_name = "learning_rate" if name == "lr" else python_name(name)
        parts.append(f"{py_name}={plain_value(tr, value)}")
    return ", ".join(parts)


# -- models ---------------------------------------------------------------------------
def sequential_parts(tr: TranslatorProtocol, node: RNode) -> tuple[RNode, list[RNode]] | None:
    """For a chain of layer calls on ``keras_model_sequential()``: that call and the
    layer calls in order; None for anything else."""
    layers: list[RNode] = []
    current = node
    while True:
        if current.kind == "binary" and current.op in ("%>%", "|>"):
            current = desugar_pipe(current)
            continue
        if current.kind != "call":
            return None
        name = current.call_name or ""
        if name == "keras_model_sequential":
            return current, list(reversed(layers))
        if not is_layer_call(tr, name) or not current.args or current.args[0].name:
            return None
        layers.append(current)
        head = current.args[0].value
        assert head is not None
        current = head


def is_layer_call(tr: TranslatorProtocol, name: str) -> bool:
    function = keras_functions().get(name)
    if function is not None and function.template == "layer":
        return True
    return python_name(name) in tr.classes and tr.classes[python_name(name)][1] == "layer"


def user_layer(tr: TranslatorProtocol, call: RNode) -> str:
    """A call of a user class without a piped object: ``Name(args)``."""
    class_name, _ = tr.classes[python_name(call.call_name or "")]
    return f"{class_name}({tr.call_arguments(call.args)})"



def layer_without_object(tr: TranslatorProtocol, call: RNode) -> tuple[str, RNode | None]:
    """A layer call's layer (its piped object left out) and its ``input_shape``."""
    name = call.call_name or ""
    rest = Arg(None, RNode("const", value="NULL"))
    args = [rest, *call.args[1:]]
    if python_name(name) in tr.classes:
        return user_layer(tr, RNode("call", fn=call.fn, args=call.args[1:])), None
    function = keras_functions()[name]
    matched, _, extra_named = match_arguments(args, function.formals)
    shape = matched.get("input_shape") or extra_named.get("input_shape")
    first = "inputs" if function.template == "merge_layer" else "object"
    stripped = RNode("call", fn=call.fn, args=[Arg(first, rest.value), *call.args[1:]],
                     text=call.text)
    return endpoint_call(tr, stripped).text, shape  # type: ignore[union-attr]


def keras_model_sequential(tr: TranslatorProtocol, node: RNode, layers: Sequence[RNode] = ()) -> Py:
    """``keras_model_sequential(input_shape = ...) %>% layer_*() ...`` ->
    ``keras.Sequential([keras.Input(shape), ...])``."""
    tr.use("keras")
    matched, _extra, extra_named = match_arguments(node.args,
                                                  ("layers", "name", "...", "input_shape"))
    items = []
    shape = matched.get("input_shape") or extra_named.pop("input_shape", None)
    if shape is not None:
        items.append(f"keras.Input(shape={shape_text(tr, shape, True)})")
    if "layers" in matched:
        items.append(f"*{tr.text(matched['layers'])}")
    for i, layer in enumerate(layers):
        text, layer_shape = layer_without_object(tr, layer)
        if layer_shape is not None and i == 0 and shape is None:
            items.append(f"keras.Input(shape={shape_text(tr, layer_shape, True)})")
        items.append(text)
    options = [f"name={tr.text(matched['name'])}"] if "name" in matched else []
    options += [f"{python_name(k)}={tr.text(v)}" for k, v in extra_named.items()]
    body = f"[{', '.join(items)}]" if items else ""
    return Py(f"keras.Sequential({', '.join([body, *options] if body else options)})")


def sequential_chain(tr: TranslatorProtocol, node: RNode) -> Py:
    parts = sequential_parts(tr, node)
    assert parts is not None
    return keras_model_sequential(tr, *parts)


def keras_input(tr: TranslatorProtocol, node: RNode) -> Py:
    tr.use("keras")
    formals = ("shape", "batch_size", "dtype", "sparse", "batch_shape", "name", "tensor",
               "optional")
    matched, _, extra_named = match_arguments(node.args, formals)
    parts = []
    for formal in formals:
        if formal in matched:
            value = matched[formal]
            text = shape_text(tr, value, True) if formal in ("shape", "batch_shape") \
                else convert(tr, value, "int" if formal == "batch_size" else None)
            parts.append(f"{formal}={text}")
    parts += [f"{python_name(k)}={tr.text(v)}" for k, v in extra_named.items()]
    return Py(f"keras.Input({', '.join(parts)})")


def keras_model(tr: TranslatorProtocol, node: RNode) -> Py:
    tr.use("keras")
    matched, _extra, extra_named = match_arguments(node.args, ("inputs", "outputs", "..."))
    parts = []
    for formal in ("inputs", "outputs"):
        if formal in matched:
            value = matched[formal]
            text = plain_value(tr, value)
            named = any(a.name == formal for a in node.args)
            parts.append(f"{formal}={text}" if named else text)
    parts += [f"{python_name(k)}={plain_value(tr, v)}" for k, v in extra_named.items()]
    return Py(f"keras.Model({', '.join(parts)})")


def model_method(method: str, formals: Sequence[str], defaults: dict[str, str] | None = None,
                 extra: str = "") -> Any:
    """A handler for ``method(model, ...)`` -> ``model.method(...)``."""

    def handler(tr: TranslatorProtocol, node: RNode) -> Py:
        matched, positional, extra_named = match_arguments(node.args, ("object", *formals))
        model = matched.pop("object", None)
        if model is None:
            raise Untranslatable(f"{method}() without a model")
        parts = []
        if method == "fit" and tr.fits_from_r:
            matched.pop("x", None)
            matched.pop("y", None)
            parts.append("*next(r_fits)")
        given_by_name = {a.name for a in node.args if a.name}
        by_name = False
        for formal in formals:
            if formal not in matched:
                by_name = True
                default = (defaults or {}).get(formal)
                if default is not None:
                    parts.append(f"{formal}={default}")
                continue
            by_name = by_name or formal in given_by_name
            parts.append(method_argument(tr, formal, matched[formal], by_name=by_name))
        parts += [f"{python_name(k)}={method_value(tr, k, v)}" for k, v in extra_named.items()]
        parts += [tr.text(v) for v in positional]
        if extra:
            parts.append(extra)
        return Py(f"{tr.expr(model).wrap(ATOM)}.{method}({', '.join(parts)})")

    return handler


def method_argument(tr: TranslatorProtocol, formal: str, value: RNode, by_name: bool) -> str:
    text = method_value(tr, formal, value)
    return f"{formal}={text}" if by_name else text


def method_value(tr: TranslatorProtocol, formal: str, value: RNode) -> str:
    """compile/fit/evaluate/predict arguments: lists as Python wants them."""
    if formal == "validation_data" and value.kind == "call" and value.call_name == "list":
        return tuple_text([tr.text(a.value) for a in value.args if a.value])
    if formal in ("metrics", "callbacks", "loss_weights"):
        if value.kind == "call" and value.call_name in ("list", "c") and not any(
                a.name for a in value.args):
            return f"[{', '.join(plain_value(tr, a.value) for a in value.args if a.value)}]"
        if value.kind == "call" and value.call_name in ("list", "c"):
            return "{" + ", ".join(f"{string_literal(a.name or '')}: "
                                   f"{plain_value(tr, a.value)}"
                                   for a in value.args if a.value) + "}"
        return f"[{plain_value(tr, value)}]"
    if formal in ("epochs", "batch_size", "steps_per_epoch", "validation_steps", "verbose"):
        return convert(tr, value, "int")
    if formal == "initial_epoch":
        return axis_text(tr, value)
    return plain_value(tr, value)


FIT_FORMALS = ("x", "y", "batch_size", "epochs", "verbose", "validation_split",
               "validation_data", "shuffle", "class_weight", "sample_weight", "initial_epoch",
               "steps_per_epoch", "validation_steps", "callbacks")


def fit(tr: TranslatorProtocol, node: RNode) -> Py:
    """``fit(model, x, y, ...)`` -> ``model.fit(x, y, ...)`` with R's ``epochs`` default."""
    defaults = {"epochs": str(tr.fit_defaults.get("epochs", 10))}
    return model_method("fit", FIT_FORMALS, defaults)(tr, node)


HANDLERS_MODEL = {
    "compile": model_method("compile", ("optimizer", "loss", "metrics", "loss_weights",
                                        "weighted_metrics", "run_eagerly", "steps_per_execution",
                                        "jit_compile", "auto_scale_loss")),
    "fit": fit,
    "evaluate": model_method("evaluate", ("x", "y", "batch_size", "verbose", "sample_weight",
                                          "steps", "callbacks"), extra="return_dict=True"),
    "predict": model_method("predict", ("x", "batch_size", "verbose", "steps", "callbacks")),
    "predict_on_batch": model_method("predict_on_batch", ("x",)),
    "train_on_batch": model_method("train_on_batch", ("x", "y")),
    "test_on_batch": model_method("test_on_batch", ("x", "y")),
    "summary": model_method("summary", ()),
    "count_params": model_method("count_params", ()),
    "get_weights": model_method("get_weights", ()),
    "get_config": model_method("get_config", ()),
    "set_weights": model_method("set_weights", ("weights",)),
    "save_model": model_method("save", ("filepath", "overwrite")),
    "save_model_weights": model_method("save_weights", ("filepath", "overwrite")),
    "load_model_weights": model_method("load_weights", ("filepath",)),
    "pop_layer": model_method("pop", ()),
}


def get_layer(tr: TranslatorProtocol, node: RNode) -> Py:
    matched, _, _ = match_arguments(node.args, ("object", "name", "index"))
    model = tr.expr(matched["object"]).wrap(ATOM)
    if "index" in matched:
        return Py(f"{model}.get_layer(index={axis_text(tr, matched['index'])})")
    return Py(f"{model}.get_layer({tr.text(matched['name'])})")


def from_config(tr: TranslatorProtocol, node: RNode) -> Py:
    """keras3's ``from_config(config)`` rebuilds the object ``config <- get_config(obj)``
    came from: ``type(obj).from_config(config)`` (a model's ``custom_objects`` kept)."""
    matched, _, extra_named = match_arguments(node.args, ("config", "custom_objects"))
    config = matched.get("config")
    source = tr.config_sources.get(python_name(config.value)) \
        if config is not None and config.kind == "sym" else None
    if source is None or extra_named:
        raise Untranslatable("from_config() of a config not made by get_config() here")
    parts = [tr.text(config)]
    if "custom_objects" in matched:
        parts.append(f"custom_objects={plain_value(tr, matched['custom_objects'])}")
    return Py(f"type({source}).from_config({', '.join(parts)})")


def load_model(tr: TranslatorProtocol, node: RNode) -> Py:
    matched, _, extra_named = match_arguments(node.args, ("model", "custom_objects",
                                                          "compile", "safe_mode"))
    parts = [tr.text(matched.pop("model"))]
    parts += [f"{k}={plain_value(tr, v)}" for k, v in {**matched, **extra_named}.items()]
    return Py(f"{tr.use('keras')}.models.load_model({', '.join(parts)})")


def set_random_seed(tr: TranslatorProtocol, node: RNode) -> Py:
    matched, _, _ = match_arguments(node.args, ("seed",))
    return Py(f"{tr.use('keras')}.utils.set_random_seed({convert(tr, matched['seed'], 'int')})")


def to_categorical(tr: TranslatorProtocol, node: RNode) -> Py:
    matched, _, _ = match_arguments(node.args, ("x", "num_classes"))
    parts = [tr.text(matched["x"])]
    if "num_classes" in matched:
        parts.append(convert(tr, matched["num_classes"], "int"))
    return Py(f"{tr.use('keras')}.utils.to_categorical({', '.join(parts)})")


def array_reshape(tr: TranslatorProtocol, node: RNode) -> Py:
    """keras3's ``array_reshape(x, dim)``: row-major, as NumPy's default."""
    matched, _, _ = match_arguments(node.args, ("x", "dim", "order"))
    order = ""
    if "order" in matched and matched["order"].kind == "str" and matched["order"].value == "F":
        order = ', order="F"'
    return Py(f"{tr.use('np')}.reshape({tr.text(matched['x'])}, "
              f"{shape_text(tr, matched['dim'], True)}{order})")


def dataset(name: str) -> Any:
    def handler(tr: TranslatorProtocol, node: RNode) -> Py:
        if node.args:
            raise Untranslatable(f"dataset_{name}() with arguments")
        return Py(f"{tr.use('keras')}.datasets.{name}.load_data()")

    return handler


def history_frame(tr: TranslatorProtocol, node: RNode) -> Py:
    """``as.data.frame(history)`` -> a DataFrame of the per-epoch metrics."""
    value = node.args[0].value
    if tr.kind_of(value) == "history":
        return Py(f"{tr.use('pd')}.DataFrame({tr.expr(value).wrap(ATOM)}.history)")
    return Py(f"{tr.use('pd')}.DataFrame({tr.text(value)})")


def plot(tr: TranslatorProtocol, node: RNode) -> Py:
    value = node.args[0].value if node.args else None
    kind = tr.kind_of(value)
    if kind == "history":
        return Py(f"{tr.use('pd')}.DataFrame({tr.expr(value).wrap(ATOM)}.history).plot()")
    if kind in ("keras", "sequential"):
        return Py(f"{tr.use('keras')}.utils.plot_model({tr.text(value)})")
    raise Untranslatable("plot() of something other than a training history or a model")


def shape(tr: TranslatorProtocol, node: RNode) -> Py:
    """keras3's ``shape(28, NA)`` -> ``(28, None)``; ``shape(x)`` of one variable not known
    to hold a number is the shape of the tensor ``x`` holds: ``keras.ops.shape(x)``."""
    only = node.args[0].value if len(node.args) == 1 and not node.args[0].name else None
    if only is not None and only.kind == "sym" and tr.kind_of(only) not in ("scalar", "vector"):
        return Py(f"{tr.use('keras')}.ops.shape({tr.text(only)})")
    items = ["None" if a.value is not None and a.value.kind == "const" else
             convert(tr, a.value, "int") for a in node.args if a.value is not None]
    return Py(tuple_text(items) if items else "()")


def random_draw(function: str, formals: Sequence[str]) -> Any:
    """keras3's ``random_*(shape, ...)`` -> ``keras.random.*(shape, ...)``."""

    def handler(tr: TranslatorProtocol, node: RNode) -> Py:
        matched, _, extra_named = match_arguments(node.args, formals)
        parts = []
        for formal in formals:
            if formal in matched:
                value = matched[formal]
                text = shape_text(tr, value, True) if formal == "shape" \
                    else convert(tr, value, "int" if formal == "seed" else None)
                parts.append(text if formal == formals[0] else f"{formal}={text}")
        parts += [f"{python_name(k)}={tr.text(v)}" for k, v in extra_named.items()]
        return Py(f"{tr.use('keras')}.random.{function}({', '.join(parts)})")

    return handler


def dataset_method(method: str, formals: Sequence[str]) -> Any:
    """tfdatasets' ``dataset_*(dataset, ...)`` -> ``dataset.method(...)``."""

    def handler(tr: TranslatorProtocol, node: RNode) -> Py:
        matched, _, extra_named = match_arguments(node.args, ("dataset", *formals))
        dataset = tr.expr(matched.pop("dataset")).wrap(ATOM)
        parts = [convert(tr, matched[f], "int") for f in formals if f in matched]
        parts += [f"{python_name(k)}={tr.text(v)}" for k, v in extra_named.items()]
        return Py(f"{dataset}.{method}({', '.join(parts)})")

    return handler


def keras_function(target: str, formals: Sequence[str]) -> Any:
    """``f(a, b = x)`` -> ``keras.<target>(a, b=x)``: the first formal by position."""

    def handler(tr: TranslatorProtocol, node: RNode) -> Py:
        matched, extra, extra_named = match_arguments(node.args, formals)
        if extra:
            raise Untranslatable(f"{node.call_name}() given unnamed arguments it has no "
                                 "place for")
        parts = [plain_value(tr, matched.pop(formals[0]))] if formals[0] in matched else []
        parts += [f"{k}={plain_value(tr, v)}" for k, v in {**matched, **extra_named}.items()]
        return Py(f"{tr.use('keras')}.{target}({', '.join(parts)})")

    return handler


def register_serializable(tr: TranslatorProtocol, node: RNode) -> Py:
    """``register_keras_serializable(object, name, package)`` -> the object registered:
    ``keras.saving.register_keras_serializable(package=..., name=...)(object)``."""
    matched, _, _ = match_arguments(node.args, ("object", "name", "package"))
    options = ", ".join(f"{k}={tr.text(matched[k])}" for k in ("package", "name")
                        if k in matched)
    return Py(f"{tr.use('keras')}.saving.register_keras_serializable({options})"
              f"({tr.text(matched['object'])})")


def set_custom_objects(tr: TranslatorProtocol, node: RNode) -> Py:
    """keras3's ``set_custom_objects(objects)`` adds to Keras' global custom objects;
    ``set_custom_objects(clear = TRUE)`` empties them."""
    matched, _, _ = match_arguments(node.args, ("objects", "clear"))
    table = f"{tr.use('keras')}.saving.get_custom_objects()"
    clear = matched.get("clear")
    if clear is not None and clear.kind == "const" and clear.value in ("TRUE", "T"):
        if "objects" in matched:
            raise Untranslatable("set_custom_objects() that clears and adds at once")
        return Py(f"{table}.clear()")
    return Py(f"{table}.update({tr.text(matched['objects'])})")


def iter_next(tr: TranslatorProtocol, node: RNode) -> Py:
    """reticulate's ``iter_next(it)``: the next element, ``NULL`` (None) at the end."""
    matched, _, _ = match_arguments(node.args, ("it", "completed"))
    end = tr.text(matched["completed"]) if "completed" in matched else "None"
    return Py(f"next({tr.text(matched['it'])}, {end})")


def iterate(tr: TranslatorProtocol, node: RNode) -> Py:
    """reticulate's ``iterate(it, f)``: ``f`` of each element, as a list."""
    matched, _, _ = match_arguments(node.args, ("it", "f", "simplify"))
    items = tr.text(matched["it"])
    if "f" not in matched:
        return Py(f"list({items})")
    function = tr.expr(matched["f"])
    call = function.wrap(ATOM) if function.prec >= ATOM else f"({function.text})"
    return Py(f"[{call}(item) for item in {items}]")


def tensor_slices_dataset(tr: TranslatorProtocol, node: RNode) -> Py:
    matched, _, _ = match_arguments(node.args, ("tensors",))
    value = matched["tensors"]
    data = tuple_text([tr.text(a.value) for a in value.args if a.value]) \
        if value.kind == "call" and value.call_name == "list" and not any(
            a.name for a in value.args) else tr.text(value)
    return Py(f"{tr.use('tf')}.data.Dataset.from_tensor_slices({data})")


def by_lookup(prefix: str, module: str) -> Any:
    """``application_vgg19(...)`` -> ``keras.applications.VGG19(...)``: the public name
    of ``keras.<module>`` equal to the R name's rest, underscores aside."""

    def handler(tr: TranslatorProtocol, node: RNode) -> Py:
        from keras_rparity.r_api_gen.endpoints import keras_module

        wanted = (node.call_name or "")[len(prefix):].replace("_", "").lower()
        namespace = keras_module(module)
        names = [n for n in dir(namespace) if n.replace("_", "").lower() == wanted
                 and n[:1].isupper()]
        if not names:
            raise Untranslatable(f"keras.{module} has no {node.call_name}() equivalent")
        # R's matching against the Python signature: names (partial too), then positions
        formals = [p for p in inspect.signature(getattr(namespace, names[0])).parameters
                   if p not in ("self", "args", "kwargs")]
        matched, extra, extra_named = match_arguments(node.args, formals)
        if extra:
            raise Untranslatable(f"{node.call_name}() with more unnamed arguments than "
                                 f"keras.{module}.{names[0]} takes")
        parts = []
        ordered = {f: matched[f] for f in formals if f in matched}  # the signature's order
        for name, value in {**ordered, **extra_named}.items():
            kind = "shape" if name in ("input_shape", "shape") else \
                "int" if name == "classes" else None
            parts.append(f"{python_name(name)}={convert(tr, value, kind)}")
        return Py(f"{tr.use('keras')}.{module}.{names[0]}({', '.join(parts)})")

    return handler


def pad_sequences(tr: TranslatorProtocol, node: RNode) -> Py:
    """keras3's ``pad_sequences(sequences, maxlen, ...)`` -> keras.utils.pad_sequences."""
    formals = ("sequences", "maxlen", "dtype", "padding", "truncating", "value")
    matched, _, _ = match_arguments(node.args, formals)
    parts = [tr.text(matched.pop("sequences"))]
    parts += [f"{f}={convert(tr, matched[f], 'int' if f == 'maxlen' else None)}"
              for f in formals if f in matched]
    return Py(f"{tr.use('keras')}.utils.pad_sequences({', '.join(parts)})")


def result_kind(tr: TranslatorProtocol, node: RNode) -> str | None:
    """The kind of value a call returns (for ``$`` and indexing of its result)."""
    name = node.call_name or ""
    if name.startswith("dataset_"):
        return "dataset"
    if name == "fit":
        return "history"
    if name in ("keras_model_sequential",):
        return "sequential"
    if name in ("keras_model", "keras_input", "layer_input", "load_model", "get_layer") \
            or name.startswith(("layer_", "optimizer_", "callback_", "loss_", "metric_")):
        return "sequential" if sequential_parts(tr, node) else "keras"
    if python_name(name) in tr.classes:
        return "keras"
    if name in ("read.csv", "read.table", "data.frame", "as.data.frame", "read.csv2"):
        return "frame"
    if name in ("list",):
        return "dict" if any(a.name for a in node.args) or not node.args else "list"
    if name in ("rep", "seq_len", "seq", "c", "seq_along"):
        return "vector"
    if name in ("nrow", "ncol", "length", "NROW", "NCOL", "sum", "mean", "max", "min"):
        return "scalar"
    if name == "is.na":
        return "logical"
    if name in ("function",) or tr.kinds.get(f"{python_name(name)}()"):
        return tr.kinds.get(f"{python_name(name)}()")
    return None


HANDLERS: dict[str, Any] = {
    **HANDLERS_MODEL,
    "keras_model_sequential": lambda tr, node: keras_model_sequential(tr, node),
    "keras_input": keras_input,
    "layer_input": keras_input,
    "keras_model": keras_model,
    "get_layer": get_layer,
    "from_config": from_config,
    "load_model": load_model,
    "load_model_tf": load_model,
    "set_random_seed": set_random_seed,
    "tensorflow::set_random_seed": set_random_seed,
    "to_categorical": to_categorical,
    "array_reshape": array_reshape,
    "shape": shape,
    "dataset_mnist": dataset("mnist"),
    "dataset_fashion_mnist": dataset("fashion_mnist"),
    "dataset_cifar10": dataset("cifar10"),
    "dataset_cifar100": dataset("cifar100"),
    "dataset_boston_housing": dataset("boston_housing"),
    "dataset_imdb": dataset("imdb"),
    "dataset_reuters": dataset("reuters"),
    "as.data.frame": history_frame,
    "plot": plot,
    "random_normal": random_draw("normal", ("shape", "mean", "stddev", "dtype", "seed")),
    "random_uniform": random_draw("uniform", ("shape", "minval", "maxval", "dtype", "seed")),
    "random_integer": random_draw("randint", ("shape", "minval", "maxval", "dtype", "seed")),
    "random_seed_generator": lambda tr, node: Py(
        f"{tr.use('keras')}.random.SeedGenerator({tr.call_arguments(node.args)})"),
    "random_dropout": random_draw("dropout", ("inputs", "rate", "noise_shape", "seed")),
    "pad_sequences": pad_sequences,
    "tensor_slices_dataset": tensor_slices_dataset,
    "as_iterator": lambda tr, node: Py(f"iter({tr.text(node.args[0].value)})"),
    "as_array_iterator": lambda tr, node: Py(
        f"{tr.expr(node.args[0].value).wrap(ATOM)}.as_numpy_iterator()"),
    "iter_next": iter_next,
    "iterate": iterate,
    "dataset_map": dataset_method("map", ("map_func", "num_parallel_calls")),
    "dataset_batch": dataset_method("batch", ("batch_size", "drop_remainder")),
    "dataset_shuffle": dataset_method("shuffle", ("buffer_size",)),
    "dataset_prefetch": dataset_method("prefetch", ("buffer_size",)),
    "dataset_take": dataset_method("take", ("count",)),
    "dataset_repeat": dataset_method("repeat", ("count",)),
    "clear_session": lambda tr, node: Py(f"{tr.use('keras')}.backend.clear_session()"),
    "k_epsilon": lambda tr, node: Py(f"{tr.use('keras')}.config.epsilon()"),
    "serialize_keras_object": keras_function("saving.serialize_keras_object", ("object",)),
    "deserialize_keras_object": keras_function("saving.deserialize_keras_object",
                                               ("config", "custom_objects", "safe_mode")),
    "register_keras_serializable": register_serializable,
    "clone_model": keras_function("models.clone_model", ("model", "input_tensors",
                                                         "clone_function")),
    "save_model_config": lambda tr, node: Py(
        f"{tr.use('Path')}({tr.text(node.args[1].value)}).write_text("
        f"{tr.expr(node.args[0].value).wrap(ATOM)}.to_json())"),
    "load_model_config": lambda tr, node: Py(
        f"{tr.use('keras')}.models.model_from_json({tr.use('Path')}("
        f"{tr.text(node.args[0].value)}).read_text())"),
    "set_custom_objects": set_custom_objects,
    "zip_lists": lambda tr, node: Py(
        f"list(zip({', '.join(tr.text(a.value) for a in node.args)}, strict=True))"),
    "tf_function": lambda tr, node: Py(
        f"{tr.use('tf')}.function({tr.call_arguments(node.args)})"),
}


def prefix_handler(name: str) -> Any:
    """The handler of a family of R names known by prefix (``application_*``, ...)."""
    for prefix, module in (("application_", "applications"),):
        if name.startswith(prefix):
            return by_lookup(prefix, module)
    return None
