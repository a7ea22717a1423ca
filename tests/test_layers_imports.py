"""Two more checks on the layers, read from the source: chat libraries stay in the adapters, and no import
sits inside a function to dodge a circle (the one composition root is what breaks circles).
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("analysis", "bot", "scheduler", "adapters")
#: chat-platform client libraries: only adapters/ speaks to a platform
PLATFORM_LIBRARIES = ("slack_bolt", "slack_sdk", "discord")


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


MODULES = {_module_name(path): path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))}


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


@functools.cache  # read once: the module table and three checks per module ask for the same files
def imports_of(path: Path) -> tuple[tuple[str, bool], ...]:
    """(module named, inside a function?) for every import ``path`` runs (``TYPE_CHECKING`` ones left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    nested = {id(node) for fn in ast.walk(tree) if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
              for node in ast.walk(fn)}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Import, ast.ImportFrom)) or _type_checking_only(node, parents):
            continue  # only imports are asked about their ``if TYPE_CHECKING:`` (asking every node took seconds)
        if isinstance(node, ast.Import):
            found += [(alias.name, id(node) in nested) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(_resolve(f"{node.module}.{alias.name}") or node.module, id(node) in nested)
                      for alias in node.names]
    return tuple(found)


def _resolve(name: str) -> str | None:
    """The project module ``name`` is or lies in (``bot.store.TinyStore`` -> ``bot.store``), else None."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _with_packages(module: str, importer: str) -> set[str]:
    """``module`` and the packages above it that importing it runs, less those ``importer`` is already inside."""
    parts = module.split(".")
    chain = {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
    return {name for name in chain if name in MODULES and not (importer + ".").startswith(name + ".")}


TOP_LEVEL = {name: {target for imported, inside in imports_of(path) if not inside
                    for target in _with_packages(_resolve(imported) or "", name)} - {name}
             for name, path in MODULES.items()}


def reaches(start: str, goal: str) -> bool:
    """Whether importing ``start`` imports ``goal`` through module-level imports."""
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        if name == goal:
            return True
        if name not in seen:
            seen.add(name)
            todo += TOP_LEVEL.get(name, ())
    return False


@pytest.mark.parametrize("module", [m for m in MODULES if not m.startswith("adapters")])
def test_only_the_adapters_import_a_chat_platform_library(module):
    bad = sorted(name for name, _ in imports_of(MODULES[module])
                 if name.split(".")[0] in PLATFORM_LIBRARIES)
    assert not bad, f"{module} imports {bad}: the core and the jobs speak to platforms through the adapters"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_inside_a_function_dodges_a_circle(module):
    """An import may sit in a function to load a heavy or optional library late, never because at the top it
    would close a circle (the module imported would, through its own imports, import this one)."""
    dodges = sorted(target for imported, inside in imports_of(MODULES[module]) if inside
                    for target in _with_packages(_resolve(imported) or "", module) if reaches(target, module))
    assert not dodges, f"{module} imports {dodges} inside a function: at the top that is an import circle"


def test_the_circle_check_sees_a_circle():
    """The check is not empty: the scheduler imports the core at the top, so the core importing it back closes one."""
    assert reaches("scheduler.jobs", "bot.core.ledger") and reaches("bot.runtime", "scheduler.jobs")
    assert not reaches("bot.core.ledger", "scheduler.jobs") and not reaches("analysis.models", "bot.core.ledger")


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_function_imports_again_what_its_module_imports_at_the_top(module):
    """A function importing a project module its file already imports at the top is a leftover of an old dodge."""
    imports = imports_of(MODULES[module])
    top = {_resolve(name) for name, inside in imports if not inside}
    again = sorted({_resolve(name) for name, inside in imports if inside} & top - {None})
    assert not again, f"{module} imports {again} inside a function and at the top"


def test_the_import_reader_sees_platform_libraries_and_imports_inside_functions(tmp_path):
    """The per-module checks above only look for what is absent: here, what they read is present."""
    assert any(name.startswith("slack_bolt") for name, _ in imports_of(MODULES["adapters.slack.app"]))
    assert ("analysis.analyzers.llm.ask", True) in imports_of(MODULES["bot.core.ask"])  # a late import, seen as one
    planted = tmp_path / "planted.py"
    planted.write_text("import discord\nfrom bot.store import TinyStore\n\n\ndef late():\n"
                       "    from bot.store import TinyStore\n    import slack_sdk\n")
    found = imports_of(planted)
    assert ("discord", False) in found and ("slack_sdk", True) in found
    assert ("bot.store", False) in found and ("bot.store", True) in found  # what the "again" check compares
