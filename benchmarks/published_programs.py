"""Run published R Keras programs (keras3's vignettes) unmodified through keras-rparity.

Reads a keras3 checkout (a work tree or a bare git directory) at run time and vendors
nothing: for each vignette it writes the evaluated ``r`` chunks of the ``.Rmd`` to
``OUT/<name>.R`` (``dataset_mnist`` swapped for ``dataset_fashion_mnist``: MNIST is not
available offline) and, when found, the Python original (Keras' ``guides/<name>.py``,
else the ``python`` chunks of keras3's ``.tether/`` copy) to ``OUT/<name>.py`` (MNIST
swapped likewise). Each pair then runs in its own process (both sides, each in a working
folder of its own, fits kept up to an error, then compared), and one markdown table row per
program is printed: whether R ran to the end, fits on each side, whether the fits both
sides made (up to an error) are bitwise equal, and the first failure.

    python benchmarks/published_programs.py --keras3 ~/src/keras3 --keras ~/src/keras \\
        --out /tmp/corpus --epochs 1 --per-class 200
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

#: The 13 programs of issue 18 (paths under the checkout's ``vignettes-src/``).
PROGRAMS = (
    "examples/vision/mnist_convnet", "examples/vision/autoencoder",
    "examples/vision/mnist_siamese_graph", "sequential_model", "functional_api",
    "training_with_built_in_methods", "writing_your_own_callbacks",
    "making_new_layers_and_models_via_subclassing", "understanding_masking_and_padding",
    "serialization_and_saving", "intro_to_keras_for_engineers",
    "custom_train_step_in_tensorflow", "writing_a_custom_training_loop_in_tensorflow",
)

_CHUNK = re.compile(r"^```(\{?)(\w+)([^}\n]*)\}?\s*\n(.*?)^```\s*$", re.S | re.M)
_NOT_EVALUATED = re.compile(r"\beval\s*=\s*(FALSE|F)\b")


class Checkout:
    """Files of a git checkout: a work tree, or a bare git directory (read with git show)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.bare = not (path / ".git").exists() and (path / "HEAD").is_file()

    def read(self, name: str) -> str | None:
        if not self.bare:
            file = self.path / name
            return file.read_text() if file.is_file() else None
        shown = subprocess.run(["git", "-C", str(self.path), "show", f"HEAD:{name}"],
                               capture_output=True, text=True)
        return shown.stdout if shown.returncode == 0 else None

    def commit(self) -> str:
        return subprocess.run(["git", "-C", str(self.path), "rev-parse", "HEAD"],
                              capture_output=True, text=True).stdout.strip()


def chunks(rmd: str, language: str) -> list[str]:
    """The evaluated chunks of ``language`` in an R Markdown text, in order: knitr runs
    ```` ```{r} ```` chunks (not plain ```` ```r ```` blocks); keras3's tether copies
    of the Python guides hold their code in plain ```` ```python ```` blocks."""
    return [body for brace, lang, options, body in _CHUNK.findall(rmd)
            if lang == language and not _NOT_EVALUATED.search(options)
            and (brace or language == "python")]


def swap_mnist(code: str) -> str:
    """MNIST is not available offline: Fashion-MNIST has the same shapes and classes."""
    code = re.sub(r"\bdataset_mnist\(", "dataset_fashion_mnist(", code)
    code = re.sub(r"\bdatasets\.mnist\b", "datasets.fashion_mnist", code)
    code = re.sub(r"\bimport mnist\b", "import fashion_mnist as mnist", code)
    return code


def python_original(name: str, keras: Checkout | None, keras3: Checkout) -> str | None:
    """Keras' guide when it has one, else the python chunks of keras3's tether copy."""
    stem = name.rsplit("/", 1)[-1]
    if keras is not None:
        guide = keras.read(f"guides/{stem}.py")
        if guide is not None:
            return guide
    tether = keras3.read(f".tether/vignettes-src/{name}.Rmd")
    if tether is None:
        return None
    return "\n\n".join(chunks(tether, "python")) or None


@dataclass
class Row:
    program: str
    ran: bool
    fits_r: int | None
    fits_py: int | None
    exact: bool | None
    failure: str

    def markdown(self) -> str:
        def show(v: object) -> str:
            return "-" if v is None else ("yes" if v is True else "no" if v is False else str(v))
        cells = [self.program, show(self.ran), f"{show(self.fits_r)} / {show(self.fits_py)}",
                 show(self.exact), self.failure.replace("|", "\\|")[:160]]
        return "| " + " | ".join(cells) + " |"


