"""Mends from reading unlabelled real days (nushell 2026-04-17): two statements swapped are not "whitespace only",
and a Rust parameter pattern made ``mut`` is no signature change callers see."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.code_changes import whitespace_only
from tests.facts_support import facts_of, patch_of

BACKTAB = """            KeyCode::BackTab => {
                self.toggle_current();
                self.navigate_up();
                KeyAction::Continue
            }
"""


def test_two_statements_swapped_are_a_reordering_not_whitespace():
    swapped = BACKTAB.replace("                self.toggle_current();\n                self.navigate_up();\n",
                              "                self.navigate_up();\n                self.toggle_current();\n")
    assert not whitespace_only(patch_of(BACKTAB, swapped))
    reindented = BACKTAB.replace("                self.", "                  self.")
    assert whitespace_only(patch_of(BACKTAB, reindented))


def test_a_rust_parameter_pattern_made_mut_is_not_a_signature_change():
    before = ("pub fn to_delimited_data(Args { noheaders, input }: Args, out: &mut Vec<u8>) -> u8 {\n"
              "    input.len()\n}\n")
    after = before.replace("noheaders, input }", "noheaders, mut input }").replace("input.len()", "input.pop()")
    facts = facts_of({"src/to_delimited.rs": (before, after)})
    assert [(f["kind"], f["symbol"]) for f in facts] == [("symbol_modified", "to_delimited_data")]
    borrowed = before.replace("out: &mut Vec<u8>", "out: &Vec<u8>")  # the reference's mutability is the type's
    assert [f["text"] for f in facts_of({"src/to_delimited.rs": (before, borrowed)})] == [
        "type of out &mut Vec<u8> -> &Vec<u8>"]


PARAMS = '''from typing import Annotated, Optional

from annotated_doc import Doc


def Path(
    title: Annotated[
        Optional[str],
        Doc(
            """
            Human-readable title.
            """
        ),
    ] = None,
) -> Any:
    return title
'''


def test_prose_in_an_annotated_doc_is_documentation_not_a_signature_change():
    """fastapi 2026-02-04, 'Add links to related sections of docs to docstrings': read as breaking signature
    changes of Query and Security, high."""
    linked = PARAMS.replace("            Human-readable title.\n",
                            "            Human-readable title.\n\n            Read more in the [docs](https://x/#y).\n")
    assert facts_of({"fastapi/param_functions.py": (PARAMS, linked)}) == [
        {"kind": "comments_only", "path": "fastapi/param_functions.py"}]
    retyped = linked.replace("Optional[str]", "Optional[int]")
    facts = facts_of({"fastapi/param_functions.py": (PARAMS, retyped)})
    assert [f["kind"] for f in facts] == ["signature_changed"] and facts[0]["text"].startswith("type of title")
