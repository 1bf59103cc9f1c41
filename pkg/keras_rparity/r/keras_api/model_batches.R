# One batch at a time, copies of models, and Keras' global state.

#' One gradient update on a batch; the loss and metrics as a named list.
train_on_batch <- function(object, x, y = NULL, sample_weight = NULL, class_weight = NULL) {
  check_model(object, "train_on_batch")
  lapply(object$train_on_batch(as_model_input(x), as_model_input(y),
                               sample_weight = as_model_input(sample_weight),
                               class_weight = as_class_weight(class_weight),
                               return_dict = TRUE), as.numeric)
}

#' The loss and metrics on one batch, as a named list.
test_on_batch <- function(object, x, y = NULL, sample_weight = NULL) {
  check_model(object, "test_on_batch")
  lapply(object$test_on_batch(as_model_input(x), as_model_input(y),
                              sample_weight = as_model_input(sample_weight),
                              return_dict = TRUE), as.numeric)
}

#' Predictions for one batch, as an R array.
predict_on_batch <- function(object, x) {
  check_model(object, "predict_on_batch")
  reticulate::py_to_r(object$predict_on_batch(as_model_input(x)))
}

#' A new model with the same architecture (new weights unless `clone_function` says).
clone_model <- function(model, input_tensors = NULL, clone_function = NULL, call_function = NULL,
                        recursive = FALSE, ...) {
  keras$models$clone_model(model, input_tensors = input_tensors,
                           clone_function = clone_function, call_function = call_function,
                           recursive = recursive, ...)
}

#' Reset Keras' global state (layer name counters, the backend's graph).
clear_session <- function(free_memory = TRUE) {
  keras$utils$clear_session(free_memory = free_memory)
  invisible(NULL)
}

#' A layer's or model's config as an R list that remembers its class, so
#' from_config(config) rebuilds the object (keras3's get_config()/from_config()).
get_config <- function(object) {
  config <- object$get_config()
  attr(config, "__class__") <- object$`__class__`
  config
}

from_config <- function(config, custom_objects = NULL) {
  cls <- attr(config, "__class__", exact = TRUE)
  if (is.null(cls)) stop("from_config() needs a config made by get_config()", call. = FALSE)
  attr(config, "__class__") <- NULL
  objects <- lapply(custom_objects %||% list(), py_class_of)
  with_python_context(keras$saving$custom_object_scope(objects),
                      quote(cls$from_config(config)), environment(), NULL)
}
