# Python classes from R methods: the machinery under Layer(), Model(), Loss(),
# Metric(), Callback() and %py_class% (keras3's semantics, written here anew).
#
# Each R method becomes a Python function whose signature mirrors the R formals
# (Keras reads the signatures of call(), build(), ...), with `self` first: methods
# do not declare it, as in keras3. Methods run in one environment per class holding
# `super` (`super$initialize(...)` is Python's super().__init__(...)), `__class__` and
# the class name, whose parent is where the class was defined; `private` is an R
# environment of each instance, never seen by Python. R's `initialize`/`finalize`
# are Python's `__init__`/`__del__`.

#' The Python helper that builds functions with a given signature (made once).
.py_class_tools <- local({
  tools <- NULL
  function() {
    if (is.null(tools)) {
      tools <<- reticulate::py_run_string(paste(
        "_MISSING = object()",
        "def make_function(r_fn, name, params, _MISSING=_MISSING):",
        "    # params: (name, kind, default) with kind 'arg', 'varargs', 'kwonly', 'varkw';",
        "    # a default of _MISSING means the R function's own default applies",
        "    ns = {'_r': r_fn, '_M': _MISSING}",
        "    sig, named, star, starstar = [], [], None, None",
        "    for i, (pname, kind, has_default, default) in enumerate(params):",
        "        if kind == 'varargs':",
        "            star = pname; sig.append('*' + pname); continue",
        "        if kind == 'varkw':",
        "            starstar = pname; continue",
        "        if kind == 'kwonly' and star is None:",
        "            star = ''; sig.append('*')",
        "        if has_default:",
        "            ns['_d%d' % i] = default",
        "            sig.append('%s=_d%d' % (pname, i))",
        "        else:",
        "            sig.append(pname)",
        "        named.append(pname)",
        "    if starstar: sig.append('**' + starstar)",
        "    body = 'kw = {%s}\\n' % ', '.join('%r: %s' % (n, n) for n in named)",
        "    body += '    kw = {k: v for k, v in kw.items() if v is not _M}\\n'",
        "    if starstar: body += '    kw.update(%s)\\n' % starstar",
        "    call = '_r(*%s, **kw)' % star if star else '_r(**kw)'",
        "    code = 'def %s(%s):\\n    %s    return %s\\n' % (name, ', '.join(sig), body, call)",
        "    exec(code, ns)",
        "    return ns[name]",
        "def new_class(name, bases, members):",
        "    import types",
        "    return types.new_class(name, tuple(bases), exec_body=lambda ns: ns.update(members))",
        "def callback_method(f, with_index):",
        "    def index_logs(self, idx, logs=None):",
        "        out = f(self, idx + 1, logs)",
        "        if isinstance(out, dict) and logs is not None: logs.update(out)",
        "    def logs_only(self, logs=None):",
        "        out = f(self, logs)",
        "        if isinstance(out, dict) and logs is not None: logs.update(out)",
        "    return index_logs if with_index else logs_only",
        sep = "\n"), local = TRUE, convert = FALSE)
    }
    tools
  }
})

#' The Python signature of an R function: (name, kind, has_default, default) rows.
#' Constant defaults (NULL, TRUE, 1, "a") are Python's defaults too; other defaults are
#' left to R (Python passes nothing for them).
py_params <- function(fn) {
  formals <- formals(fn)
  tools <- .py_class_tools()
  kind <- "arg"
  rows <- list()
  for (name in names(formals)) {
    if (name == "...") {
      rows <- c(rows, list(list("args", "varargs", FALSE, NULL)))
      kind <- "kwonly"
      next
    }
    if (identical(formals[[name]], quote(expr = ))) {
      rows <- c(rows, list(list(name, kind, FALSE, NULL)))
      next
    }
    default <- formals[[name]]
    if (is.null(default) || (is.atomic(default) && length(default) == 1)) {
      rows <- c(rows, list(list(name, kind, TRUE, default)))
    } else {
      rows <- c(rows, list(list(name, kind, TRUE, tools$`_MISSING`)))
    }
  }
  if ("..." %in% names(formals)) rows <- c(rows, list(list("kwargs", "varkw", FALSE, NULL)))
  rows
}

