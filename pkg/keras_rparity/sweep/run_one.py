"""Train and evaluate one :class:`~keras_rparity.sweep.grid.RunConfig`.

One run: load the data (cached per process), clear the Keras session, seed
with :func:`keras_rparity.determinism.seed_everything` right before building
the model, compile with sparse categorical cross-entropy and accuracy, ``fit``
with ``validation_data`` = the test split (as the conv-net comparison does;
so "validation" and "test" are the same images, and the final validation
accuracy equals the test accuracy), then evaluate on the test split and count
a confusion matrix from its predictions.

Example (trains a tiny model; needs Fashion-MNIST):
>>> from keras_rparity.sweep.grid import RunConfig
>>> config = RunConfig("fashion_mnist", "dense", "relu", "adam", seed=1, epochs=1, per_class=5)
>>> result = run_one(config)
>>> result.confusion.shape, len(result.history["val_accuracy"])
((10, 10), 1)
"""

from __future__ import annotations

import functools
import logging
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from keras_rparity.data.images import ImageDataset, load_image_dataset
from keras_rparity.determinism import seed_everything
from keras_rparity.pool.worker_setup import intra_op_threads
from keras_rparity.sweep.grid import RunConfig
from keras_rparity.sweep.models import build_model
from keras_rparity.sweep.optimizers import make_optimizer, optimizer_params
from keras_rparity.training_state import build_training_state

#: Loss of every run (integer labels; same value as categorical cross-entropy on one-hot).
LOSS = "sparse_categorical_crossentropy"

#: Keras history keys recorded for every epoch, in this order.
HISTORY_KEYS = ("loss", "accuracy", "val_loss", "val_accuracy")


@dataclass
class RunResult:
    """What one run produced.

    Attributes:
        config: the run's configuration.
        history: per-epoch ``loss``, ``accuracy``, ``val_loss``, ``val_accuracy`` lists.
        test_loss: loss of the trained model on the test split.
        test_accuracy: accuracy on the test split.
        confusion: ``(num_classes, num_classes)`` counts; row = true class, column = predicted.
        seconds: wall time from building the model to the last prediction.
        param_count: trainable + non-trainable parameters.
        class_names: names of the classes, in label order.
        environment: process facts (host, pid, ``KERAS_HOME``, library versions, TensorFlow's
            intra-op threads, CPU seconds of the process during the run).
    """

    config: RunConfig
    history: dict[str, list[float]]
    test_loss: float
    test_accuracy: float
    confusion: np.ndarray
    seconds: float
    param_count: int
    class_names: tuple[str, ...] = ()
    environment: dict[str, Any] = field(default_factory=dict)

    @property
    def run_id(self) -> str:
        return self.config.run_id

    @property
    def epochs(self) -> int:
        return len(self.history.get("loss", []))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (see :meth:`from_dict`)."""
        return {
            "run_id": self.run_id,
            "config": self.config.settings(),
            "optimizer_params": optimizer_params(self.config.optimizer),
            "history": {k: [float(v) for v in vs] for k, vs in self.history.items()},
            "test_loss": float(self.test_loss),
            "test_accuracy": float(self.test_accuracy),
            "confusion": np.asarray(self.confusion, dtype=np.int64).tolist(),
            "seconds": float(self.seconds),
            "param_count": int(self.param_count),
            "class_names": list(self.class_names),
            "environment": dict(self.environment),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunResult:
        """Rebuild a result saved with :meth:`to_dict`."""
        return cls(
            config=RunConfig.from_settings(data["config"]),
            history={k: [float(v) for v in vs] for k, vs in data["history"].items()},
            test_loss=float(data["test_loss"]),
            test_accuracy=float(data["test_accuracy"]),
            confusion=np.asarray(data["confusion"], dtype=np.int64),
            seconds=float(data["seconds"]),
            param_count=int(data["param_count"]),
            class_names=tuple(data.get("class_names", ())),
            environment=dict(data.get("environment", {})),
        )


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int) -> np.ndarray:
    """Counts of (true, predicted) label pairs; rows are true classes.

    Example:
    >>> confusion_matrix(np.array([0, 1, 1]), np.array([0, 0, 1]), 2).tolist()
    [[1, 0], [1, 1]]
    """
    y_true = np.asarray(y_true, dtype=np.int64).reshape(-1)
    y_pred = np.asarray(y_pred, dtype=np.int64).reshape(-1)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred differ in length: {y_true.size} vs {y_pred.size}")
    counts = np.bincount(y_true * num_classes + y_pred, minlength=num_classes * num_classes)
    return counts.reshape(num_classes, num_classes)


@functools.lru_cache(maxsize=2)
def cached_dataset(name: str, per_class: int | None) -> ImageDataset:
    """:func:`load_image_dataset`, loaded once per process and (name, per_class)."""
    return load_image_dataset(name, per_class)


class _NotRetracing(logging.Filter):
    """Drops TensorFlow's "frequent tf.function retracing" warning (see
    :func:`new_model_per_run`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "triggered tf.function retracing" not in record.getMessage()


