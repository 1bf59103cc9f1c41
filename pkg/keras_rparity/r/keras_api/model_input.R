# Data for a model: how R values become the NumPy arrays Keras trains on.

#' Convert R data for a model (x, y) to NumPy the way R keras does:
#' doubles to the float type Keras uses (float32), integers to int32,
#' logicals to bool, factors to 0-based integer codes, data frames to matrices.
as_model_input <- function(x) {
  if (is.null(x) || inherits(x, "python.builtin.object")) return(x)
  if (is.function(x)) return(as_batch_generator(x))
  if (is.list(x) && !is.data.frame(x)) return(lapply(x, as_model_input))
  if (is.data.frame(x)) x <- as.matrix(x)
  if (is.factor(x)) x <- as.integer(x) - 1L
  dtype <- if (is.double(x)) keras$config$floatx() else if (is.integer(x)) "int32" else NULL
  reticulate::np_array(x, dtype = dtype)
}

#' An R function that returns one batch per call (list(x, y) or list(x, y, weights))
#' as the Python generator Keras trains from, as keras3 does. On TensorFlow, Keras
#' reads it from a data thread while R's thread waits in `fit()`; an R function can
#' only run on R's thread, so one batch is always made ahead there (`prefetch = 1L`,
#' as keras3), or the two threads could wait for each other.
as_batch_generator <- function(f) {
  as_generator <- reticulate::py_eval("lambda batches: (batch for batch in batches)",
                                      convert = FALSE)  # Keras wants a real generator
  as_generator(reticulate::py_iterator(function() {
    batch <- f()
    if (is.list(batch) && !is.data.frame(batch)) {
      do.call(reticulate::tuple, lapply(unname(batch), as_model_input))
    } else {
      as_model_input(batch)
    }
  }, prefetch = 1L))
}
