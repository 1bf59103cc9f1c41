"""Fashion-MNIST and MNIST through Keras' own loaders, offline.

Keras keeps downloaded datasets under ``$KERAS_HOME/datasets`` (default
``~/.keras/datasets``). This module never downloads anything:

* **fashion_mnist**: when ``$KERAS_HOME/datasets/fashion-mnist/`` lacks any of
  the four ``*-ubyte.gz`` files, they are linked from the Debian package
  ``dataset-fashion-mnist`` (``/usr/share/datasets/fashion-mnist/``), then
  ``keras.datasets.fashion_mnist.load_data()`` reads them (Keras checks no
  hash for these files, so it does not try to download them).
* **mnist**: no package ships it. ``keras.datasets.mnist.load_data()`` is only
  called when ``$KERAS_HOME/datasets/mnist.npz`` is present and has the SHA-256
  Keras expects (Keras would otherwise try to download it again).

Images are scaled to ``[0, 1]`` as ``float32`` with a trailing channel axis:
``(n, 28, 28, 1)``; labels are ``uint8`` class indices. Subsets keep the first
images of each class (:mod:`keras_rparity.data.subsets`). Importing this module
registers the ``fashion_mnist`` and ``mnist`` rows of ``keras-rparity data status``.

Example (needs the Debian package; ``subset`` keeps 2 images per class):
>>> data = load_image_dataset("fashion_mnist", subset=2)  # doctest: +SKIP
>>> data.x_train.shape, data.x_train.dtype.name, data.num_classes  # doctest: +SKIP
((20, 28, 28, 1), 'float32', 10)
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from keras_rparity.data.cache import datasets_dir, keras_home
from keras_rparity.data.status import DatasetProbe, register_probe
from keras_rparity.data.subsets import first_per_class_index
from keras_rparity.errors import DatasetCorruptError, DatasetMissingError, InvalidChoiceError
from keras_rparity.validation import check_scalar

#: Where the Debian package ``dataset-fashion-mnist`` installs the files.
DEBIAN_FASHION_MNIST_DIR = Path("/usr/share/datasets/fashion-mnist")

#: The four files ``keras.datasets.fashion_mnist.load_data()`` reads.
FASHION_MNIST_FILES = (
    "train-labels-idx1-ubyte.gz",
    "train-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
)

#: SHA-256 of ``mnist.npz`` that ``keras.datasets.mnist.load_data()`` checks.
MNIST_SHA256 = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"

FASHION_MNIST_CLASSES = (
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
)
MNIST_CLASSES = tuple(str(d) for d in range(10))

#: Dataset names accepted by :func:`load_image_dataset`.
DATASETS = ("fashion_mnist", "mnist")


@dataclass(frozen=True)
class ImageDataset:
    """Train and test images (``float32`` in ``[0, 1]``, NHWC) and integer labels."""

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple[str, ...]
    source: str = ""

    @property
    def num_classes(self) -> int:
        return len(self.class_names)

    @property
    def input_shape(self) -> tuple[int, ...]:
        return tuple(int(d) for d in self.x_train.shape[1:])


# --- where Keras caches datasets (see keras_rparity.data.cache) ------------------------------

@contextlib.contextmanager
def _keras_cache_at(home: Path | None = None) -> Iterator[None]:
    """Make Keras' loaders use ``home`` as their cache while the block runs.

    ``home`` defaults to :func:`keras_rparity.data.cache.keras_home`. Keras reads
    ``$KERAS_HOME`` once, when it is imported. If the variable changed since (tests
    point it at a temporary directory), the loaders would look in the old place; this
    keeps them in step with ``keras_home()``, read now.
    """
    from keras.src.backend import config  # Keras' own holder of the cache location

    home = keras_home() if home is None else home
    old = getattr(config, "_KERAS_DIR", None)
    if old is None or Path(old).expanduser() == home:
        yield
        return
    config._KERAS_DIR = str(home)
    try:
        yield
    finally:
        config._KERAS_DIR = old


# --- availability -------------------------------------------------------------------------

def fashion_mnist_dir() -> Path:
    """``$KERAS_HOME/datasets/fashion-mnist``, where Keras looks for Fashion-MNIST."""
    return datasets_dir() / "fashion-mnist"


def mnist_path() -> Path:
    """``$KERAS_HOME/datasets/mnist.npz``, where Keras looks for MNIST."""
    return datasets_dir() / "mnist.npz"


def link_fashion_mnist(source: Path | None = None) -> Path:
    """Link missing Fashion-MNIST files from the Debian package into Keras' cache.

    Files already in the cache are left alone. Returns the cache directory.

    Raises:
        DatasetMissingError: a file is neither cached nor in ``source``.

    Example:
    >>> link_fashion_mnist()  # doctest: +SKIP
    PosixPath('/root/.keras/datasets/fashion-mnist')
    """
    source = Path(source) if source is not None else DEBIAN_FASHION_MNIST_DIR
    target = fashion_mnist_dir()
    missing = [f for f in FASHION_MNIST_FILES if not (target / f).is_file()]
    unavailable = [f for f in missing if not (source / f).is_file()]
    if unavailable:
        raise DatasetMissingError(
            f"Fashion-MNIST is not available: {', '.join(unavailable)} missing from {target} "
            f"and from {source}. Install it with `apt-get install dataset-fashion-mnist` "
            f"(files go to {DEBIAN_FASHION_MNIST_DIR}), or place the four files in {target}."
        )
    if missing:
        target.mkdir(parents=True, exist_ok=True)
    for name in missing:
        link = target / name
        if link.is_symlink():  # a dangling link left behind by an uninstalled package
            link.unlink()
        link.symlink_to(source / name)
    return target


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_mnist() -> Path:
    """Path of a cached ``mnist.npz`` that Keras will accept without downloading.

    Raises:
        DatasetMissingError: the file is not in the cache.
        DatasetCorruptError: the file's SHA-256 is not the one Keras expects.
    """
    path = mnist_path()
    if not path.is_file():
        raise DatasetMissingError(
            f"MNIST is not available: {path} does not exist and no package ships it. "
            "Run `keras.datasets.mnist.load_data()` once on a machine with internet access "
            f"(with the same KERAS_HOME), or place mnist.npz in {path.parent}/."
        )
    if _sha256(path) != MNIST_SHA256:
        raise DatasetCorruptError(
            f"{path} is not the mnist.npz Keras expects (SHA-256 differs); Keras would try to "
            "download it again. Delete it and run `keras.datasets.mnist.load_data()` once online."
        )
    return path


def ensure_available(name: str) -> Path:
    """Make ``name`` loadable offline (linking Fashion-MNIST if needed) without loading it.

    Returns the cached directory or file Keras will read.

    Raises:
        InvalidChoiceError, DatasetMissingError, DatasetCorruptError: as :func:`load_image_dataset`.
    """
    _check_name(name)
    return link_fashion_mnist() if name == "fashion_mnist" else check_mnist()


def dataset_status(name: str) -> tuple[bool, str]:
    """Whether ``name`` can be loaded offline, and a one-line explanation.

    Meant for ``keras-rparity data status``. Creates no links.

    Example:
    >>> dataset_status("fashion_mnist")  # doctest: +SKIP
    (True, 'Fashion-MNIST: from /usr/share/datasets/fashion-mnist')
    """
    _check_name(name)
    if name == "mnist":
        try:
            return True, f"MNIST: {check_mnist()}"
        except (DatasetMissingError, DatasetCorruptError) as exc:
            return False, str(exc)
    target = fashion_mnist_dir()
    if all((target / f).is_file() for f in FASHION_MNIST_FILES):
        return True, f"Fashion-MNIST: {target}"
    if all((DEBIAN_FASHION_MNIST_DIR / f).is_file() for f in FASHION_MNIST_FILES):
        return True, f"Fashion-MNIST: from {DEBIAN_FASHION_MNIST_DIR}"
    return False, ("Fashion-MNIST missing: `apt-get install dataset-fashion-mnist` "
                   f"(or place the four files in {target})")


# --- loading --------------------------------------------------------------------------------

def _check_name(name: str) -> None:
    if name not in DATASETS:
        raise InvalidChoiceError("dataset", name, DATASETS)


def prepare_images(images: np.ndarray) -> np.ndarray:
    """``uint8`` images ``(n, h, w)`` -> ``float32`` in ``[0, 1]`` with a channel axis.

    Example:
    >>> prepare_images(np.full((1, 2, 2), 255, dtype=np.uint8)).shape
    (1, 2, 2, 1)
    """
    return (np.asarray(images, dtype=np.float32) / np.float32(255.0))[..., np.newaxis]


Split = tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class RawImageDataset:
    """Keras' arrays as loaded (``uint8`` images ``(n, 28, 28)``, ``uint8`` labels).

    Attributes:
        train, test: ``(x, y)`` pairs, as R keras' ``dataset_fashion_mnist()`` gives them.
        source: where the data came from (the Keras cache path and what it links to).
    """

    name: str
    train: Split
    test: Split
    source: str
    class_names: tuple[str, ...]


def _source(name: str, path: Path) -> str:
    if name == "fashion_mnist" and (path / FASHION_MNIST_FILES[0]).is_symlink():
        origin = (path / FASHION_MNIST_FILES[0]).resolve().parent
        return f"{name}: Keras cache {path} (links to {origin})"
    return f"{name}: Keras cache {path}"


def _keras_arrays(name: str) -> tuple[tuple[Split, Split], str]:
    """Raw arrays from Keras' loader (the cache made ready first), and their source."""
    path = ensure_available(name)
    import keras

    with _keras_cache_at():
        if name == "fashion_mnist":
            return keras.datasets.fashion_mnist.load_data(), _source(name, path)
        return keras.datasets.mnist.load_data(), _source(name, path)


