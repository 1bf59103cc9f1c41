three_layers <- function() {
  keras_model_sequential(input_shape = 3) |>
    layer_dense(units = 4, name = "a") |>
    layer_dense(units = 2, name = "b") |>
    layer_dense(units = 1, name = "c")
}

test_that("get_layer (1-based), pop_layer, freeze_weights and unfreeze_weights", {
  model <- three_layers()
  expect_equal(get_layer(model, index = 1)$name, "a")
  expect_equal(get_layer(model, "c")$name, "c")
  freeze_weights(model, to = "b")
  expect_equal(vapply(model$layers, function(l) l$trainable, TRUE), c(FALSE, FALSE, TRUE))
  unfreeze_weights(model)
  expect_true(all(vapply(model$layers, function(l) l$trainable, TRUE)))
  freeze_weights(model)
  expect_length(model$trainable_weights, 0)
  unfreeze_weights(model)
  pop_layer(model)
  expect_equal(length(model$layers), 2)
})

test_that("train/test/predict_on_batch, clone_model and clear_session", {
  model <- three_layers()
  model |> compile(optimizer = "sgd", loss = "mse")
  x <- matrix(1:6 / 6, 2, 3)
  y <- matrix(c(0, 1), 2)
  expect_named(train_on_batch(model, x, y), "loss")
  expect_named(test_on_batch(model, x, y), "loss")
  expect_equal(dim(predict_on_batch(model, x)), c(2, 1))
  copy <- clone_model(model)
  expect_equal(count_params(copy), count_params(model))
  expect_false(identical(reticulate::py_id(copy), reticulate::py_id(model)))
  expect_null(clear_session())
})

test_that("pad_sequences gives an integer matrix; zip_lists pairs up lists", {
  padded <- pad_sequences(list(c(1, 2), 3, c(4, 5, 6)), maxlen = 3)
  expect_equal(padded, matrix(c(0, 1, 2, 0, 0, 3, 4, 5, 6), 3, byrow = TRUE),
               ignore_attr = TRUE)
  expect_equal(zip_lists(list(1, 2), list("a", "b")), list(list(1, "a"), list(2, "b")))
})

test_that("legacy names: lr =, k_*, layer_input; compile(metrics = one function)", {
  expect_equal(as.numeric(optimizer_sgd(lr = 0.05)$learning_rate), 0.05, tolerance = 1e-7)
  expect_equal(as.numeric(k_sum(op_ones(c(2, 2)))), 4)
  expect_equal(k_epsilon(), 1e-7)
  inputs <- layer_input(shape = 2)
  model <- keras_model(inputs, inputs |> layer_dense(units = 1), )
  model |> compile(optimizer = "sgd", loss = "binary_crossentropy",
                   metrics = metric_binary_accuracy)
  history <- model |> fit(matrix(0, 2, 2), c(0, 1), verbose = 0, )
  expect_named(history$metrics, c("binary_accuracy", "loss"), ignore.order = TRUE)
})

test_that("tf, %as%, tf_function and the tfdatasets verbs", {
  x <- tf$Variable(2)
  with(tf$GradientTape() %as% tape, {
    y <- x * x
  })
  expect_equal(as.numeric(tape$gradient(y, x)), 4)
  square <- tf_function(function(v) v * v)
  expect_equal(as.numeric(square(tf$constant(3))), 9)
  dataset <- tensor_slices_dataset(list(matrix(c(1, 2, 3, 4, 5, 6), 3, 2), c(1, 2, 3))) |>
    dataset_map(function(a, b) list(a * 2, b)) |>
    dataset_batch(2)
  batches <- iterate(dataset)
  expect_length(batches, 2)
  expect_equal(as.array(batches[[1]][[1]]), matrix(c(2, 4, 8, 10), 2))
  it <- as_iterator(dataset_take(dataset, 1))
  expect_false(is.null(iter_next(it)))
  expect_null(iter_next(it))
})

test_that("plot(model) draws the graph, or says what is missing to draw it", {
  if (is.null(plot_model_problem())) {
    file <- tempfile(fileext = ".png")
    expect_no_warning(plot(three_layers(), to_file = file))
    expect_true(file.exists(file))
  } else {
    expect_warning(plot(three_layers()), "pydot|Graphviz")
  }
})

test_that("print(model) is its summary, also unbuilt; fit() takes an R batch function", {
  expect_output(print(keras_model_sequential() |> layer_dense(units = 2)), "unbuilt")
  model <- keras_model_sequential(input_shape = 1) |> layer_dense(units = 1)
  model |> compile(optimizer = "sgd", loss = "mse")
  calls <- 0
  batches <- function() {
    calls <<- calls + 1
    list(matrix(c(1, 2), 2), matrix(c(2, 4), 2))
  }
  history <- model |> fit(batches, steps_per_epoch = 2, epochs = 2, verbose = 0,
                          validation_data = batches, validation_steps = 1)
  expect_length(history$metrics$val_loss, 2)
  expect_gte(calls, 6)
})

test_that("keras3's other re-exported and config names", {
  expect_s3_class(tf_version(), "package_version")
  expect_equal(py_repr(as_tensor(c(1, 2))$dtype), "<dtype: 'float32'>")
  expect_true(is_keras_available("3.0"))
  expect_equal(config_floatx(), "float32")
  expect_equal(py_to_r(r_to_py(list(a = 1))), list(a = 1))
  expect_equal(py_repr(tuple(1L, 2L)), "(1, 2)")
})
