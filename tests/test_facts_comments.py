"""Changes that touch only comments, docstrings or whitespace: one comments_only fact, no symbol facts."""

from __future__ import annotations

from tests.facts_support import fact, facts_of


def test_python_comment_and_docstring_edits_are_comments_only():
    before = '"""Module."""\n\n\ndef run(a):\n    """Run it."""\n    # step one\n    return a\n'
    after = '"""Module, explained."""\n\n\ndef run(a):\n    """Run it, twice."""\n    # the first step\n    return a\n'
    assert facts_of({"pkg/run.py": (before, after)}) == [fact("comments_only", "pkg/run.py")]


def test_whitespace_only_change_in_go_is_comments_only():
    before = "package a\n\nfunc Run(a int) int {\n\treturn a\n}\n"
    after = "package a\n\nfunc Run(a int) int {\n\n\treturn   a\n}\n"
    assert facts_of({"a/run.go": (before, after)}) == [fact("comments_only", "a/run.go")]


def test_a_string_change_is_not_comments_only():
    before = 'def run():\n    # say it\n    return "a"\n'
    after = 'def run():\n    # say it\n    return "b"\n'
    assert facts_of({"pkg/run.py": (before, after)}) == [
        fact("symbol_modified", "pkg/run.py", symbol="run", public=True, text="function"),
    ]


def test_python_indentation_that_changes_meaning_is_not_comments_only():
    before = "def run(xs):\n    for x in xs:\n        pass\n    return 1\n"
    after = "def run(xs):\n    for x in xs:\n        pass\n        return 1\n"
    assert facts_of({"pkg/run.py": (before, after)}) == [
        fact("symbol_modified", "pkg/run.py", symbol="run", public=True, text="function"),
    ]


def test_rust_doc_comment_only_and_from_hunks_alone():
    before = "/// Adds.\npub fn add(a: u8) -> u8 {\n    a\n}\n"
    after = "/// Adds one number.\n/// Never panics.\npub fn add(a: u8) -> u8 {\n    a\n}\n"
    assert facts_of({"src/add.rs": (before, after)}) == [fact("comments_only", "src/add.rs")]
    assert facts_of({"src/add.rs": (before, after)}, read=False) == [fact("comments_only", "src/add.rs")]


def test_a_cosmetic_space_from_hunks_alone_is_comments_only():
    before = "x = call(a,b)\n"
    after = "x = call(a, b)\n"
    assert facts_of({"tool.py": (before, after)}, read=False) == [fact("comments_only", "tool.py")]


def test_from_hunks_alone_a_python_line_moved_to_another_block_is_not_comments_only():
    before = "def run(xs):\n    for x in xs:\n        pass\n    return 1\n"
    after = "def run(xs):\n    for x in xs:\n        pass\n        return 1\n"
    assert facts_of({"pkg/run.py": (before, after)}, read=False) == [
        fact("symbol_modified", "pkg/run.py", symbol="run", public=True, text="function"),
    ]
