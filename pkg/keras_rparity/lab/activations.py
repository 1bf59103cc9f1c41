"""Activation gallery: values and derivatives of Keras' activations, as data.

Derivatives come from the backend's automatic differentiation
(``tf.GradientTape`` through ``keras.activations.*``, in float64), never from
finite differences. Each activation also carries its closed form and the
closed form of its derivative in numpy, to check the autodiff against.

At kinks the derivative is TensorFlow's one-sided choice: ``relu'(0) = 0``,
``leaky_relu'(0) = negative_slope``, ``elu'(0) = selu'(0)/scale = 1``.

Softmax maps vectors to vectors, so it has a Jacobian, not a derivative:
``J = diag(s) - s sᵀ`` (:func:`softmax_jacobian`). For the one-dimensional
gallery it is plotted as the first component of ``softmax([x, 0])``, which is
``sigmoid(x)``, and its derivative there is the Jacobian's diagonal entry
``s₀(1 - s₀)``.

Summaries report, on the grid, the range reached, the *saturation* regions
(``|f'(x)| < threshold``) and the *dead* regions (``f'(x) == 0`` exactly,
where no gradient flows at all).

Example:
>>> summarize_activation("relu").dead[0].describe()
'x <= 0'
>>> ACTIVATIONS["sigmoid"].output_range
'(0, 1)'
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from keras_rparity.errors import InvalidChoiceError

Array = np.ndarray

#: Keras' default slope for ``leaky_relu`` (``negative_slope=0.2``).
LEAKY_SLOPE = 0.2
#: ``selu``'s constants (Klambauer et al., as in Keras).
SELU_ALPHA = 1.6732632423543772
SELU_SCALE = 1.0507009873554805

#: The default grid: [-10, 10] in steps of 0.01.
GRID = np.round(np.linspace(-10.0, 10.0, 2001), 10)
#: ``|f'| < SATURATION_THRESHOLD`` counts as saturated.
SATURATION_THRESHOLD = 1e-3


# --- closed forms ----------------------------------------------------------------


def _sigmoid(x: Array) -> Array:
    return np.exp(-np.logaddexp(0.0, -x))


def _softplus(x: Array) -> Array:
    return np.logaddexp(0.0, x)


_erf = np.vectorize(math.erf, otypes=[np.float64])


def _normal_cdf(x: Array) -> Array:
    return 0.5 * (1.0 + _erf(x / math.sqrt(2.0)))


def _normal_pdf(x: Array) -> Array:
    return np.exp(-0.5 * x**2) / math.sqrt(2.0 * math.pi)


def _mish_derivative(x: Array) -> Array:
    t = np.tanh(_softplus(x))
    return t + x * (1.0 - t**2) * _sigmoid(x)


@dataclass(frozen=True)
class ActivationSpec:
    """One activation: Keras name, formula, range and closed forms.

    Attributes:
        name: the gallery name (``"silu"`` also answers to ``"swish"``).
        formula: the definition, in words a reader can check.
        output_range: the mathematical range, e.g. ``"(0, 1)"``.
        function: closed form ``f(x)`` in numpy.
        derivative: closed form ``f'(x)`` in numpy (``None`` if not written).
        aliases: other accepted names.
    """

    name: str
    formula: str
    output_range: str
    function: Callable[[Array], Array]
    derivative: Callable[[Array], Array] | None
    aliases: tuple[str, ...] = ()


ACTIVATIONS: dict[str, ActivationSpec] = {
    spec.name: spec
    for spec in (
        ActivationSpec("linear", "x", "(-inf, inf)",
                       lambda x: x, np.ones_like, ("identity",)),
        ActivationSpec("sigmoid", "1 / (1 + exp(-x))", "(0, 1)",
                       _sigmoid, lambda x: _sigmoid(x) * (1 - _sigmoid(x)), ("logistic",)),
        ActivationSpec("tanh", "(exp(x) - exp(-x)) / (exp(x) + exp(-x))", "(-1, 1)",
                       np.tanh, lambda x: 1 - np.tanh(x) ** 2),
        ActivationSpec("relu", "max(0, x)", "[0, inf)",
                       lambda x: np.maximum(x, 0.0), lambda x: (x > 0).astype(np.float64)),
        ActivationSpec("leaky_relu", f"x if x > 0 else {LEAKY_SLOPE} x", "(-inf, inf)",
                       lambda x: np.where(x > 0, x, LEAKY_SLOPE * x),
                       lambda x: np.where(x > 0, 1.0, LEAKY_SLOPE)),
        ActivationSpec("elu", "x if x > 0 else exp(x) - 1", "(-1, inf)",
                       lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0.0))),
                       lambda x: np.where(x < 0, np.exp(np.minimum(x, 0.0)), 1.0)),
        ActivationSpec("selu", "scale * (x if x > 0 else alpha (exp(x) - 1))",
                       f"({-SELU_SCALE * SELU_ALPHA:.4f}, inf)",
                       lambda x: SELU_SCALE * np.where(
                           x > 0, x, SELU_ALPHA * np.expm1(np.minimum(x, 0.0))),
                       lambda x: SELU_SCALE * np.where(
                           x < 0, SELU_ALPHA * np.exp(np.minimum(x, 0.0)), 1.0)),
        ActivationSpec("softplus", "log(1 + exp(x))", "(0, inf)", _softplus, _sigmoid),
        ActivationSpec("silu", "x * sigmoid(x)", "[-0.2785, inf)",
                       lambda x: x * _sigmoid(x),
                       lambda x: _sigmoid(x) * (1 + x * (1 - _sigmoid(x))), ("swish",)),
        ActivationSpec("gelu", "x * Phi(x), Phi the standard normal CDF (exact form)",
                       "[-0.1700, inf)",
                       lambda x: x * _normal_cdf(x),
                       lambda x: _normal_cdf(x) + x * _normal_pdf(x)),
        ActivationSpec("mish", "x * tanh(softplus(x))", "[-0.3088, inf)",
                       lambda x: x * np.tanh(_softplus(x)), _mish_derivative),
        ActivationSpec("softmax", "exp(z_i) / sum_j exp(z_j); gallery: softmax([x, 0])[0]",
                       "(0, 1), components sum to 1",
                       _sigmoid, lambda x: _sigmoid(x) * (1 - _sigmoid(x))),
    )
}

_LOOKUP = {alias: spec.name for spec in ACTIVATIONS.values()
           for alias in (spec.name, *spec.aliases)}


def resolve_activation(name: str) -> ActivationSpec:
    """The spec for ``name`` or an alias; :class:`InvalidChoiceError` otherwise.

    Example:
    >>> resolve_activation("swish").name
    'silu'
    """
    canonical = _LOOKUP.get(name.lower()) if isinstance(name, str) else None
    if canonical is None:
        raise InvalidChoiceError("activation", name, list(ACTIVATIONS))
    return ACTIVATIONS[canonical]


def _keras_function(name: str) -> Callable:
    """The Keras activation as a function of a 1-D tensor, elementwise."""
    import keras

    if name == "softmax":
        def first_of_pair(x):
            pair = keras.ops.stack([x, keras.ops.zeros_like(x)], axis=-1)
            return keras.activations.softmax(pair, axis=-1)[..., 0]

        return first_of_pair
    return getattr(keras.activations, name)


def _points(x: Sequence[float] | Array | None) -> Array:
    points = GRID if x is None else np.asarray(x, dtype=np.float64)
    if points.ndim != 1 or points.size == 0 or not np.all(np.isfinite(points)):
        raise ValueError(f"x must be a 1-D array of finite numbers; got shape {points.shape}")
    return points


def _grid(x: Sequence[float] | Array | None) -> Array:
    grid = _points(x)
    if grid.size < 2 or np.any(np.diff(grid) <= 0):
        raise ValueError("x must be a strictly increasing grid of at least 2 points")
    return grid


def autodiff(name: str, x: Sequence[float] | Array | None = None) -> tuple[Array, Array]:
    """``(f(x), f'(x))`` by Keras and ``tf.GradientTape``, in float64.

    Example:
    >>> values, slopes = autodiff("tanh", [0.0])
    >>> float(values[0]), float(slopes[0])
    (0.0, 1.0)
    """
    import tensorflow as tf

    spec = resolve_activation(name)
    tensor = tf.constant(_points(x))
    function = _keras_function(spec.name)
    with tf.GradientTape() as tape:
        tape.watch(tensor)
        values = function(tensor)
    gradient = tape.gradient(values, tensor)
    slopes = np.zeros_like(tensor.numpy()) if gradient is None else gradient.numpy()
    return np.asarray(values, dtype=np.float64), slopes


def softmax_jacobian(z: Sequence[float] | Array) -> Array:
    """Closed form ``diag(s) - s sᵀ`` of softmax at the vector ``z``.

    Example:
    >>> softmax_jacobian([0.0, 0.0]).tolist()
    [[0.25, -0.25], [-0.25, 0.25]]
    """
    vector = np.asarray(z, dtype=np.float64)
    if vector.ndim != 1 or vector.size < 2:
        raise ValueError(f"softmax's Jacobian needs a vector of at least 2 entries; got {z}")
    s = np.exp(vector - np.logaddexp.reduce(vector))
    return np.diag(s) - np.outer(s, s)


def softmax_jacobian_autodiff(z: Sequence[float] | Array) -> Array:
    """Softmax's Jacobian at ``z`` by ``tf.GradientTape.jacobian`` through Keras.

    Example:
    >>> bool(np.allclose(softmax_jacobian_autodiff([1.0, 2.0, 3.0]),
    ...                  softmax_jacobian([1.0, 2.0, 3.0])))
    True
    """
    import keras
    import tensorflow as tf

    softmax_jacobian(z)  # validates
    tensor = tf.constant(np.asarray(z, dtype=np.float64))
    with tf.GradientTape() as tape:
        tape.watch(tensor)
        values = keras.activations.softmax(tensor[None, :])[0]
    return tape.jacobian(values, tensor).numpy()


# --- regions and summaries -----------------------------------------------------


@dataclass(frozen=True)
class Region:
    """An interval of the grid; open-ended when it runs into the grid's edge."""

    start: float
    end: float
    open_left: bool = False
    open_right: bool = False

    def describe(self) -> str:
        """``"x <= a"``, ``"x >= b"``, ``"all x"``, ``"[a, b]"`` or ``"x ≈ a"``.

        Example:
        >>> Region(-10.0, -6.9, open_left=True).describe()
        'x <= -6.9'
        >>> Region(-1.28, -1.28).describe()  # one grid point: f' crosses 0 there
        'x ≈ -1.28'
        """
        if self.open_left and self.open_right:
            return "all x"
        if self.start == self.end and not (self.open_left or self.open_right):
            return f"x ≈ {self.start:g}"
        if self.open_left:
            return f"x <= {self.end:g}"
        if self.open_right:
            return f"x >= {self.start:g}"
        return f"[{self.start:g}, {self.end:g}]"


def regions(x: Array, mask: Array) -> tuple[Region, ...]:
    """The runs of ``True`` in ``mask`` as intervals of ``x``.

    Example:
    >>> x = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
    >>> [r.describe() for r in regions(x, x <= 0)]
    ['x <= 0']
    """
    flags = np.asarray(mask, dtype=bool)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], flags.astype(np.int8), [0]))))
    return tuple(
        Region(float(x[first]), float(x[last - 1]), open_left=first == 0,
               open_right=last == len(x))
        for first, last in zip(edges[::2], edges[1::2], strict=True)
    )


