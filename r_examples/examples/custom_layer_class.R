# A custom layer class, keras3 style: Layer() with initialize(), build(), call() and
# get_config(), composed into a Sequential model like any layer_*().
# The data are built from whole numbers and exact divisions, so R and NumPy make the
# same doubles to the last bit. The Python port is custom_layer_class.py.
library(keras3)

layer_scaled_dense <- Layer(
  "ScaledDense",
  initialize = function(units, scale = 1, ...) {
    super$initialize(...)
    self$units <- as.integer(units)
    self$scale <- scale
  },
  build = function(input_shape) {
    self$kernel <- self$add_weight(shape = shape(input_shape[[2]], self$units),
                                   initializer = "glorot_uniform", name = "kernel")
    self$bias <- self$add_weight(shape = shape(self$units), initializer = "zeros",
                                 name = "bias")
  },
  call = function(inputs) {
    (op_matmul(inputs, self$kernel) + self$bias) * self$scale
  },
  get_config = function() {
    config <- super$get_config()
    config$units <- self$units
    config$scale <- self$scale
    config
  }
)

n <- 160
row <- rep(seq_len(n), times = 4)
col <- rep(1:4, each = n)
x <- matrix(((row * 5 + col * 7) %% 13) / 12, nrow = n, ncol = 4)
y <- matrix(x[, 1] - x[, 2] + 0.5 * x[, 3] * x[, 4], ncol = 1)

set_random_seed(42)
model <- keras_model_sequential(input_shape = 4) |>
  layer_scaled_dense(units = 16, scale = 0.5) |>
  layer_activation("relu") |>
  layer_dense(units = 1)

model |> compile(optimizer = optimizer_adam(learning_rate = 0.01), loss = "mse")
history <- model |> fit(x, y, epochs = 6, batch_size = 16, verbose = 0)
config <- get_config(get_layer(model, index = 1))
stopifnot(config$units == 16, config$scale == 0.5)
