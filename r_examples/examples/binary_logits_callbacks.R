# Binary classification on arithmetic data: is a + b above 1? The last layer gives a
# raw score; loss_binary_crossentropy(from_logits = TRUE) reads it as a logit, and
# accuracy counts a score above 0 as class 1. A held-out set is the validation data;
# early stopping watches its loss. Two models with different optimizers, each
# seeded right before it is built.
# R idioms: layer_dropout(), loss object with from_logits = TRUE, metric object,
# validation_data, callback_early_stopping(), optimizer_rmsprop(rho =),
# optimizer_sgd(learning_rate =, momentum =), evaluate(), predict(),
# as.data.frame(history). The Python port is binary_logits_callbacks.py.

make_data <- function(n, offset) {
  i <- seq_len(n) + offset
  a <- ((i * 37) %% 100) / 100
  b <- ((i * 59) %% 100) / 100
  list(x = cbind(a, b), y = as.numeric(a + b > 1))
}
train <- make_data(240, 0)
valid <- make_data(60, 240)

build_model <- function() {
  set_random_seed(42)
  keras_model_sequential(input_shape = 2) %>%
    layer_dense(units = 8, activation = "tanh") %>%
    layer_dropout(rate = 0.25) %>%
    layer_dense(units = 1)
}

optimizers <- list(
  rmsprop = function() optimizer_rmsprop(learning_rate = 0.01, rho = 0.8),
  sgd_momentum = function() optimizer_sgd(learning_rate = 0.05, momentum = 0.5)
)

tables <- list()
for (name in names(optimizers)) {
  model <- build_model()
  model %>% compile(
    optimizer = optimizers[[name]](),
    loss = loss_binary_crossentropy(from_logits = TRUE),
    metrics = list(metric_binary_accuracy(threshold = 0))
  )
  history <- model %>% fit(
    train$x, train$y,
    epochs = 10,
    batch_size = 20,
    validation_data = list(valid$x, valid$y),
    callbacks = list(callback_early_stopping(monitor = "val_loss", patience = 3))
  )
  tables[[name]] <- as.data.frame(history)
  scores <- model %>% evaluate(valid$x, valid$y, verbose = 0)
  probabilities <- 1 / (1 + exp(-predict(model, valid$x, verbose = 0)))
}
