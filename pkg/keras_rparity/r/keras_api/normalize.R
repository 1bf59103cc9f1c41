# Argument normalization: the one place where R values become Python values.
#
# R has no integer literals in everyday code (`units = 32` is a double) and
# indexes from 1; Keras wants Python ints, tuples for shapes and 0-based axes.
# Every wrapper passes its arguments through normalize_args(), with the kind of
# each argument as the generator read it from Keras (keras3 declares the same
# kinds): "count", "int", "int_tuple", "nested_int", "shape", "axis", "index",
# "tensor". Arguments without a declared kind are converted by name (below),
# so hand-written functions (compile, fit, ...) follow the same rules.

#' Names of arguments that are whole numbers, strictly (2.5 is an error).
.int_args <- c(
  "units", "filters", "epochs", "batch_size", "steps_per_epoch",
  "validation_steps", "validation_batch_size", "validation_freq", "seed",
  "num_classes", "groups", "patience"
)

#' Names of arguments that Keras wants as tuples of integers.
.shape_args <- c(
  "input_shape", "shape", "kernel_size", "pool_size", "strides",
  "dilation_rate", "target_shape", "batch_shape"
)

#' Names of axis arguments: 1-based in R, 0-based in Python (keras3 converts `axis`
#' and `axes` everywhere).
.axis_args <- c("axis", "axes")

#' Names of 1-based index arguments that Keras counts from 0.
.index_args <- c("initial_epoch")

#' Convert a whole R number to a Python int (via R integer).
#' @param x a length-one numeric; NULL passes through.
#' @param name argument name, for the error message.
as_py_int <- function(x, name = "value") {
  if (is.null(x)) return(NULL)
  if (inherits(x, "python.builtin.object")) return(x)
  if (!is.numeric(x) || length(x) != 1 || is.na(x) || x != round(x)) {
    stop(sprintf("`%s` must be a single whole number, not %s",
                 name, paste(deparse(x), collapse = "")), call. = FALSE)
  }
  as.integer(x)
}

#' Whole numbers to R integers (a vector stays a vector); anything else unchanged.
#' `min_delta = 0.01` stays a double although Keras' default is the integer 0.
as_int_if_whole <- function(x) {
  if (is.numeric(x) && !is.integer(x) && length(x) > 0 && all(!is.na(x) & x == round(x))) {
    storage.mode(x) <- "integer"
  }
  x
}

#' Convert an R vector to a Python tuple of ints; NA means an unknown size (None).
#' A scalar becomes a 1-tuple: `input_shape = 4` is `(4,)`.
as_py_shape <- function(x, name = "shape") {
  if (is.null(x)) return(NULL)
  if (inherits(x, "python.builtin.object")) return(x)
  if (inherits(x, "keras_shape")) return(reticulate::r_to_py(x))
  if (is.list(x)) {  # sizes, NULL for unknown, or symbolic sizes (a tensor's op_shape())
    return(do.call(reticulate::tuple, lapply(x, function(d) {
      if (is.null(d) || inherits(d, "python.builtin.object")) d else as_py_int(d, name)
    })))
  }
  if (!is.numeric(x) && !all(is.na(x))) {
    stop(sprintf("`%s` must be a numeric vector such as c(32, 32, 3)", name), call. = FALSE)
  }
  dims <- lapply(x, function(d) if (is.na(d)) NULL else as_py_int(d, name))
  do.call(reticulate::tuple, dims)
}

#' A size given as one number or one per dimension: `3` is the int 3, `c(3, 3)` the
#' tuple (3, 3) (keras3: kernel_size, strides, pool_size, dilation_rate).
as_py_int_or_tuple <- function(x, name = "value") {
  if (is.null(x) || inherits(x, "python.builtin.object")) return(x)
  if (length(x) == 1 && !is.list(x)) return(as_py_int(x, name))
  as_py_shape(x, name)
}

#' Padding/cropping specs: an int, a tuple of ints, or a tuple of pairs.
as_py_nested_int <- function(x, name = "value") {
  if (is.null(x) || inherits(x, "python.builtin.object")) return(x)
  if (is.list(x)) return(do.call(reticulate::tuple, lapply(x, as_py_nested_int, name = name)))
  as_py_int_or_tuple(x, name)
}

#' An R axis (1-based; negative counts from the end) as a Python axis (0-based).
#' `axis = 1` is Python's 0, `axis = -1` stays -1; `axis = 0` is an error.
as_py_axis <- function(x, name = "axis") {
  if (is.null(x) || inherits(x, "python.builtin.object")) return(x)
  if (is.list(x) || length(x) > 1) return(do.call(reticulate::tuple, lapply(x, as_py_axis, name)))
  axis <- as_py_int(x, name)
  if (axis == 0L) stop(sprintf("`%s` is 1-based in R (1 is the first axis); got 0", name),
                       call. = FALSE)
  if (axis > 0L) axis - 1L else axis
}