@dataclass(frozen=True)
class ActivationSummary:
    """What an activation does on a grid, as data.

    Attributes:
        name: the activation.
        output_range: its mathematical range.
        observed_min, observed_max: the range reached on the grid.
        max_abs_derivative: the steepest slope on the grid.
        saturation: regions where ``|f'| < threshold``.
        dead: regions where ``f' == 0`` exactly.
        threshold: the saturation threshold used.
        grid: ``(first, last)`` point of the grid.
    """

    name: str
    output_range: str
    observed_min: float
    observed_max: float
    max_abs_derivative: float
    saturation: tuple[Region, ...]
    dead: tuple[Region, ...]
    threshold: float
    grid: tuple[float, float]

    def to_row(self) -> dict[str, object]:
        """A flat dict for tables and JSON; regions become text."""
        return {
            "activation": self.name,
            "output_range": self.output_range,
            "observed_min": self.observed_min,
            "observed_max": self.observed_max,
            "max_abs_derivative": self.max_abs_derivative,
            "saturation": "; ".join(r.describe() for r in self.saturation) or "none",
            "dead": "; ".join(r.describe() for r in self.dead) or "none",
        }


def summarize_activation(name: str, x: Sequence[float] | Array | None = None,
                         threshold: float = SATURATION_THRESHOLD) -> ActivationSummary:
    """Range, saturation and dead regions of ``name`` on the grid ``x``.

    Example:
    >>> [r.describe() for r in summarize_activation("sigmoid").saturation]
    ['x <= -6.91', 'x >= 6.91']
    """
    if not threshold > 0:
        raise ValueError(f"threshold must be > 0; got {threshold}")
    spec = resolve_activation(name)
    grid = _grid(x)
    values, slopes = autodiff(spec.name, grid)
    return ActivationSummary(
        name=spec.name,
        output_range=spec.output_range,
        observed_min=float(values.min()),
        observed_max=float(values.max()),
        max_abs_derivative=float(np.abs(slopes).max()),
        saturation=regions(grid, np.abs(slopes) < threshold),
        dead=regions(grid, slopes == 0),
        threshold=threshold,
        grid=(float(grid[0]), float(grid[-1])),
    )


