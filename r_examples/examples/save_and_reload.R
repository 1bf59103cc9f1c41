# Save a trained model to a .keras file, load it back and keep training the loaded
# copy: save_model(), load_model(), then fit() again. The file is written in the
# program's working folder. The data are built from whole numbers and exact divisions
# (same doubles as NumPy). The Python port is save_and_reload.py.
library(keras3)

n <- 120
row <- rep(seq_len(n), times = 2)
col <- rep(1:2, each = n)
x <- matrix(((row * 9 + col * 4) %% 29) / 28, nrow = n, ncol = 2)
y <- matrix(x[, 1] - 0.5 * x[, 2], ncol = 1)

set_random_seed(42)
model <- keras_model_sequential(input_shape = 2) |>
  layer_dense(units = 8, activation = "relu") |>
  layer_dense(units = 1)
model |> compile(optimizer = optimizer_adam(learning_rate = 0.01), loss = "mse")
model |> fit(x, y, epochs = 3, batch_size = 12, verbose = 0)

save_model(model, "saved_regression.keras")
reloaded <- load_model("saved_regression.keras")
stopifnot(all.equal(predict(reloaded, x, verbose = 0), predict(model, x, verbose = 0)))
reloaded |> fit(x, y, epochs = 3, batch_size = 12, verbose = 0)
