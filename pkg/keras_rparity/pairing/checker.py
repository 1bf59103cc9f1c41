"""The activation/loss pairing checker.

Networks are fitted by maximum likelihood: the output activation decides
which distribution the network predicts, and the loss should be that
distribution's negative log-likelihood.

* linear output: the mean of a Gaussian; NLL = mean squared error (or the
  median of a Laplace; NLL = mean absolute error);
* sigmoid output: the parameter p of a Bernoulli per unit; NLL = binary
  crossentropy, ``-log p`` for y = 1 and ``-log(1 - p)`` for y = 0;
* softmax output: a categorical (Multinoulli) distribution over mutually
  exclusive classes; NLL = categorical crossentropy ``-log p[y]``
  (``sparse_categorical_crossentropy`` when y is a class index).

:func:`check_pairing` looks at a Keras model's output activation, its loss
(with ``from_logits``) and optionally the labels, and returns a list of
:class:`Finding` objects: each has a stable ``code``, a ``severity``
(``"error"``: the model cannot learn what is intended; ``"warning"``: it can,
but badly or misleadingly; ``"info"``: the checker could not tell) and an
explanation grounded in that argument. The tutorial's three models produce no
findings.

Example:
>>> import keras
>>> model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
>>> [f.code for f in check_pairing(model, loss="mse")]
['sigmoid-mse']
>>> check_pairing(model, loss="binary_crossentropy", y=[0, 1, 1])
[]
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

from keras_rparity.errors import KerasRParityError
from keras_rparity.pairing.describe import (
    OTHER_KNOWN,
    SIGMOID_LIKE,
    SOFTMAX_LIKE,
    LabelInfo,
    LossInfo,
    OutputInfo,
    describe_labels,
    describe_loss,
    describe_output,
)

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

_CROSSENTROPY = ("binary", "categorical", "sparse")

_BERNOULLI = ("A sigmoid unit outputs the parameter p of a Bernoulli distribution, "
              "P(y = 1 | x) = p, and the negative log-likelihood of a Bernoulli is binary "
              "crossentropy: -log p for y = 1 and -log(1 - p) for y = 0.")
_CATEGORICAL = ("A softmax layer outputs a categorical (Multinoulli) distribution over "
                "mutually exclusive classes, and its negative log-likelihood is categorical "
                "crossentropy, -log p[y] (sparse_categorical_crossentropy when y is a class "
                "index).")



@dataclass(frozen=True)
class Finding:
    """One problem (or doubt) about a model's output/loss/label pairing.

    Attributes:
        code: stable identifier, e.g. ``"sigmoid-mse"``.
        severity: ``"error"``, ``"warning"`` or ``"info"``.
        title: one line.
        explanation: one paragraph, from the maximum likelihood argument.
        fix: what to change, in Python.
        r_fix: the same in R syntax, for models built by R programs (``""``: as ``fix``).
    """

    code: str
    severity: Severity
    title: str
    explanation: str
    fix: str = ""
    r_fix: str = ""

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}; got {self.severity!r}")

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class PairingContext:
    output: OutputInfo
    loss: LossInfo
    labels: LabelInfo | None


# --- inspection --------------------------------------------------------------------


# --- rules ------------------------------------------------------------------------------

Rule = Callable[[PairingContext], Finding | None]


def _softmax_single_unit(ctx: PairingContext) -> Finding | None:
    if ctx.output.activation in SOFTMAX_LIKE and ctx.output.units == 1:
        return Finding(
            "softmax-single-unit", "error", "Softmax over a single output unit",
            f"{_CATEGORICAL} Over one unit that distribution has a single class, so the "
            "output is always exactly 1.0 whatever the input, and no gradient reaches the "
            "network.",
            "For two classes use Dense(1, activation='sigmoid') with binary_crossentropy, or "
            "Dense(2, activation='softmax') with a categorical crossentropy.")
    return None


def _double_softmax(ctx: PairingContext) -> Finding | None:
    if (ctx.output.activation in SOFTMAX_LIKE and ctx.loss.from_logits
            and ctx.loss.family in _CROSSENTROPY):
        return Finding(
            "double-softmax", "error", "Softmax output with a from_logits=True loss",
            f"{_CATEGORICAL} With from_logits=True the loss treats its input as logits and "
            "applies softmax itself, so the probabilities are squashed a second time: the "
            "likelihood being maximised is not the model's, the loss cannot go below a floor "
            "well above 0, and the gradients shrink.",
            "Either drop the softmax (linear output, keep from_logits=True: the numerically "
            "stable choice) or keep the softmax and use from_logits=False.")
    return None


def _double_sigmoid(ctx: PairingContext) -> Finding | None:
    if (ctx.output.activation in SIGMOID_LIKE and ctx.loss.from_logits
            and ctx.loss.family in _CROSSENTROPY):
        return Finding(
            "double-sigmoid", "error", "Sigmoid output with a from_logits=True loss",
            f"{_BERNOULLI} With from_logits=True the loss applies the sigmoid itself, so the "
            "prediction is squashed twice into (0.5, 0.73): the model can never express a "
            "probability below 0.5, and the likelihood being maximised is not the model's.",
            "Either use a linear output and keep from_logits=True, or keep the sigmoid and "
            "use from_logits=False.")
    return None


def _logits_without_from_logits(ctx: PairingContext) -> Finding | None:
    activation = ctx.output.activation
    if (activation in OTHER_KNOWN and ctx.loss.family in _CROSSENTROPY
            and not ctx.loss.from_logits):
        return Finding(
            "logits-without-from-logits", "error",
            f"{activation} output read as probabilities by {ctx.loss.name}",
            f"Crossentropy is the negative log-likelihood of a distribution, so without "
            f"from_logits=True it reads the outputs as probabilities. A {activation} output "
            "is not confined to (0, 1): Keras clips it to [1e-7, 1 - 1e-7] before the log, "
            "so outputs outside that interval give a constant loss and zero gradient, and "
            "the network cannot learn from them.",
            f"Pass {ctx.loss.name} with from_logits=True (keeping the {activation} output as "
            "logits; linear is usual), or end the model in sigmoid (binary) or softmax "
            "(categorical).")
    return None


def _softmax_binary_crossentropy(ctx: PairingContext) -> Finding | None:
    units = ctx.output.units
    if ctx.output.activation not in SOFTMAX_LIKE or ctx.loss.family != "binary" or units == 1:
        return None
    two = units == 2
    return Finding(
        "softmax-binary-crossentropy", "warning" if two else "error",
        "Softmax output with binary crossentropy",
        f"{_CATEGORICAL} Binary crossentropy is instead the likelihood of independent "
        "Bernoulli units, one per output, so loss and activation assume different "
        "distributions; Keras' 'accuracy' metric also turns into binary accuracy per unit, "
        "which looks high when most units are 0. "
        + ("With exactly two units and one-hot labels the two likelihoods coincide, so this "
           "trains correctly, but it is unusual." if two else
           f"With {units or 'several'} classes the loss and the reported accuracy do not "
           "measure the categorical fit."),
        "Use categorical_crossentropy (one-hot labels) or sparse_categorical_crossentropy "
        "(integer labels) with the softmax.")


def _sigmoid_regression_loss(ctx: PairingContext) -> Finding | None:
    if ctx.output.activation in SIGMOID_LIKE and ctx.loss.family == "regression":
        return Finding(
            "sigmoid-mse", "warning", f"Sigmoid output trained with {ctx.loss.name}",
            f"{_BERNOULLI} {ctx.loss.name} is instead the likelihood of a Gaussian (or "
            "Laplace) around the output. Its gradient with respect to the pre-activation z "
            "carries the sigmoid's slope s(1 - s) (for MSE: 2(s - y)s(1 - s)), which "
            "vanishes when the prediction is confidently wrong, exactly where learning is "
            "needed; binary crossentropy's gradient is s - y, because its log undoes the "
            "sigmoid's exp.",
            "Use binary_crossentropy for 0/1 labels; for a genuine regression target, use a "
            "linear output.")
    return None


def _softmax_regression_loss(ctx: PairingContext) -> Finding | None:
    if ctx.output.activation in SOFTMAX_LIKE and ctx.loss.family == "regression":
        return Finding(
            "softmax-mse", "warning", f"Softmax output trained with {ctx.loss.name}",
            f"{_CATEGORICAL} {ctx.loss.name} is the likelihood of a Gaussian (or Laplace) "
            "instead, and its gradient passes through the softmax's Jacobian, which "
            "saturates when one class dominates, so confidently wrong predictions learn "
            "slowly.",
            "Use categorical_crossentropy (one-hot labels) or sparse_categorical_crossentropy "
            "(integer labels).")
    return None


def _single_unit_categorical(ctx: PairingContext) -> Finding | None:
    if (ctx.output.units == 1 and ctx.loss.family in ("categorical", "sparse")
            and ctx.output.activation not in SOFTMAX_LIKE):
        return Finding(
            "single-unit-categorical-loss", "error",
            f"{ctx.loss.name} on a single output unit",
            f"{_CATEGORICAL} With one output unit there is one class: Keras normalises the "
            "predictions over the class axis, the single class gets probability 1, and the "
            "loss is constantly 0 with no gradient.",
            "For a binary problem use Dense(1, activation='sigmoid') with "
            "binary_crossentropy; for k classes use Dense(k, activation='softmax').")
    return None


def _sigmoid_categorical(ctx: PairingContext) -> Finding | None:
    units = ctx.output.units
    if (ctx.output.activation in SIGMOID_LIKE and ctx.loss.family in ("categorical", "sparse")
            and units != 1):
        return Finding(
            "sigmoid-categorical-crossentropy", "warning",
            f"Sigmoid outputs trained with {ctx.loss.name}",
            f"{_BERNOULLI} Several sigmoid units are independent Bernoullis that need not sum "
            f"to 1, while {ctx.loss.name} is the likelihood of one categorical distribution: "
            "Keras renormalises the outputs, so the model's predictions are not the "
            "probabilities it was trained for.",
            "Mutually exclusive classes: softmax output. Several labels per example: keep the "
            "sigmoids and use binary_crossentropy.")
    return None


def _onehot_labels_sparse(ctx: PairingContext) -> Finding | None:
    labels = ctx.labels
    if labels and ctx.loss.family == "sparse" and labels.columns > 1:
        return Finding(
            "onehot-labels-sparse-loss", "error",
            f"One column per class labels {labels.shape} with {ctx.loss.name}",
            f"{_CATEGORICAL} sparse_categorical_crossentropy reads the label as a class "
            "index, one integer per example (shape (n,) or (n, 1)), and picks -log p[y]; "
            "labels with one column per class do not fit that shape.",
            "Use categorical_crossentropy for one-hot labels, or convert them with "
            "y.argmax(axis=-1).",
            'Use loss = "categorical_crossentropy" for one-hot labels, or turn them into '
            "class indices with y <- max.col(y) - 1.")
    return None


def _integer_labels_categorical(ctx: PairingContext) -> Finding | None:
    labels = ctx.labels
    units = ctx.output.units
    if (labels and ctx.loss.family == "categorical" and labels.columns == 1 and labels.whole
            and units != 1):
        return Finding(
            "integer-labels-categorical-loss", "error",
            f"Integer labels {labels.shape} with {ctx.loss.name}",
            f"{_CATEGORICAL} categorical_crossentropy computes -sum(y * log p) over the "
            f"classes and needs one-hot labels of shape (n, {units or 'k'}), one column per "
            "class; integer class indices do not have that shape.",
            "Use sparse_categorical_crossentropy for integer labels, or one-hot encode them "
            f"with keras.utils.to_categorical(y, {units or 'k'}).",
            'Use loss = "sparse_categorical_crossentropy" for integer labels, or one-hot '
            f"encode them with y <- keras3::to_categorical(y, {units or 'k'}) (R class codes "
            "starting at 1: to_categorical(y - 1)).")
    return None


def _multilabel_softmax(ctx: PairingContext) -> Finding | None:
    if ctx.labels and ctx.labels.form == "multilabel" and ctx.output.activation in SOFTMAX_LIKE:
        return Finding(
            "multilabel-softmax", "error", "Several labels per example with a softmax output",
            f"{_CATEGORICAL} Rows with several 1s say several classes are present at once, "
            "which no categorical distribution can express: the probabilities sum to 1, so "
            "softmax's winner-takes-all pits the present classes against each other.",
            "Use a sigmoid on every output unit (one Bernoulli per class: is it present?) "
            "with binary_crossentropy.")
    return None


def _regression_targets_sigmoid(ctx: PairingContext) -> Finding | None:
    labels = ctx.labels
    if labels and ctx.output.activation in SIGMOID_LIKE and labels.outside_unit_interval:
        return Finding(
            "regression-targets-sigmoid", "error",
            f"Targets from {labels.minimum:g} to {labels.maximum:g} with a sigmoid output",
            f"{_BERNOULLI} A sigmoid output lies in (0, 1), so targets outside that interval "
            "can never be reached; with MSE the error cannot go to 0, and crossentropy is "
            "not even a likelihood for such targets.",
            "For regression use a linear output with mean_squared_error (Gaussian) or "
            "mean_absolute_error; if the targets are class indices, use a softmax output with "
            "sparse_categorical_crossentropy.")
    return None


def _targets_outside_unit_interval(ctx: PairingContext) -> Finding | None:
    labels = ctx.labels
    fits_family = ctx.loss.family == "binary" or (
        ctx.loss.family == "categorical" and labels is not None and labels.columns > 1)
    if (labels and fits_family and labels.outside_unit_interval
            and ctx.output.activation not in SIGMOID_LIKE):
        return Finding(
            "targets-outside-unit-interval", "error",
            f"{ctx.loss.name} with targets from {labels.minimum:g} to {labels.maximum:g}",
            f"{ctx.loss.name} is a negative log-likelihood whose targets are probabilities "
            "in [0, 1]; other values make it an unbounded, meaningless objective.",
            "Class indices: sparse_categorical_crossentropy. Continuous targets: a linear "
            "output with mean_squared_error.")
    return None


def _sparse_label_values(ctx: PairingContext) -> Finding | None:
    labels, units = ctx.labels, ctx.output.units
    if not labels or ctx.loss.family != "sparse" or labels.columns > 1:
        return None
    if not labels.whole:
        return Finding(
            "sparse-labels-not-integer", "error",
            f"Fractional labels with {ctx.loss.name}",
            f"{_CATEGORICAL} The sparse loss reads each label as a class index; fractional "
            "values are not classes.",
            "Soft labels (class probabilities) belong with categorical_crossentropy; "
            "continuous targets with a linear output and mean_squared_error.",
            'Soft labels (class probabilities) belong with loss = "categorical_crossentropy"; '
            'continuous targets with layer_dense(units = 1) and loss = "mean_squared_error".')
    if labels.minimum < 0 or (units is not None and labels.maximum >= units):
        return Finding(
            "class-index-out-of-range", "error",
            f"Class indices {labels.minimum:g}..{labels.maximum:g} for {units} output units",
            f"{_CATEGORICAL} Class index y selects the output unit whose probability p[y] "
            f"enters -log p[y]; with {units} units the indices must lie in 0..{units - 1}.",
            f"Give the output layer {int(labels.maximum) + 1} units, or re-code the labels "
            "as 0..k-1.",
            _r_recode_fix(labels, units))
    return None


def _r_recode_fix(labels: LabelInfo, units: int | None) -> str:
    """The R fix for class indices out of range: R's 1-based codes get ``y - 1``."""
    if units is not None and labels.minimum == 1 and labels.maximum == units:
        return ("R class codes run 1..k, Keras' from 0: use y - 1 (for a factor: "
                "as.integer(y) - 1).")
    return (f"Give the output layer {int(labels.maximum) + 1} units "
            f"(layer_dense(units = {int(labels.maximum) + 1})), or re-code the labels as "
            "0..k-1 (R codes 1..k: y - 1).")


