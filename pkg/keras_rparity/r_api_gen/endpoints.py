"""The public names of the wrapped Keras modules, as R wrappers to generate.

Every public name of a module is either covered by a wrapper (its own, or the wrapper of
the object it is an alias of: ``AvgPool2D`` is ``AveragePooling2D``; a loss class and
its function share one wrapper) or listed in :data:`EXCLUDED` with the reason.

>>> endpoints, covered, excluded = collect_module("regularizers")
>>> covered["L1L2"], covered["l1_l2"]
('regularizer_l1_l2', 'regularizer_l1_l2')
>>> "serialize" in excluded
True
"""

from __future__ import annotations

import inspect
import types
from dataclasses import dataclass, field, replace
from typing import Any

from keras_rparity.r_api_gen.kinds import argument_docs, argument_kind
from keras_rparity.r_api_gen.naming import PREFIXES, r_name

#: The Keras modules whose public names all get an R wrapper (keras.random: keras3's random_*;
#: keras.optimizers.schedules: keras3's learning_rate_schedule_*).
MODULES = tuple(PREFIXES)

_CONFIG = ("Keras' config (de)serialization and lookup by name: R code passes names or "
           "objects directly (keras3 has no wrapper either)")
_BASE = ("base class for subclassing; the bundled layer does not define Keras classes "
         "from R (keras3's Layer(), Loss(), ... do)")
_SUBMODULE = "a submodule, not a function or class"

#: Names in any module deliberately without a wrapper (Keras' config plumbing).
CONFIG_NAMES = ("serialize", "deserialize", "get")

#: Public names deliberately without a wrapper, with the reason.
EXCLUDED: dict[tuple[str, str], str] = {
    ("layers", "Layer"): _BASE, ("losses", "Loss"): _BASE, ("metrics", "Metric"): _BASE,
    ("callbacks", "Callback"): _BASE, ("optimizers", "Optimizer"): _BASE,
    ("initializers", "Initializer"): _BASE, ("regularizers", "Regularizer"): _BASE,
    ("constraints", "Constraint"): _BASE,
    ("layers", "Wrapper"): "abstract base of layer_time_distributed()/layer_bidirectional()",
    ("layers", "InputSpec"): "a shape specification attached to layers, not a layer",
    ("callbacks", "History"): "made by fit() itself, which returns it as keras_training_history",
    ("callbacks", "CallbackList"): "the container fit() builds from its `callbacks` list",
    ("optimizers", "legacy"): _SUBMODULE + " (Keras 2's optimizers; keras3 has no wrappers)",
    ("optimizers", "schedules"): _SUBMODULE + " (wrapped as its own module: "
    "learning_rate_schedule_*)",
    ("optimizers.schedules", "LearningRateSchedule"): "base class for subclassing: the "
    "bundled layer's LearningRateSchedule() defines one from R, as keras3's does",
    **{("ops", n): _SUBMODULE + " (its functions are also keras.ops' own, or keras3's "
       "op_image_*/op_linalg_* family, outside the wrapped modules)"
       for n in ("image", "linalg", "nn", "numpy")},
}

#: When two different objects get one R name, the one to wrap (keras3 does the same).
PREFERRED = {"layer_input": "Input"}

#: R's reserved words cannot be argument names: the R name used instead.
R_RESERVED = {"function": "f", "if": "if_", "else": "else_", "repeat": "repeat_",
              "while": "while_", "for": "for_", "in": "in_", "next": "next_",
              "break": "break_", "TRUE": "TRUE_", "FALSE": "FALSE_", "NULL": "NULL_"}


@dataclass(frozen=True)
class Param:
    """One formal argument of an R wrapper."""

    r_name: str
    py_name: str
    default: Any = inspect.Parameter.empty   # the Python default; empty = required
    kind: str | None = None
    var_positional: bool = False
    positional: bool = False    # before a *args: Python takes it by position only


@dataclass
class Endpoint:
    """One R wrapper: its name, the Python objects it calls, and its arguments."""

    module: str
    r_name: str
    target: str                      # attribute of the module, e.g. "Dense"
    template: str                    # layer, merge_layer, builder, object_or_values, ...
    params: list[Param]
    summary: str
    function_target: str | None = None   # losses/metrics: the function of a class
    covers: list[str] = field(default_factory=list)


def keras_module(module: str) -> types.ModuleType:
    """``keras.<module>``; a dotted name is a submodule (``optimizers.schedules``)."""
    import keras

    found: Any = keras
    for part in module.split("."):
        found = getattr(found, part)
    return found


def public_names(module: str) -> list[str]:
    """The public names of ``keras.<module>``, sorted.

    >>> "Dense" in public_names("layers")
    True
    >>> "ExponentialDecay" in public_names("optimizers.schedules")
    True
    """
    return sorted(n for n in dir(keras_module(module)) if not n.startswith("_"))


def _keras_object(module: str, name: str) -> Any:
    return getattr(keras_module(module), name)


