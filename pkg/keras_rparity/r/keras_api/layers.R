# Layers. Each layer_*() (generated_layers.R) takes the model first and returns it,
# so pipes chain:
#   model %>% layer_dense(units = 32) %>% layer_dense(units = 1)
# Given a tensor (functional API) instead, it returns the layer's output tensor:
#   outputs <- inputs %>% layer_dense(units = 1)
# Called without a model (object missing or NULL), a layer_*() returns the layer.

#' Add `layer` to `object`: a Sequential model gets it appended; a tensor (or list of
#' tensors) is passed through it; NULL returns the layer itself.
#' `input_shape`, when given, becomes the Sequential model's Input before the first layer.
compose_layer <- function(object, layer, input_shape = NULL) {
  if (is.null(object)) return(layer)
  if (inherits(object, "keras.src.models.sequential.Sequential")) {
    if (!is.null(input_shape)) {
      if (length(object$layers) > 0) {
        stop("`input_shape` can only be given to the first layer of a model", call. = FALSE)
      }
      object$add(keras$Input(shape = as_py_shape(input_shape, "input_shape")))
    }
    object$add(layer)
    return(invisible(object))
  }
  if (is_tensor_like(object)) return(layer(object))
  stop("layers can be piped into a model made by keras_model_sequential() or into a ",
       "tensor (keras_input()); got an object of class ", class(object)[[1]], call. = FALSE)
}

#' TRUE for what a layer can be called on: a Keras/backend tensor or a list of them.
is_tensor_like <- function(x) {
  if (is.list(x) && !inherits(x, "python.builtin.object")) {
    return(length(x) > 0 && all(vapply(x, is_tensor_like, logical(1))))
  }
  inherits(x, "python.builtin.object") && !inherits(x, "keras.src.models.model.Model") &&
    reticulate::py_has_attr(x, "shape") && reticulate::py_has_attr(x, "dtype")
}

#' Build a Keras layer from normalized arguments and compose it with `object`.
#' @param layer_class a Python layer class, e.g. keras$layers$Dense.
#' @param object the model, a tensor, or NULL.
#' @param args named list of the layer's arguments (already normalized).
create_layer <- function(layer_class, object, args) {
  # Evaluate the model first: magrittr pipes pass it lazily, and building the
  # layer before the model would draw the layer's initializer seeds before
  # keras_model_sequential() has run (and, under the bridge, set the seed).
  force(object)
  input_shape <- args$input_shape
  args$input_shape <- NULL
  layer <- do.call(layer_class, args)
  compose_layer(object, layer, input_shape)
}

#' Merging layers (layer_add(), layer_concatenate(), ...): build the layer and, when
#' tensors are given (as `inputs`, a list, or unnamed extra arguments), apply it to them.
merge_layer <- function(layer_class, inputs, args) {
  named <- if (is.null(names(args))) rep(FALSE, length(args)) else nzchar(names(args))
  extra <- unname(args[!named])
  layer <- do.call(layer_class, args[named])
  if (!is.null(inputs) && !is.list(inputs)) inputs <- list(inputs)
  inputs <- c(inputs, extra)
  if (length(inputs) == 0) return(layer)
  layer(inputs)
}
