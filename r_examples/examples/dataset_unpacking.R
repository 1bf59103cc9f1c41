# zeallot's %<-% (keras3 re-exports it) unpacking dataset_fashion_mnist() into the four
# arrays, array_reshape() to flatten the images row by row as NumPy does, and
# to_categorical() labels. The Python port is dataset_unpacking.py.
library(keras3)

c(c(x_train, y_train), c(x_test, y_test)) %<-% dataset_fashion_mnist()

x_train <- array_reshape(x_train, c(nrow(x_train), 28 * 28)) / 255
x_test <- array_reshape(x_test, c(nrow(x_test), 28 * 28)) / 255
y_train <- to_categorical(y_train, 10)
y_test <- to_categorical(y_test, 10)

set_random_seed(42)
model <- keras_model_sequential(input_shape = 28 * 28) |>
  layer_dense(units = 32, activation = "relu") |>
  layer_dense(units = 10, activation = "softmax")

model |> compile(optimizer = "adam", loss = "categorical_crossentropy",
                 metrics = "accuracy")
history <- model |> fit(x_train, y_train, epochs = 3, batch_size = 64,
                        validation_data = list(x_test, y_test), verbose = 0)
scores <- model |> evaluate(x_test, y_test, verbose = 0)
