# Training history: the R object fit() returns, and its methods.

#' Wrap a Python History as an R `keras_training_history`:
#' `params` (epochs, steps, verbose) and `metrics` (a named list of numeric
#' vectors, one value per epoch: loss, accuracy, val_loss, ...).
as_training_history <- function(history) {
  params <- reticulate::py_to_r(history$params)
  metrics <- lapply(reticulate::py_to_r(history$history), as.numeric)
  structure(list(params = params, metrics = metrics), class = "keras_training_history")
}

#' Long format, as R keras: columns epoch, value, metric, data
#' (data is "training" or "validation"; `val_loss` becomes metric "loss").
as_data_frame_history <- function(x, ...) {
  rows <- lapply(names(x$metrics), function(name) {
    values <- x$metrics[[name]]
    validation <- startsWith(name, "val_")
    data.frame(
      epoch = seq_along(values),
      value = values,
      metric = if (validation) substring(name, 5) else name,
      data = if (validation) "validation" else "training",
      stringsAsFactors = FALSE
    )
  })
  df <- do.call(rbind, rows)
  df$metric <- factor(df$metric, levels = unique(df$metric))
  df$data <- factor(df$data, levels = c("training", "validation"))
  df
}

print_history <- function(x, ...) {
  epochs <- length(x$metrics[[1]])
  last <- vapply(x$metrics, function(v) v[[length(v)]], numeric(1))
  cat(sprintf("Trained on %d epochs; final: %s\n", epochs,
              paste(sprintf("%s=%.4g", names(last), last), collapse = ", ")))
  invisible(x)
}

#' Learning curves with base graphics: one panel per metric.
plot_history <- function(x, y, ...) {
  df <- as_data_frame_history(x)
  metrics <- levels(df$metric)
  old <- graphics::par(mfrow = c(length(metrics), 1))
  on.exit(graphics::par(old))
  for (m in metrics) {
    d <- df[df$metric == m, ]
    graphics::plot(d$epoch, d$value, type = "n", xlab = "epoch", ylab = m)
    for (split in levels(droplevels(d$data))) {
      s <- d[d$data == split, ]
      graphics::lines(s$epoch, s$value, lty = if (split == "training") 1 else 2)
    }
  }
  invisible(x)
}

#' Register the S3 methods of this layer (called once after sourcing).
#' The API environment is made a top environment (it holds `.packageName`, like a
#' package namespace), so R's S3 dispatch finds the methods registered in it for its
#' own generics (compile, fit, evaluate) wherever they are called from.
register_keras_api_methods <- function(env) {
  assign(".packageName", "keras_rparity_api", envir = env)
  registerS3method("as.data.frame", "keras_training_history", as_data_frame_history, envir = env)
  registerS3method("print", "keras_training_history", print_history, envir = env)
  registerS3method("plot", "keras_training_history", plot_history, envir = env)
  for (generic in c("compile", "fit", "evaluate")) {
    registerS3method(generic, .model_class, get(paste0(generic, ".", .model_class), envir = env),
                     envir = env)
    registerS3method(generic, "default", get(paste0(generic, ".default"), envir = env),
                     envir = env)
  }
  registerS3method("predict", .model_class, predict_keras_model, envir = env)
  registerS3method("summary", .model_class, summary_keras_model, envir = env)
  registerS3method("print", .model_class, summary_keras_model, envir = env)
  registerS3method("format", .model_class, format_keras_model, envir = env)
  for (register in ls(env, pattern = "^register_.+_methods$")) {
    if (register != "register_keras_api_methods") get(register, envir = env)(env)
  }
}