def load_raw_image_dataset(name: str = "fashion_mnist",
                           per_class: int | None = None) -> RawImageDataset:
    """Fashion-MNIST or MNIST as Keras loads them, optionally the first ``per_class`` per class.

    Args:
        name: ``"fashion_mnist"`` or ``"mnist"``.
        per_class: keep only the first ``per_class`` images of each class, from the train
            and from the test split (deterministic, original order kept); ``None``
            keeps all 60,000 + 10,000. See :mod:`keras_rparity.data.subsets`.

    Raises:
        InvalidChoiceError: unknown ``name``.
        TypeError, InvalidArgumentError: a bad ``per_class``.
        DatasetMissingError: the data is not on this machine (the message says how to get it).
        DatasetCorruptError: a cached ``mnist.npz`` has the wrong hash.

    Example:
    >>> load_raw_image_dataset("cifar10")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    keras_rparity.errors.InvalidChoiceError: invalid dataset 'cifar10'; valid choices: ...
    """
    _check_name(name)
    per_class = check_scalar(per_class, "per_class", allow_none=True)
    ((x_train, y_train), (x_test, y_test)), source = _keras_arrays(name)
    if per_class is not None:
        train = first_per_class_index(y_train, per_class)
        test = first_per_class_index(y_test, per_class)
        x_train, y_train = x_train[train], y_train[train]
        x_test, y_test = x_test[test], y_test[test]
    return RawImageDataset(
        name=name, train=(x_train, y_train), test=(x_test, y_test), source=source,
        class_names=FASHION_MNIST_CLASSES if name == "fashion_mnist" else MNIST_CLASSES,
    )


