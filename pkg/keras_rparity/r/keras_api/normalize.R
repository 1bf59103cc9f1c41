# Argument normalization: the one place where R values become Python values.
#
# R has no integer literals in everyday code (`units = 32` is a double) and
# indexes from 1; Keras wants Python ints, tuples for shapes and 0-based
# indices. Every wrapper passes its arguments through normalize_args(), so
# the rules live here and nowhere else.

#' Names of arguments that Keras wants as Python integers.
.int_args <- c(
  "units", "filters", "epochs", "batch_size", "steps_per_epoch",
  "validation_steps", "validation_batch_size", "validation_freq", "seed",
  "num_classes", "axis", "groups", "patience"
)

#' Names of arguments that Keras wants as tuples of integers.
.shape_args <- c(
  "input_shape", "shape", "kernel_size", "pool_size", "strides",
  "dilation_rate", "target_shape", "batch_shape"
)

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

#' Convert an R vector to a Python tuple of ints; NA means an unknown size (None).
#' A scalar becomes a 1-tuple: `input_shape = 4` is `(4,)`.
as_py_shape <- function(x, name = "shape") {
  if (is.null(x)) return(NULL)
  if (inherits(x, "python.builtin.object")) return(x)
  if (is.list(x)) x <- unlist(lapply(x, function(d) if (is.null(d)) NA else d))
  if (!is.numeric(x) && !all(is.na(x))) {
    stop(sprintf("`%s` must be a numeric vector such as c(32, 32, 3)", name), call. = FALSE)
  }
  dims <- lapply(x, function(d) if (is.na(d)) NULL else as_py_int(d, name))
  do.call(reticulate::tuple, dims)
}

#' Normalize a named list of arguments for a Keras call; drops NULL entries
#' so that Keras' own defaults apply.
normalize_args <- function(args) {
  args <- args[!vapply(args, is.null, logical(1))]
  for (name in names(args)) {
    value <- args[[name]]
    if (name %in% .int_args) {
      args[[name]] <- as_py_int(value, name)
    } else if (name %in% .shape_args) {
      args[[name]] <- as_py_shape(value, name)
    } else if (name %in% .index_args) {
      args[[name]] <- as_py_int(value, name) - 1L
    } else if (name == "metrics" && is.character(value)) {
      args[[name]] <- as.list(value)
    }
  }
  args
}
