test_that("loss functions give per-sample values, objects without data", {
  per_sample <- loss_binary_crossentropy(c(1, 0, 1, 1), c(0.9, 0.1, 0.8, 0.6))
  expect_equal(mean(per_sample), 0.23617, tolerance = 1e-5)
  expect_s3_class(loss_binary_crossentropy(), "keras.src.losses.loss.Loss")
  expect_equal(mean(loss_mean_squared_error(c(3, -0.5, 2, 7), c(2.5, 0, 2.1, 7.8))),
               0.2875, tolerance = 1e-6)
  p <- rbind(c(0.1, 0.2, 0.7), c(0.2, 0.6, 0.2))
  expect_equal(mean(loss_sparse_categorical_crossentropy(c(2, 1), p)), 0.43375, tolerance = 1e-5)
  expect_equal(mean(loss_categorical_crossentropy(rbind(c(0, 0, 1), c(0, 1, 0)), p)),
               0.43375, tolerance = 1e-5)
  expect_error(loss_mean_absolute_error(c(1, 2)), "give both y_true and y_pred")
})

test_that("activations apply to R vectors", {
  expect_equal(as.numeric(activation_relu(c(-1, 0, 2))), c(0, 0, 2))
  expect_equal(as.numeric(activation_sigmoid(0)), 0.5)
  expect_equal(sum(activation_softmax(matrix(c(1, 2, 3), 1))), 1, tolerance = 1e-6)
})

test_that("optimizers take R numbers", {
  opt <- optimizer_sgd(learning_rate = 0.1, momentum = 0.9)
  expect_equal(opt$momentum, 0.9)
  expect_s3_class(optimizer_adam(), "keras.src.optimizers.adam.Adam")
})
