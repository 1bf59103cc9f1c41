# Keras' global configuration as keras3 names it (config_*()), and whether Keras is
# there at all.

#' TRUE when Keras can be imported (and is at least `version`, if given).
is_keras_available <- function(version = NULL) {
  if (!reticulate::py_module_available("keras")) return(FALSE)
  is.null(version) || package_version(keras$`__version__`) >= package_version(version)
}

config_backend <- function() keras$config$backend()
config_floatx <- function() keras$config$floatx()
config_set_floatx <- function(value) keras$config$set_floatx(value)
config_epsilon <- function() keras$config$epsilon()
config_set_epsilon <- function(value) keras$config$set_epsilon(value)
config_image_data_format <- function() keras$config$image_data_format()
