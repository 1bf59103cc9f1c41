test_that("%<-% unpacks nested lists, skips `.` and collects the rest", {
  c(c(a, b), c(., d)) %<-% list(list(1, 2), list(3, 4))
  expect_equal(c(a, b, d), c(1, 2, 4))
  expect_false(exists(".", inherits = FALSE))
  c(first, ...rest) %<-% list(1, "x", TRUE)
  expect_equal(first, 1)
  expect_equal(rest, list("x", TRUE))
  c(p, q = 10) %<-% list(5)
  expect_equal(c(p, q), c(5, 10))
  c(u, v) %<-% c(7, 8)
  expect_equal(c(u, v), c(7, 8))
})

test_that("%<-% unpacks a dataset the keras3 way and a Python tuple", {
  data <- list(train = list(x = array(1:8, c(2, 2, 2)), y = 1:2),
               test = list(x = array(1:4, c(1, 2, 2)), y = 3L))
  c(c(x_train, y_train), c(x_test, y_test)) %<-% data
  expect_equal(dim(x_train), c(2, 2, 2))
  expect_equal(y_test, 3L)
  c(n, m) %<-% reticulate::tuple(1L, 2L)
  expect_equal(c(n, m), 1:2)
})

test_that("%<-% refuses a count mismatch with one clear error", {
  expect_error(c(a, b) %<-% list(1, 2, 3), "3 values to unpack into 2 names")
  expect_error(c(a, b, c) %<-% list(1, 2), "2 values to unpack into 3 names")
  expect_error(c(a + 1) %<-% list(1), "must be a name or c")
})

test_that("dotty's .[...] <- unpacks by position, `..`, `.`, name = expr and nesting", {
  .[rows, cols] <- dim(matrix(0, 3, 5))
  expect_equal(c(rows, cols), c(3, 5))
  .[first, .., last] <- 11:15
  expect_equal(c(first, last), c(11L, 15L))
  .[.., final] <- 11:15
  expect_equal(final, 15L)
  .[., second, ..] <- list("a", "b", "c")
  expect_equal(second, "b")
  .[doubled = w * 2] <- list(v = 1, w = 4)
  expect_equal(doubled, 8)
  .[p, .[q, .[r]]] <- list(1, list(2, list(3)))
  expect_equal(c(p, q, r), c(1, 2, 3))
  .[major, ..] <- numeric_version("4.5.1")
  expect_equal(major, 4L)
  .[n, m] <- reticulate::tuple(6L, 7L)
  expect_equal(c(n, m), 6:7)
  expect_s3_class(., "rparity_dot")            # `.` is still `.` after assigning
  expect_error(.[a, b, c] <- 1:2, "2 values to unpack, too few for c")
  expect_error(.[a + 1] <- 1, "unpacks into names")
})

test_that(".[...] <- and magrittr's `.` work inside a traced function", {
  noisy <- tf_function(function(images) {
    .[batch, ..] <- op_shape(images)           # a scalar tensor while tracing
    labels <- op_ones(c(batch, 1))
    labels %<>% `+`(op_zeros(tf$shape(.)) + 2)   # `.` is labels
    .[total, count] <- list(op_sum(labels), batch)
    list(total, count)
  }, input_signature = list(tf$TensorSpec(shape(NULL, 2), "float32")))
  .[total, count] <- noisy(op_ones(c(5, 2)))
  expect_equal(as.numeric(total), 15)
  expect_equal(as.integer(count), 5L)
})