def _label_width(ctx: PairingContext) -> Finding | None:
    labels, units = ctx.labels, ctx.output.units
    family = ctx.loss.family
    if not labels or units is None or family not in ("regression", "binary", "categorical"):
        return None
    if labels.columns == units or (family == "categorical" and labels.columns == 1):
        return None
    return Finding(
        "label-width-mismatch", "error",
        f"Labels with {labels.columns} column(s) for {units} output unit(s)",
        f"{ctx.loss.name} compares each label column with one output unit (the likelihood "
        "is a product over units), so labels and outputs need the same width.",
        "Give the output layer as many units as the labels have columns, or reshape the "
        "labels.",
        "Give the output layer as many units as the labels have columns "
        "(layer_dense(units = ncol(y))), or reshape the labels.")


def _unrecognised(ctx: PairingContext) -> Finding | None:
    missing = []
    if ctx.output.activation is None:
        missing.append(f"output activation {ctx.output.raw!r} (layer {ctx.output.layer!r})")
    if ctx.loss.family is None:
        missing.append(f"loss {ctx.loss.name!r}")
    if not missing:
        return None
    return Finding(
        "unrecognised-pairing", "info", "Not checked: " + " and ".join(missing),
        "The checker knows the distributions implied by Keras' built-in activations and by "
        "the mean squared/absolute error and crossentropy losses; for anything else it "
        "cannot say which likelihood the model maximises, so it checked only the rest.",
        "Nothing to change if the pairing is deliberate.")