#' An R function as a Python function named `name`, with a mirroring signature.
py_function <- function(fn, name) {
  tools <- .py_class_tools()
  tools$make_function(reticulate::r_to_py(fn, convert = TRUE), name, py_params(fn))
}

#' The per-instance `private` environment of `self` (made on first use).
.private_envs <- new.env(parent = emptyenv())

instance_private <- function(self, fields, methods_env) {
  key <- as.character(reticulate::py_id(self))
  private <- .private_envs[[key]]
  if (is.null(private)) {
    private <- new.env(parent = emptyenv())
    scope <- new.env(parent = methods_env)
    scope$self <- self
    scope$private <- private
    for (name in names(fields)) {
      value <- fields[[name]]
      if (is.function(value)) environment(value) <- scope
      assign(name, value, envir = private)
    }
    assign(key, private, envir = .private_envs)
  }
  private
}

#' An R method as a Python method of the class whose methods share `methods_env`.
as_py_method <- function(fn, name, methods_env, private_fields) {
  if (inherits(fn, "python.builtin.object")) return(fn)
  active <- isTRUE(attr(fn, "active_property"))
  formals <- formals(fn)
  first <- if (name == "from_config") "cls" else "self"  # from_config is a classmethod
  if (!identical(names(formals)[1], first)) {
    formals(fn) <- c(stats::setNames(alist(x = ), first), formals)
  }
  body <- body(fn)
  if ("private" %in% all.names(body) && !"private" %in% names(formals)) {
    body <- substitute({
      private <- instance_private(self, FIELDS, parent.env(environment()))
      BODY
    }, list(BODY = body, FIELDS = private_fields))
  }
  if (name == "__init__") body <- substitute({ BODY; invisible(NULL) }, list(BODY = body))
  body(fn) <- body
  environment(fn) <- methods_env
  method <- py_function(fn, name)
  builtins <- reticulate::import_builtins(convert = FALSE)
  if (active) method <- builtins$property(method, method)
  if (name == "from_config") method <- builtins$classmethod(method)
  method
}

#' Mark a method as a Python property (keras3's active_property(), mark_active()).
active_property <- function(fn) structure(fn, active_property = TRUE)
mark_active <- active_property

#' `super`, as methods see it: `super$name` is Python's super().name, bound to the
#' method's `self`; `super()` is Python's super() itself.
make_super <- function() {
  structure(function(type = get("__class__", envir = environment(sys.function())),
                     object = get("self", envir = parent.frame())) {
    reticulate::import_builtins()$super(type, object)
  }, class = "rparity_super")
}

super_dollar <- function(x, name) {
  self <- get("self", envir = parent.frame())
  py_super <- reticulate::import_builtins(convert = FALSE)$super(
    get("__class__", envir = environment(x)), self)
  name <- switch(name, initialize = "__init__", finalize = "__del__", name)
  reticulate::py_to_r(reticulate::py_get_attr(py_super, name))
}

#' A new Python class `classname` from R members (methods and values).
#' @param inherit the base class (a Python type) or a list of them.
#' @param parent_env where the methods' free names are looked up.
new_py_type <- function(classname, members, inherit, parent_env, private = list()) {
  methods_env <- new.env(parent = parent_env)
  methods_env$super <- make_super()
  environment(methods_env$super) <- methods_env
  names(members) <- vapply(names(members), function(n) {
    switch(n, initialize = "__init__", finalize = "__del__", n)
  }, "")
  members <- Map(function(member, name) {
    if (is.function(member)) as_py_method(member, name, methods_env, private) else member
  }, members, names(members))
  if (is.null(members$`__module__`)) members$`__module__` <- "r_classes"
  bases <- if (is.list(inherit)) inherit else list(inherit)
  tools <- .py_class_tools()
  cls <- tools$new_class(classname, bases, reticulate::dict(members))
  methods_env$`__class__` <- cls
  assign(classname, cls, envir = methods_env)
  reticulate::py_to_r(cls)
}

