# The R tensorflow package's names that Keras programs use, over this process's
# TensorFlow: `tf` (the Python module), `%as%` with with() for context managers
# (`with(tf$GradientTape() %as% tape, {...})`), tf_function(), tf_version(), as_tensor().

#' This process's TensorFlow module.
tf <- reticulate::import("tensorflow", delay_load = TRUE)

#' A context manager and the name to bind what it yields to, for with().
`%as%` <- function(context, as) {
  structure(list(context = context, as = substitute(as)), class = "rparity_context_as")
}

#' with(context %as% name, expr): enter the context, bind its value to `name` in the
#' caller's environment, evaluate `expr` there, and exit the context (also on error).
with_context_as <- function(data, expr, ...) {
  with_python_context(data$context, substitute(expr), parent.frame(), data$as)
}

#' with(context, expr) for a Python context manager without a name.
with_python_object <- function(data, expr, ...) {
  with_python_context(data, substitute(expr), parent.frame(), NULL)
}

with_python_context <- function(context, expr, env, as) {
  value <- context$`__enter__`()
  if (!is.null(as)) assign(as.character(as), value, envir = env)
  failed <- TRUE
  on.exit(if (failed) context$`__exit__`(NULL, NULL, NULL))
  result <- eval(expr, env)
  failed <- FALSE
  context$`__exit__`(NULL, NULL, NULL)
  invisible(result)
}

#' TensorFlow's version, major.minor (as the tensorflow package gives it).
tf_version <- function() {
  numbers <- strsplit(tf$version$VERSION, ".", fixed = TRUE)[[1]]
  package_version(paste(numbers[1:2], collapse = "."))
}

#' R data (or a tensor) as a TensorFlow tensor; doubles become float32 unless
#' `dtype` says otherwise.
as_tensor <- function(x, dtype = NULL, ..., name = NULL) {
  tf$convert_to_tensor(as_tensor_arg(x), dtype = dtype, name = name)
}

#' tf.function over an R function (TensorFlow traces it into a graph).
tf_function <- function(f, input_signature = NULL, autograph = TRUE, ...) {
  tf$`function`(reticulate::py_func(f), input_signature = input_signature,
                autograph = FALSE, ...)
}

register_tensorflow_methods <- function(env) {
  registerS3method("with", "rparity_context_as", with_context_as, envir = env)
  registerS3method("with", "python.builtin.object", with_python_object, envir = env)
}
