"""Each construct the porter translates: an R snippet and the Python it becomes.

R parses each snippet (through the bridge); the translation is compared line by line.
"""

from __future__ import annotations

import textwrap

import pytest

from keras_rparity.port import translate
from keras_rparity.port.parse_tree import parse_r_file


def port_body(tmp_path, code: str, **options) -> list[str]:
    """The translated Python lines of an R snippet (imports and header left out)."""
    path = tmp_path / "snippet.R"
    path.write_text(textwrap.dedent(code).strip() + "\n")
    text = translate(parse_r_file(path), **options).text
    lines = text.splitlines()
    start = max((i for i, line in enumerate(lines)
                 if line.startswith(("import ", "from ", '"""'))), default=-1) + 1
    body, helper = [], False
    for line in lines[start:]:
        helper = line.startswith("def r_") or (helper and line.startswith((" ", "#")))
        if line.strip() and not helper:
            body.append(line)
    return body


CASES = [
    # names, numbers, operators
    ("x.train <- 1:10", ["x_train = np.arange(1, 11)"]),
    ("y <- c(1, 2.5)", ["y = np.array([1.0, 2.5])"]),
    ("y <- c(1L, 2L)", ['y = np.array([1, 2], dtype="int32")']),
    ("z <- (a %/% 3) %% 2 + b^2", ["z = (a // 3) % 2 + b ** 2"]),
    ("m <- a > 1 & b < 2", ["m = (a > 1) & (b < 2)"]),
    ("k <- ifelse(a > 0, 1, -1)", ["k = np.where(a > 0, 1, -1)"]),
    ("s <- seq(0, 1, by = 0.25)", ["s = np.arange(0, 1 + 0.25 / 2, 0.25)"]),
    ("r <- rep(c(1, 2), each = 3)", ["r = np.repeat(np.array([1.0, 2.0]), 3)"]),
    ("r <- rep(0, n)", ["r = np.full(n, 0.0)"]),
    ("n <- seq_len(nrow(x))", ["n = np.arange(1, x.shape[0] + 1)"]),
    # indexing: 1-based, negative drops, drop = FALSE, masks
    ("a <- x[, 1]", ["a = x[:, 0]"]),
    ("a <- x[2:5, , drop = FALSE]", ["a = x[1:5]"]),
    ("a <- x[-1, ]", ["a = np.delete(x, 0, axis=0)"]),
    ("a <- x[1, , drop = FALSE]", ["a = x[0:1]"]),
    ("keep <- y == 2\na <- x[keep, , drop = FALSE]",
     ["keep = y == 2", "a = x[np.ravel(keep)]"]),
    ("l <- list(a = 1, b = 'x')\nv <- l$a", ['l_ = {"a": 1, "b": "x"}', 'v = l_["a"]']),
    # matrices and arrays: column-major fill, array_reshape row-major
    ("m <- matrix(v, nrow = 2)", ['m = np.reshape(v, (2, -1), order="F")']),
    ("m <- matrix(v, ncol = 3, byrow = TRUE)", ["m = np.reshape(v, (-1, 3))"]),
    ("a <- array(v, dim = c(2, 3, 4))", ['a = np.reshape(v, (2, 3, 4), order="F")']),
    ("a <- array_reshape(x, c(10, 784))", ["a = np.reshape(x, (10, 784))"]),
    ("dim(x) <- c(dim(x), 1)", ['x = np.reshape(x, (*x.shape, 1), order="F")']),
    ("d <- dim(x)[1]", ["d = x.shape[0]"]),
    ("m <- as.matrix(df)", ["m = np.asarray(df).reshape(len(df), -1)"]),
    ("b <- cbind(a, b)", ["b = np.column_stack([a, b])"]),
    ("s <- apply(x, 2, mean)", ["s = np.apply_along_axis(np.mean, 0, x)"]),
    ("s <- sapply(v, sqrt)", ["s = np.array([np.sqrt(item) for item in v])"]),
    # data frames from CSV
    ("df <- read.csv('d.csv')\nw <- df$width\nm <- df[, c('a', 'b')]",
     ['df = pd.read_csv("d.csv")', 'w = df["width"]', 'm = df[["a", "b"]]']),
    ("df <- read.table('d.txt', header = TRUE)",
     ['df = pd.read_csv("d.txt", sep=r"\\s+")']),
    ("s <- scale(x)", ["s = r_scale(x)"]),
    ("k <- as.integer(factor(v)) - 1L", ["k = r_factor_codes(v) - 1"]),
    # control flow, functions, printing
    ("for (i in 1:3) print(i)", ["for i in range(1, 4):", "    print(i)"]),
    ("for (i in seq_len(n)) cat('step', i, '\\n')",
     ["for i in range(1, n + 1):", '    print("step", i)']),
    ("if (a > 1) b <- 1 else b <- 2", ["b = 1 if a > 1 else 2"]),
    ("f <- function(x, k = 2) {\n  y <- x * k\n  y\n}",
     ["def f(x, k=2):", "    y = x * k", "    return y"]),
    ("f <- function(n = length(v)) n", ["def f(n=None):", "    if n is None:",
                                         "        n = np.size(v)", "    return n"]),
    ("msg <- paste0('loss ', round(lv, 3))", ['msg = f"loss {np.round(lv, 3)}"']),
    ("l <- 1", ["l_ = 1"]),
    # Keras calls
    ("set_random_seed(42)", ["keras.utils.set_random_seed(42)"]),
    ("y <- to_categorical(y, 10)", ["y = keras.utils.to_categorical(y, 10)"]),
    ("model <- keras_model_sequential(input_shape = 4) %>%\n"
     "  layer_dense(units = 8, activation = 'relu') %>%\n  layer_dense(1)",
     ["model = keras.Sequential([",
      "    keras.Input(shape=(4,)),",
      '    keras.layers.Dense(8, activation="relu"),',
      "    keras.layers.Dense(1),",
      "])"]),
    ("model <- keras_model_sequential() |>\n"
     "  layer_conv_2d(filter = 8, kernel_size = c(3, 3), input_shape = c(28, 28, 1))",
     ["model = keras.Sequential([",
      "    keras.Input(shape=(28, 28, 1)),",
      "    keras.layers.Conv2D(8, kernel_size=(3, 3)),",
      "])"]),
    ("inputs <- keras_input(shape = c(28, 28))\nh <- inputs %>% layer_flatten() %>% "
     "layer_dense(units = 4)\nmodel <- keras_model(inputs, h)",
     ["inputs = keras.Input(shape=(28, 28))", "h = keras.layers.Flatten()(inputs)",
      "h = keras.layers.Dense(4)(h)", "model = keras.Model(inputs, h)"]),
    ("o <- optimizer_sgd(lr = 0.1)", ["o = keras.optimizers.SGD(learning_rate=0.1)"]),
    ("s <- learning_rate_schedule_exponential_decay(0.1, decay_steps = 10, decay_rate = 0.5)",
     ["s = keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.5)"]),
    ("lo <- loss_binary_crossentropy(from_logits = TRUE)",
     ["lo = keras.losses.BinaryCrossentropy(from_logits=True)"]),
    ("v <- op_sum(x, axis = 2)", ["v = keras.ops.sum(x, axis=1)"]),
    ("m <- layer_concatenate(list(a, b), axis = 1)",
     ["m = keras.layers.Concatenate(axis=0)([a, b])"]),
    ("model %>% compile(optimizer = 'adam', loss = 'mse', metrics = 'mae')",
     ['model.compile(optimizer="adam", loss="mse", metrics=["mae"])']),
    ("h <- model %>% fit(x, y, validation_data = list(xv, yv), initial_epoch = 2)",
     ["h = model.fit(x, y, epochs=10, validation_data=(xv, yv), initial_epoch=1)"]),
    ("h <- model %>% fit(x, y, callbacks = callback_early_stopping(patience = 2))",
     ["h = model.fit(x, y, epochs=10, callbacks=[keras.callbacks.EarlyStopping(patience=2)])"]),
    ("s <- evaluate(model, x, y)", ["s = model.evaluate(x, y, return_dict=True)"]),
    ("h <- fit(model, x, y)\nplot(h)\nt <- as.data.frame(h)",
     ["h = model.fit(x, y, epochs=10)", "pd.DataFrame(h.history).plot()",
      "t = pd.DataFrame(h.history)"]),
    ("c(c(x, y), c(xt, .)) %<-% dataset_mnist()",
     ["(x, y), (xt, _) = keras.datasets.mnist.load_data()"]),
    ("d <- dataset_mnist()\nx <- d$train$x", ["d = keras.datasets.mnist.load_data()",
                                                "x = d[0][0]"]),
    ("d <- dataset_mnist()\nd$train$x <- d$train$x[1:10, , ]",  # R's lists are mutable
     ["d = [list(split) for split in keras.datasets.mnist.load_data()]",
      "d[0][0] = d[0][0][:10]"]),
    ("library(keras3)\nx <- 1", ["x = 1"]),
    ("freeze_weights(base)", ["base.trainable = False"]),
    ("model |> freeze_weights(from = 1, to = -2)",
     ["for layer in model.layers[0:-1]:", "    layer.trainable = False"]),
    ("unfreeze_weights(model, from = 3)",
     ["for layer in model.layers[2:]:", "    layer.trainable = True"]),
    ("shape <- c(28, 28, 1)\ninputs <- keras_input(shape = shape)",
     ["shape = np.array([28.0, 28.0, 1.0])", "inputs = keras.Input(shape=tuple(map(int, shape)))"]),
    ("outs <- lapply(model$layers, function(x) x$output)",
     ["outs = [x.output for x in model.layers]"]),
    ("x <- random_normal(c(8, 2), seed = 1)", ["x = keras.random.normal((8, 2), seed=1)"]),
    ("p <- pad_sequences(s, maxlen = 5, padding = 'post')",
     ['p = keras.utils.pad_sequences(s, maxlen=5, padding="post")']),
    ("m <- application_vgg19(weights = NULL)", ["m = keras.applications.VGG19(weights=None)"]),
    ("unlink('m.keras')", ['Path("m.keras").unlink(missing_ok=True)']),
    ("s <- sprintf('%d of %.2f', i, v)", ['s = f"{int(i):d} of {v:.2f}"']),
    ("ds <- tensor_slices_dataset(list(x, y)) |> dataset_batch(32) |> "
     "dataset_prefetch(tf$data$AUTOTUNE)",
     ["ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(32).prefetch(tf.data.AUTOTUNE)"]),
    ("train_dataset <- tensor_slices_dataset(list(x_train, y_train)) |> "
     "dataset_shuffle(1024) |> dataset_batch(batch_size) |> dataset_prefetch(tf$data$AUTOTUNE)",
     ["train_dataset = (", "    tf.data.Dataset.from_tensor_slices((x_train, y_train))",
      "    .shuffle(1024)", "    .batch(batch_size)", "    .prefetch(tf.data.AUTOTUNE)", ")"]),
    ("f <- function(x) {\n  if (x < 0) stop('negative: ', x)\n  sqrt(x)\n}",
     ["def f(x):", "    if x < 0:", '        raise ValueError(f"negative: {x}")',
      "    return np.sqrt(x)"]),
    ("# the data\nx <- 1  # one\ny <- 2", ["# the data", "x = 1  # one", "y = 2"]),
    # keras3's R helpers as methods of the object
    ("cfg <- get_config(get_layer(model, index = 1))\nnew <- from_config(cfg)",
     ["cfg = model.get_layer(index=0).get_config()",
      "new = type(model.get_layer(index=0)).from_config(cfg)"]),
    ("cfg <- model |> get_config()\nm2 <- from_config(cfg, custom_objects = list(Twice = t2))",
     ["cfg = model.get_config()",
      'm2 = type(model).from_config(cfg, custom_objects={"Twice": t2})']),
    ("w <- get_weights(model)\nset_weights(model2, w)",
     ["w = model.get_weights()", "model2.set_weights(w)"]),
    ("save_model(model, 'm.keras')\nm2 <- load_model('m.keras')",
     ['model.save("m.keras")', 'm2 = keras.models.load_model("m.keras")']),
    ("ok <- isTRUE(all.equal(predict(m2, x), predict(model, x)))",
     ["ok = r_all_equal(m2.predict(x), model.predict(x)) is True"]),
    ("stopifnot(all.equal(a, b, tolerance = 1e-6))",
     ["assert r_all_equal(a, b, tolerance=1e-06)"]),
    # legacy `keras` names: k_* backend functions are op_*, lr = is learning_rate =
    ("m <- k_mean(x, axis = 2)\ne <- k_epsilon()",
     ["m = keras.ops.mean(x, axis=1)", "e = keras.config.epsilon()"]),
    ("model <- keras_model_sequential() %>%\n"
     "  layer_dense(units = 4, input_shape = c(3)) %>%\n  layer_dense(units = 1)",
     ["model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(4), "
      "keras.layers.Dense(1)])"]),
    # R's doubles reach Keras' ops as floats (integers would make integer tensors)
    ("w <- op_where(x > 0, x, 0)", ["w = keras.ops.where(x > 0, x1=x, x2=0.0)"]),
    # arithmetic of scalars is a scalar: a shape of one dimension
    ("model <- keras_model_sequential(input_shape = 28 * 28) |> layer_dense(10)",
     ["model = keras.Sequential([keras.Input(shape=(28 * 28,)), keras.layers.Dense(10)])"]),
    # methods of Python objects, named lists, one-argument functions written inline
    ("with(tf$GradientTape() %as% tape, {\n  loss <- op_mean(op_square(y))\n})\n"
     "g <- tape$gradient(loss, w)",
     ["with tf.GradientTape() as tape:", "    loss = keras.ops.mean(keras.ops.square(y))",
      "g = tape.gradient(loss, w)"]),
    ("model <- keras_model(inputs, outputs)\nfor (m in model$metrics) print(m$name)",
     ["model = keras.Model(inputs, outputs)", "for m in model.metrics:", "    print(m.name)"]),
    ("model <- keras_model(inputs, outputs)\n"
     "r <- setNames(lapply(model$metrics, function(m) m$result()),\n"
     "              vapply(model$metrics, function(m) m$name, ''))",
     ["model = keras.Model(inputs, outputs)",
      "r = dict(zip([m.name for m in model.metrics], [m.result() for m in model.metrics], "
      "strict=True))"]),
    ("h <- list(loss = 1)\nv <- h$loss\nf <- h$update()",
     ['h = {"loss": 1}', 'v = h["loss"]', 'f = h["update"]()']),
    # iterators and assignments in expressions (reticulate, tfdatasets)
    ("it <- as_iterator(ds)\nwhile (!is.null(batch <- iter_next(it))) print(batch)",
     ["it = iter(ds)", "while (batch := next(it, None)) is not None:", "    print(batch)"]),
    ("iterate(ds, function(b) {\n  print(b)\n})", ["for b in ds:", "    print(b)"]),
    ("(n <- nrow(x))", ["n = x.shape[0]", "print(n)"]),
    # unpacking: zeallot's defaults, dotty's .[a, b] <-, magrittr's %<>% and `op`()
    ("c(x, y = NULL, w = NULL) %<-% data", ["x, y, w = (*data, None, None)[:3]"]),
    (".[a, b] <- list(1, 2)", ["a, b = [1, 2]"]),
    ("x %<>% `*`(2)\ns %<>% `+`(op_shape(.))", ["x = x * 2", "s = s + keras.ops.shape(s)"]),
    ("s <- ds %>% dataset_map(function(x) x / 255)",
     ["s = ds.map(lambda x: x / 255)"]),
    # definitions wrapped by R calls are decorated in Python
    ("step <- tf_function(function(x) x * 2)", ["@tf.function", "def step(x):",
                                                 "    return x * 2"]),
    ("layer_x <- register_keras_serializable(\n"
     "  Layer('X', call = function(inputs) inputs), package = 'P')",
     ['@keras.saving.register_keras_serializable(package="P")',
      "class X(keras.layers.Layer):", "    def call(self, inputs):", "        return inputs"]),
    # keras3's (de)serialization helpers
    ("cfg <- serialize_keras_object(r)\nr2 <- deserialize_keras_object(cfg)",
     ["cfg = keras.saving.serialize_keras_object(r)",
      "r2 = keras.saving.deserialize_keras_object(cfg)"]),
    ("with_custom_object_scope(list(X = f), {\n  m <- load_model('m.keras')\n})",
     ['with keras.saving.custom_object_scope({"X": f}):',
      '    m = keras.models.load_model("m.keras")']),
    ("set_custom_objects(clear = TRUE)", ["keras.saving.get_custom_objects().clear()"]),
    ("m2 <- clone_model(model)\nsave_model_config(m2, 'c.json')\n"
     "m3 <- load_model_config('c.json')",
     ["m2 = keras.models.clone_model(model)", 'Path("c.json").write_text(m2.to_json())',
      'm3 = keras.models.model_from_json(Path("c.json").read_text())']),
    # base R: the clock, do.call, one element of head/tail
    ("t0 <- Sys.time()", ["t0 = datetime.now()"]),
    ("n <- 4\na <- shape(n, 2)\nb <- shape(n)\nd <- shape(images)[[1]]",
     ["n = 4", "a = (n, 2)", "b = (n,)", "d = keras.ops.shape(images)[0]"]),
    ("`add<-` <- `+`\nadd(n) <- 1L", ["add__ = operator.add", "n = add__(n, 1)"]),
    ("x <- 1; y <- 2\nf <- function() { a <- 1; a }",
     ["x = 1", "y = 2", "def f():", "    a = 1", "    return a"]),
    ("f <- function(units) units\nargs <- list(units = 2)\nv <- do.call(f, args)",
     ["def f(units):", "    return units", 'args = {"units": 2}', "v = f(**args)"]),
    ("d <- tail(input_shape, 1)", ["d = input_shape[-1]"]),
    # the generated endpoint's argument order; whole numbers stay integers (decay steps)
    ("s <- learning_rate_schedule_exponential_decay(0.1, 100, decay_rate = 0.96)",
     ["s = keras.optimizers.schedules.ExponentialDecay(0.1, 100, 0.96)"]),
    ("d <- layer_dense(units = 7 * 7 * 128)", ["d = keras.layers.Dense(7 * 7 * 128)"]),
    ("cfgs <- list(a = list(opt = f))\np <- cfgs[['a']]\no <- p$opt()",
     ['cfgs = {"a": {"opt": f}}', 'p = cfgs["a"]', 'o = p["opt"]()']),
]


