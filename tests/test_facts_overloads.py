"""Overloads: stubs or signatures added to a name that stays defined are one change, not a removal and an addition."""

from analysis.facts.code.symbols import parse_file, symbol_facts
from analysis.models import Fact

PY_BEFORE = '''
class Error(Exception):
    def get_response(self, environ=None, scope=None):
        return 1
'''

PY_AFTER = '''
import typing as t

class Error(Exception):
    @t.overload
    def get_response(self, environ: Env | None = None, scope: dict | None = None) -> Response: ...
    @t.overload
    def get_response(self, environ: None = None, scope: dict | None = None) -> Other: ...
    def get_response(self, environ=None, scope=None):
        return 1
'''

TS_BEFORE = "export function parse(text: string): Node { return build(text); }\n"
TS_AFTER = ("export function parse(text: string): Node;\n"
            "export function parse(text: Buffer): Node;\n"
            "export function parse(text: string | Buffer): Node { return build(String(text)); }\n")


def _facts(path: str, before: str, after: str):
    return symbol_facts(path, parse_file(path, before), parse_file(path, after))


def _about(facts, name):
    return [(f.kind, f.text) for f in facts if f.symbol == name]


def test_python_overload_stubs_added_are_not_a_removal():
    facts = _facts("pkg/exceptions.py", PY_BEFORE, PY_AFTER)
    assert _about(facts, "Error.get_response") == [("symbol_modified", "method, adds 2 overload signatures")]


def test_python_overload_stubs_removed_are_not_a_removal_either():
    facts = _facts("pkg/exceptions.py", PY_AFTER, PY_BEFORE)
    assert _about(facts, "Error.get_response") == [("symbol_modified", "method, removes 2 overload signatures")]


def test_typescript_overload_signatures_pair_with_the_implementation():
    kinds = [kind for kind, _ in _about(_facts("src/parse.ts", TS_BEFORE, TS_AFTER), "parse")]
    assert "symbol_removed" not in kinds and "symbol_added" not in kinds and "symbol_modified" in kinds


def test_a_function_really_removed_is_still_removed():
    facts = _facts("pkg/exceptions.py", PY_BEFORE, "class Error(Exception):\n    pass\n")
    assert ("symbol_removed", "method") in _about(facts, "Error.get_response")


def test_a_crash_prevented_deeper_in_the_message_still_rates_high():
    from tests.test_heuristic_judge_rules import analyse, change
    code = change("src/main/java/org/lib/Types.java", ["        return unroll(map, type);"],
                  ["        return unroll(map, type, new HashSet<>());"])
    fact = Fact(kind="symbol_modified", path=code.path, symbol="Types.unroll", public=True, text="method")
    body = "* Improve handling of types\n\nReworked the walker. Updated `unroll` to prevent infinite recursion."
    quiet = "* Improve handling of types\n\nReworked the walker. Updated `unroll` to visit each type once."
    assert analyse(f"Improve handling of types\n\n{body}", [code], [fact]).importance == "high"
    assert analyse(f"Improve handling of types\n\n{quiet}", [code], [fact]).importance != "high"


def test_a_cpp_overload_added_is_one_change_of_the_name():
    before = "namespace lib {\nint parse(const char* text) { return 0; }\n}\n"
    after = before.replace("}\n}", "}\nint parse(const std::string& text) { return parse(text.c_str()); }\n}")
    assert _about(_facts("src/parse.cpp", before, after), "lib::parse") == [
        ("symbol_modified", "function, adds 1 overload signature")]
