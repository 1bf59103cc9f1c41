"""``keras-rparity port``: write the plain-Keras Python port of an R Keras program.

The R program is parsed by R itself (:mod:`~keras_rparity.port.parse_tree`), translated
statement by statement (:mod:`~keras_rparity.port.statements`; expressions by
:mod:`~keras_rparity.port.translator`, calls by the handlers of Keras calls, base R's data
preparation and classes), written as a Python file that passes ``ruff check``
(:mod:`~keras_rparity.port.formatting`) and, by default, checked bit for bit against the
R program (:mod:`~keras_rparity.port.check`). What cannot be translated is kept as
``# R (not translated): <line>`` with the reason and listed in the
:class:`~keras_rparity.port.report.PortReport`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from keras_rparity.errors import InvalidArgumentError
from keras_rparity.port.formatting import assemble
from keras_rparity.port.parse_tree import ParsedProgram, parse_r_file
from keras_rparity.port.report import PortReport
from keras_rparity.port.statements import StatementEmitter, Untranslated
from keras_rparity.port.translator import Translator
from keras_rparity.validation import DEFAULT_SEED

#: ``fit()``'s ``epochs`` when the R API's own default cannot be read.
KERAS3_FIT_EPOCHS = 10


@dataclass
class Translation:
    """The port's text and what translating found."""

    text: str
    untranslated: list[Untranslated]
    dependent: list[Untranslated]
    datasets: dict[str, str]
    lines_total: int
    lines_translated: int


def translate(program: ParsedProgram, name: str = "model.R", data_from_r: bool = False,
              data_file: str = "model_data.npz", fit_epochs: int = KERAS3_FIT_EPOCHS
              ) -> Translation:
    """Translate a parsed R program into the text of its Python port."""
    tr, emitter, body = _translate_once(program, data_from_r, fit_epochs, fits_from_r=False)
    if data_from_r and emitter.untranslated:  # then every fit reads R's arrays
        tr, emitter, body = _translate_once(program, data_from_r, fit_epochs, fits_from_r=True)
    body += emitter.remaining_comments()
    setup = []
    for r_name, file in sorted(tr.datasets.items()):
        setup.append(f'{r_name} = pd.read_csv(Path(__file__).with_name("{file}"))  '
                     f"# R's own `{r_name}`, written by R")
    if tr.fits_from_r:
        tr.use("np")
        tr.use("Path")
        setup += ["# The x and y R passed to each fit (the R lines marked below are not "
                  "translated yet)",
                  f'r_data = np.load(Path(__file__).with_name("{data_file}"))',
                  "r_fits = iter([(r_data[f\"x{i}\"], r_data[f\"y{i}\"]) "
                  "for i in range(len(r_data.files) // 2)])"]
    docstring = (f"Python port of {name}, written by `keras-rparity port` from R's parse "
                 "tree.")
    text = assemble(docstring, tr.imports, setup, list(tr.helpers.values()), body)
    total, translated = _count_lines(program, emitter.untranslated)
    return Translation(text, emitter.untranslated, emitter.dependent, dict(tr.datasets),
                       total, translated)


def _translate_once(program: ParsedProgram, data_from_r: bool, fit_epochs: int,
                    fits_from_r: bool) -> tuple[Translator, StatementEmitter, list[str]]:
    tr = Translator(data_from_r=data_from_r, fit_defaults={"epochs": fit_epochs},
                    fits_from_r=fits_from_r)
    emitter = StatementEmitter(tr, program, data_from_r)
    return tr, emitter, emitter.body()


def _count_lines(program: ParsedProgram, untranslated: list[Untranslated]) -> tuple[int, int]:
    """R lines of code in the program, and how many of them were translated."""
    code = set()
    for node in program.statements:
        code |= {n for n in range(node.line1, node.line2 + 1)
                 if n - 1 < len(program.lines) and program.lines[n - 1].strip()
                 and not program.lines[n - 1].strip().startswith("#")}
    missing = {n for u in untranslated for n in range(u.line, u.last_line + 1)} & code
    return len(code), len(code) - len(missing)


def r_fit_epochs(bridge: Any) -> int:
    """``fit()``'s default ``epochs`` in the R Keras API this process uses."""
    try:
        value = bridge.eval('as.numeric(formals(getS3method("fit", '
                            '"keras.src.models.model.Model"))$epochs)')
        return int(value[0] if hasattr(value, "__len__") else value)
    except Exception:  # an API without that method: keras3's documented default
        return KERAS3_FIT_EPOCHS


def port(r_program: str | Path, output: str | Path | None = None, *, check: bool = True,
         seed: float | None = DEFAULT_SEED, epochs: float | None = None,
         per_class: float | None = None, verbose: float = 0, data_from_r: bool = False
         ) -> tuple[str, PortReport]:
    """Write the Python port of an R Keras program and check it against R.

    Args:
        r_program: the ``.R`` file.
        output: where to write the port (replaced if it exists). Default: only returned
            when neither ``check`` nor ``data_from_r`` needs a file; else ``<stem>.py``
            beside the R program, which must not exist yet.
        check: run both programs with the same knobs and compare them fit by fit.
        seed, epochs, per_class, verbose: the knobs of the check (as ``compare``); the seed is
            set identically on both sides before each model (default 42, as the bundled
            pairs; ``None``: the programs seed themselves).
        data_from_r: fits whose data comes from untranslated R lines read R's arrays
            from ``<stem>_data.npz`` beside the port (written by the check).

    Returns:
        The port's source text and its :class:`PortReport`.
    """
    from keras_rparity.bridge import get_bridge
    from keras_rparity.record import Knobs

    r_path = Path(r_program)
    if r_path.suffix.lower() != ".r":
        raise InvalidArgumentError(f"{r_path} is not an R program: give a .R file")
    if not r_path.is_file():
        raise InvalidArgumentError(f"R program not found: {r_path}")
    out_path = Path(output) if output is not None else None
    if out_path is None and (check or data_from_r):
        out_path = r_path.with_name(f"{r_path.stem}.py")
        if out_path.exists():
            raise InvalidArgumentError(f"{out_path} exists: give the port another path "
                                       "(-o PATH, output=), or that path to replace it")
    # the knobs are validated before R starts
    knobs = Knobs(epochs=epochs, seed=seed, per_class=per_class, verbose=verbose)
    bridge = get_bridge()
    parsed = parse_r_file(r_path, bridge)
    stem = out_path.stem if out_path is not None else r_path.stem
    translation = translate(parsed, r_path.name, data_from_r=data_from_r,
                            data_file=f"{stem}_data.npz", fit_epochs=r_fit_epochs(bridge))
    report = PortReport(str(r_path), str(out_path) if out_path else None,
                        translation.lines_total, translation.lines_translated,
                        translation.untranslated, translation.dependent,
                        data_from_r=data_from_r)
    if out_path is not None:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_text(translation.text, encoding="utf-8")
        for r_name, file in translation.datasets.items():
            target = out_path.with_name(file)
            bridge.eval(f'utils::write.csv({r_name}, "{_r_path(target)}", row.names = FALSE)')
            report.files.append(str(target))
    if check:
        from keras_rparity.port.check import check_port, data_file

        assert out_path is not None
        report.parity = check_port(r_path, out_path, knobs, data_from_r=bool(
            data_from_r and translation.untranslated))
        if data_from_r and translation.untranslated:
            report.files.append(str(data_file(out_path)))
    return translation.text, report


def _r_path(path: Path) -> str:
    return str(path.resolve()).replace("\\", "/").replace('"', '\\"')


__all__ = ["PortReport", "Translation", "port", "translate"]
