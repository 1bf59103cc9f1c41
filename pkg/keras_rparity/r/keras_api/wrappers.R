# What every generated wrapper (generated_*.R) calls: collect the arguments the
# caller gave, and call the Keras object with them.

#' The arguments the caller of a wrapper gave, by name, with `...` appended;
#' arguments left out are not passed, so Keras' own defaults apply (as in keras3).
#' Call it as a statement in the wrapper's body: it reads the wrapper's frame.
#' @param ignore names of formals not to pass (e.g. "object").
wrapper_args <- function(ignore = character()) {
  frame <- parent.frame()
  fn <- sys.function(-1L)
  call <- match.call(fn, sys.call(-1L), expand.dots = FALSE, envir = parent.frame(2L))
  formal_names <- setdiff(names(formals(fn)), c("...", ignore))
  given <- as.character(intersect(as.character(names(call)[-1L]), formal_names))
  args <- if (length(given)) mget(given, envir = frame) else list()
  if ("..." %in% names(formals(fn))) {
    args <- c(args, eval(quote(rlang::list2(...)), frame))  # list2: a trailing comma is fine
  }
  args
}

#' Rename R argument names that Python spells differently (`f` is `function`).
rename_args <- function(args, renames) {
  hit <- names(args) %in% names(renames)
  names(args)[hit] <- renames[names(args)[hit]]
  args
}

#' Call a Keras function or class with normalized arguments; the Python result as is
#' (tensors stay tensors, as in keras3).
#' @param positional names of arguments Python takes by position only (those before a
#'   `*args`, e.g. einsum's `subscripts`): passed first, unnamed, in this order.
call_keras <- function(callable, args, positional = character()) {
  if (length(positional)) {
    arg_names <- names(args) %||% rep("", length(args))
    lead <- unname(args[match(intersect(positional, arg_names), arg_names)])
    args <- c(lead, args[!(arg_names %in% positional)])
  }
  do.call(callable, args)
}
