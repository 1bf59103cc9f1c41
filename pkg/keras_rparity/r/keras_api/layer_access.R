# Reaching into a model's layers: get_layer(), pop_layer(), freeze_weights() and
# unfreeze_weights(), with keras3's 1-based indices.

#' A layer by name, or by 1-based index.
get_layer <- function(object, name = NULL, index = NULL) {
  if (!is.null(index)) index <- as_py_int(index, "index") - 1L
  object$get_layer(name = name, index = index)
}

#' Remove the last layer of a Sequential model; returns the model invisibly.
pop_layer <- function(object, rebuild = TRUE) {
  object$pop(rebuild = rebuild)
  invisible(object)
}

#' Layer positions (1-based) `from`..`to` (names or indices) of a model.
layer_range <- function(object, from, to) {
  layers <- object$layers
  position <- function(at, default) {
    if (is.null(at)) return(default)
    if (is.character(at)) {
      hit <- which(vapply(layers, function(l) l$name, "") == at)
      if (!length(hit)) stop("no layer named '", at, "' in the model", call. = FALSE)
      return(hit)
    }
    if (at < 0) length(layers) + at + 1L else as.integer(at)
  }
  seq(position(from, 1L), position(to, length(layers)))
}

#' Make the weights of a model (or of layers `from`..`to`) not trainable.
freeze_weights <- function(object, from = NULL, to = NULL, which = NULL) {
  set_trainable(object, from, to, which, FALSE)
}

#' Make them trainable again.
unfreeze_weights <- function(object, from = NULL, to = NULL, which = NULL) {
  set_trainable(object, from, to, which, TRUE)
}

set_trainable <- function(object, from, to, which, trainable) {
  if (is.null(from) && is.null(to) && is.null(which)) {
    object$trainable <- trainable
    # Keras' setter does not always reach a Sequential model's layers: set each one
    if (reticulate::py_has_attr(object, "layers")) {
      for (layer in object$layers) layer$trainable <- trainable
    }
    return(invisible(object))
  }
  object$trainable <- TRUE
  layers <- object$layers
  chosen <- if (!is.null(which)) {
    if (is.function(which)) Filter(which, layers) else layers[layer_range(object, NULL, NULL) %in% which]
  } else {
    layers[layer_range(object, from, to)]
  }
  for (layer in chosen) layer$trainable <- trainable
  invisible(object)
}
