"""pytest plugin of keras-rparity: one test item per R program and Python port kept side
by side (``model.R`` + ``model.py``).

Registered through the ``pytest11`` entry point, so it is active wherever keras-rparity
is installed, but it only adds items when asked:

* ``pytest --rparity [PATHS]``: every ``NAME.R`` with a ``NAME.py`` beside it under
  the collected paths becomes the item ``NAME.R::NAME``;
* or configured (``pyproject.toml``)::

      [tool.pytest.ini_options]
      rparity_paths = ["r_examples"]   # pairs under these folders are always collected
      rparity_seed = "42"              # knobs, each also a flag: --rparity-seed ...
      rparity_epochs = "1"
      rparity_per_class = "20"
      rparity_tolerance = "1e-6"       # or rparity_ulps = "4" (default: exact)

A pair passes when :func:`keras_rparity.testing.assert_parity` holds; a failure shows
its message (the first difference, its fix, the per-epoch table). Items carry the
``rparity`` marker (deselect with ``-m "not rparity"``; disable the plugin with
``-p no:rparity``). This module imports nothing of keras-rparity (nor Keras, nor R)
unless the plugin is enabled, so ordinary test runs do not pay for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

#: (knob, flag help, ini help) of every knob the items pass to ``assert_parity``.
KNOBS = (
    ("seed", "seed set identically on both sides before each model (default: the "
             "programs seed themselves)"),
    ("epochs", "epochs of every fit (default: the programs' own)"),
    ("per_class", "image datasets: the first N images of each class"),
    ("tolerance", "accept metrics and weights within this absolute difference"),
    ("ulps", "accept metrics and weights within this many float32 ULPs"),
)
SETTINGS_KEY = pytest.StashKey[dict]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("rparity", "R/Python parity of program pairs (keras-rparity)")
    group.addoption("--rparity", action="store_true", default=False,
                    help="collect every NAME.R with a NAME.py beside it as a parity test")
    parser.addini("rparity_paths", type="paths", default=[],
                  help="folders whose program pairs are always collected (keras-rparity)")
    for knob, text in KNOBS:
        flag = "--rparity-" + knob.replace("_", "-")
        group.addoption(flag, dest=f"rparity_{knob}", default=None, metavar="N",
                        help=f"{text} (ini: rparity_{knob})")
        parser.addini(f"rparity_{knob}", type="string", default="",
                      help=f"keras-rparity: {text}")


def _enabled_by(config: pytest.Config) -> str | None:
    """``"flag"``, ``"ini"`` or ``None`` (the plugin collects nothing)."""
    if config.getoption("rparity"):
        return "flag"
    return "ini" if config.getini("rparity_paths") else None


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "rparity: an R program and its Python port compared "
                                       "by keras-rparity")
    enabled = _enabled_by(config)
    if enabled is None:
        return
    from keras_rparity.testing.pytest_items import settings_from

    given = {knob: config.getoption(f"rparity_{knob}") for knob, _ in KNOBS}
    ini = {knob: config.getini(f"rparity_{knob}") for knob, _ in KNOBS}
    config.stash[SETTINGS_KEY] = {"enabled": enabled, "knobs": settings_from(given, ini),
                                  "paths": [Path(p) for p in config.getini("rparity_paths")]}
    if config.args_source != pytest.Config.ArgsSource.ARGS:
        config.args = [*config.args, *map(str, config.stash[SETTINGS_KEY]["paths"])]


def _pair_in_scope(config: pytest.Config, r_file: Path) -> bool:
    """``r_file`` is a ``.R`` with its ``.py`` beside it, and the plugin collects it."""
    settings = config.stash.get(SETTINGS_KEY, None)
    if settings is None or r_file.suffix != ".R" or not r_file.with_suffix(".py").is_file():
        return False
    return settings["enabled"] == "flag" or any(r_file.is_relative_to(folder)
                                                for folder in settings["paths"])


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> Any:
    if not _pair_in_scope(parent.config, file_path):
        return None
    from keras_rparity.testing.pytest_items import ProgramPairFile

    return ProgramPairFile.from_parent(parent, path=file_path)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """A pair's Python port is a program, not a test module (even if named ``test_*.py``):
    never import it while collecting."""
    if collection_path.suffix == ".py" and _pair_in_scope(config,
                                                          collection_path.with_suffix(".R")):
        return True
    return None
