"""Maintainer-review mends (defects52a) from reading sqlalchemy/alembic, uber-go/multierr and micromatch/picomatch
days: a comment change quoted by its bare ``//`` marker; a message's "Add the following APIs:" said without the code
it announces, and "with the following changes." without its list; "Support extracting ..." read as a refactor; a
``code-quality: write`` scope said to let the token push commits; a changelog fragment's ``:tags:`` field quoted
as its words; a subject written as a list item ("- Added ...") said with its marker, and its changelog entry said
again after the message's longer copy; a raised ``engines.node`` said to stop compilers building the package."""

from __future__ import annotations

from analysis.analyzers.heuristic.judge import _title_words
from analysis.analyzers.heuristic.message import message_points
from tests.facts_support import analysed, analysis_text

GO_CODE = 'package multierr\n\nimport (\n\t"bytes"\n\t"fmt"\n\t"io"\n)\n\nfunc Combine() error { return nil }\n'
GO_DOC = "// Package multierr allows combining errors.\n" + GO_CODE
GO_DOC_MORE = ("// Package multierr allows combining errors.\n//\n"
               "// Errors can be combined with the Combine function.\n//\n// \tmultierr.Combine(a, b)\n" + GO_CODE)


def test_a_comment_change_is_quoted_by_its_first_worded_line():
    text = analysis_text(analysed({"error.go": (GO_DOC, GO_DOC_MORE)}, "Add more package-level docs"))
    assert "adds `// Errors can be combined with the Combine function.`" in text, text
    assert "adds `//`" not in text
    # a comment line rewritten is still quoted old → new
    reworded = GO_DOC.replace("allows combining errors", "combines errors")
    text = analysis_text(analysed({"error.go": (GO_DOC, reworded)}, "Reword the package doc"))
    assert "`// Package multierr allows combining errors.` → `// Package multierr combines errors.`" in text, text


APIS = """Add the following APIs:

    type Invoker
        type Invoke // implements Invoker

    func AppendInvoke(*error, Invoker)

Together, these APIs provide support for appending to an error from a
`defer` block.
"""


def test_a_sentence_announcing_code_is_left_out_with_the_code():
    assert message_points(APIS) == [
        "Together, these APIs provide support for appending to an error from a `defer` block."]
    # a sentence that says something before the example it points at keeps its words
    example = "The parser now rejects empty keys, e.g.:\n\n    key = \n\nThat was accepted before.\n"
    assert message_points(example) == ["The parser now rejects empty keys."]


def test_a_sentence_announcing_the_following_changes_gives_way_to_its_list():
    body = ("Follow up to #47 with the following changes.\n\n- Merge the tests for Close into AppendInvoke's.\n"
            "- Replace the example with something more realistic.\n")
    assert message_points(body) == ["Merge the tests for Close into AppendInvoke's.",
                                    "Replace the example with something more realistic."]
    # a one-line paragraph that announces nothing stays the point before its list
    plain = "Rework the Close tests following the review.\n\n- Merge the tests.\n"
    assert message_points(plain) == ["Rework the Close tests following the review."]


GO_ERRORS = "package multierr\n\nfunc Combine() error { return nil }\n"
GO_ERRORS_LIST = GO_ERRORS + "\n// Errors lists the errors.\nfunc Errors(err error) []error {\n\treturn nil\n}\n"


def test_a_capability_verb_over_an_act_is_a_feature():
    assert _title_words("Support extracting underlying error list") == "feature"
    assert _title_words("Allow renaming tables") == "feature"
    assert _title_words("Extract the error list helper") == "refactor"
    analysis = analysed({"error.go": (GO_ERRORS, GO_ERRORS_LIST)}, "Support extracting underlying error list")
    assert analysis.change_type == "feature", analysis.change_type


WORKFLOW = """name: test
on: push
permissions: {}
jobs:
  run:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
"""


def _risk_impacts(after: str) -> str:
    analysis = analysed({".github/workflows/test.yml": (WORKFLOW, after)}, "Upload coverage")
    return "\n".join(f"{r.risk} {r.impact}" for r in analysis.risks)


