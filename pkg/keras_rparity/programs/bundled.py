"""The bundled program pairs: the tutorial's R programs with their Python ports.

Each lives in ``r_examples/`` as ``<stem>.R`` next to ``<stem>.py`` (plain Keras code);
example pairs go under ``r_examples/examples/``. :func:`find_pairs` lists the pairs of
any folder the same way.

Example:
>>> BUNDLED_PAIRS["iris"].fits
('mean_squared_error', 'mean_absolute_error')
>>> get_pair("iris").r.describe().endswith("iris_regression.R")
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from keras_rparity.errors import InvalidChoiceError, KerasRParityError
from keras_rparity.programs.pair import ProgramPair
from keras_rparity.programs.python_program import PythonProgram
from keras_rparity.programs.r_program import RProgram
from keras_rparity.programs.run import Run
from keras_rparity.record import Knobs
from keras_rparity.shipped import shipped_dir

#: Data files the bundled programs read from their own folder.
BUNDLED_DATA = ("iris.csv",)


@dataclass(frozen=True)
class BundledPair:
    """What the registry knows of a bundled pair before its files are located."""

    name: str
    title: str
    stem: str
    dataset: str
    fits: tuple[str, ...]
    loss_aliases: dict[str, str] = field(default_factory=dict)

    @property
    def r_program(self) -> str:
        return f"{self.stem}.R"

    @property
    def python_program(self) -> str:
        return f"{self.stem}.py"

    def resolve_fit(self, loss: str | None) -> str:
        """The fit label for ``loss`` (a label or an alias); ``None`` means the first fit."""
        if loss is None:
            return self.fits[0]
        label = self.loss_aliases.get(loss, loss)
        if label not in self.fits:
            raise InvalidChoiceError(f"loss for pair {self.name!r}", loss,
                                     [*self.loss_aliases, *self.fits])
        return label


BUNDLED_PAIRS: dict[str, BundledPair] = {
    e.name: e
    for e in (
        BundledPair("iris", "Iris regression: linear output, MSE and MAE", "iris_regression",
                      "iris", ("mean_squared_error", "mean_absolute_error"),
                      {"mse": "mean_squared_error", "mae": "mean_absolute_error"}),
        BundledPair("bird_vs_plane",
                      "CIFAR-10 bird vs plane: sigmoid output, binary crossentropy",
                      "cifar_bird_vs_plane", "cifar10", ("binary_crossentropy",),
                      {"bce": "binary_crossentropy"}),
        BundledPair("cifar10",
                      "CIFAR-10 ten classes: softmax output, sparse categorical crossentropy",
                      "cifar10_multiclass", "cifar10", ("sparse_categorical_crossentropy",),
                      {"scce": "sparse_categorical_crossentropy"}),
        BundledPair("activation_optimizer",
                      "Fashion-MNIST: hidden activation x optimizer pairs (seed 000)",
                      "activation_optimizer", "fashion_mnist",
                      ("relu_adam", "sigmoid_sgd", "tanh_momentum", "leaky_relu_adam")),
    )
}


def bundled_pair(name: str) -> BundledPair:
    """A bundled pair's registry record by name (clear error listing the names)."""
    try:
        return BUNDLED_PAIRS[name]
    except KeyError:
        raise InvalidChoiceError("bundled pair", name, list(BUNDLED_PAIRS)) from None


def get_pair(name: str) -> ProgramPair:
    """A bundled pair by name, with its files located in :func:`r_examples_dir`."""
    bundled = bundled_pair(name)
    folder = r_examples_dir()
    return ProgramPair(bundled.name, RProgram(path=folder / bundled.r_program),
                       PythonProgram(path=folder / bundled.python_program),
                       loss_aliases=bundled.loss_aliases)


def run_side(name: str, side: str, knobs: Knobs | None = None) -> Run:
    """Run bundled pair ``name`` on ``side`` (``"python"`` or ``"r"``) with ``knobs``."""
    return get_pair(name).run(side, knobs or Knobs())


def find_pairs(folder: str | Path) -> list[ProgramPair]:
    """Every ``<stem>.R`` in ``folder`` (not below it) that has a ``<stem>.py`` beside it.

    Example:
    >>> [p.name for p in find_pairs(r_examples_dir())][:2]
    ['activation_optimizer', 'cifar10_multiclass']
    """
    folder = Path(folder)
    return [ProgramPair.from_files(r, r.with_suffix(".py"))
            for r in sorted(folder.glob("*.R")) if r.with_suffix(".py").is_file()]


def r_examples_dir() -> Path:
    """The folder of bundled programs: ``$KERAS_RPARITY_R_EXAMPLES``, the installed
    package's copy, or the checkout's ``r_examples/`` (see :mod:`keras_rparity.shipped`)."""
    return shipped_dir("r_examples")


def missing_programs() -> list[str]:
    """What of the bundled programs is missing (empty when all are there): the folder,
    each tutorial pair's ``.R`` and ``.py`` files and their data, the examples folder.

    Example:
    >>> [m for m in missing_programs() if m.endswith(".R")]  # the tutorial's R programs
    []
    """
    try:
        folder = r_examples_dir()
    except KerasRParityError as exc:
        return [str(exc)]
    needed = [name for bundled in BUNDLED_PAIRS.values()
              for name in (bundled.r_program, bundled.python_program)] + list(BUNDLED_DATA)
    missing = [str(folder / name) for name in needed if not (folder / name).is_file()]
    examples = folder / "examples"
    if not (examples.is_dir() and find_pairs(examples)):
        missing.append(f"{examples} (the example program pairs)")
    return missing
