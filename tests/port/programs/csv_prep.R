# Plain base-R data preparation from a CSV file, then a small classifier.
measures <- read.csv("measures.csv")
features <- as.matrix(measures[, c("width", "height", "depth")])
features <- scale(features)
labels <- as.integer(factor(measures$kind)) - 1L
keep <- measures$depth > 0.5 | measures$width < 2
x <- features[keep, , drop = FALSE]
y <- to_categorical(labels[keep], 3)
half <- seq_len(nrow(x) %/% 2)
x_train <- x[half, ]
y_train <- y[half, ]
x.valid <- x[-half, ]
y.valid <- y[-half, ]
weights <- ifelse(y_train[, 1] == 1, 2, 1)  # not used by fit: checks ifelse
grid <- matrix(1:6, nrow = 2)
cat("training rows:", nrow(x_train), "\n")

build <- function(units = 8) {
  set_random_seed(7)
  keras_model_sequential(input_shape = ncol(x_train)) %>%
    layer_dense(units = units, activation = "relu") %>%
    layer_dense(units = 3, activation = "softmax")
}

for (units in c(4, 8)) {
  model <- build(units)
  model %>% compile(optimizer = optimizer_adam(learning_rate = 0.01),
                    loss = "categorical_crossentropy", metrics = "accuracy")
  history <- model %>% fit(x_train, y_train, epochs = 3, batch_size = 16,
                           validation_data = list(x.valid, y.valid), verbose = 0)
}
