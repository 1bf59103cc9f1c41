"""The package's layers run one way (ARCHITECTURE.md): no module imports a higher layer,
packages import each other without cycles, and no module imports itself through others
(inside a package, or through the pytest plugin module). An AST walk over pkg/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "pkg" / "keras_rparity"
#: Every importable module under pkg/: the package and the pytest plugin's module.
SOURCES = PACKAGE.parent
TOP_LEVEL = ("keras_rparity", "keras_rparity_pytest")

#: Units (top-level modules or packages of keras_rparity), low to high. A unit may import
#: its own layer (without cycles) and every lower one, never a higher one.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "equality", "validation", "quiet", "backend", "determinism", "training_state",
     "shipped", "interrupts", "host", "pool"),
    ("data",),
    ("pairing",),
    ("record",),
    ("bridge",),
    ("programs",),
    ("parity",),
    ("report", "lab", "sweep", "r_api_gen", "folder_parity", "port"),
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


# --- cycles between modules (inside a package, and through the plugin module) -------------


def module_graph(sources: Path = SOURCES, top_level: tuple[str, ...] = TOP_LEVEL
                 ) -> dict[str, set[str]]:
    """Module -> the modules of ``top_level`` it imports (at any depth, lazy and
    ``TYPE_CHECKING`` imports included). ``from P import m`` is an import of the module
    ``P.m`` when there is one, else of ``P``; a package's ``__init__`` is the module ``P``."""
    paths = {_dotted(path, sources): path for path in sources.rglob("*.py")
             if path.relative_to(sources).parts[0].removesuffix(".py") in top_level}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(node, name, path)
                targets |= {f"{base}.{a.name}" if f"{base}.{a.name}" in paths else base
                            for a in node.names}
        graph[name] = {t for t in targets if t in paths and t != name}
    return graph


def _dotted(path: Path, sources: Path) -> str:
    """``sources/keras_rparity/parity/report.py`` -> ``keras_rparity.parity.report``."""
    parts = list(path.relative_to(sources).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(node: ast.ImportFrom, module: str, path: Path) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (as a path back to its start) per strongly connected group of modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return [_cycle_through(graph, sorted(group)) for group in groups]


def _cycle_through(graph: dict[str, set[str]], group: list[str]) -> list[str]:
    """A path from the group's first module back to it, inside the group."""
    start, members = group[0], set(group)
    trail, seen = [start], {start}
    while True:
        nxt = sorted(t for t in graph[trail[-1]] if t in members)
        if start in nxt:
            return [*trail, start]
        step = next((t for t in nxt if t not in seen), nxt[0])
        if step in seen:
            return [*trail[trail.index(step):], step]
        trail.append(step)
        seen.add(step)


def test_no_module_imports_itself_through_others():
    cycles = find_cycles(module_graph())
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_the_module_graph_sees_the_plugin_and_lazy_imports():
    graph = module_graph()
    assert "keras_rparity.testing.pytest_items" in graph["keras_rparity_pytest"]
    assert "keras_rparity.parity.overlay" in graph["keras_rparity.parity.report"]  # lazy


def test_the_checker_finds_cycles_inside_a_package_and_through_the_plugin(tmp_path):
    fake = tmp_path / "keras_rparity"
    (fake / "parity").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "parity" / "__init__.py").write_text("")
    (fake / "parity" / "report.py").write_text(
        "def plot():\n    from keras_rparity.parity.overlay import draw\n")
    (fake / "parity" / "overlay.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from .report import Report\n")
    (fake / "testing.py").write_text("def run():\n    from keras_rparity_pytest import KEY\n")
    (tmp_path / "keras_rparity_pytest.py").write_text("from keras_rparity import testing\n")
    cycles = sorted(find_cycles(module_graph(tmp_path)))
    assert cycles == [
        ["keras_rparity.parity.overlay", "keras_rparity.parity.report",
         "keras_rparity.parity.overlay"],
        ["keras_rparity.testing", "keras_rparity_pytest", "keras_rparity.testing"]]
