# plot(model): the model's graph as an image (keras.utils.plot_model), drawn on R's
# current graphics device. It needs the Python package pydot and Graphviz's `dot`.

#' Plot a model's graph; with `to_file`, only write the image there.
plot_keras_model <- function(x, show_shapes = FALSE, show_dtype = FALSE,
                             show_layer_names = FALSE, ..., to_file = NULL) {
  problem <- plot_model_problem()
  if (!is.null(problem)) {
    warning("plot(model) draws nothing: ", problem, call. = FALSE)
    return(invisible(x))
  }
  file <- to_file %||% tempfile(fileext = ".png")
  keras$utils$plot_model(x, to_file = file, show_shapes = show_shapes,
                         show_dtype = show_dtype, show_layer_names = show_layer_names, ...)
  if (is.null(to_file)) {
    image <- png::readPNG(file)
    graphics::plot.new()
    graphics::rasterImage(image, 0, 0, 1, 1)
  }
  invisible(x)
}

#' Why the model's graph cannot be drawn here (NULL when it can).
plot_model_problem <- function() {
  if (!reticulate::py_module_available("pydot")) {
    return("the Python package pydot is missing (pip install pydot), and it needs Graphviz (apt-get install graphviz)")
  }
  if (!nzchar(Sys.which("dot"))) return("Graphviz's `dot` is missing (apt-get install graphviz)")
  NULL
}

register_plot_model_methods <- function(env) {
  registerS3method("plot", .model_class, plot_keras_model, envir = env)
}
