# keras-rparity's testthat expectation. Load it in a testthat suite, e.g. in
# tests/testthat/helper-keras-parity.R:
#
#   kp <- reticulate::import("keras_rparity")
#   source(kp$testthat_helper())
#
# then, in a test:
#
#   test_that("the Python port trains the same model", {
#     expect_keras_parity("model.R", "model.py", seed = 42, epochs = 2)
#   })

#' Expect an R Keras program and its Python port to train the same models.
#'
#' Runs both programs with keras-rparity (`kp$compare()`): every `fit` is compared,
#' data, shapes, parameter counts, initial weights, per-epoch metrics and final
#' weights. Succeeds when the verdict holds (bitwise equal, or within `tolerance` /
#' `ulps`); fails with the first difference, its fix and the per-epoch table.
#'
#' @param r path of the R program (`.R`).
#' @param python path of the Python port (`.py`, plain Keras code).
#' @param ... knobs passed to `keras_rparity.compare()`: `seed`, `epochs`,
#'   `per_class`, `tolerance`, `ulps`, `verbose`.
#' @param info extra information shown with a failure.
#' @return the comparison, invisibly: the list `kp$compare()` returns (`verdict`,
#'   `exact`, `first_difference`, `explanation`, `summary`, `per_epoch`, `report`).
expect_keras_parity <- function(r, python, ..., info = NULL) {
  kp <- reticulate::import("keras_rparity")
  result <- kp$compare(r, python, ...)
  testthat::expect(
    isTRUE(result$verdict),
    sprintf("%s and %s do not train the same models.\n%s", r, python, result$explanation),
    info = info
  )
  invisible(result)
}