@pytest.mark.parametrize(("code", "expected"), CASES, ids=[c for c, _ in CASES])
def test_construct(tmp_path, code, expected):
    assert port_body(tmp_path, code) == expected


def test_new_layer_class(tmp_path):
    code = """
    layer_twice <- new_layer_class(
      "Twice",
      initialize = function(factor = 2, ...) {
        super$initialize(...)
        self$factor <- factor
      },
      call = function(inputs) {
        inputs * self$factor
      }
    )
    out <- inputs %>% layer_twice(factor = 3)
    """
    assert port_body(tmp_path, code) == [
        "class Twice(keras.layers.Layer):",
        "    def __init__(self, factor=2, **kwargs):",
        "        super().__init__(**kwargs)",
        "        self.factor = factor",
        "    def call(self, inputs):",
        "        return inputs * self.factor",
        "out = Twice(factor=3)(inputs)",
    ]


def test_model_and_loss_classes(tmp_path):
    code = """
    MyLoss <- new_loss_class("MyLoss",
                             call = function(y_true, y_pred) op_mean(op_abs(y_true - y_pred)))
    loss <- MyLoss()
    """
    assert port_body(tmp_path, code) == [
        "class MyLoss(keras.losses.Loss):",
        "    def call(self, y_true, y_pred):",
        "        return keras.ops.mean(keras.ops.abs(y_true - y_pred))",
        "loss = MyLoss()",
    ]


