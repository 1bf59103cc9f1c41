"""What this machine has for keras-rparity, with the remedy for what is missing."""

from __future__ import annotations

import importlib.metadata
import platform
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    found: str
    remedy: str = ""

    @property
    def shows_remedy(self) -> bool:
        """Remedies are printed for failures and for remarks on the R stack."""
        return bool(self.remedy) and (not self.ok or self.name.startswith("R stack"))


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def python_checks() -> list[Check]:
    checks = [Check("python", sys.version_info >= (3, 10), platform.python_version(),
                    "keras-rparity needs Python 3.10 or newer")]
    for dist, remedy in (("keras", "pip install 'keras>=3.10'"),
                         ("numpy", "pip install 'numpy>=2'"),
                         ("rpy2", "install R first, then pip install 'keras-rparity[r]'")):
        version = _version(dist)
        checks.append(Check(dist, version is not None, version or "not installed", remedy))
    return checks + backend_checks()


def backend_checks() -> list[Check]:
    """One row per Keras backend: TensorFlow is required, JAX and PyTorch optional; the
    backend this process would use is marked."""
    from keras_rparity.backend import (
        DEFAULT_BACKEND,
        INSTALL_HINTS,
        available_backends,
        selected_backend,
    )
    from keras_rparity.errors import KerasRParityError

    try:
        chosen = selected_backend()
    except KerasRParityError as exc:  # a bad KERAS_BACKEND: say so in its row
        return [Check("backend", False, str(exc), "unset KERAS_BACKEND or fix its value")]
    checks = []
    for name, version in available_backends().items():
        found = (version or "not installed") + (" (selected)" if name == chosen else "")
        required = name in (DEFAULT_BACKEND, chosen)
        checks.append(Check(f"backend {name}", version is not None or not required, found,
                            INSTALL_HINTS[name]))
    return checks


def program_checks() -> list[Check]:
    """The bundled program pairs (tutorial and examples) are present in the installation."""
    from keras_rparity.programs.bundled import missing_programs

    missing = missing_programs()
    return [Check("bundled programs", not missing,
                  "all present" if not missing else "missing: " + "; ".join(missing),
                  "reinstall keras-rparity (pip install --force-reinstall keras-rparity)")]


def r_checks() -> list[Check]:
    """Start the bridge and report R, reticulate, rpy2, keras3 and the R Keras API in use,
    flagging untested or incompatible combinations with the remedy."""
    from keras_rparity.errors import KerasRParityError

    try:
        from keras_rparity.bridge import get_bridge

        bridge = get_bridge()
        info = bridge.info()
        keras3 = info.api_choice.keras3 or bridge.probe_keras3(load=False)
    except KerasRParityError as exc:
        return [Check("R bridge", False, "unavailable", str(exc))]
    from keras_rparity.bridge.compatibility import stack_notes

    checks = [
        Check("R", True, f"{info.r_version} at {info.r_home}"),
        Check("reticulate", True, info.reticulate_version),
        Check("reticulate python", info.same_process, f"{info.python} (same process: "
              f"{info.same_process})", "reticulate must bind to this interpreter"),
        Check("keras3 (R)", True, keras3.version if keras3.installed else "not installed"),
        Check("R Keras API", True, info.api_choice.describe()),
    ]
    keras3_version = keras3.version if keras3.installed else None
    for note in stack_notes(info.reticulate_version, keras3_version):
        checks.append(Check(f"R stack ({note.level})", note.level != "incompatible"
                            or info.api == "builtin", note.message, note.remedy))
    return checks


def dataset_checks() -> list[Check]:
    from keras_rparity.data.status import dataset_status

    return [Check(f"dataset {s.name}", s.present, s.location if s.present else "missing",
                  s.remedy) for s in dataset_status()]


def run_doctor() -> list[Check]:
    return python_checks() + program_checks() + r_checks() + dataset_checks()


def format_checks(checks: list[Check]) -> str:
    lines = []
    for c in checks:
        mark = "ok " if c.ok else "!! "
        lines.append(f"{mark} {c.name:<18} {c.found}")
        if c.shows_remedy:
            lines.append(f"    -> {c.remedy}")
    return "\n".join(lines)
