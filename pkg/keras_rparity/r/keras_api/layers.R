# Layers. Each layer_*() takes the model first and returns it, so pipes chain:
#   model %>% layer_dense(units = 32) %>% layer_dense(units = 1)
# Called without a model (object missing or NULL), a layer_*() returns the
# layer itself. Formal arguments come before `...`, so R's partial matching
# works as it does in R keras (`filter = 8` for `filters`).

#' Add `layer` to `object` (a Sequential model) or return the layer alone.
#' `input_shape`, when given, becomes the model's Input before the first layer.
compose_layer <- function(object, layer, input_shape = NULL) {
  if (is.null(object)) return(layer)
  if (!inherits(object, "keras.src.models.sequential.Sequential")) {
    stop("layers can only be piped into a model made by keras_model_sequential(); got an object of class ",
         class(object)[[1]], call. = FALSE)
  }
  if (!is.null(input_shape)) {
    if (length(object$layers) > 0) {
      stop("`input_shape` can only be given to the first layer of a model", call. = FALSE)
    }
    object$add(keras$Input(shape = as_py_shape(input_shape, "input_shape")))
  }
  object$add(layer)
  invisible(object)
}

#' Build a Keras layer from R arguments and compose it with the model.
#' @param layer_class a Python layer class, e.g. keras$layers$Dense.
#' @param object the model, or NULL.
#' @param args named list of the layer's arguments (R values).
create_layer <- function(layer_class, object, args) {
  # Evaluate the model first: magrittr pipes pass it lazily, and building the
  # layer before the model would draw the layer's initializer seeds before
  # keras_model_sequential() has run (and, under the bridge, set the seed).
  force(object)
  input_shape <- args$input_shape
  args$input_shape <- NULL
  layer <- do.call(layer_class, normalize_args(args))
  compose_layer(object, layer, input_shape)
}

#' A densely connected layer: `activation(x %*% kernel + bias)`.
layer_dense <- function(object = NULL, units, activation = NULL, use_bias = TRUE,
                        kernel_initializer = "glorot_uniform", bias_initializer = "zeros",
                        ..., input_shape = NULL, name = NULL) {
  create_layer(keras$layers$Dense, object, list(
    units = units, activation = activation, use_bias = use_bias,
    kernel_initializer = kernel_initializer, bias_initializer = bias_initializer,
    input_shape = input_shape, name = name, ...))
}

#' 2D convolution over images (channels last).
layer_conv_2d <- function(object = NULL, filters, kernel_size, strides = c(1, 1),
                          padding = "valid", activation = NULL, use_bias = TRUE,
                          ..., input_shape = NULL, name = NULL) {
  create_layer(keras$layers$Conv2D, object, list(
    filters = filters, kernel_size = kernel_size, strides = strides, padding = padding,
    activation = activation, use_bias = use_bias, input_shape = input_shape, name = name, ...))
}

#' Max pooling over 2D windows.
layer_max_pooling_2d <- function(object = NULL, pool_size = c(2, 2), strides = NULL,
                                 padding = "valid", ..., input_shape = NULL, name = NULL) {
  create_layer(keras$layers$MaxPooling2D, object, list(
    pool_size = pool_size, strides = strides, padding = padding,
    input_shape = input_shape, name = name, ...))
}

#' Flatten all but the batch dimension.
layer_flatten <- function(object = NULL, ..., input_shape = NULL, name = NULL) {
  create_layer(keras$layers$Flatten, object, list(input_shape = input_shape, name = name, ...))
}

#' Dropout: zero a fraction `rate` of the inputs while training.
layer_dropout <- function(object = NULL, rate, noise_shape = NULL, seed = NULL, ...,
                          input_shape = NULL, name = NULL) {
  create_layer(keras$layers$Dropout, object, list(
    rate = rate, noise_shape = noise_shape, seed = seed,
    input_shape = input_shape, name = name, ...))
}

#' An activation applied as its own layer.
layer_activation <- function(object = NULL, activation, ..., input_shape = NULL, name = NULL) {
  create_layer(keras$layers$Activation, object, list(
    activation = activation, input_shape = input_shape, name = name, ...))
}

#' Leaky ReLU as a layer: `x` for x > 0, `negative_slope * x` otherwise.
layer_activation_leaky_relu <- function(object = NULL, negative_slope = 0.3, ...,
                                        input_shape = NULL, name = NULL) {
  create_layer(keras$layers$LeakyReLU, object, list(
    negative_slope = negative_slope, input_shape = input_shape, name = name, ...))
}

#' Softmax as a layer.
layer_activation_softmax <- function(object = NULL, axis = -1, ..., input_shape = NULL,
                                     name = NULL) {
  create_layer(keras$layers$Softmax, object, list(
    axis = axis, input_shape = input_shape, name = name, ...))
}
