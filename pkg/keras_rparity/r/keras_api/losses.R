# Losses and metrics. As in keras3, each loss_*() / metric_*() that Keras has both
# as a class and as a function has two uses:
#  - called without y_true and y_pred, it returns the Keras object for
#    compile(loss = loss_binary_crossentropy()) or to call later;
#  - called with them, it returns the per-sample values as a tensor (`$shape`
#    works; as.array() gives an R array).

#' Either the Keras object (no data given) or the values on the data.
#' @param object_class Keras class, e.g. keras$losses$BinaryCrossentropy.
#' @param values_function Keras function, e.g. keras$losses$binary_crossentropy.
#' @param args the other arguments, normalized.
object_or_values <- function(object_class, values_function, y_true, y_pred, args) {
  if (is.null(y_true) && is.null(y_pred)) return(do.call(object_class, args))
  if (is.null(y_true) || is.null(y_pred)) {
    stop("give both y_true and y_pred, or neither (to get the loss object)", call. = FALSE)
  }
  do.call(values_function, c(list(as_tensor_arg(y_true), as_tensor_arg(y_pred)), args))
}
