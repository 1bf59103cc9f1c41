# A subclassed model with its own train_step, keras3 style: Model() with
# initialize(), call() and train_step(), which computes the gradients itself under
# tf$GradientTape() %as% tape and updates the compiled metrics (TensorFlow backend).
# The data are built from whole numbers and exact divisions (same doubles as NumPy).
# The Python port is subclassed_train_step.py.
library(keras3)
library(tensorflow, exclude = c("set_random_seed", "shape"))

custom_model <- Model(
  "CustomModel",
  initialize = function(...) {
    super$initialize(...)
    self$hidden <- layer_dense(units = 16, activation = "relu")
    self$out <- layer_dense(units = 1)
  },
  call = function(inputs, training = NULL) {
    inputs |> self$hidden() |> self$out()
  },
  train_step = function(data) {
    c(x, y) %<-% data
    with(tf$GradientTape() %as% tape, {
      y_pred <- self(x, training = TRUE)
      loss <- self$compute_loss(y = y, y_pred = y_pred)
    })
    gradients <- tape$gradient(loss, self$trainable_variables)
    self$optimizer$apply(gradients, self$trainable_variables)
    for (metric in self$metrics) {
      if (metric$name == "loss") metric$update_state(loss)
      else metric$update_state(y, y_pred)
    }
    results <- lapply(self$metrics, function(metric) metric$result())
    setNames(results, vapply(self$metrics, function(metric) metric$name, ""))
  }
)

n <- 200
row <- rep(seq_len(n), times = 3)
col <- rep(1:3, each = n)
x <- matrix(((row * 7 + col * 5) %% 23) / 22, nrow = n, ncol = 3)
y <- matrix(x[, 1] * x[, 2] - x[, 3], ncol = 1)

set_random_seed(42)
model <- custom_model()
model |> compile(optimizer = optimizer_adam(learning_rate = 0.01), loss = "mse",
                 metrics = "mae")
history <- model |> fit(x, y, epochs = 5, batch_size = 20, verbose = 0)