#' R indices (1-based) as Python indices (0-based): positive ones shift by one.
as_py_index <- function(x, name = "index") {
  if (is.null(x) || inherits(x, "python.builtin.object")) return(x)
  if (is.list(x)) return(lapply(x, as_py_index, name = name))
  if (!is.numeric(x) || any(is.na(x)) || any(x != round(x))) {
    stop(sprintf("`%s` must be whole numbers (1-based indices)", name), call. = FALSE)
  }
  x <- as.integer(x)
  x[x > 0L] <- x[x > 0L] - 1L
  if (length(x) > 1 || !is.null(dim(x))) reticulate::np_array(x, dtype = "int32") else x
}

#' Data for an op, loss or metric: R vectors and arrays become NumPy arrays the way
#' model inputs do (doubles to float32); scalars stay scalars, Python objects unchanged.
as_tensor_arg <- function(x) {
  if (is.null(x) || inherits(x, "python.builtin.object") || is.function(x)) return(x)
  if (is.list(x) && !is.data.frame(x)) return(lapply(x, as_tensor_arg))
  if ((is.numeric(x) || is.logical(x)) && length(x) == 1 && is.null(dim(x))) return(x)
  if (is.numeric(x) || is.logical(x) || is.factor(x) || is.data.frame(x)) {
    return(as_model_input(x))
  }
  x
}

#' One argument converted by its kind.
convert_arg <- function(value, kind, name) {
  switch(kind,
    count = as_py_int(value, name),
    int = as_int_if_whole(value),
    int_tuple = as_py_int_or_tuple(value, name),
    nested_int = as_py_nested_int(value, name),
    shape = as_py_shape(value, name),
    axis = as_py_axis(value, name),
    index = as_py_index(value, name),
    tensor = as_tensor_arg(value),
    stop(sprintf("internal: unknown argument kind '%s' for `%s`", kind, name), call. = FALSE)
  )
}

#' The kind of an argument that declares none, from its name.
kind_by_name <- function(name) {
  if (name %in% .int_args) "count"
  else if (name %in% .shape_args) "shape"
  else if (name %in% .axis_args) "axis"
  else NA_character_
}

#' Normalize a named list of arguments for a Keras call; drops NULL entries so that
#' Keras' own defaults apply. `kinds` (named character) declares argument kinds;
#' others are converted by name. R wrapper functions given as values (`activation =
#' activation_relu`, `loss = loss_huber`) become the Python function they wrap.
normalize_args <- function(args, kinds = NULL) {
  args <- args[!vapply(args, is.null, logical(1))]
  arg_names <- names(args) %||% rep("", length(args))
  for (i in seq_along(args)) {
    name <- arg_names[[i]]
    value <- resolve_wrapper(args[[i]])
    kind <- if (!nzchar(name) && ".positional" %in% names(kinds)) kinds[[".positional"]]
            else if (nzchar(name) && name %in% names(kinds)) kinds[[name]]
            else kind_by_name(name)
    if (!is.na(kind)) {
      value <- convert_arg(value, kind, name)
    } else if (name %in% .index_args) {
      value <- as_py_int(value, name) - 1L
    } else if (name == "metrics" && is.character(value)) {
      value <- as.list(value)
    } else if (name == "metrics" && is.list(value)) {
      value <- lapply(value, resolve_wrapper)
    } else if (name == "metrics" && (is.function(value) || inherits(value, "python.builtin.object"))) {
      value <- list(value)  # one metric function or object (keras3 accepts it alone)
    }
    if (!is.null(value)) args[[i]] <- value
  }
  args
}

#' The Python function an R wrapper stands for (its `keras_endpoint` attribute,
#' e.g. "activations.relu"); a wrapper of a class-only metric or loss (metric_auc)
#' stands for a default instance, as in keras3. Any other value unchanged.
resolve_wrapper <- function(value) {
  endpoint <- if (is.function(value)) attr(value, "keras_endpoint", exact = TRUE)
  if (is.null(endpoint)) return(value)
  parts <- strsplit(endpoint, ".", fixed = TRUE)[[1]]
  target <- keras[[parts[[1]]]][[parts[[2]]]]
  if (inherits(target, "python.builtin.type")) target() else target
}

if (!exists("%||%", baseenv())) `%||%` <- function(x, y) if (is.null(x)) y else x