def load_image_dataset(name: str = "fashion_mnist", subset: int | None = None) -> ImageDataset:
    """:func:`load_raw_image_dataset`, scaled to ``float32`` in ``[0, 1]`` with a channel axis.

    ``subset`` is the number of images kept per class (train and test, the first ones,
    original order kept); ``None`` = all 60,000 + 10,000. Raises as
    :func:`load_raw_image_dataset`.

    Example:
    >>> load_image_dataset("fashion_mnist", subset=0)
    Traceback (most recent call last):
    ...
    keras_rparity.errors.InvalidArgumentError: subset must be a positive whole number of \
images per class (or None for all images), got 0
    """
    _check_name(name)
    raw = load_raw_image_dataset(name, per_class=check_scalar(subset, "subset", allow_none=True))
    (x_train, y_train), (x_test, y_test) = raw.train, raw.test
    return ImageDataset(
        name=name,
        x_train=prepare_images(x_train),
        y_train=np.asarray(y_train, dtype=np.uint8),
        x_test=prepare_images(x_test),
        y_test=np.asarray(y_test, dtype=np.uint8),
        class_names=raw.class_names,
        source=raw.source,
    )


# --- rows of ``keras-rparity data status`` -----------------------------------------------------

#: What to do when a dataset is missing, as ``keras-rparity data status`` says it.
REMEDIES = {
    "fashion_mnist": ("`apt-get install dataset-fashion-mnist` (or place the four *-ubyte.gz "
                      "files in $KERAS_HOME/datasets/fashion-mnist/)"),
    "mnist": ("no package ships MNIST: run `keras.datasets.mnist.load_data()` once on a machine "
              "with internet access (same KERAS_HOME), or place its mnist.npz in "
              "$KERAS_HOME/datasets/ (delete a copy with the wrong SHA-256 first)"),
}


def _status_location(name: str) -> str:
    """Where Keras reads ``name`` (the cache; Fashion-MNIST is linked there when loaded)."""
    return str(fashion_mnist_dir() if name == "fashion_mnist" else mnist_path())


def _status_details(name: str) -> str:
    """:func:`dataset_status`'s line when present; else, briefly, why not (the remedy follows)."""
    present, explanation = dataset_status(name)
    if present:
        return explanation
    if name == "mnist":
        return ("wrong SHA-256: Keras would download it again" if mnist_path().is_file()
                else "not in the Keras cache")
    return f"not in the Keras cache nor in {DEBIAN_FASHION_MNIST_DIR}"


def _register_status_probes() -> None:
    for name in DATASETS:
        register_probe(DatasetProbe(
            name=name,
            present=lambda name=name: dataset_status(name)[0],
            location=lambda name=name: _status_location(name),
            remedy=REMEDIES[name],
            details=lambda name=name: _status_details(name),
        ))


_register_status_probes()
