# The functional API, multi-output models, S3 generics, saving, summary, history.

two_output_model <- function() {
  set_random_seed(1)
  inputs <- keras_input(shape = 3, name = "x")
  hidden <- inputs %>% layer_dense(units = 4, activation = "relu")
  out_a <- hidden %>% layer_dense(units = 1, name = "a")
  out_b <- hidden %>% layer_dense(units = 2, activation = "softmax", name = "b")
  keras_model(inputs, list(out_a, out_b))
}
x <- matrix(seq(0, 1, length.out = 30), ncol = 3)
y_a <- matrix(rowSums(x), ncol = 1)
y_b <- as.integer(x[, 1] > 0.5)

test_that("keras_input() and keras_model() build a functional model", {
  model <- two_output_model()
  expect_s3_class(model, "keras.src.models.functional.Functional")
  expect_length(model$outputs, 2)
  expect_equal(count_params(model), 3 * 4 + 4 + 4 + 1 + 4 * 2 + 2)
})

test_that("multi-output fit, evaluate and predict without %<-%", {
  model <- two_output_model()
  model %>% compile(optimizer = "adam",
                    loss = list(a = "mse", b = "sparse_categorical_crossentropy"))
  history <- model %>% fit(x, list(a = y_a, b = y_b), epochs = 2, batch_size = 5, verbose = 0)
  expect_length(history$metrics$loss, 2)
  scores <- evaluate(model, x, list(a = y_a, b = y_b), verbose = 0)
  expect_true("loss" %in% names(scores))
  predictions <- predict(model, x, verbose = 0)
  expect_length(predictions, 2)
  expect_equal(dim(predictions[[1]]), c(10, 1))
  expect_equal(dim(predictions[[2]]), c(10, 2))
})

test_that("merging layers take tensors as arguments or as a list", {
  a <- keras_input(shape = 4); b <- keras_input(shape = 4)
  expect_equal(layer_add(a, b)$shape, list(NULL, 4L))
  expect_equal(layer_concatenate(list(a, b))$shape, list(NULL, 8L))
  expect_equal(layer_concatenate(a, b, axis = 1)$shape, list(NULL, 4L))  # batch axis
  expect_s3_class(layer_concatenate(axis = -1), "keras.src.layers.merging.concatenate.Concatenate")
})

test_that("compile, fit and evaluate are S3 generics; other classes keep their methods", {
  expect_true(is.function(compile) && is.function(fit) && is.function(evaluate))
  fit.rparity_test_thing <- function(object, ...) "the thing's own fit"
  registerS3method("fit", "rparity_test_thing", fit.rparity_test_thing,
                   envir = environment(fit))
  expect_equal(fit(structure(list(), class = "rparity_test_thing")), "the thing's own fit")
  expect_error(evaluate(42), "evaluate\\(\\) needs a Keras model")
})

test_that("save_model() and load_model() round-trip a model", {
  model <- two_output_model()
  model %>% compile(optimizer = "adam", loss = list(a = "mse", b = "sparse_categorical_crossentropy"))
  path <- tempfile(fileext = ".keras")
  on.exit(unlink(path))
  save_model(model, path)
  loaded <- load_model(path)
  expect_equal(predict(loaded, x, verbose = 0), predict(model, x, verbose = 0))
})

test_that("summary() prints the layers; plot(history) draws; history as data frame", {
  model <- two_output_model()
  expect_output(summary(model), "Total params")
  expect_true(any(grepl("dense", format(model))))
  model %>% compile(optimizer = "adam", loss = list(a = "mse", b = "sparse_categorical_crossentropy"))
  history <- model %>% fit(x, list(a = y_a, b = y_b), epochs = 2, verbose = 0,
                           validation_data = list(x, list(a = y_a, b = y_b)))
  df <- as.data.frame(history)
  expect_equal(levels(df$data), c("training", "validation"))
  expect_equal(sum(df$metric == "loss" & df$data == "validation"), 2)
  grDevices::pdf(NULL)
  on.exit(grDevices::dev.off())
  expect_invisible(plot(history))
})
