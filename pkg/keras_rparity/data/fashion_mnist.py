"""Fashion-MNIST through Keras' own loader, offline.

Keras keeps downloaded datasets under ``$KERAS_HOME/datasets`` (default
``~/.keras/datasets``); ``keras.datasets.fashion_mnist.load_data()`` reads four
``*-ubyte.gz`` files from ``fashion-mnist/`` there. This module never downloads:
when the cache lacks any of the four files, they are linked from the Debian package
``dataset-fashion-mnist`` (``/usr/share/datasets/fashion-mnist/``), then Keras'
loader reads them (Keras checks no hash for these files, so it does not try to
download them).

Arrays come as Keras gives them: ``uint8`` images ``(n, 28, 28)`` and ``uint8`` labels
``(n,)``. Subsets keep the first images of each class (:mod:`keras_rparity.data.subsets`).

Example (the Debian package's files, linked into a throw-away Keras home):
>>> import os, tempfile
>>> from unittest import mock
>>> with mock.patch.dict(os.environ, {"KERAS_HOME": tempfile.mkdtemp()}):
...     before = fashion_mnist_availability()
...     data = load_fashion_mnist(per_class=2)
>>> before.location == str(DEBIAN_FASHION_MNIST_DIR)  # not yet in the cache
True
>>> data.train[0].shape, data.train[0].dtype.name, data.class_names[9]
((20, 28, 28), 'uint8', 'Ankle boot')
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from keras_rparity.data.cache import check_keras_cache, datasets_dir, keras_home
from keras_rparity.data.dataset import Availability, Dataset
from keras_rparity.errors import DatasetMissingError
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

FASHION_MNIST_CLASSES = (
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
)

#: What to do when Fashion-MNIST is missing, as ``keras-rparity data status`` says it.
REMEDY = ("`apt-get install dataset-fashion-mnist` (or place the four *-ubyte.gz "
          "files in $KERAS_HOME/datasets/fashion-mnist/)")


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


def fashion_mnist_dir() -> Path:
    """``$KERAS_HOME/datasets/fashion-mnist``, where Keras looks for Fashion-MNIST."""
    return datasets_dir() / "fashion-mnist"


def _complete(folder: Path) -> bool:
    return all((folder / name).is_file() for name in FASHION_MNIST_FILES)


def link_fashion_mnist(source: Path | None = None) -> Path:
    """Link missing Fashion-MNIST files from the Debian package into Keras' cache.

    Files already in the cache are left alone; processes linking at the same time do
    not trip over each other. Returns the cache directory.

    Raises:
        DatasetMissingError: a file is neither cached nor in ``source``.
        KerasCacheError: links are needed but the Keras home is unusable.

    Example:
    >>> import os, tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"KERAS_HOME": tempfile.mkdtemp()}):
    ...     link_fashion_mnist(Path(tempfile.mkdtemp()))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    keras_rparity.errors.DatasetMissingError: Fashion-MNIST is not available: ...
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
        check_keras_cache()  # one clear line when KERAS_HOME is a file or unwritable
        target.mkdir(parents=True, exist_ok=True)
    for name in missing:
        link = target / name
        if link.is_symlink():  # a dangling link left behind by an uninstalled package
            link.unlink(missing_ok=True)
        try:
            link.symlink_to(source / name)
        except FileExistsError:  # another process (a sweep worker) linked it meanwhile
            if not link.is_file():
                raise
    return target


def fashion_mnist_availability() -> Availability:
    """Whether Fashion-MNIST can be loaded offline, from where; creates no links.

    ``location`` exists when ``present`` is true: the Keras cache once the files are
    there, else the Debian package's folder (linked into the cache on first load).

    Example:
    >>> import os, tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"KERAS_HOME": tempfile.mkdtemp()}):
    ...     print(fashion_mnist_availability().details)
    Fashion-MNIST: from /usr/share/datasets/fashion-mnist (linked into the Keras cache \
when first loaded)
    """
    target = fashion_mnist_dir()
    if _complete(target):
        return Availability(True, str(target), f"Fashion-MNIST: {target}")
    if _complete(DEBIAN_FASHION_MNIST_DIR):
        return Availability(True, str(DEBIAN_FASHION_MNIST_DIR),
                            f"Fashion-MNIST: from {DEBIAN_FASHION_MNIST_DIR} (linked into "
                            "the Keras cache when first loaded)")
    return Availability(False, str(target),
                        f"not in the Keras cache nor in {DEBIAN_FASHION_MNIST_DIR}")


def _source(path: Path) -> str:
    """``Dataset.source``: the cache folder read, and where its links point."""
    first = path / FASHION_MNIST_FILES[0]
    if first.is_symlink():
        return f"fashion_mnist: Keras cache {path} (links to {first.resolve().parent})"
    return f"fashion_mnist: Keras cache {path}"


def load_fashion_mnist(per_class: int | float | None = None) -> Dataset:
    """Fashion-MNIST as Keras loads it, optionally the first ``per_class`` of each class.

    Args:
        per_class: keep only the first ``per_class`` images of each class, from the train
            and from the test split (deterministic, original order kept); ``None``
            keeps all 60,000 + 10,000. See :mod:`keras_rparity.data.subsets`.

    Returns:
        A :class:`~keras_rparity.data.dataset.Dataset` named ``"fashion_mnist"``:
        ``uint8`` images ``(n, 28, 28)``, ``uint8`` labels ``(n,)``, ``source`` naming the
        Keras cache folder (and the package folder it links to).

    Raises:
        TypeError, InvalidArgumentError: a bad ``per_class``.
        DatasetMissingError: the data is not on this machine (the message says how to get it).

    Example:
    >>> load_fashion_mnist(per_class=0)
    Traceback (most recent call last):
    ...
    keras_rparity.errors.InvalidArgumentError: `per_class` must be a positive whole number; got 0
    """
    count = check_scalar(per_class, "per_class", allow_none=True)
    path = link_fashion_mnist()
    import keras

    with _keras_cache_at():
        train, test = keras.datasets.fashion_mnist.load_data()
    data = Dataset("fashion_mnist", train=train, test=test, source=_source(path),
                   path=str(path), class_names=FASHION_MNIST_CLASSES)
    return data if count is None else data.first_per_class(count)
