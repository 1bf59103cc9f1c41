test_that("loss functions give per-sample values as a tensor, objects without data", {
  per_sample <- loss_binary_crossentropy(rbind(c(1, 0), c(1, 1)), rbind(c(0.9, 0.1), c(0.8, 0.6)))
  expect_equal(unlist(reticulate::py_to_r(per_sample$shape$as_list())), 2)
  expect_equal(mean(as.array(per_sample)), 0.23617, tolerance = 1e-5)
  expect_s3_class(loss_binary_crossentropy(), "keras.src.losses.loss.Loss")
  expect_equal(as.numeric(loss_mean_squared_error(c(3, -0.5, 2, 7), c(2.5, 0, 2.1, 7.8))),
               0.2875, tolerance = 1e-6)
  p <- rbind(c(0.1, 0.2, 0.7), c(0.2, 0.6, 0.2))
  expect_equal(mean(as.array(loss_sparse_categorical_crossentropy(c(2, 1), p))), 0.43375,
               tolerance = 1e-5)
  expect_equal(mean(as.array(loss_categorical_crossentropy(rbind(c(0, 0, 1), c(0, 1, 0)), p))),
               0.43375, tolerance = 1e-5)
  expect_error(loss_mean_absolute_error(c(1, 2)), "give both y_true and y_pred")
})

test_that("the losses keras3's tests use exist and compute", {
  y_true <- rbind(c(0, 1), c(1, 0)); y_pred <- rbind(c(0.6, 0.4), c(0.4, 0.6))
  for (loss in list(loss_categorical_hinge, loss_cosine_similarity, loss_hinge,
                    loss_kl_divergence, loss_mean_absolute_percentage_error,
                    loss_mean_squared_logarithmic_error, loss_poisson, loss_squared_hinge,
                    loss_huber)) {
    value <- loss(y_true, y_pred)
    expect_true(all(is.finite(as.array(value))))
    expect_s3_class(loss(), "keras.src.losses.loss.Loss")
  }
})

test_that("activations apply to R vectors and return tensors", {
  expect_equal(as.numeric(activation_relu(c(-1, 0, 2))), c(0, 0, 2))
  expect_equal(as.numeric(activation_sigmoid(0)), 0.5)
  expect_equal(sum(as.array(activation_softmax(matrix(c(1, 2, 3), 1)))), 1, tolerance = 1e-6)
  expect_equal(as.numeric(activation_hard_sigmoid(c(-10, 0, 10))), c(0, 0.5, 1))
  expect_equal(as.numeric(activation_softsign(1)), 0.5)
  expect_equal(as.numeric(activation_exponential(0)), 1)
})

test_that("optimizers take R numbers", {
  opt <- optimizer_sgd(learning_rate = 0.1, momentum = 0.9)
  expect_equal(opt$momentum, 0.9)
  expect_s3_class(optimizer_adam(), "keras.src.optimizers.adam.Adam")
  expect_s3_class(optimizer_adadelta(), "keras.src.optimizers.adadelta.Adadelta")
  expect_s3_class(optimizer_adamax(), "keras.src.optimizers.adamax.Adamax")
  expect_s3_class(optimizer_nadam(), "keras.src.optimizers.nadam.Nadam")
})

test_that("callbacks and initializers keras3's tests use exist", {
  early <- callback_early_stopping(monitor = "loss", patience = 2)
  expect_identical(early$patience, 2L)
  ones <- initializer_ones()
  expect_equal(as.array(ones(shape = reticulate::tuple(2L, 2L))), matrix(1, 2, 2))
})