#' The members given to a class constructor: named methods, `...` and `public`.
class_members <- function(named, dots, public) {
  members <- named[!vapply(named, is.null, logical(1))]
  for (name in names(dots)) members[[name]] <- dots[[name]]
  for (name in names(public)) members[[name]] <- public[[name]]
  members
}

#' An R constructor for `cls`: its formals are those of `initialize` (else `...`).
class_constructor <- function(cls, initialize, compose = FALSE) {
  formals <- if (is.function(initialize)) formals(initialize) else alist(... = )
  formals$self <- NULL
  if (compose) {
    fn <- function() NULL
    formals(fn) <- c(alist(object = NULL), formals)
    body(fn) <- quote({
      force(object)
      args <- wrapper_args("object")
      create_layer(`__class__`, object, args)
    })
  } else {
    fn <- function() NULL
    formals(fn) <- formals
    body(fn) <- quote({
      args <- wrapper_args()
      do.call(`__class__`, args)
    })
  }
  scope <- new.env(parent = environment(class_constructor))
  scope$`__class__` <- cls
  environment(fn) <- scope
  structure(fn, py_class = cls)
}

#' The Python class behind a constructor made by Layer(), Model(), ... (or `x` itself).
py_class_of <- function(x) attr(x, "py_class", exact = TRUE) %||% x

#' A custom layer class: `layer_linear <- Layer("Linear", initialize = ..., call = ...)`.
#' The result builds the layer and, like every layer_*(), composes it with a model or
#' tensor given first.
Layer <- function(classname, initialize = NULL, call = NULL, build = NULL, get_config = NULL,
                  ..., public = list(), private = list(), inherit = NULL,
                  parent_env = parent.frame()) {
  members <- class_members(list(initialize = initialize, call = call, build = build,
                                get_config = get_config), rlang::list2(...), public)
  cls <- new_py_type(classname, members, py_class_of(inherit %||% keras$Layer), parent_env,
                     private)
  class_constructor(cls, initialize, compose = TRUE)
}

#' A custom model class (subclassed keras.Model): train_step(), call(), ...
Model <- function(classname, initialize = NULL, call = NULL, train_step = NULL,
                  predict_step = NULL, test_step = NULL, compute_loss = NULL,
                  compute_metrics = NULL, ..., public = list(), private = list(),
                  inherit = NULL, parent_env = parent.frame()) {
  members <- class_members(list(initialize = initialize, call = call, train_step = train_step,
                                predict_step = predict_step, test_step = test_step,
                                compute_loss = compute_loss,
                                compute_metrics = compute_metrics), rlang::list2(...), public)
  cls <- new_py_type(classname, members, py_class_of(inherit %||% keras$Model), parent_env,
                     private)
  class_constructor(cls, initialize)
}

#' A custom loss class: `call(y_true, y_pred)` gives the per-sample losses.
Loss <- function(classname, call = NULL, ..., public = list(), private = list(),
                 inherit = NULL, parent_env = parent.frame()) {
  members <- class_members(list(call = call), rlang::list2(...), public)
  cls <- new_py_type(classname, members, py_class_of(inherit %||% keras$losses$Loss),
                     parent_env, private)
  class_constructor(cls, members$initialize)
}

#' A custom metric class: initialize(), update_state(), result(), reset_state().
Metric <- function(classname, initialize = NULL, update_state = NULL, result = NULL, ...,
                   public = list(), private = list(), inherit = NULL,
                   parent_env = parent.frame()) {
  members <- class_members(list(initialize = initialize, update_state = update_state,
                                result = result), rlang::list2(...), public)
  cls <- new_py_type(classname, members, py_class_of(inherit %||% keras$metrics$Metric),
                     parent_env, private)
  class_constructor(cls, initialize)
}

