"""Rules of the fifty-second set's tuning round (issue 8, tune52d), each on a small snippet: an explicit abort the
program could reach (Rust's ``unimplemented!()``/``todo!()``/``panic!()``, Go's ``panic(...)``) replaced in the same
hunk by a returned error is a crash mended: a fix, high, whatever the title's verb ("reset stream if invalid
content-length received"). ``unreachable!()`` taken out, or an abort that stays (reworded, or an ``assert!``), is not."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.behaviour.aborts_made_errors import aborts_made_errors
from analysis.models import FileChange
from tests.facts_support import analysed

_BEFORE = """use crate::frame::Reason;

pub struct Recv {
    expected: Option<u64>,
}

impl Recv {
    pub fn recv_headers(&mut self, value: &[u8]) -> Result<(), Reason> {
        let len = match parse_u64(value) {
            Ok(len) => len,
            Err(_) => {
                unimplemented!();
            }
        };
        self.expected = Some(len);
        Ok(())
    }
}
"""
_ERROR = _BEFORE.replace("                unimplemented!();\n", "                return Err(Reason::ProtocolError);\n")
_UNREACHABLE = _BEFORE.replace("unimplemented!();", "unreachable!(\"length parsed before\");")
_REWORDED = _BEFORE.replace("                unimplemented!();\n",
                            "                panic!(\"invalid content-length\");\n")


def test_reached_abort_returned_as_error_is_a_high_fix_an_abort_kept_or_unreachable_is_not() -> None:
    title = "reset stream if invalid content-length received"
    result = analysed({"src/proto/recv.rs": (_BEFORE, _ERROR)}, title)
    assert (result.change_type, result.importance) == ("fix", "high")
    for after in (_REWORDED, _UNREACHABLE):
        result = analysed({"src/proto/recv.rs": (_BEFORE, after)}, title)
        assert (result.change_type, result.importance) == ("refactor", "medium")


def _patch(removed: list[str], added: list[str]) -> str:
    return "@@ -1,4 +1,4 @@\n fn f() {\n" + "".join(f"-{line}\n" for line in removed) + \
        "".join(f"+{line}\n" for line in added) + " }\n"


def test_aborts_made_errors_reads_rust_and_go_hunks() -> None:
    rust = FileChange(path="src/hpack/huffman.rs", additions=1, deletions=1,
                      patch=_patch(["        unimplemented!();"], ["        return Err(DecoderError::InvalidHuffmanCode);"]))
    go = FileChange(path="parser/parser.go", additions=1, deletions=1,
                    patch=_patch(["\t\tpanic(\"bad token\")"], ["\t\treturn nil, fmt.Errorf(\"bad token %q\", tok)"]))
    assert aborts_made_errors([rust, go]) == ["src/hpack/huffman.rs", "parser/parser.go"]


def test_aborts_made_errors_leaves_unreachable_tests_and_kept_aborts() -> None:
    unreachable = FileChange(path="src/env.rs", additions=1, deletions=1,
                             patch=_patch(["        Ok(_) => unreachable!(\"exec returned\"),"],
                                          ["        Err(e) => Err(e.into()),"]))
    in_tests = FileChange(path="tests/support/mock.rs", additions=1, deletions=1,
                          patch=_patch(["        unimplemented!();"], ["        return Err(Error::Mock);"]))
    kept = FileChange(path="src/share.rs", additions=2, deletions=1,
                      patch=_patch(["        unimplemented!();"],
                                   ["        assert!(sz <= MAX, \"frame too big\");", "        panic!(\"Err(\" )"]))
    comment = FileChange(path="src/lib.rs", additions=1, deletions=1,
                         patch=_patch(["        // TODO: unimplemented!() here"], ["        return Err(Error::Io);"]))
    assert aborts_made_errors([unreachable, in_tests, kept, comment]) == []
    assert aborts_made_errors([FileChange(path="src/lib.rs", additions=1, deletions=1,
                                          patch=_patch(["        todo!()"], ["        Err(Error::Unsupported)"]))])


# --- a static analyser's "excessive check" simplified -----------------------------------------------------------------

_FLAGS = """#include <string.h>

int count_args(int argc, char** argv) {
    int n = 0;
    for (int i = 1; i < argc; i++) {
        char* arg = argv[i];
        if (arg[0] != '-' ||
            (arg[0] == '-' && arg[1] == '\\0')) {
            n++;
        }
    }
    return n;
}
"""
_SIMPLIFIED = _FLAGS.replace("if (arg[0] != '-' ||\n            (arg[0] == '-' && arg[1] == '\\0')) {",
                             "if (arg[0] != '-' || arg[1] == '\\0') {")


def test_excessive_check_title_is_housekeeping() -> None:
    from analysis.analyzers.heuristic import rules as R
    for title in ("Fix V728 excessive check", "Remove superfluous comparisons in the parser loop"):
        assert R.HOUSEKEEPING_WORDS.search(title), title
    for title in ("Fix excessive memory use in the parser", "Reduce excessive logging"):
        assert not R.HOUSEKEEPING_WORDS.search(title), title
    result = analysed({"src/flags.c": (_FLAGS, _SIMPLIFIED)}, "Fix V728 excessive check")
    assert result.importance == "low"
    result = analysed({"src/flags.c": (_FLAGS, _SIMPLIFIED)}, "Fix V728 in the argument loop")
    assert result.importance == "medium"


# --- items compiled only under the crate's ``unstable`` feature -----------------------------------------------------

_PING = """pub struct Ping {
    payload: [u8; 8],
}

impl Ping {
    #[cfg(feature = "unstable")]
    pub fn new() -> Ping {
        Ping { payload: [0; 8] }
    }

    pub fn pong(payload: [u8; 8]) -> Ping {
        Ping { payload }
    }
}
"""


def test_unstable_feature_items_are_not_public_api() -> None:
    from tests.facts_support import facts_of
    resigned = _PING.replace("pub fn new() -> Ping {\n        Ping { payload: [0; 8] }",
                             "pub fn new(payload: [u8; 8]) -> Ping {\n        Ping { payload }")
    facts = facts_of({"src/frame/ping.rs": (_PING, resigned)})
    assert [(f["symbol"], f["public"]) for f in facts if f["kind"] == "signature_changed"] == [("Ping::new", False)]
    stable = _PING.replace('    #[cfg(feature = "unstable")]\n', "")
    facts = facts_of({"src/frame/ping.rs": (stable, resigned.replace('    #[cfg(feature = "unstable")]\n', ""))})
    assert [(f["symbol"], f["public"]) for f in facts if f["kind"] == "signature_changed"] == [("Ping::new", True)]