#: The rules, in reporting order within a severity.
RULES: tuple[Rule, ...] = (
    _softmax_single_unit,
    _single_unit_categorical,
    _double_softmax,
    _double_sigmoid,
    _logits_without_from_logits,
    _softmax_binary_crossentropy,
    _sigmoid_regression_loss,
    _softmax_regression_loss,
    _sigmoid_categorical,
    _onehot_labels_sparse,
    _integer_labels_categorical,
    _multilabel_softmax,
    _regression_targets_sigmoid,
    _targets_outside_unit_interval,
    _sparse_label_values,
    _label_width,
    _unrecognised,
)

#: Every code :func:`check_pairing` can report.
FINDING_CODES = (
    "softmax-single-unit", "single-unit-categorical-loss", "double-softmax", "double-sigmoid",
    "logits-without-from-logits", "softmax-binary-crossentropy", "sigmoid-mse", "softmax-mse",
    "sigmoid-categorical-crossentropy", "onehot-labels-sparse-loss",
    "integer-labels-categorical-loss", "multilabel-softmax", "regression-targets-sigmoid",
    "targets-outside-unit-interval", "sparse-labels-not-integer", "class-index-out-of-range",
    "label-width-mismatch", "unrecognised-pairing", "no-compiled-loss",
)


#: Findings that mean the labels cannot be read by the loss at all: a run refuses them
#: before fitting, with the checker's explanation, instead of Keras' shape error.
BLOCKING_FINDINGS = (
    "onehot-labels-sparse-loss", "integer-labels-categorical-loss", "label-width-mismatch",
    "class-index-out-of-range", "sparse-labels-not-integer",
)


