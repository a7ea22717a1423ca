"""Edits that leave what the product does as it was, read from the hunks: a hooks manager's bump with its
formatters' output, package metadata strings, Rust's documentation-only attributes, a generated copy of a comment
change, and a block moved (not re-spaced)."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.code_changes import whitespace_only
from analysis.analyzers.heuristic.code.hunks import comment_lines_only
from analysis.analyzers.heuristic.code.respelled.metadata import metadata_only
from analysis.analyzers.heuristic.config.autofix import formatter_output, hooks_bumped
from analysis.models import Fact, FileChange
from tests.test_heuristic_judge_rules import analyse, change, patch_of

_HOOKS = change(".pre-commit-config.yaml", ["  rev: 22.3.0", "  rev: v2.31.1"], ["  rev: 23.7.0", "  rev: v3.10.1"])
_AUTOFIX = change("pkg/models.py", ["        for (k, v) in files:", ""] * 4, ["        for k, v in files:"] * 4)


def test_hooks_bumped_with_their_formatters_output_is_a_low_chore_whatever_the_title():
    assert hooks_bumped([_HOOKS, _AUTOFIX]) and formatter_output([_AUTOFIX])
    facts = [Fact(kind="symbol_modified", path=_AUTOFIX.path, symbol="Request.prepare", public=True)]
    analysis = analyse("Pre commit update (#6498)", [_HOOKS, _AUTOFIX], facts)
    assert (analysis.importance, analysis.change_type) == ("low", "chore")


def test_code_rewritten_beside_a_hooks_bump_is_not_formatter_output():
    rewritten = change("pkg/models.py", ["        for (k, v) in files:"] * 4, ["        for k, v in sorted(files):"] * 4)
    assert not formatter_output([rewritten])
    facts = [Fact(kind="symbol_modified", path=rewritten.path, symbol="Request.prepare", public=True)]
    assert analyse("Pre commit update", [_HOOKS, rewritten], facts).importance == "medium"
    # the same autofix without the hooks' versions moving is not read as the hooks' output
    assert not hooks_bumped([change(".pre-commit-config.yaml", ["- id: black"], ["- id: ruff"]), _AUTOFIX])


def test_a_package_license_string_is_metadata_a_low_chore():
    meta = change("pkg/__version__.py", ['__license__ = "Apache 2.0"'], ['__license__ = "Apache-2.0"'])
    assert metadata_only([meta])
    assert not metadata_only([change("pkg/__version__.py", ['timeout = 5'], ['timeout = 10'])])
    analysis = analyse("Change to SPDX conform license string", [meta])
    assert (analysis.importance, analysis.change_type) == ("low", "chore")


def test_docs_rs_attributes_are_documentation_in_rust():
    banner = '    #[cfg_attr(docsrs, doc(cfg(feature = "arbitrary_precision")))]'
    assert comment_lines_only(patch_of([], [banner]), "src/number.rs")
    assert comment_lines_only(patch_of([], ['#![doc = include_str!("../README.md")]']), "src/lib.rs")
    assert not comment_lines_only(patch_of([], ['    #[cfg(feature = "std")]']), "src/number.rs")
    analysis = analyse("Add cfg banner to documentation of Number::as_str", [change("src/number.rs", [], [banner])])
    assert (analysis.importance, analysis.change_type) == ("low", "docs")


def test_a_generated_copy_of_a_comment_change_is_documentation_too():
    comment = ["\t// Applies to this command and all of its subcommands."]
    source = change("command.go", [], comment)
    listing = change("godoc-current.txt", [], comment)  # the package's API listing, generated from the source
    other = change("godoc-current.txt", [], ["\tHideHelpCommand bool"])
    tests = change("help_test.go", [], [f"\tr.NoError(cmd.Run(ctx, args{i}))" for i in range(8)])  # pinning it
    facts = [Fact(kind="comments_only", path="command.go")]
    analysis = analyse("Document that HideHelpCommand is inherited", [source, listing, tests], facts)
    assert (analysis.importance, analysis.change_type) == ("low", "docs")
    # a text file that changes otherwise is read as it was: product lines changed with tests beside them
    assert analyse("Document that HideHelpCommand is inherited", [source, other, tests], facts).importance == "medium"


def test_a_block_moved_between_hunks_is_a_move_not_whitespace():
    block = ["    pub fn is_number(&self) -> bool {", "        matches!(self, Value::Number(_))", "    }"]
    moved = ("@@ -495,3 +495,6 @@ impl Value {\n" + "".join(f"+{ln}\n" for ln in block)
             + "@@ -517,6 +536,3 @@ impl Value {\n" + "".join(f"-{ln}\n" for ln in block))
    assert not whitespace_only(moved)
    assert whitespace_only("@@ -1,2 +1,2 @@\n-  a = 1\n+    a = 1\n@@ -9,1 +9,2 @@\n b\n+\n")
    analysis = analyse("Reorder Value::as_number after is_number",
                       [FileChange(path="src/value/mod.rs", additions=3, deletions=3, patch=moved)])
    assert (analysis.importance, analysis.change_type) == ("low", "refactor")
