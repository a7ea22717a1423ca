"""The suite's own rules, found by reading the tests' syntax trees: no hiding skips, no timing, no sleep-ordering.

``tests/test_suite_rules.py`` runs these over ``tests/``; each finder returns ``(file:line, what)``
pairs so a failure names every offending line at once.

- ``hiding_skips``: ``pytest.importorskip`` or ``try: import ... except ImportError`` of anything
  not in ``OPTIONAL`` (our own modules and required dependencies are imported plainly: their import
  error must fail the suite, not skip it).
- ``elapsed_time_asserts``: an ``assert`` outside a loop comparing a value read from a clock
  (``time.monotonic``/``time.time``/``perf_counter``/``loop.time``, or a name computed from one).
  Inside a polling loop such an assert is a hang guard (``assert monotonic() < deadline``) and allowed.
- ``ordering_sleeps``: ``time.sleep``/``asyncio.sleep`` of a positive constant outside a loop in a
  test (not in ``tests/fakes/``, where a sleep stands for the remote side's latency): order with
  events or barriers, or poll a condition.
- ``absence_only_tests``: a test whose every assert checks that something is absent (``not in``,
  ``not x``, ``not any(...)``): it passes on an empty output too; it must also check what is present.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

TESTS = Path(__file__).resolve().parent

#: modules a test may skip on when missing, each with the reason it is optional (none is a required dependency)
OPTIONAL: dict[str, str] = {
    "playwright": "only in the 'test' extra; the browser test needs it and a Chromium as well",
}

CLOCKS = {"monotonic", "perf_counter", "time", "monotonic_ns", "perf_counter_ns", "time_ns"}
CLOCK_OWNERS = {"time", "loop"}  # time.monotonic(), loop.time() (asyncio's loop, by its usual name)
NUMERIC = {"int", "float", "round", "abs", "max", "min"}
#: names of recorded instants: request_times, started, t0 ... (``datetime`` and ``timeout`` are not)
TIMING_NAME = re.compile(r"(^|_)(times?|started|finished|began|ended|elapsed|duration|took)$|^t\d$")

#: (file name, line text stripped) -> why the line may break a rule; kept short on purpose
ALLOWED: dict[tuple[str, str], str] = {
    ("test_github_source.py", "assert len(slept) == 1 and reset - after <= slept[0] <= reset - before"):
        "a bracket, not a measurement: the source reads the clock between 'before' and 'after', so the wait it "
        "asks for lies between the two whatever the machine's speed",
    ("test_scheduler.py", "await asyncio.sleep(self.delay)"):
        "CountingAnalyzer stands for a slow analyzer (its latency); it orders nothing",
    ("test_heuristic_package_paths.py", "def test_a_package_named_testing_with_sources_or_a_manifest_is_not_tests():"):
        "its presence half is the next test (the same kind of paths inside tests/ folders are tests)",
    **{("test_layers.py", line): "no import may point up; what the checks look at, and a bad arrow being seen, is "
       "test_the_layer_checks_see_the_modules_and_imports_they_judge"
       for line in ("def test_no_arrow_points_up(module, path):", "def test_bot_sub_packages_form_layers(module, path):",
                    "def test_the_core_names_no_adapter_or_job_module_to_load_later(module, path):")},
    **{("test_layers_imports.py", line): "per-module absence checks; what they read, and a planted import being "
       "seen, is test_the_import_reader_sees_platform_libraries_and_imports_inside_functions (and "
       "test_the_circle_check_sees_a_circle)"
       for line in ("def test_only_the_adapters_import_a_chat_platform_library(module):",
                    "def test_no_import_inside_a_function_dodges_a_circle(module):",
                    "def test_no_function_imports_again_what_its_module_imports_at_the_top(module):")},
    ("test_llm_replay_day.py", "def test_no_analysis_fell_back_to_the_heuristic(replay):"):
        "the same replayed report's presence half is the next test (the sections carry everything the sample does)",
}


def files_under_tests(root: Path = TESTS) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "data" not in p.relative_to(root).parts)


def _where(path: Path, node: ast.AST) -> str:
    shown = path.relative_to(TESTS.parent) if path.is_relative_to(TESTS.parent) else path
    return f"{shown}:{node.lineno}"


def _allowed(path: Path, node: ast.AST, source: list[str]) -> bool:
    return (path.name, source[node.lineno - 1].strip()) in ALLOWED


def _top(name: str) -> str:
    return name.split(".")[0]


# --- skips that hide import errors ---------------------------------------------------------------

def _in_order(tree: ast.AST) -> list[ast.AST]:
    return sorted((n for n in ast.walk(tree) if hasattr(n, "lineno")), key=lambda n: (n.lineno, n.col_offset))


def hiding_skips(paths: list[Path]) -> Iterator[tuple[str, str]]:
    for path in paths:
        source = path.read_text().splitlines()
        for node in _in_order(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "importorskip" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                module = str(node.args[0].value)
                if _top(module) not in OPTIONAL and not _allowed(path, node, source):
                    yield _where(path, node), f"importorskip({module!r}): import it plainly"
            elif isinstance(node, ast.Try) and any(_catches_import_error(h) for h in node.handlers):
                for stmt in node.body:
                    for module in _imported(stmt):
                        if _top(module) not in OPTIONAL and not _allowed(path, stmt, source):
                            yield _where(path, stmt), f"import {module} guarded by except ImportError"


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(n, ast.Name) and n.id in ("ImportError", "ModuleNotFoundError") for n in names)


def _imported(stmt: ast.stmt) -> list[str]:
    if isinstance(stmt, ast.Import):
        return [alias.name for alias in stmt.names]
    if isinstance(stmt, ast.ImportFrom) and stmt.module and not stmt.level:
        return [stmt.module]
    return []


# --- asserts on elapsed time ----------------------------------------------------------------------

def _is_clock_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in CLOCKS:
        owner = func.value
        if isinstance(owner, ast.Name) and owner.id in CLOCK_OWNERS:
            return True
        # asyncio.get_running_loop().time()
        return (func.attr == "time" and isinstance(owner, ast.Call) and isinstance(owner.func, ast.Attribute)
                and owner.func.attr in ("get_running_loop", "get_event_loop"))
    return isinstance(func, ast.Name) and func.id in ("monotonic", "perf_counter")


def _reads_clock(node: ast.AST, clocked: set[str]) -> bool:
    return any(_is_clock_call(n) or (isinstance(n, ast.Name) and n.id in clocked) or _timing_difference(n)
               for n in ast.walk(node))


def _identifiers(node: ast.AST) -> Iterator[str]:
    for n in ast.walk(node):
        if isinstance(n, ast.Name):
            yield n.id
        elif isinstance(n, ast.Attribute):
            yield n.attr


def _timing_difference(node: ast.AST) -> bool:
    """``a - b`` where both name times recorded elsewhere (``fake.request_times[1] - fake.request_times[0]``)."""
    return (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub)
            and all(any(TIMING_NAME.search(name) for name in _identifiers(side)) for side in (node.left, node.right)))


def _is_clock_value(node: ast.AST, clocked: set[str]) -> bool:
    """A clock reading, a name holding one, or arithmetic (``int``, ``round``, ``abs``...) on them."""
    if _is_clock_call(node) or (isinstance(node, ast.Name) and node.id in clocked):
        return True
    if isinstance(node, ast.BinOp):
        return _is_clock_value(node.left, clocked) or _is_clock_value(node.right, clocked)
    if isinstance(node, ast.UnaryOp):
        return _is_clock_value(node.operand, clocked)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in NUMERIC:
        return any(_is_clock_value(arg, clocked) for arg in node.args)
    return False


def _clocked_names(scope: ast.AST) -> set[str]:
    """Names assigned (anywhere in ``scope``) from a clock reading or arithmetic on one (not through other calls)."""
    clocked: set[str] = set()
    changed = True
    while changed:
        changed = False
        for node in ast.walk(scope):
            if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if _is_clock_value(node.value, clocked):
                    for target in targets:
                        for name in ast.walk(target):
                            if isinstance(name, ast.Name) and name.id not in clocked:
                                clocked.add(name.id)
                                changed = True
    return clocked


def _statements_outside_loops(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements of ``body`` and its nested blocks, not descending into loops or nested functions."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, (ast.For, ast.AsyncFor, ast.While, ast.FunctionDef, ast.AsyncFunctionDef,
                             ast.ClassDef, ast.Lambda)):
            continue
        for field in ("body", "orelse", "finalbody"):
            yield from _statements_outside_loops(getattr(stmt, field, []) or [])
        for handler in getattr(stmt, "handlers", []):
            yield from _statements_outside_loops(handler.body)
        for case in getattr(stmt, "cases", []):
            yield from _statements_outside_loops(case.body)


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def elapsed_time_asserts(paths: list[Path]) -> Iterator[tuple[str, str]]:
    for path in paths:
        text = path.read_text()
        source, tree = text.splitlines(), ast.parse(text)
        for function in _functions(tree):
            clocked = _clocked_names(function)
            for stmt in _statements_outside_loops(function.body):
                if (isinstance(stmt, ast.Assert) and any(isinstance(n, ast.Compare) for n in ast.walk(stmt.test))
                        and _reads_clock(stmt.test, clocked) and not _allowed(path, stmt, source)):
                    yield _where(path, stmt), f"asserts on a clock reading: {source[stmt.lineno - 1].strip()}"


# --- sleeps that order events -----------------------------------------------------------------------

def _positive_sleep(node: ast.AST) -> bool:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "sleep"
            and isinstance(node.func.value, ast.Name) and node.func.value.id in ("time", "asyncio") and node.args):
        return False
    arg = node.args[0]
    return not (isinstance(arg, ast.Constant) and not arg.value)


def ordering_sleeps(paths: list[Path]) -> Iterator[tuple[str, str]]:
    for path in paths:
        if path.is_relative_to(TESTS / "fakes"):
            continue
        text = path.read_text()
        source, tree = text.splitlines(), ast.parse(text)
        for function in _functions(tree):
            for stmt in _statements_outside_loops(function.body):
                if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    continue
                if not isinstance(stmt, ast.Expr):  # compound statements: their bodies are visited on their own
                    continue
                call = stmt.value.value if isinstance(stmt.value, ast.Await) else stmt.value
                if _positive_sleep(call) and not _allowed(path, stmt, source):
                    yield _where(path, stmt), f"a sleep outside a loop: {source[stmt.lineno - 1].strip()}"


# --- tests that only check absence ------------------------------------------------------------------

def _absence(test: ast.expr) -> bool:
    parts = test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) else [test]
    return all(_absent(part) for part in parts)


def _absent(node: ast.expr) -> bool:
    if isinstance(node, ast.Compare):
        return all(isinstance(op, ast.NotIn) for op in node.ops)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return True
    return False


def absence_only_tests(paths: list[Path]) -> Iterator[tuple[str, str]]:
    for path in paths:
        if not path.name.startswith("test_"):
            continue
        text = path.read_text()
        source, tree = text.splitlines(), ast.parse(text)
        for function in _functions(tree):
            if not function.name.startswith("test_"):
                continue
            asserts = [n for n in ast.walk(function) if isinstance(n, ast.Assert)]
            raises = any(isinstance(n, ast.Attribute) and n.attr == "raises" for n in ast.walk(function))
            if asserts and not raises and all(_absence(a.test) for a in asserts) \
                    and not _allowed(path, function, source):
                yield _where(path, function), f"{function.name} only checks what is absent"
