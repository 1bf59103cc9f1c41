"""Installable like a real package: the wheel built from the checkout, installed
(non-editable) into a fresh virtual environment elsewhere, runs everything from there.

The fresh venv gets the wheel with ``--no-deps`` and a ``.pth`` line pointing at this
venv's site-packages for the dependencies (nothing is downloaded); its own site-packages
comes first, so ``keras_rparity`` is imported from the wheel, never from the checkout.
Commands run from a temporary folder outside the checkout, without PYTHONPATH.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from keras_rparity.programs.bundled import BUNDLED_PAIRS, missing_programs

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
#: Top-level entries of the checkout that are not part of a build's source.
NOT_SOURCE_TOP = {".git", ".venv", "build", "dist", ".rlib", "reports", "rparity-report",
                  "rparity-vignettes", "out", "tests", "benchmarks"}
#: Caches, at any depth.
CACHES = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".pytest_cache",
                                ".ruff_cache", ".ipynb_checkpoints")


def not_source(folder: str, names: list[str]) -> set[str]:
    """``copytree``'s ignore: caches anywhere, outputs and environments at the top."""
    top = NOT_SOURCE_TOP if Path(folder) == ROOT else set()
    return set(CACHES(folder, names)) | (top & set(names))


def shipped_files() -> list[str]:
    """Every file the wheel must carry besides Python modules, as wheel paths."""
    files = [f"keras_rparity/{p.relative_to(ROOT / 'pkg' / 'keras_rparity').as_posix()}"
             for p in (ROOT / "pkg" / "keras_rparity").rglob("*")
             if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    for folder in ("r_examples", "vignettes"):
        files += [f"keras_rparity/{p.relative_to(ROOT).as_posix()}"
                  for p in (ROOT / folder).rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts
                  and ".ipynb_checkpoints" not in p.parts]
    return sorted(files)


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    """A copy of the checkout's build source (builds write into their source folder)."""
    folder = tmp_path_factory.mktemp("source") / "keras-rparity"
    shutil.copytree(ROOT, folder, ignore=not_source)
    return folder


def fresh_venv(folder: Path) -> Path:
    """A venv without pip whose site-packages also sees this venv's packages (after its
    own); returns its python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True,
                   timeout=300)
    python = folder / "bin" / "python"
    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; "
                                   "print(sysconfig.get_paths()['purelib'])"],
                                  capture_output=True, text=True, check=True).stdout.strip())
    ours = [p for p in site.getsitepackages() if Path(p).is_dir()]
    ours.append(sysconfig.get_paths()["purelib"])
    (purelib / "_keras_rparity_test_deps.pth").write_text("\n".join(dict.fromkeys(ours)) + "\n")
    return python


def pip_install(python: Path, *args: str) -> None:
    """``pip install --no-deps --no-build-isolation ARGS`` into ``python``'s environment."""
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                           "-q", "--no-deps", "--no-build-isolation", *args],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]


def build_wheel(source: Path, out: Path) -> Path:
    """``pip wheel`` of ``source`` into ``out`` (no build isolation: nothing downloaded)."""
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                           "--no-build-isolation", "-w", str(out), str(source)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    (built,) = out.glob("keras_rparity-*.whl")
    return built


@pytest.fixture(scope="module")
def wheel(source) -> Path:
    return build_wheel(source, source.parent / "dist")


