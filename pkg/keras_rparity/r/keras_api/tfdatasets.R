# The tfdatasets verbs Keras programs use, over this process's tf.data: R data
# become datasets (an unnamed list is a tuple of components, a named list a dict,
# as in tfdatasets), and the pipeline verbs call tf.data.Dataset's methods.

#' tf.data's view of R data: lists as tuples (unnamed) or dicts (named); doubles as
#' the float type Keras uses, as model inputs are.
as_dataset_tensors <- function(x) {
  if (is.list(x) && !is.data.frame(x) && !inherits(x, "python.builtin.object")) {
    parts <- lapply(x, as_dataset_tensors)
    if (is.null(names(x))) return(do.call(reticulate::tuple, unname(parts)))
    return(reticulate::dict(parts))
  }
  as_model_input(x)
}

#' A dataset of the slices of `tensors` along their first dimension.
tensor_slices_dataset <- function(tensors, name = NULL) {
  tf$data$Dataset$from_tensor_slices(as_dataset_tensors(tensors), name = name)
}

#' A dataset of one element, `tensors`.
tensors_dataset <- function(tensors, name = NULL) {
  tf$data$Dataset$from_tensors(as_dataset_tensors(tensors), name = name)
}

dataset_batch <- function(dataset, batch_size, drop_remainder = FALSE,
                          num_parallel_calls = NULL, deterministic = NULL, name = NULL) {
  dataset$batch(as_py_int(batch_size, "batch_size"), drop_remainder = drop_remainder,
                num_parallel_calls = num_parallel_calls, deterministic = deterministic,
                name = name)
}

dataset_shuffle <- function(dataset, buffer_size, seed = NULL,
                            reshuffle_each_iteration = NULL, name = NULL) {
  dataset$shuffle(as_py_int(buffer_size, "buffer_size"), seed = as_py_int(seed, "seed"),
                  reshuffle_each_iteration = reshuffle_each_iteration, name = name)
}

#' Apply an R function to each element (tf.data traces it; it gets tensors).
dataset_map <- function(dataset, map_func, num_parallel_calls = NULL, deterministic = NULL,
                        name = NULL) {
  dataset$map(map_func, num_parallel_calls = num_parallel_calls,
              deterministic = deterministic, name = name)
}

dataset_prefetch <- function(dataset, buffer_size = tf$data$AUTOTUNE, name = NULL) {
  dataset$prefetch(as_py_int(buffer_size, "buffer_size"), name = name)
}

dataset_take <- function(dataset, count, name = NULL) {
  dataset$take(as_py_int(count, "count"), name = name)
}

dataset_skip <- function(dataset, count, name = NULL) {
  dataset$skip(as_py_int(count, "count"), name = name)
}

dataset_repeat <- function(dataset, count = NULL, name = NULL) {
  dataset$`repeat`(as_py_int(count, "count"), name = name)
}

dataset_cache <- function(dataset, filename = "", name = NULL) dataset$cache(filename, name = name)

#' An iterator over a dataset (or any Python iterable); iter_next() gives its next
#' element, NULL at the end.
as_iterator <- function(x) reticulate::as_iterator(x)
iter_next <- function(it, completed = NULL) reticulate::iter_next(it, completed = completed)

#' Call `f` on each element of a Python iterable (or collect them, without `f`).
iterate <- function(it, f = base::identity, simplify = TRUE) {
  reticulate::iterate(it, f, simplify = simplify)
}

#' The elements of a dataset as R arrays, one by one.
as_array_iterator <- function(dataset) reticulate::as_iterator(dataset$as_numpy_iterator())
