"""The pytest plugin's collector and item: one program pair, one test.

The hooks live in the light module ``keras_rparity_pytest`` (the ``pytest11`` entry
point); this module is imported only when the plugin is enabled.

Example:
>>> settings_from({"epochs": "2", "seed": None}, {"seed": "7", "ulps": ""})
{'seed': 7, 'epochs': 2}
>>> settings_from({"seed": "none"}, {})
{'seed': None}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from keras_rparity.errors import KerasRParityError
from keras_rparity.record.knobs import parse_knob

#: The knobs the items pass to ``assert_parity`` (limits: ``KNOB_CONSTRAINTS``).
ITEM_KNOBS = ("seed", "epochs", "per_class", "tolerance", "ulps")


def settings_from(given: Mapping[str, str | None], ini: Mapping[str, str]) -> dict[str, Any]:
    """The knobs for ``assert_parity``: a flag's value wins over the ini value; empty and
    missing values are left out (``compare``'s defaults: seed 42, exact); ``none`` is
    ``None`` (``--rparity-seed none``: the programs seed themselves). A bad value is a
    :class:`pytest.UsageError` naming the flag or ini key."""
    knobs: dict[str, Any] = {}
    for knob in ITEM_KNOBS:
        flag, key = given.get(knob), ini.get(knob, "")
        value, name = ((flag, "--rparity-" + knob.replace("_", "-")) if flag not in (None, "")
                       else (key, f"rparity_{knob}"))
        if value in (None, ""):
            continue
        try:
            knobs[knob] = parse_knob(knob, value, name)
        except (TypeError, ValueError) as exc:
            raise pytest.UsageError(str(exc)) from None
    if knobs.get("tolerance") is not None and knobs.get("ulps") is not None:
        raise pytest.UsageError("give rparity tolerance or ulps, not both")
    return knobs


class ProgramPairFile(pytest.File):
    """``NAME.R`` with ``NAME.py`` beside it: one item, named ``NAME``, run with ``knobs``."""

    def __init__(self, *, knobs: Mapping[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.knobs = dict(knobs)

    def collect(self) -> Iterator[ProgramPairItem]:
        yield ProgramPairItem.from_parent(self, name=self.path.stem, knobs=self.knobs)


class OrphanProgram(pytest.File):
    """A program without its other half (``--rparity-strict``): a collection error."""

    def __init__(self, *, message: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.message = message

    def collect(self) -> Iterator[pytest.Item]:
        raise pytest.Collector.CollectError(self.message)


class ProgramPairItem(pytest.Item):
    """Runs the pair with :func:`~keras_rparity.testing.assert_parity`."""

    def __init__(self, *, knobs: Mapping[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.knobs = dict(knobs)
        self.add_marker("rparity")

    @property
    def python_path(self):
        return self.path.with_suffix(".py")

    def runtest(self) -> None:
        from keras_rparity.testing.assertion import assert_parity

        report = assert_parity(self.path, self.python_path, **self.knobs)
        self.add_report_section("call", "rparity", report.explain())

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style=None) -> str:
        if isinstance(excinfo.value, AssertionError):
            return str(excinfo.value)
        if isinstance(excinfo.value, KerasRParityError | FileNotFoundError):
            return f"{type(excinfo.value).__name__}: {excinfo.value}"
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Any, int | None, str]:
        return self.path, None, f"rparity: {self.path.name} <-> {self.python_path.name}"
