# Optimizers with R keras' argument names and Keras' defaults.

optimizer_sgd <- function(learning_rate = 0.01, momentum = 0, nesterov = FALSE, ...) {
  do.call(keras$optimizers$SGD, normalize_args(list(
    learning_rate = learning_rate, momentum = momentum, nesterov = nesterov, ...)))
}

optimizer_adam <- function(learning_rate = 0.001, beta_1 = 0.9, beta_2 = 0.999,
                           epsilon = 1e-07, amsgrad = FALSE, ...) {
  do.call(keras$optimizers$Adam, normalize_args(list(
    learning_rate = learning_rate, beta_1 = beta_1, beta_2 = beta_2,
    epsilon = epsilon, amsgrad = amsgrad, ...)))
}

optimizer_rmsprop <- function(learning_rate = 0.001, rho = 0.9, momentum = 0,
                              epsilon = 1e-07, ...) {
  do.call(keras$optimizers$RMSprop, normalize_args(list(
    learning_rate = learning_rate, rho = rho, momentum = momentum, epsilon = epsilon, ...)))
}

optimizer_adagrad <- function(learning_rate = 0.001, initial_accumulator_value = 0.1,
                              epsilon = 1e-07, ...) {
  do.call(keras$optimizers$Adagrad, normalize_args(list(
    learning_rate = learning_rate, initial_accumulator_value = initial_accumulator_value,
    epsilon = epsilon, ...)))
}
