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
