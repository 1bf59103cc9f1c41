"""keras3's naming rules: a Keras module and public name -> the R function name.

The rules (read from keras3's documentation and exported names, written here as our
own code): the module gives a singular prefix (``layers`` -> ``layer_``); CamelCase
class names become snake_case with a few spellings kept whole (``ReLU``, ``IoU``,
``NaN``, ``RMSprop``); ``_2_d`` becomes ``_2d``; repeated words are dropped
(``regularizer_orthogonal_regularizer`` -> ``regularizer_orthogonal``); activation
layers are ``layer_activation_*``; recurrent cells are ``rnn_cell_*``.

>>> r_name("layers", "MaxPooling2D")
'layer_max_pooling_2d'
>>> r_name("metrics", "MeanIoU")
'metric_mean_iou'
>>> r_name("regularizers", "L1L2")
'regularizer_l1_l2'
>>> r_name("ops", "add")
'op_add'
>>> r_name("optimizers.schedules", "ExponentialDecay")
'learning_rate_schedule_exponential_decay'
"""

from __future__ import annotations

import re

#: The singular prefix of each module's wrappers (a dotted module is a submodule).
PREFIXES = {
    "layers": "layer", "losses": "loss", "metrics": "metric", "activations": "activation",
    "optimizers": "optimizer", "callbacks": "callback", "initializers": "initializer",
    "regularizers": "regularizer", "constraints": "constraint", "ops": "op",
    "random": "random", "optimizers.schedules": "learning_rate_schedule",
}

#: Names keras3 chooses by hand rather than by rule.
RENAMES = {
    ("layers", "LayerNormalization"): "layer_layer_normalization",
    ("layers", "StackedRNNCells"): "rnn_cells_stack",
    ("layers", "SimpleRNNCell"): "rnn_cell_simple",
    ("layers", "FlaxLayer"): "layer_flax_module_wrapper",
    ("layers", "JaxLayer"): "layer_jax_model_wrapper",
    ("layers", "PReLU"): "layer_activation_parametric_relu",
    ("random", "randint"): "random_integer",
}

#: Further names keras3 exports for a wrapper (R name -> its other names).
KERAS3_ALIASES = {
    "layer_bidirectional": ("bidirectional",),
    "layer_time_distributed": ("time_distributed",),
    "activation_hard_silu": ("activation_hard_swish",),
}

#: Spellings kept as one word before snake_casing (pattern, replacement).
_WHOLE_WORDS = [("NaN", "Nan"), ("RMSprop$", "Rmsprop"), ("ReLU$", "Relu"), ("IoU", "Iou"),
                ("FBeta", "Fbeta")]

#: Fixes applied to the snake_case name (pattern, replacement).
_SNAKE_FIXES = [
    (r"_([0-9])_d(_|$)", r"_\1d\2"),   # conv_2_d -> conv_2d
    (r"(^|_)l_([12])", r"\1l\2"),      # l_1_l_2 -> l1_l2
    (r"f_1", "f1"), (r"r_2", "r2"),
    (r"max_norm", "maxnorm"), (r"non_neg", "nonneg"), (r"min_max", "minmax"),
    (r"unit_norm$", "unitnorm"), (r"tensor_board", "tensorboard"),
]

#: Layer classes whose module makes them activation layers (``layer_activation_*``).
_ACTIVATION_LAYER_MODULE = re.compile(r"\.activations?\.")


def snake_case(name: str) -> str:
    """CamelCase to snake_case, splitting letters from digits.

    >>> snake_case("Conv2DTranspose")
    'conv_2_d_transpose'
    >>> snake_case("CSVLogger")
    'csv_logger'
    >>> snake_case("relu6")
    'relu6'
    """
    if not re.search("[A-Z]", name):
        return name
    name = re.sub(r"([a-z])([A-Z])", r"\1_\2", name)
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    name = re.sub(r"([A-Za-z])([0-9])", r"\1_\2", name)
    name = re.sub(r"([0-9])([A-Za-z])", r"\1_\2", name)
    return name.lower()


def r_name(module: str, py_name: str, py_module: str = "") -> str:
    """The keras3 R name of ``keras.<module>.<py_name>``.

    ``py_module`` is the object's ``__module__`` (it tells activation layers apart).

    >>> r_name("layers", "LeakyReLU", "keras.src.layers.activations.leaky_relu")
    'layer_activation_leaky_relu'
    >>> r_name("layers", "GRUCell")
    'rnn_cell_gru'
    >>> r_name("optimizers", "LossScaleOptimizer")
    'optimizer_loss_scale'
    """
    if module not in PREFIXES:
        raise ValueError(f"no R naming rule for keras.{module}; known: {sorted(PREFIXES)}")
    if (module, py_name) in RENAMES:
        return RENAMES[module, py_name]
    name = py_name
    for pattern, replacement in _WHOLE_WORDS:
        name = re.sub(pattern, replacement, name)
    name = snake_case(name)
    for pattern, replacement in _SNAKE_FIXES:
        name = re.sub(pattern, replacement, name)
    words = f"{PREFIXES[module]}_{name}".split("_")
    full = "_".join(dict.fromkeys(w for w in words if w))
    full = re.sub(r"^layer_up_sampling_", "layer_upsampling_", full)
    if (full.startswith("layer_") and full != "layer_activation"
            and _ACTIVATION_LAYER_MODULE.search(py_module)):
        full = "layer_activation_" + full.removeprefix("layer_").removeprefix("activation_")
    if re.fullmatch(r"layer_.*_cell", full):
        full = "rnn_cell_" + full.removeprefix("layer_").removesuffix("_cell")
    return full
