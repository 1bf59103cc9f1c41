"""keras3's class constructors as Python classes.

``new_layer_class("Linear", initialize = function(units = 32, ...) {...}, build = ...,
call = ...)`` (or ``Layer(...)``, ``new_model_class``/``Model``, ``new_loss_class``/``Loss``,
``new_metric_class``/``Metric``, ``new_callback_class``/``Callback``) becomes
``class Linear(keras.layers.Layer)`` with ``__init__``/``build``/``call``/``get_config``;
``super$initialize(...)`` is ``super().__init__(...)`` and ``self$x`` is ``self.x``.
A ``layer_linear <- new_layer_class(...)`` is then called as keras3 calls it: the
first argument, when it is a model or tensor, is what the new layer is applied to.
"""

from __future__ import annotations

from keras_rparity.port.expressions import Py, TranslatorProtocol, Untranslatable, python_name
from keras_rparity.port.functions import function_lines
from keras_rparity.port.keras_calls import sequential_chain, sequential_parts
from keras_rparity.port.parse_tree import RNode

#: R constructor -> (Python base class, kind of class).
CONSTRUCTORS = {
    "new_layer_class": ("keras.layers.Layer", "layer"), "Layer": ("keras.layers.Layer", "layer"),
    "new_model_class": ("keras.Model", "model"), "Model": ("keras.Model", "model"),
    "new_loss_class": ("keras.losses.Loss", "loss"), "Loss": ("keras.losses.Loss", "loss"),
    "new_metric_class": ("keras.metrics.Metric", "metric"),
    "Metric": ("keras.metrics.Metric", "metric"),
    "new_callback_class": ("keras.callbacks.Callback", "callback"),
    "Callback": ("keras.callbacks.Callback", "callback"),
}

#: keras3's markers of a member read as a value (an R active binding): Python properties.
PROPERTIES = ("mark_active", "active_property")

#: R method names -> Python ones.
METHODS = {"initialize": "__init__"}

#: Methods whose value Keras ignores (no ``return``).
NO_RETURN = {"__init__", "build", "update_state", "reset_state", "on_epoch_end",
             "on_epoch_begin", "on_train_begin", "on_train_end", "on_batch_end",
             "on_batch_begin", "on_train_batch_end", "on_train_batch_begin"}


def class_definition(tr: TranslatorProtocol, target: str, node: RNode, indent: str) -> list[str]:
    """The ``class`` statement for ``target <- new_*_class("Name", ...)``."""
    constructor = node.call_name or ""
    base, kind = CONSTRUCTORS[constructor]
    tr.use("keras")
    args = list(node.args)
    if args and args[0].name in (None, "classname"):
        name_node = args.pop(0).value
        if name_node is None or name_node.kind != "str":
            raise Untranslatable("a class name that is not a string")
        class_name = python_name(name_node.value)
    else:
        class_name = python_name(target)
    if any(a.name == "inherit" for a in args):
        parent = next(a.value for a in args if a.name == "inherit")
        base = tr.text(parent)
        args = [a for a in args if a.name != "inherit"]
    tr.classes[python_name(target)] = (class_name, kind)
    tr.classes[class_name] = (class_name, kind)
    tr.functions.add(python_name(target))
    lines = [f"{indent}class {class_name}({base}):"]
    saved = tr.kinds.get("self")
    tr.kinds["self"] = "self"
    for arg in args:
        if arg.name is None or arg.value is None:
            raise Untranslatable("an unnamed class member")
        method = METHODS.get(arg.name, python_name(arg.name))
        value = arg.value
        if value.kind == "call" and value.call_name in PROPERTIES and len(value.args) == 1 \
                and value.args[0].value is not None and value.args[0].value.kind == "function":
            lines.append(f"{indent}    @property")  # keras3's active binding
            lines += function_lines(tr, method, value.args[0].value, indent + "    ",
                                    method=True, returns=True)
        elif arg.value.kind == "function":
            lines += function_lines(tr, method, arg.value, indent + "    ", method=True,
                                    returns=method not in NO_RETURN,
                                    # a layer function's first argument is the object
                                    called_as=target if method == "__init__"
                                    and kind != "layer" else None)
        else:
            lines.append(f"{indent}    {method} = {tr.text(arg.value)}")
        lines.append("")
    if saved is None:
        tr.kinds.pop("self", None)
    while lines and lines[-1] == "":
        lines.pop()
    if len(lines) == 1:
        lines.append(f"{indent}    pass")
    return lines


def call_user_class(tr: TranslatorProtocol, node: RNode) -> Py:
    """``layer_linear(x, 4)``: the layer applied to ``x``; other classes: instances."""
    class_name, kind = tr.classes[python_name(node.call_name or "")]
    args = list(node.args)
    if kind == "layer" and args and args[0].name is None and args[0].value is not None:
        # keras3's layer functions take the model or tensor first, as layer_*() do
        if sequential_parts(tr, node) is not None:
            return sequential_chain(tr, node)
        layer = f"{class_name}({tr.call_arguments(args[1:])})"
        return Py(f"{layer}({tr.text(args[0].value)})")
    return Py(f"{class_name}({tr.call_arguments(args)})")



def constructor_as_value(tr: TranslatorProtocol, node: RNode) -> Py:
    raise Untranslatable(f"{node.call_name}() is translated where it is assigned to a name")


HANDLERS = {name: constructor_as_value for name in CONSTRUCTORS}
