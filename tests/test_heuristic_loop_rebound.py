"""An index loop rewritten as a for-each over another collection than its bound visits other elements: a behaviour
change under a cleanup title (medium, said in the compatibility insight); over the same collection it is a cleanup."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.hunks import loop_rebounds
from tests.test_heuristic_judge_rules import analyse, change

JAVA = "src/main/java/org/acme/lang/TypeUtils.java"


def _loop(walked: str):
    return change(JAVA, ["        for (int i = 0; i < indexes.length; i++) {", "            join(builder, types[i]);"],
                  [f"        for (final Type type : {walked}) {{", "            join(builder, type);"])


def test_a_for_each_over_another_collection_than_the_bound_is_a_rebound():
    assert loop_rebounds([_loop("types")]) == [("indexes", "types")]
    assert loop_rebounds([_loop("indexes")]) == []
    py = change("pkg/mod.py", ["    for i in range(len(names)):"], ["    for value in values:"])
    assert loop_rebounds([py]) == [("names", "values")]


def test_the_rebound_cleanup_is_medium_and_named_the_same_collection_low():
    rebound = analyse("Use for each on array", [_loop("types")])
    assert rebound.importance == "medium" and "`types`" in rebound.insights.compatibility
    assert analyse("Use for each on array", [_loop("indexes")]).importance == "low"
