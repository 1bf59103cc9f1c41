# array_reshape(): reshape an R array in row-major ("C") order, as NumPy's reshape
# does, so R code that reshapes matches its Python port element for element
# (R's own `dim<-` fills in column-major, "F", order).

#' Reshape `x` to `dim`; `order = "C"` (default) fills by row like NumPy,
#' `order = "F"` by column like R's `dim<-`. One size may be NA or -1 (inferred).
array_reshape <- function(x, dim, order = c("C", "F")) {
  order <- match.arg(order)
  if (inherits(x, "python.builtin.object")) x <- as.array(x)
  if (is.data.frame(x)) x <- as.matrix(x)
  dim <- as.numeric(dim)
  unknown <- is.na(dim) | dim == -1
  if (sum(unknown) > 1) stop("array_reshape(): at most one size may be NA or -1", call. = FALSE)
  if (any(unknown)) dim[unknown] <- length(x) / prod(dim[!unknown])
  if (prod(dim) != length(x) || any(dim != round(dim))) {
    stop(sprintf("array_reshape(): cannot reshape %d values into c(%s)", length(x),
                 paste(dim, collapse = ", ")), call. = FALSE)
  }
  dim <- as.integer(dim)
  if (order == "F") return(array(as.vector(x), dim = dim))
  values <- if (is.null(base::dim(x))) as.vector(x) else as.vector(aperm(x))
  if (length(dim) == 1) return(array(values, dim = dim))
  aperm(array(values, dim = rev(dim)))
}
