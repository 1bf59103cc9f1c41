# reticulate's names that keras3 re-exports, so programs can use them after
# library(keras3) alone.
py_to_r <- function(x) reticulate::py_to_r(x)
r_to_py <- function(x, convert = FALSE) reticulate::r_to_py(x, convert = convert)
tuple <- function(..., convert = FALSE) reticulate::tuple(..., convert = convert)
np_array <- function(data, dtype = NULL, order = "C") reticulate::np_array(data, dtype, order)
import <- function(module, as = NULL, convert = TRUE, delay_load = FALSE) {
  reticulate::import(module, as = as, convert = convert, delay_load = delay_load)
}
py_help <- function(object) reticulate::py_help(object)