def test_a_wheel_built_from_the_sdist_has_the_same_files(source, wheel, tmp_path):
    """What ``python -m build`` does: an sdist first, then the wheel from the sdist."""
    done = subprocess.run([sys.executable, "-c", "import sys; from setuptools import build_meta;"
                           " print(build_meta.build_sdist(sys.argv[1]))", str(tmp_path)],
                          cwd=source, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    with tarfile.open(tmp_path / done.stdout.split()[-1]) as sdist:
        sdist.extractall(tmp_path / "sdist", filter="data")
    (unpacked,) = (tmp_path / "sdist").iterdir()
    from_sdist = build_wheel(unpacked, tmp_path / "dist")
    with zipfile.ZipFile(wheel) as direct, zipfile.ZipFile(from_sdist) as via_sdist:
        assert sorted(via_sdist.namelist()) == sorted(direct.namelist())


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed (no deps) and this venv's packages behind it."""
    folder = tmp_path_factory.mktemp("venv") / "fresh"
    pip_install(fresh_venv(folder), str(wheel))
    return folder


@pytest.fixture
def run_in_venv(venv, tmp_path):
    """Run a command of the fresh venv from a folder outside the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    work = tmp_path / "work"
    work.mkdir()

    def run(*command: str, timeout: float = 600, **extra_env: str):
        return subprocess.run([str(venv / "bin" / command[0]), *command[1:]], cwd=work,
                              env={**env, **extra_env}, capture_output=True, text=True,
                              timeout=timeout)

    run.work = work
    return run


def test_the_wheel_carries_every_shipped_file_and_the_pytest_plugin(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        declared = archive.read(entry_points).decode()
    missing = [f for f in shipped_files() if f not in names]
    assert not missing, f"not in {wheel.name}: {missing}"
    assert "keras_rparity/r_examples/iris_regression.py" in names
    assert "keras_rparity_pytest/__init__.py" in names
    assert "[pytest11]\nrparity = keras_rparity_pytest" in declared
    assert not [n for n in names if "__pycache__" in n or n.startswith("tests/")]


PROBE = """
import json, keras_rparity
from keras_rparity.programs.bundled import missing_programs, r_examples_dir
from keras_rparity.report.vignettes import list_vignettes, vignette_dir
from keras_rparity.bridge.session import r_dir
print(json.dumps({"package": keras_rparity.__file__, "r_examples": str(r_examples_dir()),
                  "vignettes": str(vignette_dir()), "vignette_names": list_vignettes(),
                  "r_dir": str(r_dir()), "testthat": keras_rparity.testthat_helper(),
                  "missing": missing_programs()}))
"""


def test_the_installed_package_finds_everything_inside_the_new_venv(venv, run_in_venv):
    done = run_in_venv("python", "-c", PROBE)
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.splitlines()[-1])
    for key in ("package", "r_examples", "vignettes", "r_dir", "testthat"):
        assert Path(found[key]).is_relative_to(venv), (key, found[key])
    assert Path(found["testthat"]).is_file()
    assert found["vignette_names"] == sorted(p.stem for p in (ROOT / "vignettes").iterdir()
                                             if p.suffix in (".py", ".Rmd"))
    # exactly what the checkout lacks, nothing more (the wheel is as complete as it)
    in_checkout = [Path(m.split(" ")[0]).relative_to(ROOT / "r_examples").as_posix()
                   for m in missing_programs()]
    in_wheel = [Path(m.split(" ")[0]).relative_to(found["r_examples"]).as_posix()
                for m in found["missing"]]
    assert in_wheel == in_checkout


def test_an_editable_install_reads_the_checkout_folders(source, wheel, tmp_path):
    python = fresh_venv(tmp_path / "editable")
    pip_install(python, "-e", str(source))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([str(python), "-c", PROBE], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.splitlines()[-1])
    assert found["package"] == str(source / "pkg" / "keras_rparity" / "__init__.py")
    assert (found["r_examples"], found["vignettes"]) == (str(source / "r_examples"),
                                                         str(source / "vignettes"))


@pytest.mark.r
def test_doctor_from_the_wheel_runs_r_and_names_what_is_missing(venv, run_in_venv, tmp_path):
    empty_home = tmp_path / "empty-keras-home"
    empty_home.mkdir()
    done = run_in_venv("keras-rparity", "doctor", "--json", KERAS_HOME=str(empty_home))
    checks = {c["name"]: c for c in json.loads(done.stdout)}
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    for name in ("R", "reticulate", "reticulate python", "R Keras API", "dataset iris"):
        assert checks[name]["ok"], checks[name]
    assert Path(checks["dataset iris"]["found"]).is_relative_to(venv)
    cifar = checks["dataset cifar10"]
    assert not cifar["ok"] and cifar["found"] == "missing" and cifar["remedy"]


@pytest.mark.r
@pytest.mark.slow
def test_run_from_the_wheel_writes_the_full_report_with_r(run_in_venv, cifar10_fixture_home):
    done = run_in_venv("keras-rparity", "run", "--epochs", "1", "--per-class", "1",
                       "--verbose", "0", "--out", "report", timeout=1200,
                       KERAS_HOME=str(cifar10_fixture_home))
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    report = run_in_venv.work / "report"
    for name in ("parity.csv", "parity.md", *(f"{e}_parity.png" for e in BUNDLED_PAIRS)):
        assert (report / name).is_file(), name
    with open(report / "parity.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    expected = [(name, fit) for name, entry in BUNDLED_PAIRS.items() for fit in entry.fits]
    assert [(r["experiment"], r["loss"]) for r in rows] == expected
    assert all(r["exact"] == "True" and float(r["r_seconds"]) > 0 for r in rows), rows


def test_the_wheel_registers_the_pytest_plugin(run_in_venv):
    pairs = run_in_venv.work / "pairs"
    shutil.copytree(ROOT / "r_examples", pairs)
    (run_in_venv.work / "test_plain.py").write_text(
        "import sys\n\ndef test_plain():\n    assert 'keras_rparity' not in sys.modules\n")
    plain = run_in_venv("python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
    assert plain.returncode == 0 and "1 passed" in plain.stdout, plain.stdout[-2000:]
    listed = run_in_venv("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rparity",
                         "--collect-only", "pairs")
    assert "pairs/iris_regression.R::iris_regression" in listed.stdout, listed.stdout[-2000:]
