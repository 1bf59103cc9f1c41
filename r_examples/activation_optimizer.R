# The activation x optimizer comparison (seed 000), on Fashion-MNIST: the same
# small convnet trained with four hidden-activation / optimizer pairs. The
# output stays softmax + categorical crossentropy (one-hot labels); only the
# hidden activation and the optimizer change. Test images are the validation data.

fashion <- dataset_fashion_mnist()

x_train <- fashion$train$x / 255
x_test <- fashion$test$x / 255
dim(x_train) <- c(dim(x_train), 1)
dim(x_test) <- c(dim(x_test), 1)
y_train <- to_categorical(fashion$train$y, 10)
y_test <- to_categorical(fashion$test$y, 10)

pairs <- list(
  relu_adam = list(activation = "relu", optimizer = function() optimizer_adam()),
  sigmoid_sgd = list(activation = "sigmoid", optimizer = function() optimizer_sgd()),
  tanh_momentum = list(activation = "tanh",
                       optimizer = function() optimizer_sgd(learning_rate = 0.01, momentum = 0.9)),
  leaky_relu_adam = list(activation = "leaky_relu", optimizer = function() optimizer_adam())
)

for (name in names(pairs)) {
  pair <- pairs[[name]]
  model <- keras_model_sequential(input_shape = c(28, 28, 1), name = name) %>%
    layer_conv_2d(filters = 32, kernel_size = c(3, 3), activation = pair$activation) %>%
    layer_max_pooling_2d(pool_size = c(2, 2)) %>%
    layer_flatten() %>%
    layer_dense(units = 10, activation = "softmax")

  model %>% compile(
    optimizer = pair$optimizer(),
    loss = "categorical_crossentropy",
    metrics = "accuracy"
  )

  model %>% fit(
    x_train, y_train,
    epochs = 10,
    batch_size = 32,
    validation_data = list(x_test, y_test)
  )
}
