# Argument conversion rules, as keras3 documents them.

test_that("axis is 1-based in R and 0-based in Python; negative axes count from the end", {
  x <- matrix(c(1, 2, 3, 4, 5, 6), nrow = 2)          # R: 2 rows, 3 columns
  expect_equal(as.numeric(op_sum(x, axis = 1)), c(3, 7, 11))   # over rows
  expect_equal(as.numeric(op_sum(x, axis = 2)), c(9, 12))      # over columns
  expect_equal(as.numeric(op_sum(x, axis = -1)), c(9, 12))
  expect_identical(layer_batch_normalization(axis = 2)$axis, 1L)
  expect_identical(layer_activation_softmax(axis = -1)$axis, -1L)
  expect_error(op_sum(x, axis = 0), "`axis` is 1-based")
})

test_that("default axes are shown 1-based in the formals", {
  expect_identical(formals(op_diagonal)$axis1, 1L)
  expect_identical(eval(formals(layer_batch_normalization)$axis), -1L)
})

test_that("counts become Python integers; a fractional count is refused", {
  expect_identical(layer_dense(units = 32)$units, 32L)
  expect_identical(layer_conv_2d(filters = 8, kernel_size = 3)$filters, 8L)
  expect_error(layer_dense(units = 2.5), "`units` must be a single whole number")
})

test_that("sizes: one number for all dimensions or one per dimension", {
  expect_equal(layer_conv_2d(filters = 2, kernel_size = 3)$kernel_size, list(3L, 3L))
  expect_equal(layer_conv_2d(filters = 2, kernel_size = c(3, 5))$kernel_size, list(3L, 5L))
  expect_equal(layer_max_pooling_2d(pool_size = 2)$pool_size, list(2L, 2L))
})

test_that("shapes become tuples; NA is an unknown size", {
  expect_equal(keras_input(shape = c(28, 28))$shape, list(NULL, 28L, 28L))
  expect_equal(keras_input(shape = c(NA, 4))$shape, list(NULL, NULL, 4L))
  expect_equal(layer_reshape(target_shape = c(2, 3))$target_shape, list(2L, 3L))
})

test_that("seeds become integers", {
  expect_identical(layer_dropout(rate = 0.5, seed = 42)$seed, 42L)
  expect_identical(initializer_random_normal(seed = 1)$seed, 1L)
})

test_that("integer arguments by Keras default keep non-whole values (min_delta = 0.01)", {
  expect_identical(callback_early_stopping(min_delta = 0.01)$min_delta, 0.01)
  expect_identical(callback_early_stopping(patience = 3)$patience, 3L)
})

test_that("indices given to ops are 1-based", {
  expect_equal(as.numeric(op_take(c(10, 20, 30), indices = 2)), 20)
  expect_equal(as.numeric(op_take(c(10, 20, 30), indices = c(3, 1))), c(30, 10))
})

test_that("an R wrapper passed as an activation, loss or metric is its Python function", {
  layer <- layer_dense(units = 2, activation = activation_relu)
  expect_equal(layer$activation$`__name__`, "relu")
  model <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 1)
  model %>% compile(optimizer = "sgd", loss = loss_huber,
                    metrics = list(metric_mean_absolute_error, metric_auc))
  expect_true(model$compiled)
})

test_that("only the arguments given are passed: Keras' defaults apply to the rest", {
  layer <- layer_dense(units = 3)
  expect_equal(layer$kernel_initializer$`__class__`$`__name__`, "GlorotUniform")
  expect_true(layer$use_bias)
})

test_that("variadic ops take R arrays as tensors", {
  product <- op_einsum("ij,jk->ik", matrix(c(1, 2, 3, 4), 2), diag(2))
  expect_equal(as.array(product), matrix(c(1, 2, 3, 4), 2))
})

test_that("`*_shape` and permutation arguments are always tuples", {
  expect_equal(layer_dropout(rate = 0.5, noise_shape = c(NA, 1))$noise_shape, list(NULL, 1L))
  expect_equal(layer_permute(dims = 1)$dims, list(1L))
  expect_identical(bidirectional, layer_bidirectional)   # keras3 exports both names
})
