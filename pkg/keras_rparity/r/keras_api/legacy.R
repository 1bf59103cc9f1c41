# Names of the legacy R package `keras` that keras3 replaced, where the replacement
# is direct: `k_*()` backend functions are `op_*()` (same arguments), and
# `optimizer_*(lr = )` is `learning_rate =` (the generated optimizers rename it).

#' k_<name> -> op_<name>, for the backend functions with a direct op equivalent.
.legacy_backend_ops <- c(
  "abs", "all", "any", "argmax", "argmin", "cast", "clip", "concatenate", "cos", "cumprod",
  "cumsum", "dot", "equal", "exp", "expand_dims", "greater", "greater_equal", "less",
  "less_equal", "log", "max", "maximum", "mean", "min", "minimum", "not_equal", "ones",
  "ones_like", "relu", "reshape", "round", "sigmoid", "sign", "sin", "softmax", "softplus",
  "softsign", "sqrt", "square", "squeeze", "stack", "std", "sum", "tanh", "transpose", "var",
  "zeros", "zeros_like", "binary_crossentropy", "categorical_crossentropy",
  "sparse_categorical_crossentropy", "elu", "hard_sigmoid", "one_hot", "tile", "prod",
  "logsumexp"
)

#' Fuzz factor of Keras' numerics (the legacy k_epsilon()).
k_epsilon <- function() keras$config$epsilon()

#' k_pow is op_power.
k_pow <- function(x, a) op_power(x, a)

register_legacy_methods <- function(env) {
  for (name in .legacy_backend_ops) {
    op <- paste0("op_", name)
    if (exists(op, envir = env, inherits = FALSE)) assign(paste0("k_", name), get(op, envir = env),
                                                          envir = env)
  }
}
