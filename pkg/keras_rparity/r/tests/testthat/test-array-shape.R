test_that("array_reshape fills by row like NumPy, and by column with order = 'F'", {
  x <- array_reshape(1:6, c(2, 3))
  expect_equal(x[1, ], 1:3)
  np <- reticulate::import("numpy", convert = FALSE)
  m <- matrix(1:12, 3, 4)
  expected <- reticulate::py_to_r(np$reshape(reticulate::np_array(m), c(2L, 6L)))
  expect_equal(array_reshape(m, c(2, 6)), expected)
  expect_equal(array_reshape(m, c(2, 6), order = "F"), matrix(1:12, 2, 6))
  expect_equal(dim(array_reshape(m, c(NA, 2))), c(6, 2))
  expect_error(array_reshape(1:6, c(4, 2)), "cannot reshape 6 values")
})

test_that("shape() makes a tuple for Python, NULL and NA for unknown sizes", {
  expect_equal(py_repr(reticulate::r_to_py(shape(NULL, 3))), "(None, 3)")
  expect_equal(py_repr(reticulate::r_to_py(shape(28, 28, 1))), "(28, 28, 1)")
  expect_equal(as.integer(shape(2, NA)), c(2L, NA))
  expect_equal(as.integer(shape(op_ones(c(2, 5)))), c(2L, 5L))
  expect_equal(as.integer(shape(matrix(0, 3, 4))), c(3L, 4L))
  expect_output(print(shape(NULL, 4)), "shape\\(NA, 4\\)")
  expect_equal(py_repr(op_zeros(shape(2, 3))$shape), "(2, 3)")
})

test_that("shape() of a traced tensor gives run-time sizes as tensors, as keras3", {
  fill <- tf_function(function(x) {
    n <- shape(x)[[1]]                 # unknown while tracing: a scalar tensor
    op_zeros(shape(n, 2)) + op_sum(x)
  }, input_signature = list(tf$TensorSpec(shape(NULL, 3), "float32")))
  out <- fill(op_ones(c(4, 3)))
  expect_equal(dim(out), c(4L, 2L))
  expect_equal(as.array(out), matrix(12, 4, 2))
  size <- as_tensor(5L)
  expect_equal(as.integer(shape(size, 2)), c(5L, 2L))   # a scalar integer tensor is a size
  expect_length(shape(I(size)), 0)                       # I(): its own shape, ()
  expect_equal(as.integer(shape(op_ones(c(2, 3)), NA)), c(2L, 3L, NA))
})

test_that("random_* draw from Keras' generators with R shapes and seeds", {
  a <- as.array(random_normal(c(2, 3), seed = 1))
  b <- as.array(random_normal(shape(2, 3), seed = 1))
  expect_equal(dim(a), c(2, 3))
  expect_identical(a, b)
  i <- as.array(random_integer(c(5), 0, 3, seed = 2))
  expect_true(all(i >= 0 & i < 3))
  expect_true(all(as.array(random_uniform(c(4), minval = 2, maxval = 3)) >= 2))
  expect_s3_class(random_seed_generator(1), "keras.src.random.seed_generator.SeedGenerator")
})

test_that("dim() of a tensor is its shape, NA for unknown sizes", {
  expect_equal(dim(op_ones(c(2, 3))), c(2L, 3L))
  expect_equal(dim(keras_input(shape = 3)), c(NA, 3L))
  expect_equal(dim(random_normal(c(4, 1, 2))), c(4L, 1L, 2L))
})
