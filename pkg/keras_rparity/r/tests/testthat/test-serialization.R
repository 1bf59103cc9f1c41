test_that("a registered custom layer survives save_model()/load_model()", {
  set_custom_objects(clear = TRUE)
  layer_times <- Layer("Times",
    initialize = function(factor = 2, ...) {
      super$initialize(...)
      self$factor <- factor
    },
    call = function(x) x * self$factor,
    get_config = function() {
      config <- super$get_config()
      config$factor <- self$factor
      config
    },
    from_config = function(cls, config) cls(!!!config)
  )
  register_keras_serializable(layer_times, package = "RTests")
  expect_true("RTests>Times" %in% names(get_custom_objects()))
  inputs <- keras_input(shape = 2)
  model <- keras_model(inputs, inputs |> layer_times(factor = 3))
  path <- tempfile(fileext = ".keras")
  save_model(model, path)
  reloaded <- load_model(path)
  expect_equal(predict(reloaded, matrix(1, 1, 2), verbose = 0), matrix(3, 1, 2))
  config_file <- tempfile(fileext = ".json")
  save_model_config(model, config_file)
  expect_equal(length(load_model_config(config_file)$layers), 2)
  set_custom_objects(clear = TRUE)
  expect_false("RTests>Times" %in% names(get_custom_objects()))
})

test_that("serialize/deserialize_keras_object round-trip, with custom object scopes", {
  config <- serialize_keras_object(regularizer_l2(0.5))
  expect_equal(config$class_name, "L2")
  expect_equal(as.numeric(deserialize_keras_object(config)$l2), 0.5)
  square <- py_func2(function(x) x^2, name = "square")
  found <- with_custom_object_scope(list(square = square), {
    keras$saving$get_registered_object("square")
  })
  expect_equal(as.numeric(found(op_convert_to_tensor(3))), 9)
})

test_that("get_weights()/set_weights() take layers as well as models", {
  a <- layer_dense(units = 2)
  b <- layer_dense(units = 2)
  a$build(shape(NULL, 3))
  b$build(shape(NULL, 3))
  set_weights(b, get_weights(a))
  expect_equal(get_weights(b), get_weights(a))
  expect_equal(count_params(a), 8)
})