def activation_summary(names: Sequence[str] | None = None,
                       x: Sequence[float] | Array | None = None,
                       threshold: float = SATURATION_THRESHOLD) -> pd.DataFrame:
    """One row per activation (default: all twelve), see :class:`ActivationSummary`.

    Example:
    >>> activation_summary(["relu"])[["activation", "dead"]].values.tolist()
    [['relu', 'x <= 0']]
    """
    chosen = list(ACTIVATIONS) if names is None else [resolve_activation(n).name for n in names]
    return pd.DataFrame([summarize_activation(n, x, threshold).to_row() for n in chosen])


def activation_gallery(names: Sequence[str] | None = None,
                       x: Sequence[float] | Array | None = None) -> pd.DataFrame:
    """Long table: activation, x, value, derivative (autodiff) and the closed forms.

    Example:
    >>> t = activation_gallery(["linear"], x=[-1.0, 1.0])
    >>> t[["x", "value", "derivative"]].values.tolist()
    [[-1.0, -1.0, 1.0], [1.0, 1.0, 1.0]]
    """
    chosen = list(ACTIVATIONS) if names is None else [resolve_activation(n).name for n in names]
    grid = _grid(x)
    tables = []
    for name in chosen:
        spec = ACTIVATIONS[name]
        values, slopes = autodiff(name, grid)
        closed = spec.derivative(grid) if spec.derivative else np.full_like(grid, np.nan)
        tables.append(pd.DataFrame({
            "activation": name, "x": grid, "value": values, "derivative": slopes,
            "closed_form_value": spec.function(grid), "closed_form_derivative": closed,
        }))
    return pd.concat(tables, ignore_index=True)
