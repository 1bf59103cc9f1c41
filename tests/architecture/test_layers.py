"""The package's layers run one way (ARCHITECTURE.md): no module imports a higher layer,
and packages import each other without cycles. An AST walk over pkg/keras_rparity."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "pkg" / "keras_rparity"

#: Units (top-level modules or packages of keras_rparity), low to high. A unit may import
#: its own layer (without cycles) and every lower one, never a higher one.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "validation", "quiet", "backend", "determinism", "training_state", "shipped",
     "interrupts", "host"),
    ("data",),
    ("pairing",),
    ("record",),
    ("bridge",),
    ("programs",),
    ("parity",),
    ("report", "lab", "sweep", "r_api_gen", "port"),
    ("api", "tutorial", "doctor", "testing", "r_results"),
    ("cli", "__main__", "__init__"),
)
LEVEL = {unit: level for level, units in enumerate(LAYERS) for unit in units}


def unit_of(module: str) -> str | None:
    """``keras_rparity.bridge.session`` -> ``bridge``; other packages -> None."""
    parts = module.split(".")
    if parts[0] != "keras_rparity":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(path: Path, root: Path = PACKAGE) -> str:
    relative = path.relative_to(root.parent).with_suffix("")
    parts = list(relative.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, root: Path = PACKAGE) -> set[str]:
    """Every keras_rparity module a file imports (at any depth, lazy imports included)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            base = module_name(path, root).split(".")
            base = base if path.name == "__init__.py" else base[:-1]
            base = base[: len(base) - node.level + 1]
            found.add(".".join(base + ([node.module] if node.module else [])))
    return {name for name in found if name.split(".")[0] == "keras_rparity"}


def unit_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        source = source_unit(path)
        for target in imports_of(path):
            graph.setdefault(source, set()).add(unit_of(target))
    return graph


def test_every_unit_has_a_layer():
    units = {unit_of(module_name(p)) for p in PACKAGE.rglob("*.py")} - {None}
    units.discard("keras_rparity")
    missing = sorted(u for u in units if u not in LEVEL)
    assert not missing, f"add {missing} to LAYERS here and to ARCHITECTURE.md"


def source_unit(path: Path, root: Path = PACKAGE) -> str | None:
    if path.parent == root and path.name == "__init__.py":
        return "__init__"
    return unit_of(module_name(path, root))


def upward_imports(root: Path = PACKAGE) -> list[str]:
    """``file (unit) imports module`` for every import of a higher layer below ``root``."""
    upward = []
    for path in sorted(root.rglob("*.py")):
        source = source_unit(path, root)
        for target in sorted(imports_of(path, root)):
            unit = unit_of(target)
            if unit in LEVEL and LEVEL[unit] > LEVEL.get(source, len(LAYERS)):
                upward.append(f"{path.relative_to(root)} ({source}) imports {target}")
    return upward


def test_no_module_imports_a_higher_layer():
    upward = upward_imports()
    assert not upward, "imports against the layering:\n" + "\n".join(upward)


def test_units_import_each_other_without_cycles():
    graph = {u: {t for t in targets if t != u} for u, targets in unit_graph().items()}
    state: dict[str, str] = {}

    def visit(unit: str, trail: list[str]) -> None:
        state[unit] = "open"
        for target in sorted(graph.get(unit, ())):
            if state.get(target) == "open":
                pytest.fail("import cycle: " + " -> ".join([*trail, unit, target]))
            if target not in state:
                visit(target, [*trail, unit])
        state[unit] = "done"

    for unit in sorted(graph):
        if unit not in state:
            visit(unit, [])


def test_the_checker_finds_an_upward_import(tmp_path):
    fake = tmp_path / "keras_rparity"
    (fake / "record").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "record" / "__init__.py").write_text("from .context import RunContext\n")
    (fake / "record" / "context.py").write_text(
        "from keras_rparity.pairing import check_pairing\n"
        "def f():\n    from keras_rparity.bridge import handoff\n")
    assert upward_imports(fake) == [
        "record/context.py (record) imports keras_rparity.bridge"]
