"""Changelog lines a commit adds, and test functions added or removed with the product symbols they call."""

from __future__ import annotations

from tests.facts_support import fact, facts_of


def test_changelog_entries_are_quoted_trimmed_and_wrapped_lines_joined():
    before = "Version 8.1.7\n-------------\n\n-   Old entry.\n"
    after = ("Version 8.1.8\n-------------\n\n-   Do not suppress ``EOFError`` when the prompt\n"
             "    is interrupted. :issue:`2545`\n-   Fix the ``Choice`` type.\n\nVersion 8.1.7\n-------------\n\n"
             "-   Old entry.\n")
    assert facts_of({"CHANGES.rst": (before, after)}) == [
        fact("changelog_entry", "CHANGES.rst", text="Version 8.1.8"),
        fact("changelog_entry", "CHANGES.rst",
             text="Do not suppress ``EOFError`` when the prompt is interrupted. :issue:`2545`"),
        fact("changelog_entry", "CHANGES.rst", text="Fix the ``Choice`` type."),
    ]


def test_release_note_fragments_count_and_other_markdown_does_not():
    note = (None, "Added a `--dry-run` flag.\n")
    readme = ("# Tool\n", "# Tool\n\n- Added a flag.\n")
    assert facts_of({"changelog.d/123.feature.md": note, "README.md": readme}) == [
        fact("changelog_entry", "changelog.d/123.feature.md", text="Added a `--dry-run` flag."),
    ]


def test_python_tests_added_and_removed_with_exercised_symbols():
    product = ("def parse(text):\n    return text\n", "def parse(text, strict=False):\n    return text\n")
    tests = ("def test_old():\n    assert True\n",
             "from app.parse import parse\n\n\ndef test_strict():\n    assert parse('x', strict=True)\n\n\n"
             "def test_plain():\n    assert len('x') == 1\n")
    assert facts_of({"app/parse.py": product, "tests/test_parse.py": tests}) == [
        fact("signature_changed", "app/parse.py", symbol="parse", public=True, before="(text)",
             after="(text, strict=False)", text="adds strict"),
        fact("test_added", "tests/test_parse.py", symbol="test_strict", text="parse"),
        fact("test_added", "tests/test_parse.py", symbol="test_plain"),
        fact("test_removed", "tests/test_parse.py", symbol="test_old"),
    ]
    # the same from the hunks alone
    assert facts_of({"app/parse.py": product, "tests/test_parse.py": tests}, read=False)[1:] == [
        fact("test_added", "tests/test_parse.py", symbol="test_strict", text="parse"),
        fact("test_added", "tests/test_parse.py", symbol="test_plain"),
        fact("test_removed", "tests/test_parse.py", symbol="test_old"),
    ]


def test_go_js_rust_and_java_tests():
    go = (None, "package a\n\nfunc TestServe(t *testing.T) {\n\tServe()\n}\n\nfunc helper() {}\n")
    js = ("", "describe('cart', () => {\n  it('adds items', () => {\n    addItem(1);\n  });\n});\n")
    rust = ("pub fn add(a: u8) -> u8 { a }\n",
            "pub fn add(a: u8) -> u8 { a }\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn adds() {\n"
            "        assert_eq!(super::add(1), 1);\n    }\n}\n")
    java = ("class T {\n}\n", "class T {\n    @Test\n    void rejectsEmpty() {\n        check(\"\");\n    }\n}\n")
    found = facts_of({"a/serve_test.go": go, "web/cart.test.js": js, "src/lib.rs": rust,
                      "src/test/java/TTest.java": java})
    assert found == [
        fact("test_added", "a/serve_test.go", symbol="TestServe"),
        fact("test_added", "web/cart.test.js", symbol="cart > adds items"),
        fact("test_added", "src/lib.rs", symbol="tests::adds"),
        fact("test_added", "src/test/java/TTest.java", symbol="T.rejectsEmpty"),
    ]
