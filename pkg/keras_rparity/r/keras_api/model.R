# Models: construction, compilation, training, evaluation, prediction.
# These mirror R keras: the model is a Python object with reference
# semantics; compile() changes it in place and returns it invisibly; fit()
# returns a history (invisibly).

#' An empty Sequential model; with `input_shape` it starts with an Input.
keras_model_sequential <- function(layers = NULL, name = NULL, ..., input_shape = NULL) {
  model <- keras$Sequential(name = name)
  if (!is.null(input_shape)) model$add(keras$Input(shape = as_py_shape(input_shape, "input_shape")))
  for (layer in layers) model$add(layer)
  model
}

#' Stop unless `object` is a Keras model.
check_model <- function(object, fun) {
  if (!inherits(object, "keras.src.models.model.Model")) {
    stop(sprintf("%s() needs a Keras model as its first argument; got an object of class '%s'",
                 fun, class(object)[[1]]), call. = FALSE)
  }
  invisible(object)
}

#' Configure the model for training.
compile <- function(object, optimizer = "rmsprop", loss = NULL, metrics = NULL, ...,
                    loss_weights = NULL, jit_compile = "auto") {
  check_model(object, "compile")
  args <- normalize_args(list(optimizer = optimizer, loss = loss, metrics = metrics,
                              loss_weights = loss_weights, jit_compile = jit_compile, ...))
  do.call(object$compile, args)
  invisible(object)
}

#' Train the model; returns a `keras_training_history` invisibly.
fit <- function(object, x = NULL, y = NULL, batch_size = NULL, epochs = 1, ...,
                verbose = "auto", validation_split = 0, validation_data = NULL,
                shuffle = TRUE, class_weight = NULL, sample_weight = NULL,
                initial_epoch = 1, steps_per_epoch = NULL, validation_steps = NULL) {
  check_model(object, "fit")
  if (!is.null(validation_data)) validation_data <- do.call(reticulate::tuple,
                                                            lapply(validation_data, as_model_input))
  args <- normalize_args(list(
    x = as_model_input(x), y = as_model_input(y), batch_size = batch_size, epochs = epochs,
    verbose = verbose, validation_split = validation_split, validation_data = validation_data,
    shuffle = shuffle, class_weight = class_weight, sample_weight = as_model_input(sample_weight),
    initial_epoch = initial_epoch, steps_per_epoch = steps_per_epoch,
    validation_steps = validation_steps, ...))
  history <- do.call(object$fit, args)
  invisible(as_training_history(history))
}

#' Loss and metrics on data; a named list (`loss`, `accuracy`, ...).
evaluate <- function(object, x = NULL, y = NULL, batch_size = NULL, verbose = "auto", ...,
                     sample_weight = NULL) {
  check_model(object, "evaluate")
  args <- normalize_args(list(x = as_model_input(x), y = as_model_input(y),
                              batch_size = batch_size, verbose = verbose,
                              sample_weight = as_model_input(sample_weight),
                              return_dict = TRUE, ...))
  lapply(do.call(object$evaluate, args), as.numeric)
}

#' Predictions as an R array (S3 method for stats::predict).
predict_keras_model <- function(object, x, batch_size = NULL, verbose = "auto", ...) {
  args <- normalize_args(list(x = as_model_input(x), batch_size = batch_size,
                              verbose = verbose, ...))
  reticulate::py_to_r(do.call(object$predict, args))
}

#' Number of weights in the model.
count_params <- function(object) {
  check_model(object, "count_params")
  as.numeric(object$count_params())
}

#' The model's weights as a list of R arrays.
get_weights <- function(object) {
  check_model(object, "get_weights")
  lapply(object$get_weights(), reticulate::py_to_r)
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
