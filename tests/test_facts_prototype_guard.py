"""A prototype-pollution fix is a security signal: an own-key or ``__proto__`` check added where keys from input are
copied (JavaScript and TypeScript); the same check elsewhere, or in a test, is none."""

from __future__ import annotations

from analysis.facts.patches import parse_patch
from analysis.facts.security import PROTOTYPE_GUARD, security_facts
from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, change

MERGE = ("@@ -59,3 +59,4 @@ function merge(target, patch) {\n"
         "   for (const key in patch) {\n"
         "+    if (!patch.hasOwnProperty(key)) continue\n"
         "     const sub = patch[key]\n"
         "     target[key] = sub\n")
PROTO = ("@@ -1,2 +1,3 @@\n"
         " function setPath(obj, key, value) {\n"
         "+  if (key === '__proto__' || key === 'constructor') return\n"
         "   obj[key] = value\n")
LOOKUP = ("@@ -1,2 +1,3 @@\n"
          " function has(map, name) {\n"
          "+  if (map.hasOwnProperty(name)) return true\n"
          "   return false\n")


def _signals(path: str, patch: str) -> list[str]:
    return [f.text or "" for f in security_facts(path, parse_patch(path, patch))]


def test_an_own_key_guard_in_a_key_copying_loop_is_a_prototype_pollution_guard():
    assert _signals("src/store.ts", MERGE) == [f"{PROTOTYPE_GUARD}: if (!patch.hasOwnProperty(key)) continue"]
    assert _signals("lib/set.js", PROTO)[0].startswith(PROTOTYPE_GUARD)


def test_an_own_key_lookup_without_copying_keys_a_test_or_python_is_none():
    assert _signals("src/map.ts", LOOKUP) == []
    assert _signals("src/store.spec.ts", MERGE) == []
    assert _signals("src/store.py", MERGE) == []


def test_a_fix_adding_the_guard_is_a_high_security_fix():
    store = change("src/store.ts", [], ["    if (!patch.hasOwnProperty(key)) continue"])
    guard = Fact(kind="security_signal", path=store.path, text=f"{PROTOTYPE_GUARD}: if (!patch.hasOwnProperty(key))")
    analysis = analyse("fix: avoid prototype pollution", [store], [guard])
    assert (analysis.importance, analysis.change_type) == ("high", "security")
