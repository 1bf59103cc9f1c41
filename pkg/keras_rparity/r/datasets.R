# Datasets as R keras returns them: list(train = list(x, y), test = list(x, y)),
# with integer arrays. They come from keras-rparity's data layer through the
# run context, which applies the size knob and records where the data came
# from (real data or a test fixture), so both languages see the same arrays.

#' Load dataset `name` through the run context and shape it the R keras way.
#' The bridge defines `.rparity_dataset_for_r` (bridge/r_datasets.py): it writes the
#' arrays into R's memory in one copy, where reticulate would make a 64-bit copy first.
rparity_dataset <- function(name) {
  data <- .rparity_dataset_for_r(name)
  if (!is.null(data$error)) stop(data$error, call. = FALSE)
  data
}

dataset_cifar10 <- function(...) rparity_dataset("cifar10")
dataset_fashion_mnist <- function(...) rparity_dataset("fashion_mnist")
dataset_mnist <- function(...) rparity_dataset("mnist")