def test_untranslated_line_raises_by_default(tmp_path):
    lines = port_body(tmp_path, "x <- runif(3)\ny <- x + 1")
    assert lines[0] == "# R (not translated): x <- runif(3)"
    assert lines[1].startswith("# reason: runif() draws from R's random number generator")
    assert lines[2] == 'raise NotImplementedError("R line 1 is not translated: x <- runif(3)")'
    assert lines[3:] == ["x = None  # set by the R line above", "y = x + 1"]


def test_untranslated_line_with_data_from_r(tmp_path):
    lines = port_body(tmp_path, "x <- runif(4)\nz <- x * 2\nfit(model, x, z, epochs = 1)",
                      data_from_r=True)
    assert "# needs x (from untranslated R lines):" in lines
    assert "# z = x * 2" in lines
    assert lines[-1] == "model.fit(*next(r_fits), epochs=1)"


def test_user_layer_in_a_sequential_model_is_added_where_r_builds_it(tmp_path):
    code = """
    layer_scaled <- Layer("Scaled", call = function(inputs) inputs * 2)
    model <- keras_model_sequential(input_shape = 4) |>
      layer_dense(units = 8) |>
      layer_scaled() |>
      layer_dense(units = 1)
    objects <- list(Scaled = layer_scaled)
    """
    assert port_body(tmp_path, code)[-4:] == [
        "model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(8)])",
        "model.add(Scaled())",
        "model.add(keras.layers.Dense(1))",
        'objects = {"Scaled": Scaled}',
    ]


