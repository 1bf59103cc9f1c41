# Finding out about the keras3 R package without guessing: is it installed, which
# version (read from its DESCRIPTION, without loading it), and does it load here
# (the load error verbatim when not). The bridge picks the R Keras API from this.

#' Probe the keras3 R package.
#' @param load also try to load its namespace (runs keras3's start-up code).
#' @return list(installed, version, load_error); NA where it does not apply.
rparity_probe_keras3 <- function(load = TRUE) {
  if (!nzchar(system.file(package = "keras3"))) {
    return(list(installed = FALSE, version = NA_character_, load_error = NA_character_))
  }
  version <- as.character(utils::packageVersion("keras3"))
  load_error <- NA_character_
  if (load) {
    load_error <- tryCatch({
      suppressPackageStartupMessages(loadNamespace("keras3"))
      NA_character_
    }, error = function(e) conditionMessage(e))
  }
  list(installed = TRUE, version = version, load_error = load_error)
}
