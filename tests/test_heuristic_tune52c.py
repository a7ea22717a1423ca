"""Rules of the tuning round on the most recurring misses of all tuned days (issue 8, tune52c), each on a small
snippet: a title saying the code held syntax it did not need ("remove unneeded return", "No need for 'volatile'",
"Unqualify ``borrow()``") names housekeeping, as a cleanup does: with no interface touched, the same program."""

from __future__ import annotations

from analysis.analyzers.heuristic import rules as R
from tests.facts_support import analysed

# --- syntax the compiler did not need, taken out --------------------------------------------------------------------

_BODY = """pub fn content_length(headers: &HeaderMap) -> Option<u64> {
    let value = headers.get(CONTENT_LENGTH)?;
    let text = value.to_str().ok()?;
    let parsed = text.trim().parse::<u64>().ok();
    return parsed;
}

pub fn is_chunked(headers: &HeaderMap) -> bool {
    let value = headers.get(TRANSFER_ENCODING);
    let chunked = value.map(|v| v == "chunked").unwrap_or(false);
    return chunked;
}
"""
_TRIMMED = _BODY.replace("    return parsed;\n", "    parsed\n").replace("    return chunked;\n", "    chunked\n")


def test_title_naming_unneeded_syntax_is_housekeeping() -> None:
    for title in ("refactor(lib): remove unneeded return", "No need for 'volatile' in string.pack/unpack",
                  "Unqualify `borrow()` in combinations_with_replacement", "Drop needless clone"):
        assert R.HOUSEKEEPING_WORDS.search(title), title
    for title in ("Return the unneeded bytes to the pool", "Reduce needless", "Qualify paths in macros"):
        assert not R.HOUSEKEEPING_WORDS.search(title), title


def test_refactor_removing_unneeded_return_is_low_reworked_otherwise_medium() -> None:
    result = analysed({"src/headers.rs": (_BODY, _TRIMMED)}, "refactor(lib): remove unneeded return")
    assert (result.change_type, result.importance) == ("refactor", "low")
    result = analysed({"src/headers.rs": (_BODY, _TRIMMED)}, "refactor(lib): rework header parsing")
    assert (result.change_type, result.importance) == ("refactor", "medium")