def test_private_fields_and_super_methods(tmp_path):
    code = """
    callback_losses <- Callback(
      "Losses",
      initialize = function(file) {
        super$initialize()
        private$file <- file
      },
      on_train_end = function(logs = NULL) {
        super$on_train_end(logs)
        cat(private$file, "\\n")
      }
    )
    """
    assert port_body(tmp_path, code) == [
        "class Losses(keras.callbacks.Callback):",
        "    def __init__(self, file):",
        "        super().__init__()",
        "        self._file = file",
        "    def on_train_end(self, logs=None):",
        "        super().on_train_end(logs)",
        "        print(self._file)",
    ]


def test_subclassed_model_with_train_step(tmp_path):
    code = """
    custom_model <- Model(
      "CustomModel",
      train_step = function(data) {
        c(x, y) %<-% data
        with(tf$GradientTape() %as% tape, {
          y_pred <- self(x, training = TRUE)
          loss <- self$compute_loss(y = y, y_pred = y_pred)
        })
        self$optimizer$apply(tape$gradient(loss, self$trainable_variables),
                             self$trainable_variables)
        for (metric in self$metrics) metric$update_state(y, y_pred)
        setNames(lapply(self$metrics, function(m) m$result()),
                 sapply(self$metrics, function(m) m$name))
      }
    )
    model <- custom_model()
    """
    assert port_body(tmp_path, code) == [
        "class CustomModel(keras.Model):",
        "    def train_step(self, data):",
        "        x, y = data",
        "        with tf.GradientTape() as tape:",
        "            y_pred = self(x, training=True)",
        "            loss = self.compute_loss(y=y, y_pred=y_pred)",
        "        self.optimizer.apply(",
        "            tape.gradient(loss, self.trainable_variables),",
        "            self.trainable_variables,",
        "        )",
        "        for metric in self.metrics:",
        "            metric.update_state(y, y_pred)",
        "        return dict(",
        "            zip(",
        "                np.array([m.name for m in self.metrics]),",
        "                [m.result() for m in self.metrics],",
        "                strict=True,",
        "            ),",
        "        )",
        "model = CustomModel()",
    ]


