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

#' The message of the error quit()/q() raise inside a program run by the bridge.
rparity_quit_message <- paste(
  "the R program called quit(); keras-rparity runs R programs inside this process,",
  "so remove the call"
)

#' The message of the error a program that reads standard input gets.
rparity_input_message <- paste(
  "the R program asked for input, and keras-rparity runs programs with standard input",
  "closed: remove the prompt"
)

#' Does `con` name standard input (the console, "stdin", stdin())?
rparity_is_stdin <- function(con) {
  if (is.character(con)) return(length(con) == 1L && con %in% c("", "stdin"))
  inherits(con, "connection") && identical(summary(con)$description, "stdin")
}

#' A fresh environment for one program, under a guard that masks quit() and q(), and
#' the readers of standard input. R programs run inside the host process (Python, a
#' notebook, R itself): quitting would end it, so the masks signal an error of class
#' `rparity_quit` instead; standard input is closed for programs, so readline(),
#' readLines(stdin()) and scan("") stop with one clear line.
#' @param parent where the program's names are looked up (the hooks).
rparity_program_env <- function(parent) {
  guard <- new.env(parent = parent)
  refuse <- function(...) {
    stop(structure(class = c("rparity_quit", "error", "condition"),
                   list(message = rparity_quit_message, call = sys.call())))
  }
  no_input <- function(call) stop(simpleError(rparity_input_message, call))
  guard$quit <- refuse
  guard$q <- refuse
  guard$readline <- function(prompt = "") no_input(sys.call())
  guard$readLines <- function(con = stdin(), ...) {
    if (rparity_is_stdin(con)) no_input(sys.call())
    base::readLines(con, ...)
  }
  guard$scan <- function(file = "", ...) {
    if (rparity_is_stdin(file)) no_input(sys.call())
    base::scan(file, ...)
  }
  new.env(parent = guard)
}

#' Is `f` a function of the Keras API in use or of the bridge's hooks?
rparity_is_api_function <- function(f, hooks) {
  if (!is.function(f) || is.primitive(f)) return(FALSE)
  env <- environment(f)
  identical(env, hooks) || identical(env, hooks$.api) ||
    identical(environmentName(env), "keras3")
}

#' Where an error happened, in the user's terms, from the call stack at the error.
#' @param calls,functions `sys.calls()` and the matching `sys.function()`s.
#' @param srcref the srcref of the top-level expression being evaluated.
#' @param condition the error: a call to a function that does not exist (a misspelled
#'   `layer_densee()` in a pipe chain) is that call, wherever the pipe evaluated it.
#' @return list(call = the outermost Keras API call the program made (deparsed) or
#'   NA, line = the line of the program it is on).
rparity_user_call <- function(calls, functions, srcref, hooks, condition = NULL) {
  api <- which(vapply(functions, rparity_is_api_function, logical(1), hooks = hooks))
  call <- if (length(api)) calls[[api[[1]]]] else NULL
  if (!is.null(condition) && !is.null(conditionCall(condition)) &&
      startsWith(conditionMessage(condition), "could not find function")) {
    call <- conditionCall(condition)
  }
  line <- if (is.null(srcref)) NA_integer_ else as.integer(srcref[[1]])
  srcfile <- if (is.null(srcref)) NULL else attr(srcref, "srcfile")
  # the innermost call made from a line of the program itself (inside its functions)
  for (c in rev(calls)) {
    ref <- attr(c, "srcref")
    if (!is.null(ref) && identical(attr(ref, "srcfile"), srcfile)) {
      line <- as.integer(ref[[1]])
      break
    }
  }
  # a multi-line expression (a pipe chain): the line naming the failing function
  if (!is.null(call) && is.name(call[[1]]) && !is.null(srcref) &&
      srcref[[3]] > srcref[[1]] && line == srcref[[1]]) {
    lines <- tryCatch(getSrcLines(srcfile, srcref[[1]], srcref[[3]]),
                      error = function(e) character())
    hit <- grep(paste0("\\b", as.character(call[[1]]), "\\s*\\("), lines)
    if (length(hit)) line <- as.integer(srcref[[1]]) + hit[[1]] - 1L
  }
  list(call = if (is.null(call)) NA_character_
              else paste(deparse(call, nlines = 3L, width.cutoff = 200L), collapse = " "),
       line = line)
}

