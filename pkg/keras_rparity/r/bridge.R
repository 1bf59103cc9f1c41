# Bridge support on the R side: load a Keras API, evaluate programs and
# report errors as data (message, call, line) instead of raising them, so the
# Python side can raise one clear exception.

#' Source every file of our R Keras layer into a fresh environment.
#' @param dir folder holding the layer's .R files.
#' @return the environment holding the API.
rparity_load_builtin_api <- function(dir) {
  env <- new.env(parent = globalenv())
  for (file in sort(list.files(dir, pattern = "[.]R$", full.names = TRUE))) {
    sys.source(file, envir = env, keep.source = FALSE)
  }
  env$register_keras_api_methods(env)
  env
}

#' Attach the real keras3 package; its functions are found through the search path.
rparity_load_keras3_api <- function() {
  suppressPackageStartupMessages(library("keras3", character.only = TRUE))
  new.env(parent = globalenv())
}

#' The hooks environment: knob-aware wrappers over `api`, and the datasets.
rparity_make_hooks <- function(api, files) {
  hooks <- new.env(parent = api)
  hooks$.api <- api
  for (file in files) sys.source(file, envir = hooks, keep.source = FALSE)
  hooks
}

#' Evaluate expressions one by one in `env`, stopping at the first error.
#' Warnings are collected and muffled; the last value is kept as `.rparity_value`.
#' @return list(ok, message, call, line, warnings)
rparity_eval_exprs <- function(exprs, env) {
  warnings <- character()
  srcrefs <- attr(exprs, "srcref")
  for (i in seq_along(exprs)) {
    failure <- tryCatch(
      withCallingHandlers(
        {
          assign(".rparity_value", eval(exprs[[i]], env), envir = env)
          NULL
        },
        warning = function(w) {
          warnings <<- c(warnings, conditionMessage(w))
          invokeRestart("muffleWarning")
        }
      ),
      error = function(e) e
    )
    if (!is.null(failure)) {
      call <- conditionCall(failure)
      return(list(
        ok = FALSE,
        message = conditionMessage(failure),
        call = if (is.null(call)) NA_character_ else paste(deparse(call, nlines = 3L), collapse = " "),
        line = if (is.null(srcrefs)) NA_integer_ else as.integer(srcrefs[[i]][[1]]),
        warnings = warnings
      ))
    }
  }
  list(ok = TRUE, message = NA_character_, call = NA_character_, line = NA_integer_,
       warnings = warnings)
}

#' Parse R code (from a file or text); a syntax error is reported like any error.
rparity_parse <- function(file = NULL, text = NULL) {
  tryCatch(
    list(ok = TRUE, exprs = if (is.null(file)) parse(text = text, keep.source = TRUE)
                            else parse(file = file, keep.source = TRUE)),
    error = function(e) list(ok = FALSE, message = conditionMessage(e))
  )
}
