"""Test functions a commit adds or removes, and which of the commit's product symbols they call."""

from __future__ import annotations

import re
from typing import Any

from analysis.facts.code.symbols import ParsedFile
from analysis.facts.code.syntax import text_of
from analysis.facts.languages import grammar_for, is_test_path
from analysis.facts.patches import FilePatch, Line
from analysis.models import Fact

_CALLS = {"call": "function", "call_expression": "function", "method_invocation": "name",
          "new_expression": "constructor", "object_creation_expression": "type", "macro_invocation": "macro"}
_JS_TEST_CALLS = {"it", "test"}
_IDENT = re.compile(r"[A-Za-z_]\w*")
_HUNK_TESTS = [
    re.compile(r"^\s*(?:async\s+)?def\s+(?P<name>test\w*)\s*\("),
    re.compile(r"^func\s+(?P<name>(?:Test|Benchmark|Fuzz)\w*)\s*\("),
    re.compile(r"^\s*(?:it|test)(?:\.\w+)?\s*\(\s*(?P<q>['\"`])(?P<name>.+?)(?P=q)"),
]
_RUST_FN = re.compile(r"^\s*(?:pub\s+)?(?:async\s+)?fn\s+(?P<name>\w+)")
_JAVA_METHOD = re.compile(r"^\s*(?:(?:public|private|protected|static|final)\s+)*[\w<>\[\]]+\s+(?P<name>\w+)\s*\(")
_ANNOTATED = re.compile(r"^\s*(#\[(?:\w+::)?test\b|@(?:Test|ParameterizedTest)\b)")


def _calls(node: Any) -> set[str]:
    """Last components of the names called under ``node`` (``a.b.parse(...)`` -> ``parse``)."""
    names: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        field = _CALLS.get(current.type)
        if field:
            target = text_of(current.child_by_field_name(field))
            found = _IDENT.findall(target.split("(")[0])
            if found:
                names.add(found[-1])
        stack.extend(current.named_children)
    return names


def _unquoted(literal: str) -> str:
    """A JS string literal's text: its own delimiters off, the quotes inside kept (``'.. is "true"'`` keeps the
    ``"`` that closes ``"true"``, which stripping every quote off both ends cut)."""
    if len(literal) >= 2 and literal[0] in "'\"`" and literal[-1] == literal[0]:
        return literal[1:-1]
    return literal.strip("'\"`")


def _js_tests(node: Any, prefix: str = "") -> dict[str, Any]:
    """``it("...")``/``test("...")`` calls by their (``describe``-prefixed) names."""
    found: dict[str, Any] = {}
    stack = [(node, prefix)]
    while stack:
        current, scope = stack.pop()
        if current.type == "call_expression":
            callee = text_of(current.child_by_field_name("function")).split(".")[0]
            args = current.child_by_field_name("arguments")
            first = args.named_children[0] if args is not None and args.named_child_count else None
            quoted = first is not None and first.type in ("string", "template_string")
            title = _unquoted(text_of(first)) if quoted else ""
            if callee in _JS_TEST_CALLS and title:
                found.setdefault(f"{scope}{title}", current)
                continue
            if callee == "describe" and title:
                stack.extend((c, f"{scope}{title} > ") for c in reversed(current.named_children))
                continue
        stack.extend((c, scope) for c in reversed(current.named_children))
    return found


def _tests_of(parsed: ParsedFile | None) -> dict[str, Any]:
    if parsed is None:
        return {}
    tests = {s.name: s.node for s in parsed.symbols.values() if s.is_test}
    if parsed.family == "js" and parsed.tree is not None:
        tests.update(_js_tests(parsed.tree.root_node))
    if parsed.family == "c" and parsed.tree is not None:
        tests.update(_c_tests(parsed.tree.root_node))
    return tests


#: GoogleTest's test macros: ``TEST(Suite, Name) {`` is a test named ``Suite.Name``
_GTEST_MACROS = {"TEST", "TEST_F", "TEST_P", "TYPED_TEST", "TYPED_TEST_P"}
#: Catch2's and doctest's: ``TEST_CASE("adds two", "[math]") {``, the test named by its string
_CATCH_CASE = re.compile(r'^(?:TEST_CASE|SCENARIO|TEST_CASE_METHOD)\s*\((?:\s*\w+\s*,)?\s*"(?P<name>[^"\n]+)"')


