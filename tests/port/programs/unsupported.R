# One line here has no Python translation: R's random number generator.
set.seed(3)
noise <- runif(120)
x <- matrix(noise, ncol = 2)
y <- x[, 1] + x[, 2]

set_random_seed(5)
model <- keras_model_sequential(input_shape = 2) %>%
  layer_dense(units = 1)
model %>% compile(optimizer = "sgd", loss = "mse")
model %>% fit(x, y, epochs = 2, batch_size = 20, verbose = 0)
