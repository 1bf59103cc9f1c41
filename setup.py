"""Build step of keras-rparity beyond pyproject.toml: ship the program pairs and vignettes.

``r_examples/`` (the tutorial's program pairs and ``examples/``) and ``vignettes/`` stay
at the top of the checkout, where the design keeps them; building a wheel copies them
into the package as ``keras_rparity/r_examples`` and ``keras_rparity/vignettes``, where
``keras_rparity.shipped.shipped_dir`` finds them in an installed (non-editable) copy. An
editable install reads them from the checkout instead.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: Top-level folders shipped inside the package, under the same names.
SHIPPED_FOLDERS = ("r_examples", "vignettes")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")


class BuildPyWithShippedFolders(build_py):
    """``build_py``, then copy :data:`SHIPPED_FOLDERS` into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # the checkout's folders are read in place
        for name in SHIPPED_FOLDERS:
            source = ROOT / name
            if not source.is_dir():
                raise SystemExit(f"cannot build keras-rparity: {source} is missing")
            target = Path(self.build_lib) / "keras_rparity" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target, ignore=IGNORED)


setup(cmdclass={"build_py": BuildPyWithShippedFolders})