def run_pair(r_file: Path, py_file: Path | None, knobs: dict[str, int | None],
             timeout: float) -> Row:
    """One program pair in its own process (:func:`child`)."""
    result = r_file.with_suffix(".json")
    result.unlink(missing_ok=True)
    command = [sys.executable, __file__, "--child", str(r_file), str(py_file or ""),
               json.dumps(knobs), str(result)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return Row(r_file.stem, False, None, None, None, f"timed out after {timeout:.0f} s")
    if not result.is_file():
        last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
        return Row(r_file.stem, False, None, None, None, f"crashed: {last}")
    found = json.loads(result.read_text())
    failure = found["r_error"] or found["py_error"] or found["difference"] or ""
    return Row(r_file.stem, found["r_error"] is None, found["fits_r"], found["fits_py"],
               found["exact"], failure)


def child(r_file: str, py_file: str, knobs_json: str, result: str) -> None:
    """Run both sides in this process (each in a working folder of its own, as
    keras-rparity runs them), keeping the fits recorded before an error; write what
    happened to ``result`` (JSON)."""
    from keras_rparity.parity.report import compare_runs
    from keras_rparity.programs import PythonProgram, RProgram
    from keras_rparity.record import Knobs

    knobs = Knobs(**json.loads(knobs_json))
    found: dict[str, object] = {"r_error": None, "py_error": None, "fits_r": 0,
                                "fits_py": None, "exact": None, "difference": None}
    runs = {}
    programs = {"r": RProgram(r_file), "py": PythonProgram(py_file) if py_file else None}
    for side, program in programs.items():
        if program is None:
            continue
        try:
            runs[side] = program.run(knobs)
        except Exception as error:  # the first failure is the row's finding
            found[f"{side}_error"] = f"{type(error).__name__}: {error}".splitlines()[0]
            runs[side] = getattr(error, "run", None)
        found[f"fits_{side}"] = len(runs[side].fits) if runs[side] is not None else 0
    r_run, py_run = runs.get("r"), runs.get("py")
    if r_run is not None and py_run is not None and r_run.fits and py_run.fits:
        count = min(len(r_run.fits), len(py_run.fits))  # the fits both made, up to an error
        report = compare_runs(replace(r_run, fits=r_run.fits[:count]),
                              replace(py_run, fits=py_run.fits[:count]))
        found["exact"] = report.exact
        if report.first_difference is not None:
            found["difference"] = str(report.first_difference).splitlines()[0]
    Path(result).write_text(json.dumps(found))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        child(*argv[1:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keras3", type=Path, required=True, help="a keras3 checkout")
    parser.add_argument("--keras", type=Path, help="a Keras checkout (for guides/*.py)")
    parser.add_argument("--out", type=Path, required=True, help="where the programs go")
    parser.add_argument("--only", nargs="*", help="program stems to run (default: all 13)")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--per-class", type=int, default=None)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args(argv)
    keras3 = Checkout(args.keras3)
    keras = Checkout(args.keras) if args.keras else None
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    knobs = {"epochs": args.epochs, "seed": args.seed, "per_class": args.per_class}
    print(f"keras3 {keras3.commit()}" + (f", Keras {keras.commit()}" if keras else ""))
    print("| program | R ran to the end | fits R / Py | exact | first failure |")
    print("|---|---|---|---|---|")
    for name in PROGRAMS:
        stem = name.rsplit("/", 1)[-1]
        if args.only and stem not in args.only:
            continue
        rmd = keras3.read(f"vignettes-src/{name}.Rmd")
        if rmd is None:
            print(f"| {stem} | - | - | - | not in the checkout |")
            continue
        r_file = args.out / f"{stem}.R"
        r_file.write_text(swap_mnist("\n\n".join(chunks(rmd, "r"))))
        original = python_original(name, keras, keras3)
        py_file = None
        if original is not None:
            py_file = args.out / f"{stem}.py"
            py_file.write_text(swap_mnist(original))
        print(run_pair(r_file, py_file, knobs, args.timeout).markdown(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
