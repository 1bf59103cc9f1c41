# When R hosts Python (reticulate::import("keras_rparity")), compare() should hand R
# data frames, not a Python object: this registers a reticulate converter for
# keras-rparity's ParityReport (keras_rparity/r_results.py lists the fields).

#' Register the R conversion of keras-rparity's ParityReport with reticulate.
#' @param class_name the report's Python class, as reticulate names it
#'   ("keras_rparity.parity.report.ParityReport").
#' @param to_r the Python function turning a report into a dict of plain values and
#'   data frames (imported with convert = FALSE).
#' @return TRUE when registered by this call, FALSE when it already was.
rparity_register_report_method <- function(class_name, to_r) {
  ns <- asNamespace("reticulate")
  if (!is.null(utils::getS3method("py_to_r", class_name, optional = TRUE, envir = ns))) {
    return(invisible(FALSE))
  }
  convert_report <- function(x) {
    parts <- reticulate::py_to_r(reticulate::py_call(to_r, x))
    for (key in c("first_difference", "difference_kind")) {
      if (is.null(parts[[key]])) parts[[key]] <- NA_character_
    }
    parts$report <- x
    parts
  }
  registerS3method("py_to_r", class_name, convert_report, envir = ns)
  invisible(TRUE)
}
