# Keras' serialization of objects and its registry of custom objects, as keras3
# names them: serialize_keras_object(), deserialize_keras_object(),
# register_keras_serializable(), get/set_custom_objects(), with_custom_object_scope(),
# save_model_config()/load_model_config().

serialize_keras_object <- function(object) keras$saving$serialize_keras_object(object)

deserialize_keras_object <- function(config, custom_objects = NULL, safe_mode = TRUE, ...) {
  keras$saving$deserialize_keras_object(config, custom_objects = as_custom_objects(custom_objects),
                                        safe_mode = safe_mode, ...)
}

#' Custom objects for Keras: R constructors made by Layer(), Loss(), ... stand for
#' their Python classes.
as_custom_objects <- function(objects) {
  if (is.null(objects)) return(NULL)
  if (!is.list(objects)) objects <- list(objects)
  lapply(objects, py_class_of)
}

#' Register a class (or a constructor made by Layer(), ..., or a Python function) in
#' Keras' global custom objects as "package>name"; returns `object`.
register_keras_serializable <- function(object, name = NULL, package = NULL) {
  target <- py_class_of(object)
  keras$saving$register_keras_serializable(package = package %||% "Custom",
                                           name = name)(target)
  invisible(object)
}

get_custom_objects <- function() keras$saving$get_custom_objects()

#' Replace (clear = TRUE) or add to Keras' global custom objects; returns the
#' previous ones invisibly.
set_custom_objects <- function(objects = list(), clear = TRUE) {
  registry <- reticulate::import("keras.saving", convert = FALSE)$get_custom_objects()
  previous <- reticulate::py_to_r(reticulate::import_builtins(convert = FALSE)$dict(registry))
  if (clear) registry$clear()
  for (name in names(objects)) registry[[name]] <- py_class_of(objects[[name]])
  invisible(previous)
}

#' Evaluate `expr` with `objects` known to Keras' deserialization.
with_custom_object_scope <- function(objects, expr) {
  with_python_context(keras$saving$custom_object_scope(as_custom_objects(objects)),
                      substitute(expr), parent.frame(), NULL)
}

#' The model's architecture (no weights) as a JSON file, and back.
save_model_config <- function(model, filepath = NULL, overwrite = FALSE) {
  if (file.exists(filepath) && !overwrite) {
    stop("'", filepath, "' exists; pass overwrite = TRUE to replace it", call. = FALSE)
  }
  writeLines(model$to_json(), filepath)
  invisible(model)
}

load_model_config <- function(filepath, custom_objects = NULL) {
  keras$models$model_from_json(paste(readLines(filepath), collapse = "\n"),
                               custom_objects = as_custom_objects(custom_objects))
}

#' An R function as a Python function named `name` (keras3's internal py_func2(), which
#' published programs reach as keras3:::py_func2 to register a custom activation).
py_func2 <- function(fn, convert = TRUE, name = deparse(substitute(fn))) py_function(fn, name)
