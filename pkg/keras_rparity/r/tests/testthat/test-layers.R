test_that("layers pipe into the same model object and return it", {
  model <- keras_model_sequential()
  returned <- model %>% layer_dense(units = 2, input_shape = 4)
  expect_identical(reticulate::py_id(returned), reticulate::py_id(model))
  expect_length(model$layers, 1)
  expect_equal(count_params(model), 4 * 2 + 2)
})

test_that("input_shape creates the model's input; only on the first layer", {
  model <- keras_model_sequential() %>% layer_dense(units = 3, input_shape = c(5))
  expect_equal(model$inputs[[1]]$shape, list(NULL, 5L))
  expect_error(model %>% layer_dense(units = 1, input_shape = 3),
               "only be given to the first layer")
})

test_that("R's partial matching works as in R keras: filter = 8 is filters", {
  layer <- layer_conv_2d(filter = 8, kernel_size = c(3, 3), padding = "same")
  expect_identical(layer$filters, 8L)
  expect_equal(layer$kernel_size, list(3L, 3L))
})

test_that("a layer without a model is returned as a layer", {
  layer <- layer_dense(units = 4, activation = "relu")
  expect_s3_class(layer, "keras.src.layers.core.dense.Dense")
  expect_equal(layer$activation$`__name__`, "relu")
})

test_that("layers refuse objects that are not Sequential models", {
  expect_error(layer_dense(list(), units = 1), "keras_model_sequential")
})

test_that("the tutorial's convnet has the expected parameter count", {
  model <- keras_model_sequential() %>%
    layer_conv_2d(filter = 8, kernel_size = c(3, 3), padding = "same",
                  input_shape = c(32, 32, 3), activation = "relu") %>%
    layer_max_pooling_2d(pool_size = c(2, 2)) %>%
    layer_conv_2d(filter = 8, kernel_size = c(3, 3), padding = "same", activation = "relu") %>%
    layer_max_pooling_2d(pool_size = c(2, 2)) %>%
    layer_flatten() %>%
    layer_dense(units = 32, activation = "relu") %>%
    layer_dense(units = 1, activation = "sigmoid")
  expect_equal(count_params(model), 224 + 584 + 512 * 32 + 32 + 33)
})
