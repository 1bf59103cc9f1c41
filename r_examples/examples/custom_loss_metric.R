# A custom loss and a custom metric, keras3 style: Loss() with call(), Metric() with
# initialize(), update_state() and result(), given to compile() as objects.
# The data are built from whole numbers and exact divisions (same doubles as NumPy).
# The Python port is custom_loss_metric.py.
library(keras3)

loss_weighted_squares <- Loss(
  "WeightedSquares",
  initialize = function(over_weight = 2, ...) {
    super$initialize(...)
    self$over_weight <- over_weight
  },
  call = function(y_true, y_pred) {
    error <- y_pred - y_true
    weight <- op_where(error > 0, self$over_weight, 1)
    op_mean(weight * op_square(error), axis = -1)
  }
)

metric_max_abs_error <- Metric(
  "MaxAbsError",
  initialize = function(name = "max_abs_error", ...) {
    super$initialize(name = name, ...)
    self$largest <- self$add_variable(shape = shape(), initializer = "zeros",
                                      name = "largest")
  },
  update_state = function(y_true, y_pred, sample_weight = NULL) {
    batch_max <- op_max(op_abs(y_pred - y_true))
    self$largest$assign(op_maximum(self$largest, batch_max))
  },
  result = function() self$largest$value,
  reset_state = function() self$largest$assign(0)
)

n <- 120
row <- rep(seq_len(n), times = 2)
col <- rep(1:2, each = n)
x <- matrix(((row * 3 + col * 11) %% 17) / 16, nrow = n, ncol = 2)
y <- matrix(2 * x[, 1] - x[, 2], ncol = 1)

set_random_seed(42)
model <- keras_model_sequential(input_shape = 2) |>
  layer_dense(units = 8, activation = "tanh") |>
  layer_dense(units = 1)

model |> compile(
  optimizer = optimizer_sgd(learning_rate = 0.05),
  loss = loss_weighted_squares(over_weight = 3),
  metrics = list(metric_max_abs_error())
)
history <- model |> fit(x, y, epochs = 5, batch_size = 8, verbose = 0)
