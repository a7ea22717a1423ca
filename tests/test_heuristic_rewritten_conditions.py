"""A block moved with its branch condition rewritten is a behaviour change, not a move."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.behaviour.rewrites import conditions_rewritten
from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, change, patch_of

_BLOCK = ["if (onProgress) {", "const stream = new Meter({", "length: toNumber(length),", "maxRate: toNumber(rate)",
          "});", "stream.on('progress', progress => {", "report(Object.assign(progress, {", "download: true",
          "}));", "});", "streams.push(stream);", "}"]


def _moved(old_condition: str, new_condition: str) -> str:
    return (patch_of([], _BLOCK) + patch_of([old_condition], [new_condition]) + patch_of(_BLOCK, []))


def test_a_condition_rewritten_among_moved_lines_is_found():
    patch = _moved("if (data && data.length === 0 && encoded) {", "if ((!length || status === 204) && encoded) {")
    assert conditions_rewritten([patch]) == [("if (data && data.length === 0 && encoded) {",
                                             "if ((!length || status === 204) && encoded) {")]
    assert conditions_rewritten([patch_of(["elif x > 1:"], ["elif x >= 1:"])])
    assert not conditions_rewritten([patch_of(_BLOCK, []) + patch_of([], _BLOCK)])  # a pure move
    assert not conditions_rewritten([patch_of(["return a"], ["return a + b"])])  # no condition at all


def test_a_fix_moving_a_block_and_rewriting_its_condition_is_not_a_low_move():
    code = change("lib/adapters/http.js", [], [])
    code.patch = _moved("if (data && data.length === 0 && encoded) {", "if ((!length || status === 204) && encoded) {")
    code.additions, code.deletions = len(_BLOCK) + 1, len(_BLOCK) + 1
    tests = change("test/unit/http.js", [], [f"  it('handles empty body {i}', check({i}));" for i in range(12)])
    facts = [Fact(kind="symbol_modified", path=code.path, symbol="httpAdapter", public=True, text="function")]
    assert analyse("Fixed an error when the response body is empty", [code, tests], facts).importance == "medium"
    pure = change("lib/adapters/http.js", [], [])
    pure.patch = patch_of([], _BLOCK) + patch_of(_BLOCK, [])
    pure.additions, pure.deletions = len(_BLOCK), len(_BLOCK)
    assert analyse("Move the progress meter before decompression", [pure], facts).importance == "low"
