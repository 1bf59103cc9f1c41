"""Fixtures shared by the whole suite.

R starts once per test session (the bridge is process-wide), TensorFlow once.
Tests never touch the user's ~/.keras: KERAS_HOME points at a temporary folder.
"""

from __future__ import annotations

import fcntl
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from keras_rparity.quiet import TF_LOG_LEVEL

ROOT = Path(__file__).resolve().parents[1]

# One Keras cache for the whole session (and its child processes), set before Keras is
# imported: Keras reads KERAS_HOME at import. Datasets found here are what tests made or
# linked; the user's ~/.keras is never read or written.
os.environ["KERAS_HOME"] = tempfile.mkdtemp(prefix="rparity-keras-home-")
# The bundled R layer's byte-compiled cache, likewise never in the user's ~/.cache; one
# folder for every session (the cache is keyed by the layer's contents), so the suite runs
# on the cached layer as commands do.
os.environ["KERAS_RPARITY_CACHE"] = os.path.join(tempfile.gettempdir(),
                                                 f"rparity-test-cache-{os.getuid()}")

# TensorFlow's C++ log level as every keras-rparity command sets it for itself
# (backend.prepare_keras), set before anything here imports Keras: Keras imports JAX, and
# JAX sets TF_CPP_MIN_LOG_LEVEL=1 when it is unset; the child commands the tests start
# would inherit that and print TensorFlow's runtime error lines a user's command does not.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", TF_LOG_LEVEL)


#: The modules that take longest (20 s or more each on 2 cores, measured), handed to the
#: pytest-xdist workers first so that the workers finish together (xdist would otherwise
#: send the modules with the most tests first, and these have few). The backend children's
#: module comes first: the other modules reading those children then find them done.
SLOWEST_MODULES = ("tests/test_backend.py", "tests/r/test_testthat_suites.py",
                   "tests/cli/test_main.py", "tests/test_docstrings.py",
                   "tests/parity/test_differ_on_purpose.py", "tests/sweep/test_runner.py",
                   "tests/sweep/test_executors.py", "tests/cli/test_parity.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slowest modules first (see :data:`SLOWEST_MODULES`), the rest in their order."""
    rank = {module: i for i, module in enumerate(SLOWEST_MODULES)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))


@pytest.fixture(scope="session")
def bridge():
    """The in-process R bridge (R + reticulate + our R Keras layer)."""
    from keras_rparity.bridge import get_bridge

    return get_bridge()


@pytest.fixture
def keras_home(tmp_path, monkeypatch) -> Path:
    """An empty Keras cache for one test."""
    home = tmp_path / "keras_home"
    (home / "datasets").mkdir(parents=True)
    monkeypatch.setenv("KERAS_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def run_python_script():
    """Run Python code in a fresh interpreter (this venv); returns CompletedProcess."""

    def run(code: str, timeout: float = 300, env: dict[str, str] | None = None):
        full_env = {**os.environ, **(env or {})}
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=timeout, env=full_env, cwd=ROOT)

    return run


@pytest.fixture(scope="session")
def cifar10_fixture_home(tmp_path_factory) -> Path:
    """A Keras home holding the CIFAR-format FIXTURE (synthetic images, 10 per class per
    batch: 100 training and 20 test images) — never the real CIFAR-10."""
    from keras_rparity.data.cifar10_fixture import install_cifar10_fixture

    home = tmp_path_factory.mktemp("cifar10-fixture-home")
    install_cifar10_fixture(home, per_batch=20, seed=0)
    return home


@pytest.fixture(scope="session")
def backend_child(tmp_path_factory, cifar10_fixture_home) -> Callable[[str], dict]:
    """``backend_child(name)``: what tests/backend_child.py printed for that backend (JSON),
    run once per test session, also when pytest-xdist spreads the session over workers
    (they share the run through a file lock). For the backends other than TensorFlow, the
    session's own (``backend_probe`` runs its checks in this process)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    shared = tmp_path_factory.getbasetemp()
    shared = shared.parent if worker else shared  # the session's folder, not the worker's

    def run(name: str) -> dict:
        result = shared / f"backend-child-{name}.json"
        with (shared / f"backend-child-{name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # a second worker waits for the first's run
            if not result.exists():
                env = {**os.environ, "KERAS_HOME": str(cifar10_fixture_home),
                       "KERAS_BACKEND": "tensorflow"}  # --backend must win over it
                done = subprocess.run([sys.executable, str(ROOT / "tests" / "backend_child.py"),
                                       name], capture_output=True, text=True, timeout=900,
                                      env=env, cwd=ROOT, check=False)
                if done.returncode != 0:
                    pytest.fail(f"the {name} child failed (exit {done.returncode}):\n"
                                f"{done.stderr[-3000:]}")
                result.write_text(done.stdout.strip().splitlines()[-1])
        return json.loads(result.read_text())

    return run


@pytest.fixture(scope="session")
def backend_probe() -> ModuleType:
    """tests/backend_child.py as a module, to run its checks in this process."""
    spec = importlib.util.spec_from_file_location("backend_child",
                                                  ROOT / "tests" / "backend_child.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def with_cifar10_fixture(cifar10_fixture_home, monkeypatch) -> Path:
    """Point KERAS_HOME at the fixture home for one test."""
    monkeypatch.setenv("KERAS_HOME", str(cifar10_fixture_home))
    return cifar10_fixture_home


@pytest.fixture
def plot_dir(tmp_path: Path) -> Path:
    """An empty folder for PNGs, removed with the test's tmp_path."""
    folder = tmp_path / "plots"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def assert_png() -> Callable[[Path], None]:
    """Check that a PNG exists, has a plausible size and is not blank."""
    import matplotlib.image
    import numpy as np

    def check(path: Path, min_pixels: int = 200) -> None:
        assert path.is_file(), path
        image = matplotlib.image.imread(path)
        assert image.ndim == 3 and min(image.shape[:2]) >= min_pixels, image.shape
        assert float(np.var(image[..., :3])) > 0, f"{path} is blank"

    return check


