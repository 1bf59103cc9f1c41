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


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def python_checks() -> list[Check]:
    checks = [Check("python", sys.version_info >= (3, 10), platform.python_version(),
                    "keras-rparity needs Python 3.10 or newer")]
    for dist, remedy in (("keras", "pip install 'keras>=3.10'"),
                         ("tensorflow-cpu", "pip install tensorflow-cpu (or tensorflow)"),
                         ("numpy", "pip install 'numpy>=2'"),
                         ("rpy2", "install R first, then pip install 'keras-rparity[r]'")):
        version = _version(dist) or (_version("tensorflow") if dist == "tensorflow-cpu" else None)
        checks.append(Check(dist, version is not None, version or "not installed", remedy))
    backend = "unknown"
    if _version("keras"):
        import keras

        backend = keras.backend.backend()
    checks.append(Check("keras backend", backend == "tensorflow", backend,
                        "set KERAS_BACKEND=tensorflow (parity is verified on TensorFlow)"))
    return checks


def r_checks() -> list[Check]:
    """Start the bridge and report R, reticulate and the R Keras API in use."""
    from keras_rparity.errors import KerasRParityError

    try:
        from keras_rparity.bridge import get_bridge

        info = get_bridge().info()
    except KerasRParityError as exc:
        return [Check("R bridge", False, "unavailable", str(exc))]
    return [
        Check("R", True, f"{info.r_version} at {info.r_home}"),
        Check("reticulate", True, info.reticulate_version),
        Check("reticulate python", info.same_process, f"{info.python} (same process: "
              f"{info.same_process})", "reticulate must bind to this interpreter"),
        Check("R Keras API", True, "keras3 package" if info.api == "keras3"
              else "keras-rparity's R layer (keras3 not installed)"),
    ]


def dataset_checks() -> list[Check]:
    from keras_rparity.data.status import dataset_status

    return [Check(f"dataset {s.name}", s.present, s.location if s.present else "missing",
                  s.remedy) for s in dataset_status()]


def run_doctor() -> list[Check]:
    return python_checks() + r_checks() + dataset_checks()


def format_checks(checks: list[Check]) -> str:
    lines = []
    for c in checks:
        mark = "ok " if c.ok else "!! "
        lines.append(f"{mark} {c.name:<18} {c.found}")
        if not c.ok and c.remedy:
            lines.append(f"    -> {c.remedy}")
    return "\n".join(lines)
