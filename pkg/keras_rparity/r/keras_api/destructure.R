# Unpacking assignment, zeallot's `%<-%` (keras3 re-exports it):
#   c(c(x_train, y_train), c(x_test, y_test)) %<-% dataset_fashion_mnist()
# The left side is a name or c(...) of names and nested c(...); `.` skips a value,
# `...name` collects the values left over (as a list), `name = default` is used when
# the value runs out. Lists (and Python tuples/lists) unpack element by element,
# data frames column by column, atomic vectors value by value.

#' Assign the parts of `value` to the names on the left, in the caller's environment.
`%<-%` <- function(x, value) {
  destructure_assign(substitute(x), value, parent.frame())
  invisible(value)
}

#' The elements `value` unpacks into, as a list.
destructure_parts <- function(value) {
  if (inherits(value, "python.builtin.object")) value <- reticulate::py_to_r(value)
  if (inherits(value, "python.builtin.object")) {
    stop("cannot unpack a Python object of class ", class(value)[[1]], " with %<-%",
         call. = FALSE)
  }
  if (is.data.frame(value)) return(as.list(value))
  if (is.list(value)) return(unclass(value))
  if (is.atomic(value)) return(as.list(value))
  stop("cannot unpack an object of class ", class(value)[[1]], " with %<-%", call. = FALSE)
}

#' Assign `value` to the pattern `target` (a name or a c(...) call) in `env`.
destructure_assign <- function(target, value, env) {
  if (is.name(target)) {
    name <- as.character(target)
    if (name != ".") assign(name, value, envir = env)
    return(invisible())
  }
  if (!is.call(target) || !identical(target[[1]], as.name("c"))) {
    stop("the left side of %<-% must be a name or c(...) of names, e.g. c(x, y); got ",
         deparse(target), call. = FALSE)
  }
  patterns <- as.list(target)[-1]
  defaults <- names(patterns) %||% rep("", length(patterns))
  parts <- destructure_parts(value)
  rest <- which(vapply(patterns, function(p) is.name(p) && startsWith(as.character(p), "..."),
                       logical(1)))
  if (length(rest) > 1) stop("%<-% takes at most one `...` collector", call. = FALSE)
  n_fixed <- length(patterns) - length(rest)
  if (length(parts) > n_fixed && !length(rest)) {
    stop(sprintf("%%<-%%: %d values to unpack into %d names: %s", length(parts),
                 length(patterns), deparse(target)), call. = FALSE)
  }
  taken <- 0L
  for (i in seq_along(patterns)) {
    if (i %in% rest) {
      count <- max(length(parts) - n_fixed, 0L)
      collected <- parts[taken + seq_len(count)]
      taken <- taken + count
      name <- substring(as.character(patterns[[i]]), 4)
      if (nzchar(name)) assign(name, collected, envir = env)
      next
    }
    taken <- taken + 1L
    if (nzchar(defaults[[i]])) {  # `name = default`: the name is the argument's name
      value_i <- if (taken <= length(parts)) parts[[taken]] else eval(patterns[[i]], env)
      assign(defaults[[i]], value_i, envir = env)
      next
    }
    if (taken > length(parts)) {
      stop(sprintf("%%<-%%: %d values to unpack into %d names: %s", length(parts),
                   length(patterns), deparse(target)), call. = FALSE)
    }
    destructure_assign(patterns[[i]], parts[[taken]], env)
  }
  invisible()
}

# dotty's `.` (keras3 re-exports it): a second unpacking assignment, by indexing `.`:
#   .[batch_size, ..] <- op_shape(images)
# `.[a, b] <- value` assigns value's elements by position; `..` skips any number of
# them (leading, middle or trailing); `.` skips one; `.[name = expr]` evaluates `expr`
# with value's elements in scope (`.[rows = nrow] <- df`); `.[a, .[b, c]]` nests.
# Values past the last name are ignored, as in dotty. R assigns the result of `[<-`
# back to `.` in the caller's environment: it is `.` itself, so `.` stays usable.

#' The object whose `[<-` unpacks.
. <- structure(list(), class = "rparity_dot")

#' `.[...] <- value`: the patterns are the unevaluated index arguments.
dot_unpack <- function(x, ..., value) {
  call <- as.list(sys.call())[-(1:2)]
  patterns <- call[names(call) %||% rep("", length(call)) != "value"]
  dot_assign(patterns, value, parent.frame())
  x
}

#' Assign `value`'s elements to `patterns` (names, `.`, `..`, `name = expr`, `.[...]`).
dot_assign <- function(patterns, value, env) {
  parts <- dot_parts(value)
  skip <- which(vapply(patterns, identical, logical(1), as.name("..")))
  if (length(skip) > 1) stop("`.[...] <-` takes at most one `..`", call. = FALSE)
  positions <- seq_along(patterns)
  if (length(skip)) {
    after <- seq_along(patterns) > skip
    positions[after] <- length(parts) - sum(after) + seq_len(sum(after))
  }
  keys <- names(patterns) %||% rep("", length(patterns))
  for (i in setdiff(seq_along(patterns), skip)) {
    pattern <- patterns[[i]]
    if (nzchar(keys[[i]])) {
      assign(keys[[i]], eval(pattern, dot_scope(value, parts), env), envir = env)
    } else if (identical(pattern, as.name("."))) {
      next
    } else if (positions[[i]] < 1 || positions[[i]] > length(parts)) {
      stop(sprintf("`.[...] <-`: %d values to unpack, too few for %s", length(parts),
                   deparse(pattern)), call. = FALSE)
    } else if (is.name(pattern)) {
      assign(as.character(pattern), parts[[positions[[i]]]], envir = env)
    } else if (is.call(pattern) && identical(pattern[[1]], as.name("[")) &&
               identical(pattern[[2]], as.name("."))) {
      dot_assign(as.list(pattern)[-(1:2)], parts[[positions[[i]]]], env)
    } else {
      stop("`.[...] <-` unpacks into names, `.`, `..`, `name = expr` or `.[...]`; got ",
           deparse(pattern), call. = FALSE)
    }
  }
  invisible()
}

#' The elements `value` unpacks into: as for %<-%, and a version's numbers.
dot_parts <- function(value) {
  if (inherits(value, "numeric_version")) return(as.list(unclass(value)[[1L]]))
  destructure_parts(value)
}

#' Where `name = expr` is evaluated: value's named elements (an environment's names).
dot_scope <- function(value, parts) {
  if (is.environment(value) && !inherits(value, "python.builtin.object")) return(value)
  parts[nzchar(names(parts) %||% character(length(parts)))]
}

register_dot_methods <- function(env) {
  registerS3method("[<-", "rparity_dot", dot_unpack, envir = env)
}
