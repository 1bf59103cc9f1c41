# The Python Keras module this layer wraps, bound through reticulate to the
# interpreter the caller configured (the bridge binds it to its own process).
keras <- reticulate::import("keras", delay_load = TRUE)

#' magrittr's pipe, as R keras re-exports it.
`%>%` <- magrittr::`%>%`

#' magrittr's assignment pipe (`x %<>% f()` is `x <- x %>% f()`).
`%<>%` <- magrittr::`%<>%`