def _c_tests(root: Any) -> dict[str, Any]:
    """C/C++ tests declared by a test framework's macros, by the names the framework reports: ``Suite.Name``
    for GoogleTest's ``TEST(Suite, Name)``, the title for Catch2's ``TEST_CASE("title")``; each with its body."""
    found: dict[str, Any] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        children = node.named_children
        for i, child in enumerate(children):
            if child.type in ("namespace_definition", "declaration_list", "linkage_specification"):
                stack.append(child)
            elif child.type == "function_definition":
                declarator = child.child_by_field_name("declarator")
                if declarator is None or declarator.type != "function_declarator":
                    continue
                params = declarator.child_by_field_name("parameters")
                names = [text_of(p).strip() for p in params.named_children] if params is not None else []
                if (text_of(declarator.child_by_field_name("declarator")) in _GTEST_MACROS and len(names) >= 2
                        and all(_IDENT.fullmatch(n) for n in names[:2])):
                    found.setdefault(f"{names[0]}.{names[1]}", child)
            elif child.type == "expression_statement" and i + 1 < len(children) \
                    and children[i + 1].type == "compound_statement":
                case = _CATCH_CASE.match(text_of(child))
                if case:
                    found.setdefault(case.group("name"), children[i + 1])
    return found


def _exercised(names: set[str], product: dict[str, str]) -> str | None:
    hits = sorted({product[n] for n in names if n in product})
    return ", ".join(hits[:8]) or None


def product_names(facts: list[Fact]) -> dict[str, str]:
    """Last name component -> symbol, for the commit's product (non-test) symbol facts."""
    out: dict[str, str] = {}
    for fact in facts:
        if fact.symbol and fact.kind in ("symbol_added", "symbol_modified", "signature_changed", "symbol_removed"):
            out.setdefault(re.split(r"\.|::", fact.symbol)[-1], fact.symbol)
            out.setdefault(fact.symbol, fact.symbol)
    return out


def _body(name: str, text: str) -> str:
    """A test's text less its own name, spacing folded: equal for the same test under another name."""
    return " ".join(text.replace(name.rsplit(" > ", 1)[-1], "", 1).split())


def tree_test_facts(path: str, before: ParsedFile | None, after: ParsedFile | None,
                    product: dict[str, str], bodies: dict[int, str] | None = None) -> list[Fact]:
    """Tests added and removed between the parsed sides; ``bodies`` (when given) gets each fact's ``_body``."""
    old, new = _tests_of(before), _tests_of(after)
    found = [(Fact(kind="test_added", path=path, symbol=name, text=_exercised(_calls(node), product)), node)
             for name, node in new.items() if name not in old]
    found += [(Fact(kind="test_removed", path=path, symbol=name), node) for name, node in old.items() if name not in new]
    if bodies is not None:
        bodies.update((id(fact), _body(fact.symbol or "", text_of(node))) for fact, node in found)
    return [fact for fact, _ in found]


def hunk_test_names(path: str, lines: list[Line]) -> dict[str, list[str]]:
    """Test names opened by ``lines`` (one side of a hunk), each with the lines of its body seen there."""
    if grammar_for(path) is None:
        return {}
    test_file = is_test_path(path) or path.endswith("_test.go")
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    annotated = False
    for line in lines:
        name = None
        if _ANNOTATED.match(line.text):
            annotated = True
            continue
        if test_file:
            match = next((m for m in (p.match(line.text) for p in _HUNK_TESTS) if m), None)
            name = match.group("name") if match else None
        if name is None and annotated:
            match = _RUST_FN.match(line.text) or _JAVA_METHOD.match(line.text)
            name = match.group("name") if match else None
        annotated = False
        if name is not None:
            current = found.setdefault(name, [])
        elif current is not None:
            current.append(line.text)
    return found


def hunk_test_facts(path: str, patch: FilePatch, product: dict[str, str],
                    bodies: dict[int, str] | None = None) -> list[Fact]:
    """Tests whose opening lines the hunks add or remove; ``bodies`` (when given) gets the body lines the hunks show
    (none when only the opening line changed: the body is context, the same on both sides)."""
    added = hunk_test_names(path, patch.added)
    removed = hunk_test_names(path, patch.removed)
    found = []
    for name, body in added.items():
        if name not in removed:
            called = {m.group(1) for text in body for m in re.finditer(r"([A-Za-z_]\w*)\s*\(", text)}
            found.append((Fact(kind="test_added", path=path, symbol=name, text=_exercised(called, product)), body))
    found += [(Fact(kind="test_removed", path=path, symbol=name), body) for name, body in removed.items()
              if name not in added]
    if bodies is not None:
        bodies.update((id(fact), " ".join(" ".join(body).split())) for fact, body in found)
    return [fact for fact, _ in found]