def test_active_properties_of_a_class(tmp_path):
    code = """
    Tracker <- new_model_class(
      "Tracker",
      metrics = mark_active(function() list(self$a, self$b))
    )
    """
    assert port_body(tmp_path, code) == [
        "class Tracker(keras.Model):",
        "    @property",
        "    def metrics(self):",
        "        return [self.a, self.b]",
    ]


def test_function_with_untranslated_lines_gives_r_values(tmp_path):
    code = """
    make <- function(n) {
      k <- sample.int(n)
      list(x = k)
    }
    d <- make(4)
    fit(model, d$x, d$x, epochs = 1)
    """
    lines = port_body(tmp_path, code, data_from_r=True)
    assert "# needs make (from untranslated R lines):" in lines
    assert lines[-1] == "model.fit(*next(r_fits), epochs=1)"


def test_function_whose_untranslated_lines_only_print_still_runs(tmp_path):
    code = """
    show <- function(msg) {
      cat(glue::glue(msg))
      msg
    }
    m <- show("x")
    """
    lines = port_body(tmp_path, code, data_from_r=True)
    assert lines[-1] == 'm = show("x")'


def test_dots_take_unnamed_arguments_when_the_program_passes_them(tmp_path):
    code = """
    CustomModel <- new_model_class(
      "CustomModel",
      initialize = function(...) super$initialize(...)
    )
    model <- CustomModel(inputs, outputs)
    """
    assert port_body(tmp_path, code) == [
        "class CustomModel(keras.Model):",
        "    def __init__(self, *args, **kwargs):",
        "        super().__init__(*args, **kwargs)",
        "model = CustomModel(inputs, outputs)",
    ]


def test_nested_dot_on_a_computed_value_is_left_to_the_user(tmp_path):
    lines = port_body(tmp_path, "y <- op_abs(x) %>% op_add(op_shape(.))")
    assert lines[0] == "# R (not translated): y <- op_abs(x) %>% op_add(op_shape(.))"
    assert lines[1].startswith("# reason: a `.` inside a piped call's arguments on a computed")
