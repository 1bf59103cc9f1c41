# Make keras-rparity's R Keras layer visible to the tests. Works both inside the
# bridge (Python embedding R) and from Rscript (R embedding Python through
# reticulate; set RETICULATE_PYTHON to the project's interpreter).
if (!"rparity:keras_api" %in% search()) {
  r_dir <- normalizePath(file.path(testthat::test_path(), "..", ".."))
  loader <- new.env()
  sys.source(file.path(r_dir, "bridge.R"), envir = loader)
  attach(loader$rparity_load_builtin_api(file.path(r_dir, "keras_api")),
         name = "rparity:keras_api", warn.conflicts = FALSE)
}

#' The Python repr of an object, for comparing tuples and dtypes.
py_repr <- function(x) reticulate::py_str(x)
