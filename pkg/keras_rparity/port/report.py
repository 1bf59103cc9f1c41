"""What a port did: lines translated, what was not and why, the check's verdict."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from keras_rparity.parity.report import SUMMARY_COLUMNS
from keras_rparity.port.statements import Untranslated


@dataclass
class PortReport:
    """The report of one port.

    Attributes:
        r_program: the R file.
        python_program: where the port was written (None when only returned).
        lines_total: R lines of code (comments and blank lines not counted).
        lines_translated: those translated into Python.
        untranslated: each statement not translated: lines, R text, reason.
        dependent: statements translated but left commented out because they use
            values of untranslated lines (with data from R).
        files: other files written beside the port (R's data sets as CSV, R's arrays).
        parity: the check's :class:`~keras_rparity.parity.ParityReport` (None unchecked).

    Example:
    >>> PortReport("m.R", None, 10, 9).summary()
    'm.R: 9/10 R lines translated'
    """

    r_program: str
    python_program: str | None
    lines_total: int
    lines_translated: int
    untranslated: list[Untranslated] = field(default_factory=list)
    dependent: list[Untranslated] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    parity: Any = None
    data_from_r: bool = False

    @property
    def checked(self) -> bool:
        return self.parity is not None

    @property
    def verdict(self) -> bool | None:
        return None if self.parity is None else bool(self.parity.verdict)

    @property
    def exact(self) -> bool:
        """True when the port was checked and every fit is bitwise equal to R's."""
        return self.parity is not None and bool(self.parity.exact)

    def summary(self) -> str:
        text = f"{self.r_program}: {self.lines_translated}/{self.lines_total} R lines translated"
        if self.parity is not None:
            text += f"; port {'EXACT' if self.exact else 'NOT exact'} against R"
        return text

    def text(self) -> str:
        """The report as a person reads it."""
        lines = [self.summary()]
        if self.python_program:
            lines.append(f"port written to {self.python_program}")
        lines += [f"wrote {path}" for path in self.files]
        for item in self.untranslated:
            where = f"line {item.line}" + (f"-{item.last_line}" if item.last_line > item.line
                                           else "")
            lines.append(f"  not translated, {where}: {item.text.splitlines()[0].strip()}")
            lines.append(f"    reason: {item.reason}")
        for item in self.dependent:
            lines.append(f"  kept as a comment, line {item.line}: {item.reason}")
        if self.untranslated and self.data_from_r:
            lines.append("  the fits read R's arrays from the data file; translate the lines "
                         "above to make the port stand alone")
        if self.parity is not None:
            table = self.parity.table()
            lines += ["", table[list(SUMMARY_COLUMNS)].to_string(index=False)]
            if not self.parity.verdict:
                lines += ["", self.parity.explain()]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Everything, JSON-ready."""
        return {
            "r_program": self.r_program, "python_program": self.python_program,
            "lines_total": self.lines_total, "lines_translated": self.lines_translated,
            "untranslated": [asdict(u) for u in self.untranslated],
            "dependent": [asdict(u) for u in self.dependent],
            "files": self.files, "data_from_r": self.data_from_r,
            "checked": self.checked, "verdict": self.verdict, "exact": self.exact,
            "parity": self.parity.to_dict() if self.parity is not None else None,
        }
