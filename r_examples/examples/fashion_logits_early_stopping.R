# Fashion-MNIST with a functional model whose output is raw scores (logits):
# the loss object is told so with from_logits = TRUE. Test images are the
# validation data; early stopping watches the validation loss.
# R idioms: keras_input()/keras_model(), loss_sparse_categorical_crossentropy(from_logits =
# TRUE), validation_data, callback_early_stopping(), evaluate(), predict(),
# as.data.frame(history). The Python port is fashion_logits_early_stopping.py.

fashion <- dataset_fashion_mnist()
x_train <- fashion$train$x / 255
y_train <- fashion$train$y
x_test <- fashion$test$x / 255
y_test <- fashion$test$y

set_random_seed(42)
inputs <- keras_input(shape = c(28, 28))
scores <- inputs %>%
  layer_flatten() %>%
  layer_dense(units = 32, activation = "relu") %>%
  layer_dense(units = 10)
model <- keras_model(inputs, scores)

model %>% compile(
  optimizer = optimizer_adam(learning_rate = 0.002),
  loss = loss_sparse_categorical_crossentropy(from_logits = TRUE),
  metrics = "accuracy"
)

history <- model %>% fit(
  x_train, y_train,
  epochs = 6,
  batch_size = 32,
  validation_data = list(x_test, y_test),
  callbacks = list(callback_early_stopping(monitor = "val_loss", patience = 2,
                                           restore_best_weights = TRUE))
)

history_table <- as.data.frame(history)
test_scores <- model %>% evaluate(x_test, y_test, verbose = 0)
logits <- predict(model, x_test, verbose = 0)
predicted_class <- max.col(logits) - 1
