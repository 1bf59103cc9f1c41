# keras-rparity called from a plain R session through reticulate (R embedding Python).
# Run by tests/r/test_testthat_suites.py (one Rscript, RETICULATE_PYTHON = the venv's Python).

kp <- reticulate::import("keras_rparity")
iris_parity <- kp$parity_table("iris", epochs = 2)  # one run, read by two tests

test_that("a history comes back as an R data frame, epochs given as a double", {
  h <- kp$history("iris", loss = "mse", epochs = 3)
  expect_s3_class(h, "data.frame")
  expect_equal(nrow(h), 3)
  expect_named(h, c("epoch", "loss"))
  expect_type(h$loss, "double")
  expect_lt(h$loss[3], h$loss[1])
})

test_that("a wrong loss name is an R error naming the valid choices", {
  expect_error(kp$history("iris", loss = "hinge"),
               "invalid loss for pair 'iris' 'hinge'; valid choices: 'mse', 'mae'")
})

test_that("a wrong experiment and a fractional epoch count are R errors", {
  expect_error(kp$history("mnist"), "valid choices: 'iris', 'bird_vs_plane', 'cifar10'")
  expect_error(kp$history("iris", epochs = 2.5), "`epochs` must be a positive whole number")
})

test_that("the experiments table has R character columns", {
  ex <- kp$experiments()
  expect_s3_class(ex, "data.frame")
  expect_type(ex$name, "character")
  expect_setequal(ex$name, c("iris", "bird_vs_plane", "cifar10", "activation_optimizer"))
})

test_that("parity asked from R runs R in this session and is exact", {
  pt <- iris_parity
  expect_s3_class(pt, "data.frame")
  expect_equal(pt$loss, c("mean_squared_error", "mean_absolute_error"))
  expect_true(all(pt$exact))
  expect_equal(pt$max_abs_dloss, c(0, 0))
})

test_that("plots are written as PNG files", {
  path <- file.path(tempdir(), "iris-parity.png")
  returned <- kp$plot_parity("iris", path = path, epochs = 2)
  expect_equal(normalizePath(returned), normalizePath(path))
  expect_gt(file.size(path), 10000)
  expect_equal(readBin(path, "raw", 4), as.raw(c(0x89, 0x50, 0x4e, 0x47)))
})

test_that("text columns of returned data frames are R character vectors", {
  pt <- iris_parity
  expect_type(pt$experiment, "character")
  expect_type(pt$findings, "character")
  expect_equal(unique(pt$experiment), "iris")
  pd <- reticulate::import("pandas")
  df <- pd$DataFrame(list(word = c("a", "b", NA), n = c(1, 2, 3)))
  expect_s3_class(df, "data.frame")
  expect_type(df$word, "character")
  expect_equal(df$word[1:2], c("a", "b"))
})

test_that("the seed is 42 unless told, and NULL or NA lets the programs seed themselves", {
  knobs <- reticulate::import("keras_rparity.record")$Knobs
  expect_identical(knobs()$seed, 42L)
  expect_null(knobs(seed = NULL)$seed)
  expect_null(knobs(seed = NA)$seed)        # a logical NA
  expect_null(knobs(seed = NA_real_)$seed)
  expect_identical(knobs(seed = 7)$seed, 7L)
  expect_error(knobs(epochs = NA), "`epochs` must be")  # only the seed reads NA as not set
})
