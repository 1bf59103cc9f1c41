# Sequence preprocessing.

#' Pad (or truncate) a list of integer sequences to one length: an integer matrix,
#' one row per sequence (keras.utils.pad_sequences).
pad_sequences <- function(sequences, maxlen = NULL, dtype = "int32", padding = "pre",
                          truncating = "pre", value = 0) {
  sequences <- lapply(sequences, function(s) as.list(s))
  reticulate::py_to_r(keras$utils$pad_sequences(
    sequences, maxlen = as_py_int(maxlen, "maxlen"), dtype = dtype, padding = padding,
    truncating = truncating, value = value))
}

#' Pair up the elements of lists: zip_lists(list(a, b), list(c, d)) is
#' list(list(a, c), list(b, d)) (for optimizer$apply_gradients()).
zip_lists <- function(...) {
  lists <- list(...)
  if (length(lists) == 1 && is.list(lists[[1]]) && !length(names(lists))) lists <- lists[[1]]
  n <- unique(lengths(lists))
  if (length(n) != 1) stop("zip_lists() needs lists of one length", call. = FALSE)
  pairs <- lapply(seq_len(n), function(i) lapply(lists, `[[`, i))
  if (!is.null(names(lists[[1]]))) names(pairs) <- names(lists[[1]])
  pairs
}
