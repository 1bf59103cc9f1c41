"""What both sides of a run share: knobs in, fit records out.

A :class:`RunContext` is what a running program reports to. Every ``fit`` of either
language ends in ``keras.Model.fit`` in this process (R's through reticulate, with the
bundled R layer or keras3), and the one instrumentation of it
(:func:`keras_rparity.programs.instrument.record_fits`) hands each call to
:meth:`RunContext.run_fit`: knobs applied, checked, prepared, trained and recorded by
one code path, so R and Python runs have one format: data -> model -> history -> parity.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from keras_rparity.determinism import enable_deterministic_ops, seed_everything
from keras_rparity.errors import LossLabelMismatchError
from keras_rparity.pairing import blocking_message, check_pairing
from keras_rparity.record.fit_record import (
    ArrayFingerprint,
    FitRecord,
    as_trained,
    history_frame,
    loss_name,
    optimizer_settings,
    output_activation,
    shape_tuple,
)
from keras_rparity.record.knobs import Knobs
from keras_rparity.training_state import build_training_state


@dataclass
class RunContext:
    """Knobs for one side of one run, and the records of its fits.

    The seed rule: with ``knobs.seed`` set, :meth:`model_construction` seeds at the
    first model-building call of the run and at the first one after each ``fit``.

    Example:
    >>> ctx = RunContext(Knobs(epochs=2))
    >>> ctx.epochs(50), ctx.fits
    (2, [])
    """

    knobs: Knobs = field(default_factory=Knobs)
    side: str = "python"
    fits: list[FitRecord] = field(default_factory=list)
    data_sources: dict[str, str] = field(default_factory=dict)
    served_rows: dict[str, int] = field(default_factory=dict)
    seeds_set: int = 0
    recording_seconds: float = 0.0
    before_fit: Callable[[], None] | None = field(default=None, repr=False)
    _seed_due: bool = field(default=True, repr=False)
    _initial_weights: list[np.ndarray] | None = field(default=None, repr=False)
    _findings: list[Any] | None = field(default=None, repr=False)

    def load_dataset(self, name: str) -> Any:
        """Load a dataset through the data layer with the run's size knob applied,
        noting where it came from (real data or a test fixture)."""
        from keras_rparity.data.loaders import load_dataset

        data = load_dataset(name, per_class=self.knobs.per_class, standin=self.knobs.standin)
        self.data_sources[name] = data.source
        self.served_rows[name] = len(data.train[0])
        return data

    def start(self) -> None:
        """Called once when the run starts: deterministic TensorFlow ops."""
        enable_deterministic_ops()

    def model_construction(self) -> None:
        """Called at every model-building call (layer, input or model created): seeds
        at the first one of the run and the first one after each ``fit``."""
        if self._seed_due:
            self._seed_due = False
            if self.knobs.seed is not None:
                seed_everything(self.knobs.seed)
                self.seeds_set += 1

    def epochs(self, requested: int | float) -> int:
        """The epochs to train: the knob if set, else what the program asked for."""
        return int(self.knobs.epochs if self.knobs.epochs is not None else requested)

    def verbose(self, requested: Any = None) -> Any:
        """The program's ``verbose`` when it gave one, else the knob's. ``"auto"`` (Keras'
        default, which R's ``fit`` passes on when the program gives none) is none given.

        Example:
        >>> RunContext(Knobs(verbose=2)).verbose("auto"), RunContext(Knobs()).verbose(1)
        (2, 1)
        """
        return self.knobs.verbose if requested is None or requested == "auto" else requested

    def run_fit(self, model: Any, arguments: MutableMapping[str, Any],
                train: Callable[[], Any]) -> Any:
        """One ``fit`` of the program, either language: the one entry point around a fit.

        ``arguments`` are ``fit``'s arguments as the program gave them (by name); the knobs
        are applied to them in place (``epochs``, ``verbose``) and a callback that keeps the
        initial weights is added. Then: labels the loss cannot read are refused
        (:meth:`preflight`), Keras' training state is built (:meth:`prepare_fit`), the
        side's :attr:`before_fit` action runs (R: its garbage collection), ``train()``
        calls Keras' own ``fit`` with ``arguments`` and the fit is recorded
        (:meth:`record_fit`). Returns what ``train()`` returned (Keras' ``History``).
        """
        entered = time.perf_counter()
        arguments["epochs"] = self.epochs(arguments.get("epochs", 1))
        arguments["verbose"] = self.verbose(arguments.get("verbose"))
        arguments["callbacks"] = [*_callback_list(arguments.get("callbacks")),
                                  self.initial_weights_keeper()]
        x, y = arguments.get("x"), arguments.get("y")
        self.preflight(model, y)
        self.prepare_fit(model, x, y)
        if self.before_fit is not None:
            self.before_fit()
        started = time.perf_counter()
        history = train()
        finished = time.perf_counter()
        self.record_fit(model, x, y, history.history, finished - started)
        self.recording_seconds += (started - entered) + (time.perf_counter() - finished)
        return history

    def preflight(self, model: Any, y: Any) -> list[Any]:
        """The pairing findings for this fit (checked once per fit); labels the compiled
        loss cannot read are refused, explaining why and how to fix it. A model without
        one compiled loss (its own ``train_step``, ``add_loss()``, one loss per output)
        gets the checker's ``no-compiled-loss`` finding; several label arrays are not read.

        Raises:
            LossLabelMismatchError: e.g. one-hot labels with a sparse crossentropy.
        """
        if not getattr(model, "compiled", False):
            return []  # Keras itself says the model must be compiled first
        labels = y if _is_single_array(y) else None
        findings = check_pairing(model, y=None if labels is None else np.asarray(labels))
        message = blocking_message(findings)
        if message:
            raise LossLabelMismatchError(message, findings)
        self._findings = findings
        return findings

    def record_fit(self, model: Any, x: Any, y: Any, metrics: Mapping[str, Sequence[float]],
                   seconds: float) -> FitRecord:
        """Store what one ``fit`` saw and produced; returns the record.

        ``x`` and ``y`` are kept and fingerprinted as Keras trains on them (floating data in
        float32, whichever precision the program used: R's fits reach ``keras.Model.fit``
        already converted; an array that already is is kept by reference, not copied;
        several arrays, as for a multi-input model, as one array: :func:`recorded_data`).
        The findings are the ones :meth:`preflight`
        found for this fit (the checker runs once per fit), the initial weights what the
        :meth:`initial_weights_keeper` saw.
        """
        x_arr, y_arr = recorded_data(x), recorded_data(y)
        loss = loss_name(model)
        record = FitRecord(
            label=self._unique_label(_named(model) or loss),
            loss=loss,
            history=history_frame(metrics),
            x=ArrayFingerprint.of(x_arr),
            y=ArrayFingerprint.of(y_arr),
            input_shape=_model_shape(model, "inputs", (None, *x_arr.shape[1:])),
            output_shape=_model_shape(model, "outputs", ()),
            param_count=param_count(model),
            output_activation=output_activation(model),
            weights=[np.asarray(w) for w in model.get_weights()],
            seconds=float(seconds),
            arrays=(as_trained(x_arr), as_trained(y_arr)),
            findings=list(self._take_findings(model, y)),
            initial_weights=self.take_initial_weights(),
            optimizer=optimizer_settings(model),
        )
        self.fits.append(record)
        self._seed_due = True
        return record

    def prepare_fit(self, model: Any, x: Any, y: Any) -> None:
        """Build, before ``fit`` starts, what Keras builds as it starts.

        A Sequential model that has no input shape yet is built from the data's shape
        (``None`` for the batch; other models build themselves in ``fit``), so that its
        initial weights exist when training starts. The weights' values do not depend on
        when the model is built: each layer's initializer seed is drawn when the layer is
        created. Then :func:`build_training_state`.
        """
        import keras

        x_shape = getattr(x, "shape", None)
        if (isinstance(model, keras.Sequential) and not model.built
                and x_shape is not None and len(x_shape) >= 2):
            model.build((None, *[int(d) for d in x_shape[1:]]))
        build_training_state(model, x, y)

    def initial_weights_keeper(self) -> Any:
        """A Keras callback that keeps the model's weights as training starts (after
        Keras built the model); read them with :meth:`take_initial_weights`."""
        import keras

        ctx = self

        class KeepInitialWeights(keras.callbacks.Callback):
            def on_train_begin(self, logs: Any = None) -> None:
                ctx._initial_weights = [np.array(w) for w in self.model.get_weights()]

        self._initial_weights = None
        return KeepInitialWeights()

    def take_initial_weights(self) -> list[np.ndarray] | None:
        """The weights the last :meth:`initial_weights_keeper` saw (``None`` if none)."""
        weights, self._initial_weights = self._initial_weights, None
        return weights

    def _take_findings(self, model: Any, y: Any) -> list[Any]:
        findings, self._findings = self._findings, None
        if findings is not None:
            return findings
        if not getattr(model, "compiled", False):
            return []
        return check_pairing(model, y=np.asarray(y) if _is_single_array(y) else None)

    def _unique_label(self, label: str) -> str:
        taken = {f.label for f in self.fits}
        if label not in taken:
            return label
        n = 2
        while f"{label}_{n}" in taken:
            n += 1
        return f"{label}_{n}"


def recorded_data(value: Any) -> np.ndarray:
    """``fit``'s ``x`` or ``y`` as one array for the record.

    An array (or anything NumPy reads as one) as it is. Several arrays (a multi-input or
    multi-output model's list, tuple or dict, dicts in key order as Keras flattens them)
    side by side, one row per sample (each flattened, in float64, which holds every
    value of Keras' float32 and int32 exactly), or end to end when their lengths differ.
    Nothing, a dataset or a generator: an empty array (its data is not recorded).

    Example:
    >>> recorded_data({"b": np.ones((2, 1)), "a": np.zeros((2, 2, 1))}).tolist()
    [[0.0, 0.0, 1.0], [0.0, 0.0, 1.0]]
    >>> recorded_data(None).shape, recorded_data([1, 2]).shape
    ((0,), (2,))
    """
    if value is None:
        return np.zeros((0,), np.float32)
    if _is_single_array(value):
        return np.asarray(value)
    if not isinstance(value, Mapping | list | tuple):
        return np.zeros((0,), np.float32)  # a dataset or generator: Keras iterates it
    import keras

    leaves = [as_trained(np.asarray(leaf)) for leaf in keras.tree.flatten(value)]
    if not leaves or any(leaf.dtype == object for leaf in leaves):
        return np.zeros((0,), np.float32)
    rows = {len(leaf) if leaf.ndim else -1 for leaf in leaves}
    if len(rows) == 1 and -1 not in rows:
        n = rows.pop()
        return np.concatenate([leaf.reshape(n, -1).astype(np.float64) for leaf in leaves], 1)
    return np.concatenate([leaf.reshape(-1).astype(np.float64) for leaf in leaves])


def _is_single_array(value: Any) -> bool:
    """An array, a tensor, a data frame or a list of numbers: one array for NumPy.

    Example:
    >>> _is_single_array(np.ones(2)), _is_single_array([1, 2]), _is_single_array([np.ones(2)])
    (True, True, False)
    """
    if value is None or isinstance(value, Mapping):
        return False
    if isinstance(value, list | tuple):
        return all(np.ndim(v) == 0 for v in value) or (
            all(isinstance(v, list | tuple) for v in value)
            and np.asarray(value).dtype != object)
    return hasattr(value, "__array__") or hasattr(value, "shape")


def param_count(model: Any) -> int:
    """The number of scalars in a model's weights, as Keras' ``count_params()`` counts
    them; also for a model Keras never builds (one with its own ``train_step`` and no
    ``call()``, such as a GAN holding two models: its weights are theirs).

    Example:
    >>> import keras
    >>> class Pair(keras.Model):
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.inner = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    >>> pair = Pair()
    >>> pair.built, param_count(pair), param_count(pair.inner)
    (False, 8, 8)
    """
    if getattr(model, "built", True):
        return int(model.count_params())
    unique = {id(w): w for w in model.weights}.values()
    return int(sum(int(np.prod(w.shape)) for w in unique))


def _model_shape(model: Any, which: str, fallback: tuple[Any, ...]) -> tuple[Any, ...]:
    """The shape of a model's input or output (one tuple per tensor when it has several);
    ``fallback`` when the model has none (a subclassed model: no ``.inputs``).

    Example:
    >>> import keras
    >>> model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    >>> _model_shape(model, "inputs", ()), _model_shape(object(), "outputs", ())
    ((None, 3), ())
    """
    try:
        tensors = getattr(model, which)
    except (AttributeError, ValueError):  # subclassed, or never called
        return fallback
    if not tensors:
        return fallback
    shapes = tuple(shape_tuple(t.shape) for t in tensors)
    return shapes[0] if len(shapes) == 1 else shapes


def _callback_list(callbacks: Any) -> list[Any]:
    """``fit``'s ``callbacks`` as a list: none, one callback, or a list/tuple of them.

    Example:
    >>> _callback_list(None), _callback_list("cb"), _callback_list(("a", "b"))
    ([], ['cb'], ['a', 'b'])
    """
    if callbacks is None:
        return []
    if isinstance(callbacks, (list, tuple)):
        return list(callbacks)
    return [callbacks]


def _named(model: Any) -> str | None:
    """A model's name when the program gave it one (not Keras' ``sequential_3``)."""
    name = str(getattr(model, "name", ""))
    return None if re.fullmatch(r"(sequential|functional|model)(_\d+)?", name) else name
