# Experiment 1: regression, linear output unit.
# Predict sepal width from sepal length. The output unit is linear, so the
# network predicts the mean of a conditional Gaussian (mean squared error) or,
# with mean absolute error, its median. Each loss gets a fresh model.

build_model <- function() {
  keras_model_sequential() %>%
    layer_dense(units = 32) %>%
    layer_dense(units = 1)
}

x <- iris$Sepal.Length %>% as.matrix()
y <- iris$Sepal.Width %>% as.matrix()

# Mean squared error: the conditional mean.
model <- build_model()
model %>% compile(
  optimizer = "adam",
  loss = "mean_squared_error"
)
model %>% fit(x = x, y = y, epochs = 50)

# Mean absolute error: the conditional median.
model <- build_model()
model %>% compile(
  optimizer = "adam",
  loss = "mean_absolute_error"
)
model %>% fit(x = x, y = y, epochs = 50)
