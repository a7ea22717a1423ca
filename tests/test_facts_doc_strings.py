"""Comments-only changes across languages' documentation forms: Rust ``///``/``//!`` and strings of doc,
deprecation and diagnostic attributes, Go/Java/C comment blocks, Python docstrings, JSDoc; a changed string
that the program uses is code."""

from __future__ import annotations

import pytest

from tests.facts_support import fact, facts_of

RUST = '''//! See [`axum::extract`]: https://docs.rs/axum/0.7/axum/extract/index.html

/// See https://docs.rs/axum/0.7/
#[doc = "More at https://docs.rs/axum/0.7/"]
#[rustversion::attr(
    since(1.78),
    diagnostic::on_unimplemented(note = "See `https://docs.rs/axum/0.7/` for details")
)]
pub trait FromRequest {}

#[deprecated(note = "use v0.7 instead")]
pub fn old() -> &'static str {
    "https://docs.rs/axum/0.7/"
}
'''


def test_rust_doc_comments_and_doc_attribute_strings_are_comments_only():
    after = RUST.replace("0.7/", "0.8/", 4).replace("use v0.7", "use v0.8")
    assert facts_of({"src/extract/mod.rs": (RUST, after)}) == [fact("comments_only", "src/extract/mod.rs")]


def test_rust_doc_attribute_lines_are_comments_in_the_hunks_too():
    before = '/// One.\n#[doc = "v1"]\npub fn a() {}\n'
    after = '/// One.\n#[doc = "v2"]\npub fn a() {}\n'
    assert facts_of({"src/a.rs": (before, after)}, read=False) == [fact("comments_only", "src/a.rs")]


def test_a_rust_string_the_program_uses_is_not_documentation():
    after = RUST.replace('    "https://docs.rs/axum/0.7/"', '    "https://docs.rs/axum/0.8/"')
    assert facts_of({"src/extract/mod.rs": (RUST, after)}) == [
        fact("symbol_modified", "src/extract/mod.rs", symbol="old", public=True, text="function")]
    error = '#[error("bad request: {0}")]\npub struct Bad(String);\n'
    assert facts_of({"src/e.rs": (error, error.replace("bad request", "invalid request"))}) != [
        fact("comments_only", "src/e.rs")]


@pytest.mark.parametrize("path,before,after", [
    ("x/a.go", "package x\n\n// Run runs.\n// See v1.\nfunc Run() {}\n", "package x\n\n// Run runs.\n// See v2.\nfunc Run() {}\n"),
    ("A.java", "/**\n * See v1.\n */\npublic class A {}\n", "/**\n * See v2.\n */\npublic class A {}\n"),
    ("a.c", "/* See v1. */\nint a(void) { return 0; }\n", "/* See v2. */\nint a(void) { return 0; }\n"),
    ("a.py", 'def a():\n    """See v1."""\n    return 1\n', 'def a():\n    """See v2."""\n    return 1\n'),
    ("a.ts", "/**\n * @param x see v1\n */\nexport function a(x: number) {}\n",
     "/**\n * @param x see v2\n */\nexport function a(x: number) {}\n"),
])
def test_comment_blocks_docstrings_and_jsdoc_are_comments_only(path, before, after):
    assert facts_of({path: (before, after)}) == [fact("comments_only", path)]
    if not path.endswith(".py"):  # a docstring line is not a comment line: the hunks alone cannot tell
        assert facts_of({path: (before, after)}, read=False) == [fact("comments_only", path)]
