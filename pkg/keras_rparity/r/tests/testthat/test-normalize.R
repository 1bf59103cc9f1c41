test_that("whole R doubles become Python ints", {
  expect_identical(as_py_int(32), 32L)
  expect_null(as_py_int(NULL))
  expect_error(as_py_int(2.5, "units"), "`units` must be a single whole number")
  expect_error(as_py_int(c(1, 2), "epochs"), "single whole number")
})

test_that("shapes become tuples; a scalar shape is a 1-tuple; NA is None", {
  expect_equal(py_repr(as_py_shape(c(32, 32, 3))), "(32, 32, 3)")
  expect_equal(py_repr(as_py_shape(4)), "(4,)")
  expect_equal(py_repr(as_py_shape(c(NA, 4))), "(None, 4)")
})

test_that("normalize_args converts by argument name, 1-based indices to 0-based", {
  args <- normalize_args(list(units = 32, initial_epoch = 1, activation = NULL,
                              metrics = "accuracy", kernel_size = c(3, 3)))
  expect_identical(args$units, 32L)
  expect_identical(args$initial_epoch, 0L)
  expect_false("activation" %in% names(args))
  expect_identical(args$metrics, list("accuracy"))
  expect_equal(py_repr(args$kernel_size), "(3, 3)")
})

test_that("model inputs: doubles to float32, integers to int32, factors to 0-based codes", {
  expect_equal(py_repr(as_model_input(matrix(c(1, 2), 1))$dtype), "float32")
  expect_equal(py_repr(as_model_input(1:3)$dtype), "int32")
  codes <- as_model_input(factor(c("b", "a", "b")))
  expect_equal(as.integer(reticulate::py_to_r(codes)), c(1L, 0L, 1L))
  x <- array(as.double(1:24), dim = c(2, 3, 4))
  np_x <- as_model_input(x)
  expect_equal(unlist(reticulate::py_to_r(np_x$shape)), c(2, 3, 4))
  # R's x[2, 3, 4] is NumPy's x[1, 2, 3]: indices correspond, column-major data.
  expect_equal(reticulate::py_to_r(np_x$item(1L, 2L, 3L)), x[2, 3, 4])
})
