# Tensors in R: what ops, activations, losses and metrics return (as in keras3).
# as.array() and as.numeric() turn a (non-symbolic) tensor into R values.

#' R classes of concrete tensors of Keras' backends (and Keras variables).
.tensor_classes <- c(
  "tensorflow.python.framework.tensor.Tensor", "tensorflow.python.framework.ops._EagerTensorBase",
  "jaxlib.xla_extension.ArrayImpl", "jaxlib._jax.ArrayImpl", "jax.Array", "torch.Tensor",
  "keras.src.backend.common.variables.Variable", "keras.src.backend.common.keras_tensor.KerasTensor"
)

#' A tensor as an R array (via NumPy).
tensor_as_array <- function(x, ...) {
  value <- reticulate::py_to_r(keras$ops$convert_to_numpy(x))
  if (is.null(dim(value))) array(value, dim = length(value)) else value
}

#' A tensor's shape as R's dim(): integers, NA for a size not known yet (as keras3).
tensor_dim <- function(x) {
  sizes <- reticulate::py_to_r(reticulate::import_builtins()$list(x$shape))
  vapply(sizes, function(d) if (is.null(d)) NA_integer_ else as.integer(d), 1L)
}

#' Register as.array(), as.double()/as.numeric(), as.integer(), as.logical() and dim()
#' for tensors.
register_tensor_methods <- function(env) {
  methods <- list(
    as.array = tensor_as_array,
    as.double = function(x, ...) as.double(tensor_as_array(x)),
    as.integer = function(x, ...) as.integer(tensor_as_array(x)),
    as.logical = function(x, ...) as.logical(tensor_as_array(x)),
    dim = tensor_dim
  )
  for (cls in .tensor_classes) {
    for (generic in names(methods)) {
      registerS3method(generic, cls, methods[[generic]], envir = env)
    }
  }
}
