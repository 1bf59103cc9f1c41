library(keras3)

# keras3 style: %<-% unpacking, array_reshape, a custom layer, the functional API,
# loss and metric objects.
c(c(x_train, y_train), c(x_test, y_test)) %<-% dataset_fashion_mnist()
x_train <- array_reshape(x_train, c(nrow(x_train), 784)) / 255
x_test <- array_reshape(x_test, c(nrow(x_test), 784)) / 255

layer_scaled_dense <- new_layer_class(
  "ScaledDense",
  initialize = function(units, scale = 2, ...) {
    super$initialize(...)
    self$units <- units
    self$scale <- scale
  },
  build = function(input_shape) {
    self$w <- self$add_weight(shape = shape(input_shape[[2]], self$units),
                              initializer = "glorot_uniform")
  },
  call = function(inputs) {
    op_matmul(inputs, self$w) * self$scale
  }
)

set_random_seed(1)
inputs <- keras_input(shape = 784)
outputs <- inputs |>
  layer_scaled_dense(units = 16) |>
  layer_activation("relu") |>
  layer_dense(units = 10)
model <- keras_model(inputs, outputs)
model |> compile(
  optimizer = optimizer_sgd(learning_rate = 0.05),
  loss = loss_sparse_categorical_crossentropy(from_logits = TRUE),
  metrics = list(metric_sparse_categorical_accuracy())
)
history <- model |> fit(x_train, y_train, epochs = 2, batch_size = 64, verbose = 0)
plot(history)