def blocking_message(findings: Sequence[Finding]) -> str | None:
    """One line explaining the blocking findings (``None`` when there are none).

    Example:
    >>> blocking_message([]) is None
    True
    """
    blocking = [f for f in findings if f.code in BLOCKING_FINDINGS]
    if not blocking:
        return None
    return " ".join(f"{f.title}: {f.explanation} Fix: {f.fix}" for f in blocking)

def no_compiled_loss(model: object) -> Finding:
    """The finding for a compiled model without one loss to check: it has no compiled loss
    (its own ``train_step``, or only ``add_loss()``), or one loss per output.

    Example:
    >>> no_compiled_loss(object()).code
    'no-compiled-loss'
    """
    several = isinstance(getattr(model, "loss", None), dict | list | tuple)
    what = ("one loss per output" if several else
            "no compiled loss (it trains with its own train_step, or with add_loss())")
    return Finding(
        "no-compiled-loss", "info", f"Not checked: the model has {what}",
        "The checker compares the output activation with the one loss the model was "
        "compiled with; without it there is no likelihood to check, so this fit was "
        "recorded and compared (data, weights, metrics) without the pairing check.",
        "Nothing to change; to check an output, call check_pairing(model, loss=...) with "
        "that output's loss.")


def _has_no_single_loss(model: object) -> bool:
    """Compiled, and without one loss to read (see :func:`no_compiled_loss`)."""
    if not getattr(model, "compiled", False):
        return False
    loss = getattr(model, "loss", None)
    return loss is None or (isinstance(loss, dict | list | tuple) and len(loss) != 1)


