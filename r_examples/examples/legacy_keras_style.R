# A program in the style of the legacy R package `keras` (before keras3):
# library(keras), magrittr's %>%, layer_dense(input_shape =), optimizer_sgd(lr =),
# k_* backend functions. keras3 and keras-rparity's bundled layer both run it.
# The data are built from whole numbers and exact divisions (same doubles as NumPy).
# The Python port is legacy_keras_style.py.
library(keras)

n <- 150
row <- rep(seq_len(n), times = 3)
col <- rep(1:3, each = n)
x <- matrix(((row * 4 + col * 9) %% 19) / 18, nrow = n, ncol = 3)
y <- as.numeric(x[, 1] + x[, 2] > x[, 3] + 0.5)

set_random_seed(42)
model <- keras_model_sequential() %>%
  layer_dense(units = 12, activation = "relu", input_shape = c(3)) %>%
  layer_dense(units = 1, activation = "sigmoid")

model %>% compile(
  optimizer = optimizer_sgd(lr = 0.1, momentum = 0.5),
  loss = "binary_crossentropy",
  metrics = c("accuracy")
)
history <- model %>% fit(x, y, epochs = 6, batch_size = 10, verbose = 0)
mean_prediction <- as.numeric(k_mean(model(x)))
