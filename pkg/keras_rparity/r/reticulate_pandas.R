# When R hosts Python (an R user calls reticulate::import("keras_rparity")),
# data frames must arrive as clean R data frames whatever reticulate's version.
# reticulate <= 1.44 converts pandas data frames by the class name
# "pandas.core.frame.DataFrame", but pandas 3 names the class "pandas.DataFrame",
# so nothing converts: this registers reticulate's own converters under the new
# names, first turning string columns into object columns (which reticulate makes
# character vectors). reticulate 1.45+ has "pandas.DataFrame" methods of its own,
# defined in its namespace (so they win S3 dispatch inside reticulate); there the
# package hands R frames whose text columns are objects already
# (keras_rparity.bridge.reticulate_host.for_r), which every version converts cleanly.

#' Register pandas-3 class names with reticulate's pandas converters when
#' reticulate lacks them (idempotent).
#' @param prepare a Python function taking and returning a DataFrame (string
#'   columns to object dtype).
#' @return TRUE when the methods were registered by this call, else FALSE.
rparity_register_pandas_methods <- function(prepare) {
  ns <- asNamespace("reticulate")
  known <- utils::getS3method("py_to_r", "pandas.DataFrame", optional = TRUE, envir = ns)
  if (!is.null(known)) {
    return(invisible(FALSE))
  }
  convert_frame <- get("py_to_r.pandas.core.frame.DataFrame", envir = ns)
  registerS3method("py_to_r", "pandas.DataFrame",
                   function(x) convert_frame(reticulate::py_call(prepare, x)), envir = ns)
  for (generic in c("dim", "length", "summary")) {
    registerS3method(generic, "pandas.DataFrame",
                     get(paste0(generic, ".pandas.core.frame.DataFrame"), envir = ns), envir = ns)
    registerS3method(generic, "pandas.Series",
                     get(paste0(generic, ".pandas.core.series.Series"), envir = ns), envir = ns)
  }
  registerS3method("py_to_r", "pandas.Series",
                   get("py_to_r.pandas.core.series.Series", envir = ns), envir = ns)
  invisible(TRUE)
}