@pytest.fixture
def cifar_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, not yet created Keras home for each test (``$KERAS_HOME``)."""
    home = tmp_path / "keras-home"
    monkeypatch.setenv("KERAS_HOME", str(home))
    return home


@pytest.fixture
def fixture_archive(tmp_path: Path) -> Path:
    """A fixture archive (20 images a batch, seed 0) outside the Keras home."""
    from keras_rparity.data.cifar10_fixture import write_cifar10_fixture_archive

    return write_cifar10_fixture_archive(tmp_path / "in" / "cifar-10-fixture.tar.gz")


@pytest.fixture(scope="session")
def fashion_mnist_installed() -> None:
    """Fail loudly when the Debian package ``dataset-fashion-mnist`` is missing (the
    set-up script installs it; a test that quietly skipped would prove nothing)."""
    from keras_rparity.data.fashion_mnist import DEBIAN_FASHION_MNIST_DIR, FASHION_MNIST_FILES

    if not all((DEBIAN_FASHION_MNIST_DIR / f).is_file() for f in FASHION_MNIST_FILES):
        pytest.fail("Fashion-MNIST is missing: `apt-get install dataset-fashion-mnist` "
                    "(bash scripts/setup.sh installs it)")


@pytest.fixture(scope="module")
def ray_cluster():
    """A local Ray cluster of two node processes (head + one worker node), one CPU each."""
    from ray.cluster_utils import Cluster  # the set-up installs Ray ([ray] extra)

    address_before = os.environ.get("RAY_ADDRESS")
    try:
        cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1,
                                                                "include_dashboard": False})
        cluster.add_node(num_cpus=1)
        cluster.wait_for_nodes()
    except Exception as exc:
        pytest.fail(f"Ray cannot start a local cluster on this machine: {exc}")
    try:
        yield cluster
    finally:
        cluster.shutdown()
        if address_before is None:
            os.environ.pop("RAY_ADDRESS", None)


# -- tiny program pairs (60 rows, 1 epoch): two that hold (one in a subfolder), one that
# differs on purpose, one whose R program fails, one whose R program kills its worker, and
# an orphan; for the parity of many pairs (tests/folder_parity, tests/cli).

R_PROGRAM = """\
n <- 60
x <- matrix(((rep(1:n, 2) * 7 + rep(1:2, each = n) * 3) %% 11) / 10, ncol = 2)
y <- x[, 1] - x[, 2]
model <- keras_model_sequential(input_shape = 2) %>%
  layer_dense(units = 4, activation = "relu") %>%
  layer_dense(units = 1)
model %>% compile(optimizer = optimizer_adam(learning_rate = 0.01), loss = "mse")
model %>% fit(x, y, epochs = 1, batch_size = 16, verbose = 0)
"""

PYTHON_PROGRAM = """\
import keras
import numpy as np

n = 60
row, col = np.tile(np.arange(1, n + 1), 2), np.repeat([1, 2], n)
x = (((row * 7 + col * 3) % 11) / 10).reshape(2, n).T  # filled by column, as R does
y = x[:, 0] - x[:, 1]
model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(4, activation="relu"),
                          keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse")
model.fit(x, y, epochs=1, batch_size=16, verbose=0)
"""

#: The R line that ends its process as the kernel's out-of-memory killer would.
KILL_WORKER = "tools::pskill(Sys.getpid(), tools::SIGKILL)\n"

#: pair name -> (R program, Python program); None: the file is missing (an orphan).
PAIRS = {
    "holds": (R_PROGRAM, PYTHON_PROGRAM),
    "sub/holds_too": (R_PROGRAM, PYTHON_PROGRAM),
    "differs": (R_PROGRAM, PYTHON_PROGRAM.replace("learning_rate=0.01", "learning_rate=0.02")),
    "fails": ('stop("this program fails on purpose")\n' + R_PROGRAM, PYTHON_PROGRAM),
    "orphan": (R_PROGRAM, None),
}


def write_pairs(folder: Path, pairs: dict[str, tuple[str, str | None]]) -> Path:
    for name, (r_code, python_code) in pairs.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.with_suffix(".R").write_text(r_code)
        if python_code is not None:
            path.with_suffix(".py").write_text(python_code)
    return folder


@pytest.fixture(scope="session")
def tiny_pairs():
    """(:data:`PAIRS`, :func:`write_pairs`) for tests that build their own folder."""
    return PAIRS, write_pairs


@pytest.fixture(scope="session")
def pairs_folder(tmp_path_factory) -> Path:
    """The four pairs and the orphan of :data:`PAIRS`."""
    return write_pairs(tmp_path_factory.mktemp("pairs"), PAIRS)


@pytest.fixture(scope="session")
def crash_folder(tmp_path_factory) -> Path:
    """:data:`PAIRS` plus a pair whose R program kills its worker."""
    crash = {"crashes": (KILL_WORKER + R_PROGRAM, PYTHON_PROGRAM)}
    return write_pairs(tmp_path_factory.mktemp("crash_pairs"), {**PAIRS, **crash})
