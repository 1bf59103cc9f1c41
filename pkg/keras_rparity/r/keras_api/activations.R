# Activation functions applied to R values; each returns an R array.
# activation_relu(c(-1, 0, 2)) is c(0, 0, 2).

#' Make an R function that applies keras.activations.<py_name>.
activation_function <- function(py_name) {
  force(py_name)
  function(x, ...) {
    out <- do.call(keras$activations[[py_name]], c(list(as_model_input(x)), normalize_args(list(...))))
    reticulate::py_to_r(keras$ops$convert_to_numpy(out))
  }
}

activation_linear <- activation_function("linear")
activation_sigmoid <- activation_function("sigmoid")
activation_tanh <- activation_function("tanh")
activation_relu <- activation_function("relu")
activation_leaky_relu <- activation_function("leaky_relu")
activation_elu <- activation_function("elu")
activation_selu <- activation_function("selu")
activation_softplus <- activation_function("softplus")
activation_silu <- activation_function("silu")
activation_gelu <- activation_function("gelu")
activation_mish <- activation_function("mish")
activation_softmax <- activation_function("softmax")
