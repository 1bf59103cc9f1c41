# Bridge support on the R side: load a Keras API, evaluate programs and
# report errors as data (message, call, line) instead of raising them, so the
# Python side can raise one clear exception.

#' Our R Keras layer in a fresh environment: from its byte-compiled, lazily loaded cache
#' when one matches the layer's files, else sourced file by file (and then cached).
#'
#' The cache file is named by a hash of the layer's file names and contents and of R's
#' version, so a changed or added file makes a new one. It holds each object of the layer
#' serialized on its own (functions byte-compiled, their environment saved as a
#' reference to the layer's); reading it binds every name as a promise, so an object is
#' unserialized only when first used. Python objects the files create (reticulate's
#' delayed `keras` module) cannot be saved: the files that create them are sourced again.
#' @param dir folder holding the layer's .R files.
#' @param cache_dir folder for the cache (NULL: always source). When it cannot be
#'   written, the layer is sourced as without a cache.
#' @return the environment holding the API.
rparity_load_builtin_api <- function(dir, cache_dir = NULL) {
  files <- sort(list.files(dir, pattern = "[.]R$", full.names = TRUE))
  cache <- if (is.null(cache_dir)) NULL else rparity_api_cache_file(files, cache_dir)
  env <- if (!is.null(cache) && file.exists(cache)) rparity_read_api_cache(cache, dir)
  if (is.null(env)) {
    env <- rparity_source_api(files)
    if (!is.null(cache)) rparity_write_api_cache(env, cache)
  }
  env$register_keras_api_methods(env)
  env
}

#' Is `x` a Python object (reticulate)?
rparity_is_python <- function(x) inherits(x, "python.builtin.object")

#' Source `files` into a fresh environment; records which files made Python objects.
rparity_source_api <- function(files) {
  env <- new.env(parent = globalenv())
  python_files <- character()
  for (file in files) {
    before <- ls(env, all.names = TRUE)
    sys.source(file, envir = env, keep.source = FALSE)
    made <- setdiff(ls(env, all.names = TRUE), before)
    if (any(vapply(made, function(n) rparity_is_python(env[[n]]), TRUE))) {
      python_files <- c(python_files, basename(file))
    }
  }
  attr(env, "rparity_python_files") <- python_files
  env
}

#' The cache file for `files`: `keras_api-<md5>.rds` in `cache_dir`.
rparity_api_cache_file <- function(files, cache_dir) {
  key <- paste(c(R.version.string, "rparity-api-cache-3", basename(files),
                 unname(tools::md5sum(files))), collapse = "\n")
  tmp <- tempfile()
  on.exit(unlink(tmp))
  writeLines(key, tmp)
  file.path(cache_dir, paste0("keras_api-", unname(tools::md5sum(tmp)), ".rds"))
}

#' The persistent name the layer's own environment is serialized as.
rparity_api_env_ref <- "rparity:keras_api"

#' The layer from its cache: every name a promise of its object; the Python objects made
#' again. NULL if the cache cannot be read.
rparity_read_api_cache <- function(cache, dir) {
  cached <- tryCatch(readRDS(cache), error = function(e) NULL)
  if (!is.list(cached) || !is.list(cached$objects)) return(NULL)
  env <- new.env(parent = globalenv())
  hook <- function(ref) env
  for (name in names(cached$objects)) {
    delayedAssign(name, unserialize(blob, refhook = hook),
                  eval.env = list2env(list(blob = cached$objects[[name]], hook = hook)),
                  assign.env = env)
  }
  for (file in cached$python_files) {
    sys.source(file.path(dir, file), envir = env, keep.source = FALSE)
  }
  env
}

#' Byte-compile the layer's functions and save each object on its own (without the
#' Python objects), atomically (written aside, then renamed). A folder that cannot be
#' written leaves no cache and costs no compiling.
rparity_write_api_cache <- function(env, cache) {
  folder <- dirname(cache)
  made <- dir.exists(folder) ||
    suppressWarnings(tryCatch(dir.create(folder, recursive = TRUE), error = function(e) FALSE))
  if (!made || file.access(folder, 2) != 0) return(invisible(NULL))
  names <- ls(env, all.names = TRUE)
  names <- names[!vapply(names, function(n) rparity_is_python(env[[n]]), TRUE)]
  hook <- function(e) if (identical(e, env)) rparity_api_env_ref else NULL
  objects <- lapply(stats::setNames(names, names), function(name) {
    value <- env[[name]]
    if (is.function(value) && !is.primitive(value) && identical(environment(value), env)) {
      value <- compiler::cmpfun(value)
    }
    serialize(value, NULL, refhook = hook)
  })
  aside <- tempfile("keras_api-", tmpdir = folder, fileext = ".part")
  on.exit(unlink(aside))
  tryCatch({
    saveRDS(list(objects = objects, python_files = attr(env, "rparity_python_files")),
            aside, compress = FALSE)  # uncompressed: read several times faster
    file.rename(aside, cache)
  }, error = function(e) NULL, warning = function(w) NULL)
  invisible(NULL)
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
