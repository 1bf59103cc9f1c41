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
    ("library(keras3)\nx <- 1", ["x = 1"]),
    ("freeze_weights(base)", ["base.trainable = False"]),
    ("model |> freeze_weights(from = 1, to = -2)",
     ["for layer in model.layers[0:-1]:", "    layer.trainable = False"]),
    ("unfreeze_weights(model, from = 3)",
     ["for layer in model.layers[2:]:", "    layer.trainable = True"]),
    ("shape <- c(28, 28, 1)\ninputs <- keras_input(shape = shape)",
     ["shape = np.array([28.0, 28.0, 1.0])", "inputs = keras.Input(shape=tuple(map(int, shape)))"]),
    ("outs <- lapply(model$layers, function(x) x$output)",
     ["outs = [(lambda x: x.output)(item) for item in model.layers]"]),
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
