"""Finding and starting R inside this Python process, with clear failures.

Every way the start can fail (no R, ``R_HOME`` pointing nowhere, rpy2 missing
or built for another R, reticulate missing or too old) ends in one
:class:`~keras_rparity.errors.RUnavailableError` that names the remedy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

from keras_rparity.bridge.compatibility import version_tuple
from keras_rparity.errors import RUnavailableError

#: Oldest reticulate that survives R's garbage collector inside rpy2 (GIL fix).
MIN_RETICULATE = (1, 39)

INSTALL_HINT = (
    "On Debian/Ubuntu, `bash scripts/setup.sh` in the keras-rparity checkout installs "
    "R and reticulate >= 1.39 (see README, 'R on other systems', for the manual route)."
)


def locate_r_home() -> Path:
    """The R installation rpy2 will embed: ``$R_HOME`` if set, else ``R RHOME``."""
    configured = os.environ.get("R_HOME")
    if configured:
        home = Path(configured)
        if not (home / "bin" / "R").exists():
            raise RUnavailableError(
                f"R_HOME is set to {configured!r}, but there is no R installation there "
                f"(no {home / 'bin' / 'R'}). Unset R_HOME or set it to what `R RHOME` "
                "prints. "
                + INSTALL_HINT
            )
        return home
    executable = shutil.which("R")
    if executable is None:
        raise RUnavailableError("R was not found on PATH, so the R side cannot run. "
                                + INSTALL_HINT)
    done = subprocess.run([executable, "RHOME"], capture_output=True, text=True, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        raise RUnavailableError(f"`{executable} RHOME` failed: {done.stderr.strip()}. "
                                + INSTALL_HINT)
    return Path(done.stdout.strip())


def import_rpy2():
    """Import ``rpy2.robjects`` (which starts R), translating failures."""
    home = locate_r_home()
    os.environ["R_HOME"] = str(home)
    # reticulate must bind to this very interpreter: never a second Python, never a download.
    os.environ["RETICULATE_PYTHON"] = sys.executable
    os.environ.setdefault("RETICULATE_PYTHON_FALLBACK", sys.executable)
    # R's heap grows more slowly, so garbage (e.g. a program's abind() intermediates) is
    # collected before R asks for more memory: a lower peak at no measurable CPU cost.
    os.environ.setdefault("R_GC_MEM_GROW", "0")
    library_path = os.environ.get("LD_LIBRARY_PATH")
    with warnings.catch_warnings():
        # rpy2 warns about an old reticulate bug (PR 1188); we require a fixed reticulate.
        warnings.filterwarnings("ignore", message=".*reticulate.*")
        try:
            import rpy2.robjects as robjects
        except ImportError as exc:
            raise RUnavailableError(
                f"rpy2 is not usable ({exc}). Install it after R: "
                "`pip install 'keras-rparity[r]'` (rpy2 3.6.x needs R >= 4.5; "
                "for R 4.2-4.4 use `pip install rpy2==3.5.17`). " + INSTALL_HINT
            ) from exc
        except Exception as exc:  # rpy2 raises plain errors when R cannot start
            raise RUnavailableError(
                f"R could not be started from {home}: {exc}. " + INSTALL_HINT) from exc
    _restore_env("LD_LIBRARY_PATH", library_path)
    return robjects


def _restore_env(name: str, value: str | None) -> None:
    """Undo an environment change R made at start-up that would leak into child processes.

    R prepends its library folders to LD_LIBRARY_PATH; this process has loaded its
    libraries already, but a child Python would pick up system libraries (libpython,
    libssl) in place of its own and fail to start.
    """
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


def check_reticulate(robjects) -> str:
    """Return reticulate's version, or fail if it is missing or older than 1.39."""
    installed = robjects.r('isTRUE(requireNamespace("reticulate", quietly = TRUE))')[0]
    if not installed:
        raise RUnavailableError("The R package reticulate is not installed. " + INSTALL_HINT)
    version = str(robjects.r('as.character(utils::packageVersion("reticulate"))')[0])
    if version_tuple(version)[:2] < MIN_RETICULATE:
        raise RUnavailableError(
            f"reticulate {version} is too old: versions before 1.39 release Python objects "
            "without holding the GIL and crash an embedded R. " + INSTALL_HINT
        )
    return version
