"""The tutorial's experiments: names, programs in both languages, their fits."""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from keras_rparity.errors import InvalidChoiceError, KerasRParityError
from keras_rparity.experiments.context import RunContext


@dataclass(frozen=True)
class Experiment:
    """One experiment of the tutorial.

    Attributes:
        name: short name used on the command line (``iris``).
        title: human title.
        r_program: file name in ``r_examples/``.
        python_module: module of the Python port; it has ``run(ctx)``.
        dataset: the dataset it trains on.
        fits: labels of the fits it records, in order (the loss names).
        loss_aliases: short names accepted for ``fits`` (``mse`` -> ``mean_squared_error``).
    """

    name: str
    title: str
    r_program: str
    python_module: str
    dataset: str
    fits: tuple[str, ...]
    loss_aliases: Mapping[str, str] = field(default_factory=dict)

    def run_python(self, ctx: RunContext) -> RunContext:
        return importlib.import_module(self.python_module).run(ctx)

    def r_program_path(self) -> Path:
        return r_examples_dir() / self.r_program

    def resolve_fit(self, loss: str | None) -> str:
        """The fit label for ``loss`` (a label or an alias); ``None`` means the first fit."""
        if loss is None:
            return self.fits[0]
        label = self.loss_aliases.get(loss, loss)
        if label not in self.fits:
            raise InvalidChoiceError(f"loss for experiment {self.name!r}", loss,
                                     [*self.loss_aliases, *self.fits])
        return label


EXPERIMENTS: dict[str, Experiment] = {
    e.name: e
    for e in (
        Experiment(
            name="iris",
            title="Iris regression: linear output, MSE and MAE",
            r_program="iris_regression.R",
            python_module="keras_rparity.experiments.iris_regression",
            dataset="iris",
            fits=("mean_squared_error", "mean_absolute_error"),
            loss_aliases={"mse": "mean_squared_error", "mae": "mean_absolute_error"},
        ),
        Experiment(
            name="bird_vs_plane",
            title="CIFAR-10 bird vs plane: sigmoid output, binary crossentropy",
            r_program="cifar_bird_vs_plane.R",
            python_module="keras_rparity.experiments.cifar_bird_vs_plane",
            dataset="cifar10",
            fits=("binary_crossentropy",),
            loss_aliases={"bce": "binary_crossentropy"},
        ),
        Experiment(
            name="cifar10",
            title="CIFAR-10 ten classes: softmax output, sparse categorical crossentropy",
            r_program="cifar10_multiclass.R",
            python_module="keras_rparity.experiments.cifar10_multiclass",
            dataset="cifar10",
            fits=("sparse_categorical_crossentropy",),
            loss_aliases={"scce": "sparse_categorical_crossentropy"},
        ),
        Experiment(
            name="activation_optimizer",
            title="Fashion-MNIST: hidden activation x optimizer pairs (seed 000)",
            r_program="activation_optimizer.R",
            python_module="keras_rparity.experiments.activation_optimizer",
            dataset="fashion_mnist",
            fits=("relu_adam", "sigmoid_sgd", "tanh_momentum", "leaky_relu_adam"),
        ),
    )
}


def get_experiment(name: str) -> Experiment:
    """Look an experiment up by name.

    Example:
    >>> get_experiment("iris").fits
    ('mean_squared_error', 'mean_absolute_error')
    """
    try:
        return EXPERIMENTS[name]
    except KeyError:
        raise InvalidChoiceError("experiment", name, list(EXPERIMENTS)) from None


def r_examples_dir() -> Path:
    """The folder of R programs: ``$KERAS_RPARITY_R_EXAMPLES`` or the checkout's ``r_examples/``."""
    configured = os.environ.get("KERAS_RPARITY_R_EXAMPLES")
    folder = Path(configured) if configured else Path(__file__).resolve().parents[3] / "r_examples"
    if not folder.is_dir():
        raise KerasRParityError(
            f"the R programs folder {folder} does not exist; install keras-rparity from its "
            "checkout (pip install -e .) or set KERAS_RPARITY_R_EXAMPLES to the r_examples folder")
    return folder
