# Losses. As in R keras, each loss_*() has two uses:
#  - called without y_true and y_pred, it returns a Keras loss object for
#    compile(loss = loss_binary_crossentropy()) or to call later;
#  - called with them, it returns the per-sample losses as an R array.

#' Either the loss object (no data given) or the per-sample values.
#' @param class_name Keras loss class, e.g. "BinaryCrossentropy".
#' @param fn_name Keras loss function, e.g. "binary_crossentropy".
loss_object_or_values <- function(class_name, fn_name, y_true, y_pred, object_args, fn_args) {
  if (is.null(y_true) && is.null(y_pred)) {
    return(do.call(keras$losses[[class_name]], normalize_args(object_args)))
  }
  if (is.null(y_true) || is.null(y_pred)) {
    stop("give both y_true and y_pred, or neither (to get the loss object)", call. = FALSE)
  }
  values <- do.call(keras$losses[[fn_name]], c(
    list(as_model_input(y_true), as_model_input(y_pred)), normalize_args(fn_args)))
  reticulate::py_to_r(keras$ops$convert_to_numpy(values))
}

loss_binary_crossentropy <- function(y_true = NULL, y_pred = NULL, from_logits = FALSE,
                                     label_smoothing = 0, axis = -1, ...,
                                     reduction = "sum_over_batch_size",
                                     name = "binary_crossentropy") {
  args <- list(from_logits = from_logits, label_smoothing = label_smoothing, axis = axis)
  loss_object_or_values("BinaryCrossentropy", "binary_crossentropy", y_true, y_pred,
                        c(args, list(reduction = reduction, name = name, ...)), args)
}

loss_categorical_crossentropy <- function(y_true = NULL, y_pred = NULL, from_logits = FALSE,
                                          label_smoothing = 0, axis = -1, ...,
                                          reduction = "sum_over_batch_size",
                                          name = "categorical_crossentropy") {
  args <- list(from_logits = from_logits, label_smoothing = label_smoothing, axis = axis)
  loss_object_or_values("CategoricalCrossentropy", "categorical_crossentropy", y_true, y_pred,
                        c(args, list(reduction = reduction, name = name, ...)), args)
}

loss_sparse_categorical_crossentropy <- function(y_true = NULL, y_pred = NULL,
                                                 from_logits = FALSE, ignore_class = NULL,
                                                 axis = -1, ...,
                                                 reduction = "sum_over_batch_size",
                                                 name = "sparse_categorical_crossentropy") {
  args <- list(from_logits = from_logits, ignore_class = ignore_class, axis = axis)
  object_args <- list(from_logits = from_logits, ignore_class = ignore_class,
                      reduction = reduction, name = name, ...)
  loss_object_or_values("SparseCategoricalCrossentropy", "sparse_categorical_crossentropy",
                        y_true, y_pred, object_args, args)
}

loss_mean_squared_error <- function(y_true = NULL, y_pred = NULL, ...,
                                    reduction = "sum_over_batch_size",
                                    name = "mean_squared_error") {
  loss_object_or_values("MeanSquaredError", "mean_squared_error", y_true, y_pred,
                        list(reduction = reduction, name = name, ...), list())
}

loss_mean_absolute_error <- function(y_true = NULL, y_pred = NULL, ...,
                                     reduction = "sum_over_batch_size",
                                     name = "mean_absolute_error") {
  loss_object_or_values("MeanAbsoluteError", "mean_absolute_error", y_true, y_pred,
                        list(reduction = reduction, name = name, ...), list())
}
