# Models: construction (Sequential and functional), compilation, training,
# evaluation, prediction, saving. These mirror keras3: the model is a Python object
# with reference semantics; compile(), fit(), evaluate() are S3 generics with methods
# for Keras models (so other packages' generics of the same name keep working on
# their own classes); compile() changes the model in place and returns it
# invisibly; fit() returns a history (invisibly).

.model_class <- "keras.src.models.model.Model"

#' An empty Sequential model; with `input_shape` it starts with an Input.
keras_model_sequential <- function(layers = NULL, name = NULL, ..., input_shape = NULL) {
  model <- keras$Sequential(name = name)
  if (!is.null(input_shape)) model$add(keras$Input(shape = as_py_shape(input_shape, "input_shape")))
  for (layer in layers) model$add(layer)
  model
}

#' A symbolic input tensor for the functional API: `keras_input(shape = c(28, 28))`.
keras_input <- function(shape = NULL, batch_size = NULL, dtype = NULL, sparse = NULL,
                        batch_shape = NULL, name = NULL, tensor = NULL, optional = FALSE) {
  args <- normalize_args(rlang::list2(shape = shape, batch_size = batch_size, dtype = dtype,
                              sparse = sparse, batch_shape = batch_shape, name = name,
                              tensor = tensor, optional = optional))
  do.call(keras$Input, args)
}

#' A functional model from input and output tensors (each a tensor or a list of them).
keras_model <- function(inputs = NULL, outputs = NULL, ...) {
  args <- normalize_args(c(list(inputs = inputs, outputs = outputs), rlang::list2(...)))
  do.call(keras$Model, args)
}

#' Stop unless `object` is a Keras model.
check_model <- function(object, fun) {
  if (!inherits(object, .model_class)) {
    stop(sprintf("%s() needs a Keras model as its first argument; got an object of class '%s'",
                 fun, class(object)[[1]]), call. = FALSE)
  }
  invisible(object)
}

#' Stop unless `object` is a Keras layer (a model is one).
check_layer <- function(object, fun) {
  if (!inherits(object, "keras.src.layers.layer.Layer")) {
    stop(sprintf("%s() needs a Keras layer or model as its first argument; got an object of class '%s'",
                 fun, class(object)[[1]]), call. = FALSE)
  }
  invisible(object)
}

#' Configure a model for training (S3 generic).
compile <- function(object, ...) UseMethod("compile")
compile.default <- function(object, ...) check_model(object, "compile")

compile.keras.src.models.model.Model <- function(object, optimizer = "rmsprop", loss = NULL,
                                                 metrics = NULL, ..., loss_weights = NULL,
                                                 jit_compile = "auto") {
  args <- normalize_args(rlang::list2(optimizer = optimizer, loss = loss, metrics = metrics,
                              loss_weights = loss_weights, jit_compile = jit_compile, ...))
  do.call(object$compile, args)
  invisible(object)
}

#' Train a model (S3 generic); returns a `keras_training_history` invisibly.
fit <- function(object, ...) UseMethod("fit")
fit.default <- function(object, ...) check_model(object, "fit")

fit.keras.src.models.model.Model <- function(object, x = NULL, y = NULL, batch_size = NULL,
                                             epochs = 1, ..., verbose = "auto",
                                             validation_split = 0, validation_data = NULL,
                                             shuffle = TRUE, class_weight = NULL,
                                             sample_weight = NULL, initial_epoch = 1,
                                             steps_per_epoch = NULL, validation_steps = NULL,
                                             callbacks = NULL) {
  if (is.function(validation_data) || inherits(validation_data, "python.builtin.object")) {
    validation_data <- as_model_input(validation_data)  # a batch function, a dataset
  } else if (!is.null(validation_data)) {
    validation_data <- do.call(reticulate::tuple, lapply(validation_data, as_model_input))
  }
  if (!is.null(callbacks) && !is.list(callbacks)) callbacks <- list(callbacks)
  args <- normalize_args(rlang::list2(
    x = as_model_input(x), y = as_model_input(y), batch_size = batch_size, epochs = epochs,
    verbose = verbose, validation_split = validation_split, validation_data = validation_data,
    shuffle = shuffle, class_weight = as_class_weight(class_weight),
    sample_weight = as_model_input(sample_weight), initial_epoch = initial_epoch,
    steps_per_epoch = steps_per_epoch, validation_steps = validation_steps,
    callbacks = callbacks, ...))
  history <- do.call(object$fit, args)
  invisible(as_training_history(history))
}