#' Hand a Python exception raised under the program to the Python side (which keeps
#' the exception object itself, e.g. a LossLabelMismatchError with its findings).
#' @return the exception's class name, or NA for an R error.
rparity_hand_python_error <- function(failure) {
  if (!inherits(failure, "python.builtin.BaseException")) return(NA_character_)
  reticulate::import("keras_rparity.bridge.r_errors")$remember(failure)
  sub("^python[.]builtin[.]", "", class(failure)[[1]])
}

#' Evaluate expressions one by one in `env`, stopping at the first error.
#' Warnings are collected and muffled; the last value is kept as `.rparity_value`.
#' An interrupt (Ctrl-C) stops the evaluation and is reported, not raised, so the
#' Python side can raise KeyboardInterrupt with R left in a clean state.
#' @param hooks the hooks environment (to recognise the Keras API's functions).
#' @return list(ok, message, call, line, warnings, interrupted, quit, user_call,
#'   python_error)
rparity_eval_exprs <- function(exprs, env, hooks = NULL) {
  warnings <- character()
  srcrefs <- attr(exprs, "srcref")
  for (i in seq_along(exprs)) {
    srcref <- if (is.null(srcrefs)) NULL else srcrefs[[i]]
    where <- NULL
    failure <- tryCatch(
      withCallingHandlers(
        {
          assign(".rparity_value", eval(exprs[[i]], env), envir = env)
          NULL
        },
        warning = function(w) {
          warnings <<- c(warnings, conditionMessage(w))
          invokeRestart("muffleWarning")
        },
        error = function(e) {
          n <- sys.nframe() - 1L
          calls <- sys.calls()[seq_len(n)]
          functions <- lapply(seq_len(n), sys.function)
          where <<- tryCatch(rparity_user_call(calls, functions, srcref, hooks, e),
                             error = function(e2) NULL)
        }
      ),
      interrupt = function(e) structure(list(), class = c("rparity_interrupt", "condition")),
      error = function(e) e
    )
    if (inherits(failure, "rparity_interrupt")) {
      return(list(ok = FALSE, interrupted = TRUE, message = "interrupted",
                  call = NA_character_, line = NA_integer_, warnings = warnings))
    }
    if (!is.null(failure)) {
      call <- conditionCall(failure)
      line <- if (is.null(srcref)) NA_integer_ else as.integer(srcref[[1]])
      if (!is.null(where) && !is.na(where$line)) line <- where$line
      return(list(
        ok = FALSE,
        interrupted = FALSE,
        quit = inherits(failure, "rparity_quit"),
        message = conditionMessage(failure),
        call = if (is.null(call)) NA_character_ else paste(deparse(call, nlines = 3L), collapse = " "),
        user_call = if (is.null(where)) NA_character_ else where$call,
        python_error = rparity_hand_python_error(failure),
        line = line,
        warnings = warnings
      ))
    }
  }
  list(ok = TRUE, interrupted = FALSE, message = NA_character_, call = NA_character_,
       line = NA_integer_, warnings = warnings)
}

#' Parse R code (from a file or text); a syntax error is reported like any error.
rparity_parse <- function(file = NULL, text = NULL) {
  tryCatch(
    list(ok = TRUE, exprs = if (is.null(file)) parse(text = text, keep.source = TRUE)
                            else parse(file = file, keep.source = TRUE)),
    error = function(e) list(ok = FALSE, message = conditionMessage(e))
  )
}