def _model_loss(model: object) -> object:
    loss = getattr(model, "loss", None) if getattr(model, "compiled", True) else None
    if loss is None:
        raise KerasRParityError(
            "the model is not compiled, so it has no loss to check: compile it or pass "
            "loss=... (a name such as 'binary_crossentropy', a loss object or a function)")
    return loss


def _check_loss_name(name: str) -> None:
    """Refuse a loss name Keras does not know, as the command line does.

    Example:
    >>> _check_loss_name("mse")
    >>> _check_loss_name("typo")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    keras_rparity.errors.InvalidChoiceError: invalid loss 'typo'; valid choices: ...
    """
    import keras

    from keras_rparity.errors import InvalidChoiceError
    from keras_rparity.pairing.loss_names import find_loss, loss_choices

    if find_loss(name) is not None:
        return
    try:
        keras.losses.get(name)
    except (ValueError, TypeError):
        raise InvalidChoiceError("loss", name, loss_choices()) from None


def check_pairing(model: object, loss: object = None, y: object = None) -> list[Finding]:
    """Check a Keras model's output activation against its loss and labels.

    Args:
        model: any Keras model; its last computing layer is inspected (a
            trailing ``Activation``/``Softmax`` layer counts; dropout, flatten
            and reshape layers are looked through).
        loss: a loss name, ``keras.losses`` object or function; default: the
            loss the model was compiled with.
        y: optional labels (array or nested lists) to check against the loss
            and the output.

    Returns:
        Findings, errors first; an empty list when the pairing is a maximum
        likelihood match.

    Example:
    >>> import keras
    >>> m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(10, activation="softmax")])
    >>> [(f.code, f.severity) for f in check_pairing(m, "categorical_crossentropy", y=[1, 2])]
    [('integer-labels-categorical-loss', 'error')]
    """
    if isinstance(loss, str):
        _check_loss_name(loss)
    if loss is None and _has_no_single_loss(model):
        return [no_compiled_loss(model)]
    context = PairingContext(
        output=describe_output(model),
        loss=describe_loss(_model_loss(model) if loss is None else loss),
        labels=None if y is None else describe_labels(y),
    )
    findings = [finding for rule in RULES if (finding := rule(context)) is not None]
    return sorted(findings, key=lambda f: SEVERITIES.index(f.severity))


def format_findings(findings: Sequence[Finding], width: int = 88, side: str = "python") -> str:
    """Findings as text for a terminal, errors first; ``side="r"`` shows fixes in R syntax.

    Example:
    >>> print(format_findings([]))
    No findings: output activation, loss and labels form a maximum likelihood pair.
    """
    if not findings:
        return "No findings: output activation, loss and labels form a maximum likelihood pair."
    counts = {s: sum(f.severity == s for f in findings) for s in SEVERITIES}
    summary = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n)
    blocks = [f"{len(findings)} finding{'s' if len(findings) != 1 else ''}: {summary}"]
    for finding in findings:
        body = textwrap.fill(finding.explanation, width, initial_indent="    ",
                             subsequent_indent="    ")
        advice = finding.r_fix if side == "r" and finding.r_fix else finding.fix
        fix = textwrap.fill(f"Fix: {advice}", width, initial_indent="    ",
                            subsequent_indent="    ") if advice else ""
        head = f"[{finding.severity.upper()}] {finding.code}: {finding.title}"
        blocks.append("\n".join(part for part in (head, body, fix) if part))
    return "\n\n".join(blocks)