#' keras3's class_weight: a named list or vector by class code ("0", "1", ...)
#' becomes a dict with integer keys.
as_class_weight <- function(class_weight) {
  if (is.null(class_weight) || inherits(class_weight, "python.builtin.object")) {
    return(class_weight)
  }
  keys <- as.integer(names(class_weight))
  reticulate::py_dict(as.list(keys), as.list(as.numeric(class_weight)))
}

#' Loss and metrics on data (S3 generic); a named list (`loss`, `accuracy`, ...).
evaluate <- function(object, ...) UseMethod("evaluate")
evaluate.default <- function(object, ...) check_model(object, "evaluate")

evaluate.keras.src.models.model.Model <- function(object, x = NULL, y = NULL,
                                                  batch_size = NULL, verbose = "auto", ...,
                                                  sample_weight = NULL) {
  args <- normalize_args(rlang::list2(x = as_model_input(x), y = as_model_input(y),
                              batch_size = batch_size, verbose = verbose,
                              sample_weight = as_model_input(sample_weight),
                              return_dict = TRUE, ...))
  lapply(do.call(object$evaluate, args), as.numeric)
}

#' Predictions as an R array, or a list of arrays for a multi-output model
#' (S3 method for stats::predict).
predict_keras_model <- function(object, x, batch_size = NULL, verbose = "auto", ...) {
  args <- normalize_args(rlang::list2(x = as_model_input(x), batch_size = batch_size,
                              verbose = verbose, ...))
  reticulate::py_to_r(do.call(object$predict, args))
}

#' The model's summary as lines of text.
format_keras_model <- function(x, ...) {
  lines <- character()
  x$summary(print_fn = function(text, ...) lines <<- c(lines, text))
  unlist(strsplit(paste(lines, collapse = "\n"), "\n", fixed = TRUE))
}

#' Print the model's summary (S3 method for base::summary); returns the model invisibly.
summary_keras_model <- function(object, ...) {
  writeLines(format_keras_model(object))
  invisible(object)
}

#' Save a model to a `.keras` file; returns the model invisibly.
save_model <- function(model, filepath = NULL, overwrite = FALSE, ...) {
  check_model(model, "save_model")
  if (is.null(filepath)) stop("give `filepath`, e.g. \"model.keras\"", call. = FALSE)
  model$save(normalizePath(filepath, mustWork = FALSE), overwrite = overwrite, ...)
  invisible(model)
}

#' Load a model saved by save_model() (`model` is the file's path, as in keras3).
load_model <- function(model, custom_objects = NULL, compile = TRUE, safe_mode = TRUE) {
  keras$models$load_model(normalizePath(model, mustWork = TRUE),
                          custom_objects = custom_objects, compile = compile,
                          safe_mode = safe_mode)
}

#' Save only the weights (`.weights.h5`); returns the model invisibly.
save_model_weights <- function(model, filepath, overwrite = FALSE) {
  check_model(model, "save_model_weights")
  model$save_weights(normalizePath(filepath, mustWork = FALSE), overwrite = overwrite)
  invisible(model)
}

#' Load weights saved by save_model_weights() into `model`; returns it invisibly.
load_model_weights <- function(model, filepath, skip_mismatch = FALSE) {
  check_model(model, "load_model_weights")
  model$load_weights(normalizePath(filepath, mustWork = TRUE), skip_mismatch = skip_mismatch)
  invisible(model)
}

#' Number of weights in the layer or model.
count_params <- function(object) {
  check_layer(object, "count_params")
  as.numeric(object$count_params())
}

#' The layer's or model's weights as a list of R arrays.
get_weights <- function(object) {
  check_layer(object, "get_weights")
  lapply(object$get_weights(), reticulate::py_to_r)
}

#' Set the model's weights from a list of R arrays (as get_weights() gives).
set_weights <- function(object, weights) {
  check_layer(object, "set_weights")
  object$set_weights(lapply(weights, as_model_input))
  invisible(object)
}

#' Seed R's own generator and Keras' (Python, NumPy, backend) generators.
set_random_seed <- function(seed) {
  set.seed(seed)
  keras$utils$set_random_seed(as_py_int(seed, "seed"))
  invisible(seed)
}

#' Integer class vector to a one-hot matrix.
to_categorical <- function(x, num_classes = NULL) {
  reticulate::py_to_r(keras$utils$to_categorical(
    as_model_input(as.integer(x)), num_classes = as_py_int(num_classes, "num_classes")))
}
