"""The loss and activation lab, and the activation/loss pairing checker.

* :mod:`~keras_rparity.lab.losses`: five Keras losses by numpy formula and by Keras;
* :mod:`~keras_rparity.lab.loss_table`: worked examples by every registered side;
* :mod:`~keras_rparity.lab.from_logits`: crossentropy on probabilities vs from logits;
* :mod:`~keras_rparity.lab.activations`: values, autodiff derivatives, saturation;
* :mod:`~keras_rparity.lab.tutorial_figures`: the tutorial's figures as tables;
* :mod:`~keras_rparity.lab.tutorial_models`: the tutorial's CIFAR-10 convnet as a function;
* :mod:`~keras_rparity.pairing`: :func:`check_pairing` and its findings;
* :mod:`~keras_rparity.lab.plots`: PNGs of all of the above.

Importing this package does not import TensorFlow or matplotlib.
"""

from keras_rparity.lab.activations import (
    ACTIVATIONS,
    ActivationSummary,
    activation_gallery,
    activation_summary,
    autodiff,
    softmax_jacobian,
    softmax_jacobian_autodiff,
    summarize_activation,
)
from keras_rparity.lab.from_logits import sigmoid_table, softmax_table
from keras_rparity.lab.loss_table import (
    LOSS_SIDES,
    LossSide,
    compare_loss,
    with_side,
    worked_examples,
)
from keras_rparity.lab.losses import (
    LOSSES,
    keras_loss,
    prepare_inputs,
    reference_loss,
    resolve_loss,
)
from keras_rparity.lab.tutorial_figures import (
    crossentropy_penalty,
    output_gradients,
    sigmoid_saturation,
    softmax_winner_takes_all,
)
from keras_rparity.pairing import (
    FINDING_CODES,
    Finding,
    check_pairing,
    format_findings,
)

__all__ = [
    "ACTIVATIONS",
    "FINDING_CODES",
    "LOSSES",
    "LOSS_SIDES",
    "ActivationSummary",
    "Finding",
    "LossSide",
    "activation_gallery",
    "activation_summary",
    "autodiff",
    "check_pairing",
    "compare_loss",
    "crossentropy_penalty",
    "format_findings",
    "keras_loss",
    "output_gradients",
    "prepare_inputs",
    "reference_loss",
    "resolve_loss",
    "sigmoid_saturation",
    "sigmoid_table",
    "softmax_jacobian",
    "softmax_jacobian_autodiff",
    "softmax_table",
    "softmax_winner_takes_all",
    "summarize_activation",
    "with_side",
    "worked_examples",
]