def test_a_narrow_token_scope_is_not_said_to_push_commits():
    scoped = WORKFLOW.replace("permissions: {}", "permissions:\n  contents: read\n  code-quality: write")
    impacts = _risk_impacts(scoped)
    assert "can write `permissions.code-quality` with the token" in impacts, impacts
    assert "push commits" not in impacts
    broad = WORKFLOW.replace("permissions: {}", "permissions:\n  contents: write")
    assert "can push commits, publish releases or edit issues" in _risk_impacts(broad)


FRAGMENT = """.. change::
    :tags: bug, environment
    :tickets: 1643

    Fixed issue where use of deprecated utcnow() function would generate
    warnings.
"""


def test_a_changelog_fragment_is_quoted_by_its_words_not_its_fields():
    files = {"docs/build/unreleased/1643.rst": (None, FRAGMENT),
             "alembic/script/base.py": ("def f():\n    return 1\n", "def f():\n    return 2\n")}
    impact = "\n".join(analysed(files, "Replace utcnow()").impact)
    assert "“Fixed issue where use of deprecated utcnow() function would generate”" in impact, impact
    assert ":tags:" not in impact


ROUTINE = ("- Added a routine by which the dialect inspects the server default of INTEGER columns as they are\n"
           "reflected during autogenerate for the pattern nextval(<name>...) containing a potential sequence name,\n"
           "then queries pg_catalog to see if this sequence is owned by the column being reflected; if so the\n"
           "server default is omitted. This allows SERIAL columns to keep the SEQUENCE out of autogenerate.\n")
DDL = "class Impl:\n    def run(self):\n        return 1\n"
DDL_MORE = DDL + "\n    def autogen_column_reflect(self, inspector, table, column_info):\n        return None\n"


def test_a_subject_written_as_a_list_item_is_said_without_its_marker():
    summary = analysed({"alembic/ddl/impl.py": (DDL, DDL_MORE)}, ROUTINE).summary
    assert summary[0].startswith("Added a routine by which the dialect inspects the server default"), summary
    assert not any(p.startswith("- ") for p in summary)


def test_a_changelog_entry_the_message_says_at_more_length_is_said_once():
    entry = ROUTINE[2:].replace("\n", " ").strip()
    changes = "Changelog\n=========\n\n"
    files = {"alembic/ddl/impl.py": (DDL, DDL_MORE), "CHANGES.rst": (changes, changes + "- " + entry + "\n")}
    summary = analysed(files, ROUTINE).summary
    assert sum("Added a routine" in p for p in summary) == 1, summary
    assert summary[0].startswith("Added a routine"), summary
    # an entry that says something else than the message stays beside it
    other = {**files, "CHANGES.rst": (changes, changes + "- Serial columns are no longer rendered with a default.\n")}
    summary = analysed(other, ROUTINE).summary
    assert any("Serial columns are no longer rendered with a default" in p for p in summary), summary


def test_a_raised_runtime_floor_is_said_to_stop_installs_not_builds():
    package = '{\n  "name": "p",\n  "engines": {\n    "node": ">=10"\n  }\n}\n'
    files = {"package.json": (package, package.replace(">=10", ">=12")),
             "index.js": ("module.exports = 1;\n", "module.exports = 2;\n")}
    text = analysis_text(analysed(files, "Require Node.js 12"))
    said = "`engines.node` in `package.json` `>=10` → `>=12`: users on an older runtime can no longer install or run"
    assert said in text, text
    cargo = '[package]\nname = "p"\nversion = "0.1.0"\nrust-version = "1.60"\n'
    crate = {"Cargo.toml": (cargo, cargo.replace("1.60", "1.70")),
             "src/lib.rs": ("pub fn f() {}\n", "pub fn f() { }\n")}
    text = analysis_text(analysed(crate, "Raise MSRV to 1.70"))
    assert "older compilers or interpreters can no longer build it" in text, text
