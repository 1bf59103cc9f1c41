# Experiment 2: binary classification, sigmoid output + binary crossentropy.
# Tell birds (CIFAR-10 class 2, labelled 0) from planes (class 0, labelled 1).
# The sigmoid unit outputs the Bernoulli probability of "plane"; the negative
# log-likelihood of a Bernoulli is binary crossentropy.

cifar10 <- dataset_cifar10()

x_train <- cifar10$train$x / 255
y_train <- cifar10$train$y

is_bird <- y_train == 2
x_bird <- x_train[is_bird, , , , drop = FALSE]
y_bird <- rep(0, sum(is_bird))

is_plane <- y_train == 0
x_plane <- x_train[is_plane, , , , drop = FALSE]
y_plane <- rep(1, sum(is_plane))

x <- abind::abind(x_bird, x_plane, along = 1)
y <- c(y_bird, y_plane)

model <- keras_model_sequential() %>%
  layer_conv_2d(
    filter = 8,
    kernel_size = c(3, 3),
    padding = "same",
    input_shape = c(32, 32, 3),
    activation = "relu"
  ) %>%
  layer_max_pooling_2d(pool_size = c(2, 2)) %>%
  layer_conv_2d(
    filter = 8,
    kernel_size = c(3, 3),
    padding = "same",
    activation = "relu"
  ) %>%
  layer_max_pooling_2d(pool_size = c(2, 2)) %>%
  layer_flatten() %>%
  layer_dense(units = 32, activation = "relu") %>%
  layer_dense(units = 1, activation = "sigmoid")

model %>% compile(
  optimizer = "adam",
  loss = "binary_crossentropy",
  metrics = "accuracy"
)

model %>% fit(
  x = x,
  y = y,
  epochs = 50
)