#' A custom callback class. Epoch and batch numbers are 1-based, as in keras3; a named
#' list returned by a method is merged into `logs`.
Callback <- function(classname, on_epoch_begin = NULL, on_epoch_end = NULL,
                     on_train_begin = NULL, on_train_end = NULL, on_train_batch_begin = NULL,
                     on_train_batch_end = NULL, on_test_begin = NULL, on_test_end = NULL,
                     on_test_batch_begin = NULL, on_test_batch_end = NULL,
                     on_predict_begin = NULL, on_predict_end = NULL,
                     on_predict_batch_begin = NULL, on_predict_batch_end = NULL, ...,
                     public = list(), private = list(), inherit = NULL,
                     parent_env = parent.frame()) {
  hooks <- list(on_epoch_begin = on_epoch_begin, on_epoch_end = on_epoch_end,
                on_train_begin = on_train_begin, on_train_end = on_train_end,
                on_train_batch_begin = on_train_batch_begin,
                on_train_batch_end = on_train_batch_end, on_test_begin = on_test_begin,
                on_test_end = on_test_end, on_test_batch_begin = on_test_batch_begin,
                on_test_batch_end = on_test_batch_end, on_predict_begin = on_predict_begin,
                on_predict_end = on_predict_end,
                on_predict_batch_begin = on_predict_batch_begin,
                on_predict_batch_end = on_predict_batch_end)
  members <- class_members(hooks, rlang::list2(...), public)
  cls <- new_py_type(classname, members, py_class_of(inherit %||% keras$callbacks$Callback),
                     parent_env, private)
  wrap_callback_methods(cls, names(members))
  class_constructor(cls, members$initialize)
}

#' A custom learning rate schedule: `call(step)` gives the rate at optimizer step `step`
#' (Python's `__call__`); instances are given to an optimizer as its `learning_rate`.
LearningRateSchedule <- function(classname, call = NULL, initialize = NULL, get_config = NULL,
                                 ..., public = list(), private = list(), inherit = NULL,
                                 parent_env = parent.frame()) {
  members <- class_members(list(initialize = initialize, `__call__` = call,
                                get_config = get_config), rlang::list2(...), public)
  base <- inherit %||% keras$optimizers$schedules$LearningRateSchedule
  cls <- new_py_type(classname, members, py_class_of(base), parent_env, private)
  class_constructor(cls, initialize)
}

#' Give the on_*() methods Keras' signatures: (self, index, logs) with the index
#' made 1-based, or (self, logs).
wrap_callback_methods <- function(cls, names) {
  tools <- .py_class_tools()
  builtins <- reticulate::import_builtins(convert = FALSE)
  for (name in grep("^on_", names, value = TRUE)) {
    method <- builtins$getattr(cls, name)
    with_index <- grepl("^on_(epoch|batch|train_batch|test_batch|predict_batch)_", name)
    builtins$setattr(cls, name, tools$callback_method(method, with_index))
  }
}

new_layer_class <- Layer
new_model_class <- Model
new_loss_class <- Loss
new_metric_class <- Metric
new_callback_class <- Callback
new_learning_rate_schedule_class <- LearningRateSchedule

#' `ClassName(Base) %py_class% { method <- function(...) ... }`: a Python class made
#' from the functions and values the body defines, assigned to `ClassName` in the
#' caller's environment (and returned invisibly).
`%py_class%` <- function(spec, body) {
  spec <- substitute(spec)
  parent_env <- parent.frame()
  inherit <- NULL
  if (is.call(spec)) {
    inherit <- lapply(as.list(spec)[-1], function(base) py_class_of(eval(base, parent_env)))
    spec <- spec[[1]]
  }
  classname <- as.character(spec)
  scope <- new.env(parent = parent_env)
  scope$private <- new.env(parent = emptyenv())
  eval(substitute(body), scope)
  private <- as.list(scope$private, all.names = TRUE)
  rm("private", envir = scope)
  members <- as.list(scope, all.names = TRUE)
  cls <- new_py_type(classname, members, inherit %||% list(), parent_env, private)
  assign(classname, cls, envir = parent_env)
  invisible(cls)
}

register_py_class_methods <- function(env) {
  registerS3method("$", "rparity_super", super_dollar, envir = env)
  registerS3method("[[", "rparity_super", super_dollar, envir = env)
}
