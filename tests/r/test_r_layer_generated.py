"""The generated part of the bundled R Keras layer: complete, current, and working.

- coverage: every public name of the wrapped Keras modules has its keras3-named wrapper in
  the bundled layer (or a listed exclusion with a reason);
- currency: the committed ``generated_*.R`` files are what the installed Keras gives;
- smoke: a sample of each kind of wrapper called through the bridge.
"""

from __future__ import annotations

import json

import pytest

from keras_rparity.bridge.session import r_dir
from keras_rparity.r_api_gen import MODULES, collect_module, generated_files
from keras_rparity.r_api_gen.endpoints import EXCLUDED, public_names

pytestmark = pytest.mark.r

#: Names keras3 exports (from its NAMESPACE): our naming rules must give them.
KERAS3_NAMES = {
    ("layers", "Conv2D"): "layer_conv_2d", ("layers", "LeakyReLU"): "layer_activation_leaky_relu",
    ("layers", "PReLU"): "layer_activation_parametric_relu", ("layers", "GRUCell"): "rnn_cell_gru",
    ("layers", "UpSampling2D"): "layer_upsampling_2d",
    ("layers", "LayerNormalization"): "layer_layer_normalization",
    ("layers", "GlobalAvgPool2D"): "layer_global_average_pooling_2d",
    ("losses", "KLDivergence"): "loss_kl_divergence", ("metrics", "F1Score"): "metric_f1_score",
    ("metrics", "MeanIoU"): "metric_mean_iou", ("optimizers", "AdamW"): "optimizer_adam_w",
    ("optimizers", "RMSprop"): "optimizer_rmsprop",
    ("callbacks", "TensorBoard"): "callback_tensorboard",
    ("callbacks", "TerminateOnNaN"): "callback_terminate_on_nan",
    ("initializers", "glorot_uniform"): "initializer_glorot_uniform",
    ("regularizers", "L1L2"): "regularizer_l1_l2",
    ("regularizers", "OrthogonalRegularizer"): "regularizer_orthogonal",
    ("constraints", "MaxNorm"): "constraint_maxnorm",
    ("constraints", "NonNeg"): "constraint_nonneg",
    ("activations", "relu6"): "activation_relu6", ("ops", "top_k"): "op_top_k",
    ("optimizers.schedules", "CosineDecayRestarts"): "learning_rate_schedule_cosine_decay_restarts",
    ("optimizers.schedules", "PiecewiseConstantDecay"):
        "learning_rate_schedule_piecewise_constant_decay",
}


@pytest.fixture(scope="module")
def coverage():
    return {module: collect_module(module) for module in MODULES}


@pytest.fixture(scope="module")
def api_functions(bridge):
    """Names of the functions the bundled R layer defines: its files sourced into an
    environment of their own, whichever R Keras API the bridge uses (keras3 included)."""
    names = bridge.eval(f"""
        e <- new.env()
        for (f in list.files("{r_dir() / 'keras_api'}", pattern = "[.]R$", full.names = TRUE))
          sys.source(f, envir = e, keep.source = FALSE)
        n <- ls(e); n[vapply(n, function(x) is.function(e[[x]]), TRUE)]
    """)
    return set(names)


@pytest.mark.parametrize("module", MODULES)
def test_every_public_name_has_its_wrapper(module, coverage, api_functions):
    _, covered, excluded = coverage[module]
    names = public_names(module)
    assert set(covered) | set(excluded) == set(names), "a name is neither wrapped nor excluded"
    missing = {name: r for name, r in covered.items() if r not in api_functions}
    assert not missing, f"keras.{module} names without their R wrapper: {missing}"


def test_naming_rules_give_keras3_names(coverage):
    for (module, name), expected in KERAS3_NAMES.items():
        assert coverage[module][1][name] == expected


def test_exclusions_have_reasons_and_are_current(coverage):
    for (module, name), reason in EXCLUDED.items():
        assert len(reason) > 20
        assert name in public_names(module), f"stale exclusion: keras.{module}.{name}"


def test_generated_files_are_current():
    stale = [path.name for path, text in generated_files().items()
             if not path.exists() or path.read_text() != text]
    assert not stale, (f"{stale} differ from what the installed Keras gives; regenerate with "
                       "`python -m keras_rparity.r_api_gen`")


SMOKE = r"""
set_random_seed(1)
model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 2)
seq_in <- keras_input(shape = c(6, 2))
conv <- seq_in %>% layer_conv_1d(filters = 3, kernel_size = 2)
huber <- as.numeric(loss_huber(c(0, 0), c(0.5, 3)))
auc <- metric_auc()
accuracy <- as.numeric(metric_binary_accuracy(c(1, 0, 1, 1), c(0.9, 0.2, 0.3, 0.8)))
gelu <- as.numeric(activation_gelu(0))
adamw <- optimizer_adam_w(learning_rate = 0.01, weight_decay = 0.1)
plateau <- callback_reduce_lr_on_plateau(patience = 2, factor = 0.5)
he <- as.array(initializer_he_normal(seed = 1)(shape = reticulate::tuple(3L, 3L)))
l2 <- as.numeric(regularizer_l2(l2 = 0.5)(as_model_input(matrix(c(1, 2), 1))))
nonneg <- as.numeric(constraint_nonneg()(as_model_input(c(-1, 2))))
argmax <- as.numeric(op_argmax(matrix(c(1, 5, 3, 2), 2), axis = 1))
matmul <- as.array(op_matmul(diag(2), matrix(c(1, 2, 3, 4), 2)))
decay <- learning_rate_schedule_exponential_decay(1, decay_steps = 10, decay_rate = 0.5)
list(
  layer = count_params(model), conv_shape = unlist(conv$shape),
  loss = huber, metric_class = class(auc)[[1]], metric_values = accuracy,
  activation = gelu, optimizer = adamw$weight_decay, callback = plateau$patience,
  initializer_dim = dim(he), regularizer = l2, constraint = nonneg,
  op_argmax = argmax, op_matmul = as.numeric(matmul),
  schedule = as.numeric(decay(20)), schedule_steps = class(decay$decay_steps)
)
"""


def test_a_sample_of_each_kind_works_through_the_bridge(bridge):
    r = bridge.eval(SMOKE)
    assert r["layer"] == 10                                  # dense 4 -> 2
    assert list(r["conv_shape"]) == [5, 3]                   # (None, 5, 3): None dropped
    assert r["loss"] == pytest.approx((0.5 * 0.5**2 + (3 - 0.5)) / 2)
    assert r["metric_class"].endswith("AUC")
    assert list(r["metric_values"]) == [1.0, 1.0, 0.0, 1.0]     # per sample
    assert r["activation"] == 0.0
    assert r["optimizer"] == pytest.approx(0.1)
    assert r["callback"] == 2
    assert list(r["initializer_dim"]) == [3, 3]
    assert r["regularizer"] == pytest.approx(0.5 * (1 + 4))
    assert list(r["constraint"]) == [0.0, 2.0]
    assert list(r["op_argmax"]) == [1, 0]                    # 0-based indices, per column
    assert list(r["op_matmul"]) == [1.0, 2.0, 3.0, 4.0]
    assert r["schedule"] == pytest.approx(0.25)              # 1 * 0.5 ** (20 / 10)
    assert r["schedule_steps"] == "integer"                  # decay_steps: an int, as keras3
    json.dumps({k: str(v) for k, v in r.items()})
