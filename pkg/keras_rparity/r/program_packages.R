# Set-up lines as published R Keras programs write them: library(keras3),
# library(keras), library(tensorflow), require(tfdatasets), keras3::name,
# use_backend("tensorflow"), install_keras(), ... Under keras-rparity the program runs
# in a process that already has its Python, its Keras backend and an R Keras API
# (the bundled layer, or the real keras3). These definitions sit in the hooks
# environment, in front of base R's, so such lines resolve to the API in use and the
# same file also runs under Rscript with keras3. Every other package loads normally.
# `.api` (set by the bridge) is the environment of the Keras API in use.

#' Package names that mean "the R Keras API in use" (and its companions: the
#' bundled layer provides tensorflow's `tf`, `%as%`, `tf_function()` and the common
#' tfdatasets verbs, zeallot's `%<-%` and dotty's `.`).
.rparity_api_packages <- c("keras3", "keras", "tensorflow", "tfdatasets", "zeallot", "dotty")

#' Is the API in use the real keras3 package?
.rparity_api_is_keras3 <- function() "package:keras3" %in% search()

#' Does `pkg` resolve to the API in use rather than to an installed package?
#' Under keras3, only `keras` (the legacy name) and packages that are not installed do.
.rparity_resolves_to_api <- function(pkg) {
  if (!pkg %in% .rparity_api_packages) return(FALSE)
  if (!.rparity_api_is_keras3()) return(TRUE)
  pkg == "keras" || !nzchar(system.file(package = pkg))
}

#' The one error for an R package that is neither installed nor provided.
.rparity_missing_package <- function(pkg) {
  stop(sprintf(paste0(
    "the R package '%s' is not installed in this R (%s); install it with ",
    "install.packages(\"%s\") (or your system's r-cran-%s package) and run again"),
    pkg, R.home(), pkg, tolower(pkg)), call. = FALSE)
}

#' library(): the API's packages resolve to the API in use; others load as usual.
library <- function(package, help, pos = 2, lib.loc = NULL, character.only = FALSE,
                    logical.return = FALSE, warn.conflicts, quietly = FALSE,
                    verbose = getOption("verbose"), ...) {
  if (missing(package)) return(base::library(lib.loc = lib.loc))
  pkg <- if (character.only) package else as.character(substitute(package))
  if (.rparity_resolves_to_api(pkg)) return(invisible(if (logical.return) TRUE else .packages()))
  if (!nzchar(system.file(package = pkg, lib.loc = lib.loc))) .rparity_missing_package(pkg)
  base::library(pkg, pos = pos, lib.loc = lib.loc, character.only = TRUE,
                logical.return = logical.return, quietly = quietly, verbose = verbose, ...)
}

#' require(): TRUE for the API's packages; otherwise base R's (FALSE, with a warning,
#' when the package is not installed).
require <- function(package, lib.loc = NULL, quietly = FALSE, warn.conflicts,
                    character.only = FALSE, ...) {
  pkg <- if (character.only) package else as.character(substitute(package))
  if (.rparity_resolves_to_api(pkg)) return(invisible(TRUE))
  base::require(pkg, lib.loc = lib.loc, quietly = quietly, character.only = TRUE, ...)
}

#' requireNamespace(): TRUE for the API's packages.
requireNamespace <- function(package, ..., quietly = TRUE) {
  if (.rparity_resolves_to_api(package)) return(TRUE)
  base::requireNamespace(package, ..., quietly = quietly)
}

#' `pkg::name` and `pkg:::name`: the API's packages resolve in the API in use (through
#' the hooks, so `keras3::fit()` is recorded like `fit()`).
`::` <- function(pkg, name) {
  .rparity_qualified(as.character(substitute(pkg)), as.character(substitute(name)))
}
`:::` <- `::`

#' What `pkg::name` means in a program: the set-up calls below wherever they come
#' from (`reticulate::use_python()`), the API's names, or the package's own.
.rparity_qualified <- function(pkg, name) {
  if (name %in% .rparity_setup_calls) return(get(name, envir = environment(sys.function())))
  if (.rparity_resolves_to_api(pkg)) return(.rparity_api_name(pkg, name))
  if (!nzchar(system.file(package = pkg))) .rparity_missing_package(pkg)
  get(name, envir = asNamespace(pkg), inherits = FALSE)
}

#' A name of the API in use, as a program sees it (hooks first).
.rparity_api_name <- function(pkg, name) {
  hooks <- environment(sys.function())  # the environment this file was sourced into
  value <- get0(name, envir = hooks, inherits = TRUE)
  if (is.null(value) && .rparity_api_is_keras3()) {
    value <- get0(name, envir = asNamespace("keras3"), inherits = FALSE)
  }
  if (is.null(value)) {
    stop(sprintf("'%s' is not an exported object of '%s' in the R Keras API in use",
                 name, pkg), call. = FALSE)
  }
  value
}

#' Set-up calls accepted and ignored (or refused, for a conflicting backend).
.rparity_setup_calls <- c("use_backend", "use_python", "use_virtualenv", "use_condaenv",
                          "install_keras")

#' The note for set-up calls that do nothing here (once per call).
.rparity_setup_note <- function(call, why) {
  message(sprintf("keras-rparity: %s ignored: %s", call, why))
  invisible(NULL)
}

.rparity_has_python <- paste(
  "this process already runs its R program with its own Python and Keras",
  "(R and Python share one interpreter)")

#' use_backend(): the process's backend is fixed; asking for another one is an error.
use_backend <- function(backend, ...) {
  current <- reticulate::import("keras")$backend$backend()
  wanted <- tolower(backend)
  if (identical(wanted, "tf")) wanted <- "tensorflow"
  if (!identical(wanted, current)) {
    stop(sprintf(paste0(
      "use_backend(\"%s\"): this run uses the %s backend, chosen before R started; ",
      "run keras-rparity with --backend %s (or KERAS_BACKEND=%s) instead"),
      backend, current, wanted, wanted), call. = FALSE)
  }
  .rparity_setup_note(sprintf("use_backend(\"%s\")", backend),
                      sprintf("the %s backend is already in use", current))
}

#' reticulate's and keras3's Python set-up calls: ignored with one note.
use_python <- function(python, required = NULL) {
  .rparity_setup_note("use_python()", .rparity_has_python)
}
use_virtualenv <- function(virtualenv = NULL, required = NULL) {
  .rparity_setup_note("use_virtualenv()", .rparity_has_python)
}
use_condaenv <- function(condaenv = NULL, conda = "auto", required = NULL) {
  .rparity_setup_note("use_condaenv()", .rparity_has_python)
}
install_keras <- function(...) .rparity_setup_note("install_keras()", .rparity_has_python)
