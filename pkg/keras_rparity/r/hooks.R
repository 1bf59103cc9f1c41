# Hooks: what the bridge puts between an R program and the Keras API.
# They add no behaviour of their own to Keras; they apply the run's knobs
# (seed before each model, epochs, verbosity) and report every fit to the run
# context on the Python side, so R and Python runs are recorded alike.
# `.api` (set by the bridge) is the environment of the Keras API in use.

#' The Python RunContext of the current run.
.rparity_ctx <- function() reticulate::import("keras_rparity.bridge.handoff")$current()

.api_fun <- function(name) get(name, envir = .api, mode = "function")

#' A new Sequential model, built right after the run's seed is set.
keras_model_sequential <- function(...) {
  .rparity_ctx()$before_build()
  .api_fun("keras_model_sequential")(...)
}

#' R data as Python sees it without a copy: reticulate hands R arrays (anything with a
#' `dim`) to NumPy as views of R's memory, but plain vectors as Python lists, element by
#' element; so a plain numeric or logical vector gets a `dim` first.
.as_shared_array <- function(v) {
  if ((is.numeric(v) || is.logical(v)) && is.null(dim(v)) && !is.object(v)) dim(v) <- length(v)
  v
}

#' fit() with the run's epochs and verbosity; labels the loss cannot read are refused
#' first (with the pairing checker's explanation); the fit is recorded.
fit <- function(object, x = NULL, y = NULL, ..., epochs = 1, verbose = NULL) {
  ctx <- .rparity_ctx()
  y_seen <- .as_shared_array(y)
  ctx$preflight(object, y_seen)
  invisible(gc(verbose = FALSE))  # free the program's garbage before Keras allocates
  started <- Sys.time()
  history <- .api_fun("fit")(object, x = x, y = y, ..., epochs = ctx$epochs(epochs),
                             verbose = ctx$knobs$verbose)
  seconds <- as.numeric(difftime(Sys.time(), started, units = "secs"))
  ctx$record_fit(object, .as_shared_array(x), y_seen, history$metrics, seconds)
  invisible(history)
}
