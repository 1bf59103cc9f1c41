# shape(): a tensor shape, as keras3 writes it: shape(28, 28, 1), shape(NULL, 10) (NULL
# or NA for a size not known yet), shape(x) for a tensor's or array's shape. It is an
# R list of integers (NULL for unknown) of class "keras_shape"; Python receives a
# tuple. As in keras3, a tensor's shape is Keras' `ops.shape()`: inside a traced
# function (a train_step, a tf_function()) a size known only when it runs, such as the
# batch size of a dataset's batches, is a scalar tensor, so `shape(x)[[1]]` can make
# new tensors of that size; a scalar integer tensor given to shape() is such a size
# (`shape(batch_size, 128)`).

#' A shape from sizes, vectors of sizes, shapes, tensors or arrays.
shape <- function(...) {
  dims <- list()
  for (part in list(...)) dims <- c(dims, shape_dims(part))
  structure(dims, class = "keras_shape")
}

#' The sizes one argument of shape() stands for, as a list.
shape_dims <- function(x) {
  if (is.null(x)) return(list(NULL))
  if (inherits(x, "keras_shape")) return(unclass(x))
  if (inherits(x, "python.builtin.object")) {
    if (has_own_shape(x)) return(tensor_shape_dims(x))
    return(lapply(reticulate::py_to_r(reticulate::import("builtins")$list(x)), shape_size))
  }
  if (!is.null(dim(x))) return(as.list(dim(x)))
  if (is.list(x)) return(lapply(x, shape_size))
  lapply(as.list(x), shape_size)
}

#' Does `x` have a shape of its own (a tensor, variable or array), rather than being one
#' (a tuple, a TensorShape)?
has_own_shape <- function(x) {
  reticulate::py_has_attr(x, "shape") && reticulate::py_has_attr(x, "dtype")
}

#' The sizes of a tensor: Keras' `ops.shape()` (a scalar tensor for a size known only
#' at run time); a scalar integer tensor is itself one size, unless protected by I().
tensor_shape_dims <- function(x) {
  sizes <- reticulate::py_to_r(reticulate::import("builtins")$list(keras$ops$shape(x)))
  if (length(sizes) == 0 && !inherits(x, "AsIs") &&
      isTRUE(reticulate::py_to_r(keras$backend$is_int_dtype(x$dtype)))) {
    return(list(x))
  }
  lapply(sizes, shape_size)
}

shape_size <- function(d) {
  if (inherits(d, "python.builtin.object")) return(d)  # a symbolic size (tf.shape(x)[1])
  if (is.null(d) || (length(d) == 1 && is.na(d))) return(NULL)
  as_py_int(d, "shape")
}

#' Python sees a tuple.
shape_to_py <- function(x, convert = FALSE) {
  reticulate::r_to_py(do.call(reticulate::tuple, unclass(x)), convert = convert)
}

format_shape <- function(x, ...) {
  sizes <- vapply(unclass(x), function(d) if (is.null(d)) "NA" else format(d), "")
  sprintf("shape(%s)", paste(sizes, collapse = ", "))
}

register_shape_methods <- function(env) {
  registerS3method("r_to_py", "keras_shape", shape_to_py, envir = asNamespace("reticulate"))
  registerS3method("format", "keras_shape", format_shape, envir = env)
  registerS3method("print", "keras_shape", function(x, ...) {
    cat(format_shape(x), "\n")
    invisible(x)
  }, envir = env)
  registerS3method("[", "keras_shape", function(x, i) {
    structure(unclass(x)[i], class = "keras_shape")
  }, envir = env)
  registerS3method("as.integer", "keras_shape", function(x, ...) {
    vapply(unclass(x), function(d) if (is.null(d)) NA_integer_ else as.integer(d), 1L)
  }, envir = env)
  registerS3method("as.double", "keras_shape", function(x, ...) {
    vapply(unclass(x), function(d) if (is.null(d)) NA_real_ else as.numeric(d), 1)
  }, envir = env)
  registerS3method("c", "keras_shape", function(...) shape(...), envir = env)
}
