# Hooks: what the bridge puts between an R program and the Keras API.
# They add no behaviour of their own to Keras; they apply the run's knobs
# (epochs, verbosity) and report every fit to the run context on the Python
# side, so R and Python runs are recorded alike. This file is the only place
# on the R side that knows the knobs. (The seed knob is applied on the Python
# objects themselves, at the first Keras layer, input or model the program
# creates and the first one after each fit, identically for both languages:
# see keras_rparity/programs/instrument.py.)
# `.api` (set by the bridge) is the environment of the Keras API in use.

#' The Python RunContext of the current run (an error outside a keras-rparity run).
.rparity_ctx <- function() reticulate::import("keras_rparity.bridge.handoff")$current()

.api_fun <- function(name) get(name, envir = .api, mode = "function")

#' R data as Python sees it without a copy: reticulate hands R arrays (anything with a
#' `dim`) to NumPy as views of R's memory, but plain vectors as Python lists, element by
#' element; so a plain numeric or logical vector gets a `dim` first.
.as_shared_array <- function(v) {
  if ((is.numeric(v) || is.logical(v)) && is.null(dim(v)) && !is.object(v)) dim(v) <- length(v)
  v
}

#' fit() with the run's epochs; the program's `verbose` is honoured (the run's
#' verbosity when it gives none). Labels the loss cannot read are refused first
#' (with the pairing checker's explanation); the weights as training starts and
#' the fit itself are recorded. `fit()` on anything but a Keras model is the API's own.
fit <- function(object, x = NULL, y = NULL, ..., epochs = 1, verbose = NULL,
                callbacks = NULL) {
  if (!inherits(object, "keras.src.models.model.Model")) {
    return(.api_fun("fit")(object, x = x, y = y, ..., epochs = epochs, verbose = verbose,
                           callbacks = callbacks))
  }
  if (length(epochs) == 1L && is.na(epochs)) {
    stop("`epochs` must be a positive whole number; got NA", call. = FALSE)
  }
  ctx <- .rparity_ctx()
  x_seen <- .as_shared_array(x)
  y_seen <- .as_shared_array(y)
  ctx$preflight(object, y_seen)
  ctx$prepare_fit(object, x_seen, y_seen)
  if (!is.null(callbacks) && !is.list(callbacks)) callbacks <- list(callbacks)
  callbacks <- c(callbacks, list(ctx$initial_weights_keeper()))
  invisible(gc(verbose = FALSE))  # free the program's garbage before Keras allocates
  started <- Sys.time()
  history <- .api_fun("fit")(object, x = x, y = y, ..., epochs = ctx$epochs(epochs),
                             verbose = ctx$verbose(verbose), callbacks = callbacks)
  seconds <- as.numeric(difftime(Sys.time(), started, units = "secs"))
  ctx$record_fit(object, x_seen, y_seen, history$metrics, seconds)
  invisible(history)
}
