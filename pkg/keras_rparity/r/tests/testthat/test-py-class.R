test_that("Layer() makes a composing layer constructor with initialize/build/call", {
  layer_scale <- Layer("Scale",
    initialize = function(factor = 2, ...) {
      super$initialize(...)
      self$factor <- factor
    },
    build = function(input_shape) {
      self$w <- self$add_weight(shape = shape(input_shape[[2]]), initializer = "ones")
    },
    call = function(inputs) inputs * self$w * self$factor,
    get_config = function() {
      config <- super$get_config()
      config$factor <- self$factor
      config
    }
  )
  layer <- layer_scale(factor = 3)
  expect_s3_class(layer, "keras.src.layers.layer.Layer")
  expect_equal(as.array(layer(op_ones(c(1, 2)))), matrix(3, 1, 2))
  model <- keras_model_sequential(input_shape = 2) |> layer_scale(factor = 4)
  expect_equal(length(model$layers), 1)
  expect_equal(predict(model, matrix(1, 1, 2), verbose = 0), matrix(4, 1, 2))
  config <- get_config(layer)
  expect_equal(config$factor, 3)
  expect_equal(from_config(config)$factor, 3)
})

test_that("call() keeps Keras' view of `training` and `mask` arguments", {
  layer_noisy <- Layer("Noisy", call = function(inputs, training = NULL) {
    if (isTRUE(training)) inputs + 1 else inputs
  })
  layer <- layer_noisy()
  expect_equal(as.array(layer(op_zeros(c(1, 1)), training = TRUE)), matrix(1, 1, 1))
  expect_equal(as.array(layer(op_zeros(c(1, 1)))), matrix(0, 1, 1))
})

test_that("Model() subclasses keras.Model, with a train_step of its own", {
  CountingModel <- Model("CountingModel",
    initialize = function(...) {
      super$initialize(...)
      self$dense <- layer_dense(units = 1)
      self$steps <- 0
    },
    call = function(inputs) self$dense(inputs),
    train_step = function(data) {
      self$steps <- self$steps + 1
      super$train_step(data)
    }
  )
  model <- CountingModel()
  model |> compile(optimizer = "sgd", loss = "mse", run_eagerly = TRUE)
  model |> fit(matrix(1:8, 4, 2), 1:4, epochs = 2, batch_size = 2, verbose = 0)
  expect_equal(model$steps, 4)
})

test_that("Loss() and Metric() make classes Keras compiles with", {
  loss_half_mse <- Loss("HalfMSE", call = function(y_true, y_pred) {
    op_mean(op_square(y_true - y_pred), axis = -1) / 2
  })
  metric_count <- Metric("Count",
    initialize = function(name = "count", ...) {
      super$initialize(name = name, ...)
      self$n <- self$add_variable(shape = shape(), initializer = "zeros", name = "n")
    },
    update_state = function(y_true, y_pred, sample_weight = NULL) {
      self$n$assign_add(op_cast(op_shape(y_true)[[1]], "float32"))
    },
    result = function() self$n$value
  )
  model <- keras_model_sequential(input_shape = 2) |> layer_dense(units = 1)
  model |> compile(optimizer = "sgd", loss = loss_half_mse(), metrics = metric_count())
  history <- model |> fit(matrix(1:8, 4, 2), 1:4, epochs = 1, batch_size = 4, verbose = 0)
  expect_equal(history$metrics$count, 4)
  y <- matrix(c(1, 2), 1)
  expect_equal(as.numeric(loss_half_mse()(y, y * 0)), 1.25)
})

test_that("Callback() methods get 1-based epochs and logs as a named list", {
  seen <- list()
  callback_log <- Callback("Log", on_epoch_end = function(epoch, logs = NULL) {
    seen[[length(seen) + 1]] <<- list(epoch = epoch, loss = logs$loss)
  })
  model <- keras_model_sequential(input_shape = 2) |> layer_dense(units = 1)
  model |> compile(optimizer = "sgd", loss = "mse")
  model |> fit(matrix(1:8, 4, 2), 1:4, epochs = 2, verbose = 0, callbacks = callback_log())
  expect_equal(vapply(seen, `[[`, 1, "epoch"), c(1, 2))
  expect_true(is.numeric(seen[[1]]$loss))
})

test_that("%py_class% defines a class with super, private and properties", {
  Counter %py_class% {
    initialize <- function(start = 0) {
      self$value <- start
      private$secret <- "hidden"
    }
    bump <- function(by = 1) {
      self$value <- self$value + by
      invisible(self)
    }
    reveal <- function() private$secret
    twice <- active_property(function() self$value * 2)
  }
  counter <- Counter(3)
  counter$bump(2)
  expect_equal(counter$value, 5)
  expect_equal(counter$reveal(), "hidden")
  expect_equal(counter$twice, 10)
  Sub(Counter) %py_class% {
    bump <- function(by = 1) super$bump(by * 10)
  }
  sub <- Sub()
  sub$bump(1)
  expect_equal(sub$value, 10)
  expect_false(reticulate::py_has_attr(sub, "secret"))
})

test_that("new_*_class are keras3's other names for the constructors", {
  expect_identical(new_layer_class, Layer)
  expect_identical(new_model_class, Model)
  expect_identical(new_loss_class, Loss)
  expect_identical(new_metric_class, Metric)
  expect_identical(new_callback_class, Callback)
  expect_identical(new_learning_rate_schedule_class, LearningRateSchedule)
})

test_that("LearningRateSchedule() and learning_rate_schedule_*() drive an optimizer", {
  halving <- learning_rate_schedule_exponential_decay(0.4, decay_steps = 2, decay_rate = 0.5,
                                                      staircase = TRUE)
  expect_type(halving$decay_steps, "integer")   # a Python int, as keras3 makes it
  expect_equal(vapply(c(0, 1, 2, 5), function(step) as.numeric(halving(step)), 1),
               c(0.4, 0.4, 0.2, 0.1), tolerance = 1e-7)
  piecewise <- learning_rate_schedule_piecewise_constant_decay(c(3, 6), c(1, 0.5, 0.25))
  expect_equal(as.numeric(piecewise(7)), 0.25)
  Stepped <- LearningRateSchedule("Stepped",
    initialize = function(rate) self$rate <- rate,
    call = function(step) self$rate / (op_cast(step, "float32") + 1),
    get_config = function() list(rate = self$rate)
  )
  stepped <- Stepped(rate = 0.3)
  expect_equal(as.numeric(stepped(2)), 0.1, tolerance = 1e-7)
  model <- keras_model_sequential(input_shape = 1) |>
    layer_dense(1, use_bias = FALSE, kernel_initializer = "zeros")
  model |> compile(optimizer = optimizer_sgd(learning_rate = stepped), loss = "mse")
  model |> fit(matrix(1), matrix(1), epochs = 2, verbose = 0)
  # w = 0 - 0.3 * 2 * (0 - 1) = 0.6; then w - 0.15 * 2 * (0.6 - 1) = 0.72
  expect_equal(as.numeric(get_weights(model)[[1]]), 0.72, tolerance = 1e-6)
  expect_equal(as.numeric(model$optimizer$learning_rate), 0.1, tolerance = 1e-7)
})
