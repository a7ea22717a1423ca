"""The packages form layers: analysis <- bot core <- scheduler, adapters <- the composition root (runtime, CLI).

Every import is read from the source (function-level and TYPE_CHECKING ones too), so an import
moved into a function to dodge a circle is caught as well.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: the composition root: the only modules that may import scheduler/ and adapters/
COMPOSITION = {"bot.runtime", "bot.cli", "bot.platforms"}
#: package -> the top-level packages and composition modules it must not import
FORBIDDEN = {
    "analysis": {"bot", "adapters", "scheduler"},
    "bot": {"adapters", "scheduler", *COMPOSITION},  # the core: every bot module outside COMPOSITION
    "scheduler": {"adapters", *COMPOSITION},
    "adapters": {"scheduler", *COMPOSITION},
}
#: inside bot/: sub-package -> the sub-packages of bot/ it must not import (store and observe sit at the
#: bottom, the core on them, the web pages on the core)
BOT_LAYERS = {
    "bot.store": {"bot.core", "bot.web", "bot.observe", "bot.settings"},
    "bot.observe": {"bot.core", "bot.web", "bot.store"},
    "bot.core": {"bot.web"},
}
#: imports another branch removes; none left (the LLM analyzer's metrics are listeners the bot adds)
PENDING: set[tuple[str, str]] = set()
_DOTTED = re.compile(r"^(adapters|scheduler)[.:]")


def modules() -> list[tuple[str, Path]]:
    found = []
    for package in FORBIDDEN:
        for path in sorted((ROOT / package).rglob("*.py")):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            found.append((name, path))
    return found


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports, as written (``from bot import metrics`` gives bot and bot.observe.metrics)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _hits(name: str, target: str) -> bool:
    return name == target or name.startswith(target + ".")


@pytest.mark.parametrize("module, path", modules(), ids=[m for m, _ in modules()])
def test_no_arrow_points_up(module, path):
    package = module.split(".")[0]
    if module in COMPOSITION:
        return
    bad = sorted(name for name in imported(path) for target in FORBIDDEN[package]
                 if _hits(name, target) and (module, name) not in PENDING)
    assert not bad, f"{module} imports {bad}, above its layer"


@pytest.mark.parametrize("module, path", [(m, p) for m, p in modules() if m.startswith("bot.")
                                          and m not in COMPOSITION])
def test_bot_sub_packages_form_layers(module, path):
    """store and observe import nothing of the bot's other parts; the core does not import the web pages."""
    forbidden = next((targets for pkg, targets in BOT_LAYERS.items() if _hits(module, pkg)), set())
    bad = sorted(name for name in imported(path) for target in forbidden if _hits(name, target))
    assert not bad, f"{module} imports {bad}, above its layer"


@pytest.mark.parametrize("module, path", [(m, p) for m, p in modules() if m.startswith("bot.")
                                          and m not in COMPOSITION])
def test_the_core_names_no_adapter_or_job_module_to_load_later(module, path):
    """No ``importlib.import_module("adapters.x")`` behind the checker's back: that is the composition root's job."""
    strings = [node.value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    assert not [s for s in strings if _DOTTED.match(s)], module


def test_the_runtime_imports_the_scheduler_at_the_top_not_inside_a_function():
    tree = ast.parse((ROOT / "bot" / "runtime.py").read_text(encoding="utf-8"))
    top = {node.module for node in tree.body if isinstance(node, ast.ImportFrom)}
    assert "scheduler.jobs" in top
    nested = [node for fn in ast.walk(tree) if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
              for node in ast.walk(fn) if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("scheduler")]
    assert nested == []


def test_importing_the_scheduler_first_is_no_circle():
    import subprocess
    import sys

    for first in ("scheduler.jobs", "bot.runtime", "adapters.console", "analysis.sources.github"):
        done = subprocess.run([sys.executable, "-c", f"import {first}, bot.cli"], cwd=ROOT, capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0, done.stderr


def test_the_github_source_is_observed_through_a_hook_it_is_given():
    from analysis.day import DayWindow
    from analysis.sources.github import GitHubSource
    from tests.fakes.github_server import FakeGitHub

    seen = []
    with FakeGitHub() as gh:
        gh.add_repo("o/r")
        GitHubSource("o/r", token=None, api_url=gh.url, on_response=seen.append).list_commits(
            DayWindow.of("2026-02-14"))
        GitHubSource("o/r", token=None, api_url=gh.url).list_commits(DayWindow.of("2026-02-14"))  # nobody watching
    assert len(seen) == 1 and "x-ratelimit-remaining" in {str(k).lower() for k in seen[0]}


def test_the_layer_checks_see_the_modules_and_imports_they_judge(tmp_path):
    """The checks above only look for what is absent: here, what they look at is present and a bad arrow is seen."""
    names = {name for name, _ in modules()}
    assert {"analysis.sources.github", "bot.core.service", "bot.runtime", "adapters.slack.app", "scheduler.jobs"} <= names
    assert "analysis.errors" in imported(ROOT / "bot" / "core" / "service.py")
    planted = tmp_path / "upward.py"
    planted.write_text("from bot.core.service import BotCore\nimport adapters.slack.app\n")
    assert sorted(n for n in imported(planted) for t in FORBIDDEN["analysis"] if _hits(n, t)) == [
        "adapters.slack.app", "bot.core.service", "bot.core.service.BotCore"]
