# When R hosts Python (an R user calls reticulate::import("keras_rparity")),
# data frames should arrive as R data frames. reticulate 1.41 converts pandas
# data frames by the class name "pandas.core.frame.DataFrame", but pandas 3
# names the class "pandas.DataFrame", so nothing converts. This registers
# reticulate's own pandas converters under the new names too, and first turns
# pandas 3 string columns into object columns, which reticulate makes character.

#' Register pandas-3 class names with reticulate's pandas converters (idempotent).
#' @param prepare a Python function taking and returning a DataFrame (string
#'   columns to object dtype).
rparity_register_pandas_methods <- function(prepare) {
  ns <- asNamespace("reticulate")
  if (!is.null(utils::getS3method("py_to_r", "pandas.DataFrame", optional = TRUE))) {
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
