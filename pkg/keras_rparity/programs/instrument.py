"""Instrumenting Keras for the duration of a run, so that unmodified programs are recorded.

Three context managers, each patching on entry and restoring on exit (also on error):

* :func:`seed_before_each_model`: the seed rule, on the Keras objects themselves. Every
  Keras layer, input and model is created through ``keras.layers.Layer.__new__``; the run
  context seeds at the first such creation of the run and at the first one after each
  ``fit``. R programs create their models through the same Python classes (reticulate),
  so one implementation serves both languages, for Sequential and functional models.
* :func:`record_fits`: every ``keras.Model.fit`` goes through the run context's one entry
  point (:meth:`~keras_rparity.record.RunContext.run_fit`): knobs applied, weights kept as
  training starts, the fit recorded. R programs' fits end in this same ``keras.Model.fit``
  (through reticulate, with the bundled R layer or keras3), so one code path records both
  languages.
* :func:`serve_datasets`: ``keras.datasets.<name>.load_data()`` returns the data layer's
  arrays (the ``per_class`` knob applied), the same arrays R's ``dataset_<name>()`` get.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from keras_rparity.record import RunContext

#: ``keras.datasets`` modules whose ``load_data`` is served from the data layer.
SERVED_DATASETS = ("cifar10", "fashion_mnist", "mnist")


@contextmanager
def _patched(owner: Any, name: str, replacement: Any) -> Iterator[None]:
    """Set ``owner.name`` to ``replacement`` for the block; restore exactly afterwards."""
    had_own = name in vars(owner)
    original = vars(owner).get(name)
    setattr(owner, name, replacement)
    try:
        yield
    finally:
        if had_own:
            setattr(owner, name, original)
        else:
            delattr(owner, name)


@contextmanager
def seed_before_each_model(ctx: RunContext) -> Iterator[None]:
    """Seed (per ``ctx.knobs.seed``) right before each model's first layer/input/model."""
    import keras

    layer_class = keras.layers.Layer
    original_new = vars(layer_class)["__new__"]
    create = original_new.__func__ if isinstance(original_new, staticmethod) else original_new

    def new(cls: type, *args: Any, **kwargs: Any) -> Any:
        ctx.model_construction()
        return create(cls, *args, **kwargs)

    with _patched(layer_class, "__new__", staticmethod(new)):
        yield


@contextmanager
def record_fits(ctx: RunContext) -> Iterator[None]:
    """Hand every ``keras.Model.fit`` of the block, R's and Python's, to ``ctx.run_fit``."""
    import keras

    fit = keras.Model.fit
    signature = inspect.signature(fit)
    inside = [False]  # a subclass's fit calling super().fit is one fit, recorded once

    def recorded_fit(self: Any, *args: Any, **kwargs: Any) -> Any:
        if inside[0]:
            return fit(self, *args, **kwargs)
        bound = signature.bind(self, *args, **kwargs)

        def train() -> Any:
            inside[0] = True
            try:
                return fit(*bound.args, **bound.kwargs)
            finally:
                inside[0] = False

        return ctx.run_fit(self, bound.arguments, train)

    with _patched(keras.Model, "fit", recorded_fit):
        yield


@contextmanager
def serve_datasets(ctx: RunContext) -> Iterator[None]:
    """``keras.datasets.<name>.load_data()`` -> the data layer's ``(train, test)``."""
    import importlib

    modules = {name: importlib.import_module(f"keras.datasets.{name}")
               for name in SERVED_DATASETS}
    originals = {name: module.load_data for name, module in modules.items()}
    loading = [False]  # the data layer itself reads Keras' files through Keras' loader

    def loader(name: str) -> Any:
        def load_data(*args: Any, **kwargs: Any) -> Any:
            if loading[0]:
                return originals[name](*args, **kwargs)
            if args or kwargs:
                from keras_rparity.errors import InvalidArgumentError

                raise InvalidArgumentError(
                    f"keras.datasets.{name}.load_data() takes no arguments under keras-rparity "
                    "(the data comes from keras-rparity's data layer; use --per-class to "
                    "change its size)")
            loading[0] = True
            try:
                data = ctx.load_dataset(name)
            finally:
                loading[0] = False
            return data.train, data.test

        return load_data

    with ExitStack() as stack:
        for name, module in modules.items():
            stack.enter_context(_patched(module, "load_data", loader(name)))
        yield


@contextmanager
def instrumented(ctx: RunContext) -> Iterator[None]:
    """All three instruments for the block: the seed rule, recorded fits, served datasets.
    Both languages run under it (R's ``dataset_<name>()`` takes the one-copy route into
    R's memory, :mod:`keras_rparity.bridge.r_datasets`, through the same ``ctx``)."""
    with seed_before_each_model(ctx), record_fits(ctx), serve_datasets(ctx):
        yield
