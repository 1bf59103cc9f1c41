"""TensorFlow loads without its start-up notices; real errors still get through."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from keras_rparity.quiet import is_startup_notice, without_startup_notices

PKG = Path(__file__).resolve().parents[1] / "pkg"
NOTICES = ("absl::InitializeLog", "oneDNN custom operations", "cpu_feature_guard")


def test_importing_the_package_leaves_the_environment_and_the_import_system_alone():
    done = subprocess.run(
        [sys.executable, "-c", "import os, sys\n"
                               "env, finders, hook = dict(os.environ), list(sys.meta_path), "
                               "sys.excepthook\n"
                               "import keras_rparity, keras_rparity.api, keras_rparity.testing\n"
                               "assert dict(os.environ) == env, set(os.environ.items()) ^ "
                               "set(env.items())\n"
                               "assert sys.meta_path == finders, sys.meta_path\n"
                               "assert sys.excepthook is hook\n"
                               "print('untouched')"],
        capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["untouched"]


def test_once_keras_is_prepared_importing_tensorflow_prints_nothing():
    done = subprocess.run(
        [sys.executable, "-c", "import keras_rparity\n"
                               "from keras_rparity.backend import use_backend\n"
                               "use_backend()  # what every entry point calls first\n"
                               "import keras, tensorflow as tf\n"
                               "import os\n"
                               "print(tf.constant([1.0, 2.0]).numpy().sum())\n"
                               "print(os.environ.get('TF_ENABLE_ONEDNN_OPTS'))"],
        capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["3.0", "None"]  # oneDNN setting left alone
    assert done.stderr == ""


def test_without_the_package_tensorflow_is_noisy():
    """The control: the notices this package removes are really printed by TensorFlow."""
    done = subprocess.run([sys.executable, "-c", "import tensorflow"], capture_output=True,
                          text=True, timeout=300)
    assert any(n in done.stderr for n in NOTICES), done.stderr


def test_other_stderr_output_during_import_is_kept(tmp_path):
    fake = tmp_path / "tensorflow"
    fake.mkdir()
    (fake / "__init__.py").write_text(
        "import os\n"
        "os.write(2, b'WARNING: All log messages before absl::InitializeLog() is called are "
        "written to STDERR\\n')\n"
        "os.write(2, b'a real problem\\n')\n")
    done = subprocess.run([sys.executable, "-c",
                           "import keras_rparity.quiet as q; q.install(); import tensorflow"],
                          capture_output=True, text=True, timeout=120,
                          env={**_env_without_pythonpath(),
                               "PYTHONPATH": f"{tmp_path}:{PKG}"})
    assert done.returncode == 0, done.stderr
    assert done.stderr == "a real problem\n"


def _env_without_pythonpath() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def test_notice_patterns():
    assert is_startup_notice("E0000 cuda_dnn.cc:8310] Unable to register cuDNN factory")
    assert not is_startup_notice("keras-rparity: error: something")
    assert without_startup_notices("x\n") == "x\n"
