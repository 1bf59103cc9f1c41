# Functional-API regression on arithmetic data, trained with SGD + momentum.
# R idioms: keras_input()/keras_model(), optimizer_sgd(learning_rate =, momentum =),
# validation_split, evaluate(), predict(), as.data.frame(history).
# The data are built from whole numbers and exact divisions, so R and NumPy make the
# same doubles to the last bit. The Python port is functional_regression.py.

n <- 200
row <- rep(seq_len(n), times = 3)
col <- rep(1:3, each = n)
x <- matrix(((row * 7 + col * 3) %% 11) / 10, nrow = n, ncol = 3)
y <- x[, 1] + 2 * x[, 2] - x[, 3]

set_random_seed(42)
inputs <- keras_input(shape = 3)
hidden <- inputs %>% layer_dense(units = 16, activation = "relu")
outputs <- hidden %>% layer_dense(units = 1)
model <- keras_model(inputs = inputs, outputs = outputs)

model %>% compile(
  optimizer = optimizer_sgd(learning_rate = 0.01, momentum = 0.9),
  loss = "mean_squared_error",
  metrics = "mean_absolute_error"
)

history <- model %>% fit(
  x, y,
  epochs = 8,
  batch_size = 16,
  validation_split = 0.2
)

history_table <- as.data.frame(history)
scores <- model %>% evaluate(x, y, verbose = 0)
predictions <- predict(model, x[1:5, , drop = FALSE], verbose = 0)
