"""Rules of the tuning round on the most recurring misses of all tuned days (issue 8, tune52c), each on a small
snippet: a title saying the code held syntax it did not need ("remove unneeded return", "No need for 'volatile'",
"Unqualify ``borrow()``") names housekeeping, as a cleanup does: with no interface touched, the same program; a
title saying a bounds check is put in where it was missing, or a length read from input bounded by the bytes that
remain, names what a malformed or hostile input read past the buffer: a security fix."""

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


# --- a bounds check put in where it was missing ---------------------------------------------------------------------

_DECODE = """package pgtype

import "encoding/binary"

func decodeElements(src []byte, count int) ([][]byte, error) {
\telems := make([][]byte, 0, count)
\trp := 0
\tfor i := 0; i < count; i++ {
\t\telemLen := int(int32(binary.BigEndian.Uint32(src[rp:])))
\t\trp += 4
\t\telems = append(elems, src[rp:rp+elemLen])
\t\trp += elemLen
\t}
\treturn elems, nil
}
"""
_BOUNDED = _DECODE.replace("""\t\telems = append(elems, src[rp:rp+elemLen])
""", """\t\tif elemLen < 0 || elemLen > len(src)-rp {
\t\t\treturn nil, errTruncated
\t\t}
\t\telems = append(elems, src[rp:rp+elemLen])
""")


def test_title_naming_a_missing_bounds_check_is_security() -> None:
    for title in ("Add bounds checking to a method where it was missing (#8673)",
                  "pgtype: bound array binary decode element length against remaining bytes",
                  "the bounds check was missing in read_header"):
        assert R.TITLE_SECURITY_WORDS.search(title), title
    for title in ("Avoid bounds checks in the hot loop", "Remove redundant bounds check", "bounds check: cleanup"):
        assert not R.TITLE_SECURITY_WORDS.search(title), title


def test_decoder_bounded_against_remaining_bytes_is_high() -> None:
    result = analysed({"pgtype/array.go": (_DECODE, _BOUNDED)},
                      "pgtype: bound array element length against remaining bytes")
    assert (result.change_type, result.importance) == ("security", "high")
    result = analysed({"pgtype/array.go": (_DECODE, _BOUNDED)}, "pgtype: return an error on short array bodies")
    assert (result.change_type, result.importance) != ("security", "high")