def collect_module(module: str) -> tuple[list[Endpoint], dict[str, str], dict[str, str]]:
    """Endpoints of ``keras.<module>``, the R name covering each public name, and the
    excluded names with their reasons."""
    excluded: dict[str, str] = {}
    groups: dict[str, list[str]] = {}
    for name in public_names(module):
        obj = _keras_object(module, name)
        if name in CONFIG_NAMES or (module, name) in EXCLUDED:
            excluded[name] = _CONFIG if name in CONFIG_NAMES else EXCLUDED[module, name]
            continue
        if isinstance(obj, types.ModuleType):
            raise ValueError(f"keras.{module}.{name} is a new submodule: add it to EXCLUDED "
                             "with a reason, or wrap its functions")
        groups.setdefault(_r_name_of(module, name, obj), []).append(name)
    endpoints, covered = [], {}
    for rname, names in sorted(groups.items()):
        endpoints.append(_endpoint(module, rname, names))
        covered.update({n: rname for n in names})
    return endpoints, covered, excluded


def _r_name_of(module: str, name: str, obj: Any) -> str:
    """The R name, through the canonical name of an alias (``AvgPool2D`` is
    ``AveragePooling2D``; ``glorot_uniform`` is ``GlorotUniform``)."""
    canonical = getattr(obj, "__name__", name)
    if canonical != name and _is_public_alias(module, canonical, obj):
        name = canonical
    return r_name(module, name, getattr(obj, "__module__", "") or "")


def _is_public_alias(module: str, canonical: str, obj: Any) -> bool:
    return getattr(keras_module(module), canonical, None) is obj


def _endpoint(module: str, rname: str, names: list[str]) -> Endpoint:
    objects = {n: _keras_object(module, n) for n in names}
    distinct = list({id(o): n for n, o in objects.items()}.values())
    classes = [n for n in distinct if inspect.isclass(objects[n])]
    functions = [n for n in distinct if not inspect.isclass(objects[n])]
    if rname in PREFERRED:
        chosen = PREFERRED[rname]
        return _make(module, rname, chosen, None, names)
    if len(distinct) == 1:
        return _make(module, rname, distinct[0], None, names)
    if len(classes) == 1 and len(functions) == 1 and module in ("losses", "metrics"):
        return _make(module, rname, classes[0], functions[0], names)
    if len(classes) == 1 and module == "layers":
        return _make(module, rname, classes[0], None, names)   # Add class and add()
    if len(classes) == 1 and all(_same_class(objects[f], objects[classes[0]])
                                 for f in functions):
        return _make(module, rname, classes[0], None, names)
    raise ValueError(f"{names} of keras.{module} all map to {rname}(): say which to wrap "
                     "in PREFERRED")


def _same_class(function: Any, cls: Any) -> bool:
    return getattr(function, "__name__", "") == cls.__name__


def _make(module: str, rname: str, target: str, function_target: str | None,
          names: list[str]) -> Endpoint:
    obj = _keras_object(module, target)
    template = _template(module, rname, target, obj, function_target)
    params = _params(module, target, obj)
    if function_target is not None:
        fn_params = _params(module, function_target, _keras_object(module, function_target))
        seen = {p.r_name for p in fn_params}
        params = fn_params + [Param("...", "...")] + [p for p in params if p.r_name not in seen
                                                     and p.r_name != "..."]
    summary = (inspect.getdoc(obj) or "").strip().split("\n\n")[0].replace("\n", " ")
    return Endpoint(module, rname, target, template, params, summary, function_target,
                    sorted(names))


def _template(module: str, rname: str, target: str, obj: Any,
              function_target: str | None) -> str:
    if function_target is not None:
        return "object_or_values"
    if module == "layers" and inspect.isclass(obj):
        if ".layers.merging." in obj.__module__:
            return "merge_layer"
        if rname.startswith("rnn_cell"):
            return "builder"
        return "layer"
    if module == "activations":
        return "activation"
    return "call"


def _params(module: str, target: str, obj: Any) -> list[Param]:
    """R formals from the Python signature: each argument with its default and kind;
    ``**kwargs`` becomes R's ``...`` (kept last, so every formal partially matches)."""
    signature = inspect.signature(obj)
    docs = argument_docs(inspect.getdoc(obj))
    params: list[Param] = []
    dots = False
    for p in signature.parameters.values():
        if p.name == "self":
            continue
        if p.kind == p.VAR_KEYWORD:
            dots = True
            continue
        if p.kind == p.VAR_POSITIONAL:
            kind = "tensor" if module == "ops" else None
            params.append(Param("...", p.name, kind=kind, var_positional=True))
            continue
        kind = argument_kind(module, target, p.name, p.default, docs.get(p.name, ""))
        if kind is None and module in ("ops", "activations", "random") and p.default is p.empty:
            kind = "tensor"
        params.append(Param(R_RESERVED.get(p.name, p.name), p.name, p.default, kind))
    variadic = [i for i, p in enumerate(params) if p.var_positional]
    if variadic:
        params = [replace(p, positional=True) if i < variadic[0] else p
                  for i, p in enumerate(params)]
    if dots and not any(p.r_name == "..." for p in params):
        params.append(Param("...", "..."))
    return params
