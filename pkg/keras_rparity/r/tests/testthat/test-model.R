small_model <- function() {
  keras_model_sequential() %>%
    layer_dense(units = 4, activation = "relu", input_shape = 2) %>%
    layer_dense(units = 1)
}
x <- matrix(seq(0, 1, length.out = 40), ncol = 2)
y <- matrix(rowSums(x), ncol = 1)

test_that("compile changes the model in place and returns it invisibly", {
  model <- small_model()
  expect_invisible(result <- model %>% compile(optimizer = "adam", loss = "mse"))
  expect_identical(reticulate::py_id(result), reticulate::py_id(model))
  expect_true(model$compiled)
})

test_that("fit returns a history with params and per-epoch metrics", {
  model <- small_model()
  model %>% compile(optimizer = "adam", loss = "mse", metrics = "mae")
  history <- model %>% fit(x, y, epochs = 3, batch_size = 8, verbose = 0,
                           validation_split = 0.25)
  expect_s3_class(history, "keras_training_history")
  expect_equal(history$params$epochs, 3)
  expect_named(history$metrics, c("loss", "mae", "val_loss", "val_mae"), ignore.order = TRUE)
  expect_length(history$metrics$loss, 3)
  df <- as.data.frame(history)
  expect_named(df, c("epoch", "value", "metric", "data"))
  expect_equal(nrow(df), 12)
  expect_equal(levels(df$data), c("training", "validation"))
  expect_setequal(as.character(unique(df$metric)), c("loss", "mae"))
  expect_output(print(history), "Trained on 3 epochs")
})

test_that("initial_epoch is 1-based as in R", {
  model <- small_model()
  model %>% compile(optimizer = "adam", loss = "mse")
  history <- model %>% fit(x, y, epochs = 3, initial_epoch = 2, verbose = 0)
  expect_length(history$metrics$loss, 2)
})

test_that("evaluate gives a named list and predict an R matrix", {
  model <- small_model()
  model %>% compile(optimizer = "adam", loss = "mse", metrics = "mae")
  scores <- model %>% evaluate(x, y, verbose = 0)
  expect_named(scores, c("loss", "mae"), ignore.order = TRUE)
  expect_type(scores$loss, "double")
  predictions <- predict(model, x, verbose = 0)
  expect_true(is.matrix(predictions))
  expect_equal(dim(predictions), c(20, 1))
})

test_that("model functions give a clear error for a non-model", {
  expect_error(fit("not a model", x, y), "fit\\(\\) needs a Keras model")
  expect_error(compile(42), "compile\\(\\) needs a Keras model")
})
