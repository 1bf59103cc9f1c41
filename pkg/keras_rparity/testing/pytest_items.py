"""The pytest plugin's collector and item: one program pair, one test.

The hooks live in the light module ``keras_rparity_pytest`` (the ``pytest11`` entry
point); this module is imported only when the plugin is enabled.

Example:
>>> settings_from({"epochs": "2", "seed": None}, {"seed": "7", "ulps": ""})
{'seed': 7, 'epochs': 2}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from keras_rparity.errors import KerasRParityError
from keras_rparity.validation import check_scalar

#: knob -> (type, smallest accepted value), as ``compare`` validates them.
KNOB_TYPES: dict[str, tuple[type, float]] = {
    "seed": (int, 0), "epochs": (int, 1), "per_class": (int, 1), "tolerance": (float, 0),
    "ulps": (int, 0),
}


def settings_from(given: Mapping[str, str | None], ini: Mapping[str, str]) -> dict[str, Any]:
    """The knobs for ``assert_parity``: a flag's value wins over the ini value; empty and
    missing values are left out. A bad value is a :class:`pytest.UsageError` naming the
    flag or ini key."""
    knobs: dict[str, Any] = {}
    for knob, (kind, smallest) in KNOB_TYPES.items():
        flag, key = given.get(knob), ini.get(knob, "")
        value, name = ((flag, "--rparity-" + knob.replace("_", "-")) if flag not in (None, "")
                       else (key, f"rparity_{knob}"))
        if value in (None, ""):
            continue
        try:
            knobs[knob] = check_scalar(_number(value, kind), name, kind, min_val=smallest)
        except (TypeError, ValueError) as exc:
            raise pytest.UsageError(str(exc)) from None
    if "tolerance" in knobs and "ulps" in knobs:
        raise pytest.UsageError("give rparity tolerance or ulps, not both")
    return knobs


def _number(text: str, kind: type) -> float | str:
    try:
        return float(text) if kind is float or "." in text or "e" in text.lower() else int(text)
    except ValueError:
        return text  # check_scalar names the knob and what it expected


class ProgramPairFile(pytest.File):
    """``NAME.R`` with ``NAME.py`` beside it: one item, named ``NAME``."""

    def collect(self) -> Iterator[ProgramPairItem]:
        yield ProgramPairItem.from_parent(self, name=self.path.stem)


class ProgramPairItem(pytest.Item):
    """Runs the pair with :func:`~keras_rparity.testing.assert_parity`."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_marker("rparity")

    @property
    def python_path(self):
        return self.path.with_suffix(".py")

    def runtest(self) -> None:
        from keras_rparity.testing.assertion import assert_parity
        from keras_rparity_pytest import SETTINGS_KEY

        knobs = self.config.stash[SETTINGS_KEY]["knobs"]
        report = assert_parity(self.path, self.python_path, **knobs)
        self.add_report_section("call", "rparity", report.explain())

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style=None) -> str:
        if isinstance(excinfo.value, AssertionError):
            return str(excinfo.value)
        if isinstance(excinfo.value, KerasRParityError | FileNotFoundError):
            return f"{type(excinfo.value).__name__}: {excinfo.value}"
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Any, int | None, str]:
        return self.path, None, f"rparity: {self.path.name} <-> {self.python_path.name}"