@contextmanager
def new_model_per_run() -> Iterator[None]:
    """While the block runs, TensorFlow does not warn about "frequent retracing".

    TensorFlow counts the traces of every model's train and test functions together (they
    share Keras' Python function), so a worker's warm-up and first short runs, each
    training a new model, set the warning off. A sweep builds a new model per run on
    purpose: each model's functions are traced once, and the warning's advice (define the
    function outside the loop) does not apply. Only that warning is dropped, only here.
    """
    logger, dropped = logging.getLogger("tensorflow"), _NotRetracing()
    logger.addFilter(dropped)
    try:
        yield
    finally:
        logger.removeFilter(dropped)


def warm_up(dataset: str, per_class: int | None) -> None:
    """Prepare a worker before its first run: load the data, start Keras' training machinery.

    Trains a throw-away dense model for one step on two images, so the first real run
    does not pay TensorFlow's one-time start-up. Each run seeds and clears the session
    itself, so this leaves no trace in any run's numbers.
    """
    import keras

    data = cached_dataset(dataset, per_class)
    model = build_model("dense", "relu", data.num_classes, data.input_shape)
    model.compile(optimizer="sgd", loss=LOSS, metrics=["accuracy"])
    with new_model_per_run():
        model.fit(data.x_train[:2], data.y_train[:2], epochs=1, batch_size=2, verbose=0,
                  validation_data=(data.x_test[:2], data.y_test[:2]))
        model.evaluate(data.x_test[:2], data.y_test[:2], verbose=0)
    keras.backend.clear_session()


def _environment(data: ImageDataset) -> dict[str, Any]:
    import keras
    import tensorflow as tf

    return {"host": socket.gethostname(), "pid": os.getpid(),
            "keras_home": os.environ.get("KERAS_HOME"),
            "data_source": data.source, "keras": keras.__version__,
            "tensorflow": tf.__version__, "intra_op_threads": intra_op_threads()}


def predict_classes(model: Any, x: np.ndarray, batch_size: int) -> np.ndarray:
    """Most probable class of each row of ``x``, from eager calls batch by batch.

    (``model.predict`` would trace a new ``tf.function`` for every model of a sweep,
    and TensorFlow then warns about retracing.)
    """
    import keras

    classes = [keras.ops.convert_to_numpy(model(x[i:i + batch_size], training=False)).argmax(1)
               for i in range(0, len(x), batch_size)]
    return np.concatenate(classes) if classes else np.zeros(0, dtype=np.int64)


def train(config: RunConfig, data: ImageDataset) -> RunResult:
    """Build, fit and evaluate the model of ``config`` on ``data``."""
    import keras

    keras.backend.clear_session()
    start, cpu_start = time.perf_counter(), time.process_time()
    seed_everything(config.seed)
    model = build_model(config.model, config.activation, data.num_classes, data.input_shape)
    model.compile(optimizer=make_optimizer(config.optimizer), loss=LOSS, metrics=["accuracy"])
    build_training_state(model, data.x_train, data.y_train)
    with new_model_per_run():
        fitted = model.fit(data.x_train, data.y_train, epochs=config.epochs,
                           batch_size=config.batch_size, shuffle=True, verbose=0,
                           validation_data=(data.x_test, data.y_test))
        test_loss, test_accuracy = model.evaluate(data.x_test, data.y_test,
                                                  batch_size=config.batch_size, verbose=0)
    predicted = predict_classes(model, data.x_test, config.batch_size)
    seconds = time.perf_counter() - start
    environment = {**_environment(data), "cpu_seconds": time.process_time() - cpu_start}
    return RunResult(
        config=config,
        history={k: [float(v) for v in fitted.history[k]] for k in HISTORY_KEYS},
        test_loss=float(test_loss),
        test_accuracy=float(test_accuracy),
        confusion=confusion_matrix(data.y_test, predicted, data.num_classes),
        seconds=seconds,
        param_count=int(model.count_params()),
        class_names=data.class_names,
        environment=environment,
    )


def run_one(config: RunConfig) -> RunResult:
    """Run one configuration: the function executors map over the grid."""
    return train(config, cached_dataset(config.dataset, config.per_class))
