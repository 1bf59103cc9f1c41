# Datasets as R keras returns them: list(train = list(x, y), test = list(x, y)),
# with integer arrays. They come from keras-rparity's data layer through the
# run context, which applies the size knob and records where the data came
# from (real data or a test fixture), so both languages see the same arrays.

#' Load dataset `name` through the run context and shape it the R keras way.
#' Arguments (R keras' `path = ...`) are refused: the data layer decides the source.
#' The bridge defines `.rparity_dataset_for_r` (bridge/r_datasets.py): it writes the
#' arrays into R's memory in one copy, where reticulate would make a 64-bit copy first.
rparity_dataset <- function(name, ...) {
  if (...length() > 0) {
    stop(sprintf(paste0(
      "dataset_%s() takes no arguments under keras-rparity (got %d): the data comes from ",
      "keras-rparity's data layer; use --per-class to change its size"), name, ...length()),
      call. = FALSE)
  }
  data <- .rparity_dataset_for_r(name)
  if (!is.null(data$error)) stop(data$error, call. = FALSE)
  data
}

dataset_cifar10 <- function(...) rparity_dataset("cifar10", ...)
dataset_fashion_mnist <- function(...) rparity_dataset("fashion_mnist", ...)
dataset_mnist <- function(...) rparity_dataset("mnist", ...)
