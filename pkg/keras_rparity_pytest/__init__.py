"""pytest plugin of keras-rparity: one test item per R program and Python port kept side
by side (``model.R`` + ``model.py``).

Registered through the ``pytest11`` entry point, so it is active wherever keras-rparity
is installed, but it only adds items when asked:

* ``pytest --rparity [PATHS]``: every ``NAME.R`` with a ``NAME.py`` beside it under
  the collected paths becomes the item ``NAME.R::NAME``;
* or configured (``pyproject.toml``)::

      [tool.pytest.ini_options]
      rparity_paths = ["r_examples"]   # pairs under these folders are always collected
      rparity_seed = "none"            # knobs, each also a flag: --rparity-seed ...
                                       # (default 42 on both sides; "none": the programs
                                       # seed themselves)
      rparity_epochs = "1"
      rparity_per_class = "20"
      rparity_tolerance = "1e-6"       # or rparity_ulps = "4" (default: exact)
      rparity_strict = true            # an orphan is a collection error (--rparity-strict)

A program without its other half (``NAME.R`` without ``NAME.py``, or a ``NAME.py`` that
imports Keras and calls ``fit`` without ``NAME.R``) is reported at collection: a
:class:`RParityOrphanWarning` in the warnings summary, or, with ``--rparity-strict``, a
collection error. A pair passes when :func:`keras_rparity.testing.assert_parity` holds;
a failure shows its message (the first difference, its fix, the per-epoch table). Items carry the
``rparity`` marker (deselect with ``-m "not rparity"``; disable the plugin with
``-p no:rparity``). This module imports nothing of keras-rparity (nor Keras, nor R)
unless the plugin is enabled, so ordinary test runs do not pay for it.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

#: (knob, help) of every knob the items pass to ``assert_parity``; written here, not
#: imported, so that ``pytest --help`` loads nothing of keras-rparity (the limits are
#: ``keras_rparity.record.knobs.KNOB_CONSTRAINTS``, checked when the plugin is enabled).
KNOBS = (
    ("seed", "seed set identically on both sides before each model (default 42; 'none': "
             "the programs seed themselves)"),
    ("epochs", "epochs of every fit (default: the programs' own)"),
    ("per_class", "image datasets: the first N images of each class"),
    ("tolerance", "accept metrics and weights within this absolute difference"),
    ("ulps", "accept metrics and weights within this many float32 ULPs"),
)
SETTINGS_KEY = pytest.StashKey[dict]()


class RParityOrphanWarning(pytest.PytestWarning):
    """An R program without its Python port, or a port without its R program."""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("rparity", "R/Python parity of program pairs (keras-rparity)")
    group.addoption("--rparity", action="store_true", default=False,
                    help="collect every NAME.R with a NAME.py beside it as a parity test")
    parser.addini("rparity_paths", type="paths", default=[],
                  help="folders whose program pairs are always collected (keras-rparity)")
    group.addoption("--rparity-strict", action="store_true", default=None,
                    dest="rparity_strict",
                    help="a program without its other half (NAME.R without NAME.py, or the "
                         "reverse) is a collection error, not a warning (ini: rparity_strict)")
    parser.addini("rparity_strict", type="bool", default=False,
                  help="keras-rparity: a program without its other half is a collection error")
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
    strict = config.getoption("rparity_strict")
    config.stash[SETTINGS_KEY] = {"enabled": enabled, "knobs": settings_from(given, ini),
                                  "paths": [Path(p) for p in config.getini("rparity_paths")],
                                  "strict": config.getini("rparity_strict") if strict is None
                                  else strict}
    if config.args_source != pytest.Config.ArgsSource.ARGS:
        config.args = [*config.args, *map(str, config.stash[SETTINGS_KEY]["paths"])]


def _in_scope(config: pytest.Config, path: Path) -> bool:
    """The plugin is enabled and collects programs at ``path``."""
    settings = config.stash.get(SETTINGS_KEY, None)
    if settings is None:
        return False
    return settings["enabled"] == "flag" or any(path.is_relative_to(folder)
                                                for folder in settings["paths"])


def _pair_in_scope(config: pytest.Config, r_file: Path) -> bool:
    """``r_file`` is a ``.R`` file with its ``.py`` beside it, and the plugin collects it."""
    return (r_file.suffix == ".R" and r_file.is_file() and r_file.with_suffix(".py").is_file()
            and _in_scope(config, r_file))


def _looks_like_a_keras_port(py_file: Path) -> bool:
    """A ``.py`` that imports Keras and calls ``fit``: a port, not a helper or a test."""
    try:
        text = py_file.read_text(errors="replace")
    except OSError:
        return False
    return "keras" in text and ".fit(" in text


def orphan_message(path: Path) -> str | None:
    """What is wrong when ``path`` is half of a pair (``None`` when it is not an orphan).

    Example:
    >>> print(orphan_message(Path("/nowhere/model.R")))
    rparity: /nowhere/model.R has no Python port beside it (expected /nowhere/model.py); ...
    """
    if path.suffix == ".R" and not path.with_suffix(".py").is_file():
        return (f"rparity: {path} has no Python port beside it (expected "
                f"{path.with_suffix('.py')}); it is not compared")
    if path.suffix == ".py" and not path.with_suffix(".R").is_file() \
            and _looks_like_a_keras_port(path):
        return (f"rparity: {path} looks like a Keras port (it imports keras and calls fit) "
                f"but has no R program beside it (expected {path.with_suffix('.R')}); it is "
                "not compared")
    return None


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> Any:
    config = parent.config
    if file_path.suffix not in (".R", ".py") or not _in_scope(config, file_path):
        return None
    settings = config.stash[SETTINGS_KEY]
    if _pair_in_scope(config, file_path):
        from keras_rparity.testing.pytest_items import ProgramPairFile

        return ProgramPairFile.from_parent(parent, path=file_path, knobs=settings["knobs"])
    message = orphan_message(file_path)
    if message is None:
        return None
    if settings["strict"]:
        from keras_rparity.testing.pytest_items import OrphanProgram

        return OrphanProgram.from_parent(parent, path=file_path, message=message)
    # one location per file, so that each orphan is shown (warnings show once per place)
    warnings.warn_explicit(RParityOrphanWarning(message), RParityOrphanWarning,
                           str(file_path), 1)
    return None


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """A pair's Python port is a program, not a test module (even if named ``test_*.py``):
    never import it while collecting."""
    if collection_path.suffix == ".py" and _pair_in_scope(config,
                                                          collection_path.with_suffix(".R")):
        return True
    return None
