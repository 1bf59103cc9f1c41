# kp$compare() from R returns R data frames; expect_keras_parity() passes and fails
# as a testthat expectation. Pairs: copies of the bundled iris pair, one broken (its
# Python port uses Adam's learning rate 0.01 instead of 0.001).

kp <- reticulate::import("keras_rparity")
source(kp$testthat_helper())

copy_iris_pair <- function(broken = FALSE) {
  bundled <- reticulate::import("keras_rparity.programs.bundled")
  source_dir <- reticulate::py_str(bundled$r_examples_dir())
  folder <- tempfile("iris-pair-")
  dir.create(folder)
  files <- c("iris_regression.R", "iris_regression.py", "iris.csv")
  stopifnot(all(file.copy(file.path(source_dir, files), folder)))
  port <- file.path(folder, "iris_regression.py")
  if (broken) {
    text <- readLines(port)
    old <- 'model.compile(optimizer="adam", loss="mean_squared_error")'
    stopifnot(old %in% trimws(text))
    text[trimws(text) == old] <- paste0(
      'model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), ',
      'loss="mean_squared_error")')
    writeLines(text, port)
  }
  c(r = file.path(folder, "iris_regression.R"), python = port)
}

good <- copy_iris_pair()
broken <- copy_iris_pair(broken = TRUE)

test_that("kp$compare() returns a list of R data frames with character text columns", {
  res <- kp$compare(good[["r"]], good[["python"]], seed = 42, epochs = 2)
  expect_true(res$verdict)
  expect_true(res$exact)
  expect_identical(res$first_difference, NA_character_)
  expect_type(res$explanation, "character")
  expect_s3_class(res$summary, "data.frame")
  expect_s3_class(res$per_epoch, "data.frame")
  expect_equal(nrow(res$summary), 2)
  expect_equal(nrow(res$per_epoch), 4)  # 2 fits x 2 epochs x loss
  expect_identical(res$summary$loss, c("mean_squared_error", "mean_absolute_error"))
  expect_type(res$summary$findings, "character")
  expect_type(res$per_epoch$metric, "character")
  expect_identical(res$per_epoch$r, res$per_epoch$python)
  expect_equal(res$fit_count, list(r = 2L, python = 2L))
  expect_s3_class(res$report, "keras_rparity.parity.report.ParityReport")
})

test_that("kp$compare() of a broken pair names the first difference as character", {
  res <- kp$compare(broken[["r"]], broken[["python"]], seed = 42, epochs = 2)
  expect_false(res$verdict)
  expect_identical(res$difference_kind, "optimizer")
  expect_match(res$first_difference, "learning_rate: R 0.001, Python 0.01", fixed = TRUE)
  expect_identical(res$summary$exact, c(FALSE, TRUE))
})

test_that("expect_keras_parity() succeeds for a pair in parity", {
  expect_success(result <- expect_keras_parity(good[["r"]], good[["python"]],
                                               seed = 42, epochs = 1))
  expect_true(result$exact)
})

test_that("expect_keras_parity() fails with the first difference and the epoch table", {
  expect_failure(
    expect_keras_parity(broken[["r"]], broken[["python"]], seed = 42, epochs = 1),
    "(?s)learning_rate: R 0\\.001, Python 0\\.01.*Per epoch, fit 1 \\(mean_squared_error\\)",
    perl = TRUE)
})

test_that("a tolerance wide enough makes the expectation pass, and it says so", {
  expect_success(result <- expect_keras_parity(broken[["r"]], broken[["python"]],
                                               seed = 42, epochs = 1, tolerance = 100))
  expect_false(result$exact)
  expect_match(result$explanation, "within tolerance 100", fixed = TRUE)
})

test_that("kp$compare() of a failing Python port is one R error: side, file, line, call", {
  port <- file.path(dirname(good[["python"]]), "failing_port.py")
  writeLines(c("import keras", "table = {}", "value = table['missing']"), port)
  expect_error(kp$compare(good[["r"]], port, seed = 42, epochs = 1),
               paste0("Python program error at [^ ]*failing_port.py:3 in ",
                      "value = table\\['missing'\\]: KeyError: 'missing'"))
})
