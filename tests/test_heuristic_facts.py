"""The heuristic analyzer written from the diff's facts: each rule with facts built here, both languages."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timezone

import pytest

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.models import Analysis, Commit, Fact, FileChange

CJK = re.compile(r"[\u4e00-\u9fff]")
analyzer = HeuristicAnalyzer()


def commit_of(message: str, files: list[tuple], sha: str = "b" * 40) -> Commit:
    """Files as (path, additions, deletions[, patch[, status]])."""
    changes = [FileChange(path=p, additions=a, deletions=d, patch=rest[0] if rest else None,
                          status=rest[1] if len(rest) > 1 else "modified") for p, a, d, *rest in files]
    return Commit(sha=sha, author="Dev", committed_at=datetime(2026, 5, 16, 9, 0, tzinfo=timezone.utc),
                  message=message, files=changes, details_loaded=True)


def analyse(message: str, files: list[tuple], facts: list[Fact], lang: str = "en") -> Analysis:
    return analyzer.analyze_sync(commit_of(message, files), lang, AnalysisContext(facts=facts))


def texts(analysis: Analysis) -> list[str]:
    out = list(analysis.summary) + list(analysis.impact) + list(analysis.recommendations)
    out += [t for t in analysis.insights.model_dump().values() if t]
    for risk in analysis.risks:
        out += [risk.risk, risk.impact, risk.mitigation]
    return out


CORE = ("src/click/core.py", 12, 4)
SIGNATURE_REMOVED = Fact(kind="signature_changed", path="src/click/core.py", symbol="Choice.__init__", public=True,
                         before="(self, choices, case_sensitive=True)", after="(self, choices)")


# --- each rule -------------------------------------------------------------------------------

def test_public_signature_change_is_high_and_names_the_symbol():
    analysis = analyse("Simplify Choice", [CORE], [SIGNATURE_REMOVED])
    assert analysis.importance == "high"
    assert "`Choice.__init__` loses `case_sensitive`" in analysis.summary
    assert "`Choice.__init__`" in analysis.insights.compatibility
    assert any("`Choice.__init__`" in r.risk and "`case_sensitive`" in r.impact for r in analysis.risks)
    assert analysis.facts == [SIGNATURE_REMOVED]


def test_an_optional_parameter_added_is_additive_not_breaking():
    fact = Fact(kind="signature_changed", path="src/click/core.py", symbol="Choice.__init__", public=True,
                before="(self, choices)", after="(self, choices, case_sensitive: bool = True)")
    analysis = analyse("Add case_sensitive to Choice", [CORE, ("tests/test_types.py", 20, 0)], [fact])
    assert analysis.importance == "medium"  # an opt-in parameter added: medium by the written convention
    assert "`Choice.__init__` gains `case_sensitive`" in analysis.summary
    assert analysis.insights.compatibility.endswith("no parameter is removed or made required.")
    assert not analysis.risks


def test_a_changed_default_is_high_and_says_old_and_new():
    fact = Fact(kind="signature_changed", path="pkg/run.go", symbol="Run", public=True,
                before="(retries int = 1)", after="(retries int = 3)")
    analysis = analyse("Retry more", [("pkg/run.go", 3, 3)], [fact])
    assert analysis.importance == "high"
    assert "`Run` `retries` default changes from `1` to `3`" in analysis.summary


def test_private_signature_change_is_not_an_api_break():
    fact = SIGNATURE_REMOVED.model_copy(update={"symbol": "_Choice.__init__", "public": False})
    analysis = analyse("Simplify the private chooser", [CORE, ("tests/test_types.py", 5, 1)], [fact])
    assert analysis.importance != "high" and analysis.insights.compatibility == "" and not analysis.risks


def test_public_symbol_removed_is_high_and_named():
    fact = Fact(kind="symbol_removed", path="src/click/utils.py", symbol="make_default_short_help", public=True)
    analysis = analyse("Drop a helper", [("src/click/utils.py", 0, 30)], [fact])
    assert analysis.importance == "high"
    assert "`make_default_short_help`" in analysis.insights.compatibility
    assert any("`make_default_short_help`" in r.risk for r in analysis.risks)


def test_config_default_changed_tells_operators():
    fact = Fact(kind="config_value_changed", path="charts/app/values.yaml", symbol="spec.replicas",
                before="1", after="2")
    analysis = analyse("Two replicas", [("charts/app/values.yaml", 1, 1)], [fact])
    assert analysis.importance == "high"
    assert "`spec.replicas` default `1` → `2`" in analysis.summary
    assert "`spec.replicas`" in analysis.insights.compatibility
    assert any("`spec.replicas`" in r.impact for r in analysis.risks)


def test_config_key_removed_is_high():
    fact = Fact(kind="config_key_removed", path="config/schema.json", symbol="server.legacy_port")
    analysis = analyse("Remove the legacy port", [("config/schema.json", 0, 4)], [fact])
    assert analysis.importance == "high"
    assert "`server.legacy_port`" in analysis.insights.compatibility


def test_build_manifest_values_are_not_operator_config():
    fact = Fact(kind="config_value_changed", path="pyproject.toml", symbol="project.version",
                before="8.3.3", after="8.4.0")
    lock = Fact(kind="dependency_changed", path="uv.lock", symbol="click", before="8.3.3", after="8.4.0")
    analysis = analyse("Release 8.4.0", [("pyproject.toml", 1, 1), ("uv.lock", 1, 1), ("CHANGES.rst", 1, 1)],
                       [fact, lock])
    assert (analysis.change_type, analysis.importance) == ("chore", "low")
    assert "`project.version` `8.3.3` → `8.4.0`" in analysis.summary
    assert not any("`click`" in s for s in analysis.summary)  # the lock file's copy of the own version


def test_security_signal_is_high_and_named():
    fact = Fact(kind="security_signal", path="src/app/run.py", text="subprocess with shell=True")
    analysis = analyse("Run hooks through the shell", [("src/app/run.py", 4, 1)], [fact])
    assert analysis.importance == "high"
    assert "shell=True" in analysis.insights.security
    assert any("shell=True" in r.risk and "`src/app/run.py`" in r.mitigation for r in analysis.risks)


def test_security_signal_in_a_test_is_not_a_risk():
    fact = Fact(kind="security_signal", path="tests/test_run.py", text="eval")
    analysis = analyse("Cover hooks", [("tests/test_run.py", 40, 0)], [fact])
    assert analysis.importance == "low" and analysis.insights.security == "" and not analysis.risks


@pytest.mark.parametrize("before,after,major", [("2.31.0", "3.0.0", True), ("0.9.1", "1.0.0", True),
                                                ("2.31", "2.32", False)])
def test_dependency_bumps(before, after, major):
    fact = Fact(kind="dependency_changed", path="pyproject.toml", symbol="requests", before=before, after=after)
    analysis = analyse("Bump requests", [("pyproject.toml", 1, 1)], [fact])
    assert f"`requests` `{before}` → `{after}`" in analysis.summary
    assert analysis.importance == ("medium" if major else "low")
    assert ("`requests`" in analysis.insights.compatibility) is major
    assert bool(analysis.risks) is major


def test_behaviour_change_without_tests_names_what_is_untested():
    fact = Fact(kind="symbol_modified", path="src/click/core.py", symbol="Parameter.process_value", public=True)
    analysis = analyse("Fix conversion of empty values", [CORE], [fact])
    assert (analysis.change_type, analysis.importance) == ("fix", "medium")
    assert any("`Parameter.process_value`" in r.risk for r in analysis.risks)
    assert any("regression test" in r.mitigation and "`Parameter.process_value`" in r.mitigation
               for r in analysis.risks)
    assert analysis.recommendations == []  # the mitigation says it already
    tested = analyse("Fix conversion of empty values", [CORE, ("tests/test_core.py", 9, 0)],
                     [fact, Fact(kind="test_added", path="tests/test_core.py", symbol="test_empty_value")])
    assert not tested.risks and "`test_empty_value`" in tested.insights.maintainability


def test_large_change_asks_for_review_in_parts_by_area():
    files = [(f"src/engine/part{i}.py", 150, 10) for i in range(3)] + [(f"lib/io/f{i}.py", 50, 0) for i in range(2)]
    analysis = analyse("New engine", files, [])
    large = [r for r in analysis.risks if r.risk.startswith("Large change")]
    assert large and "src/engine" in large[0].mitigation and "lib/io" in large[0].impact


def test_huge_tests_do_not_make_a_large_change():
    analysis = analyse("Cover flags", [CORE, ("tests/test_options.py", 817, 0)], [])
    assert not any(r.risk.startswith("Large change") for r in analysis.risks)
    assert any(CORE[0] in line for line in analysis.summary)  # the product change is still told


@pytest.mark.parametrize("prefix", ["feat: ", "fix: ", "", "refactor(core)!: "[:-3] + ": "])
def test_comments_only_change_is_low_whatever_its_prefix(prefix):
    facts = [Fact(kind="comments_only", path="src/click/core.py")]
    analysis = analyse(f"{prefix}clarify the option docs", [CORE, ("docs/options.md", 30, 2)], facts)
    assert (analysis.change_type, analysis.importance) == ("docs", "low")
    assert "Comments and docstrings only in `src/click/core.py`" in analysis.summary
    assert not analysis.risks


def test_a_space_added_is_not_a_feature():
    patch = "@@ -1,2 +1,2 @@\n-    return f\"{a}{b}\"\n+    return f\"{a} {b}\"\n"
    patch_ws = "@@ -1,2 +1,2 @@\n-\tif x:\n+    if x:\n"
    analysis = analyse("Add a space", [("src/click/core.py", 1, 1, patch_ws)], [])
    assert (analysis.change_type, analysis.importance) == ("chore", "low")
    assert "Whitespace only in `src/click/core.py`" in analysis.summary
    in_a_string = analyse("feat: add a space", [("src/click/core.py", 1, 1, patch)], [])
    assert (in_a_string.change_type, in_a_string.importance) == ("chore", "low")


def test_crash_fix_in_product_code_is_high_and_a_fix():
    message = "Do not suppress EOFError when reading a prompt\n\nThe prompt swallowed EOF and looped."
    analysis = analyse(message, [("src/click/termui.py", 6, 2)], [])
    assert (analysis.change_type, analysis.importance) == ("fix", "high")
    crash = analyse("Fix panic if cmd ends on dash", [("cobra/cmd/add.go", 6, 0)], [])
    assert crash.importance == "high"
    docs_only = analyse("Document the crash on Windows", [("docs/windows.md", 6, 0)], [])
    assert docs_only.importance == "low"


def test_summary_quotes_the_whole_first_paragraph_unwrapped():
    body = ("`cobra completion` outputs invalid output \"Using config file:\" at the\n"
            "top of the completion script when ~/.cobra.yaml exists, so the\n"
            "script fails to load.\n\nSecond paragraph is not quoted.\n\nSigned-off-by: A <a@b.c>")
    analysis = analyse(f"Fix invalid shell completion\n\n{body}", [("cobra/cmd/root.go", 1, 1)], [])
    assert analysis.summary[0] == ("`cobra completion` outputs invalid output \"Using config file:\" at the top of "
                                   "the completion script when ~/.cobra.yaml exists, so the script fails to load.")
    assert not any("Second paragraph" in s or "Signed-off-by" in s for s in analysis.summary)


def test_bare_references_are_not_the_first_paragraph():
    analysis = analyse("Hide the completion command\n\nFixes #1507\n\nAdds HiddenDefaultCmd to the options.",
                       [("completions.go", 3, 0)], [])
    assert analysis.summary[0] == "Adds HiddenDefaultCmd to the options."


def test_changelog_entries_are_quoted_as_the_projects_words():
    facts = [Fact(kind="changelog_entry", path="CHANGES.rst", text="-   Fix :meth:`HelpFormatter.write_usage` emitting"),
             Fact(kind="changelog_entry", path="CHANGES.rst", text="    only a blank line. :issue:`3360`")]
    analysis = analyse("Fix write_usage", [CORE, ("CHANGES.rst", 2, 0)], facts)
    assert "Changelog: Fix `HelpFormatter.write_usage` emitting only a blank line." in analysis.summary
    assert not any(i.startswith("CHANGES.rst") for i in analysis.impact)


def test_impact_ranks_areas_by_lines_with_public_symbols():
    facts = [Fact(kind="symbol_modified", path="src/click/core.py", symbol="Context.lookup_default", public=True),
             Fact(kind="symbol_modified", path="src/click/core.py", symbol="_helper", public=False)]
    analysis = analyse("Fix defaults", [("src/click/core.py", 20, 4), ("docs/a.md", 50, 0),
                                        ("tests/test_defaults.py", 3, 0)], facts)
    assert analysis.impact == ["docs (+50/−0): documentation: `a.md`",
                               "src/click (+20/−4): `Context.lookup_default`",
                               "tests (+3/−0): tests"]


def test_without_a_context_the_analyzer_derives_the_facts_itself():
    patch = ("@@ -10,2 +10,2 @@ class Choice:\n-    def __init__(self, choices, case_sensitive=True):\n"
             "+    def __init__(self, choices):\n         self.choices = choices\n")
    commit = commit_of("Simplify Choice", [("src/click/types.py", 1, 1, patch)])
    analysis = analyzer.analyze_sync(commit, "en")
    assert analysis.facts, "derive_facts was not called"
    assert any(f.symbol and "Choice" in f.symbol for f in analysis.facts)
    assert any("Choice" in s for s in analysis.summary)


# --- nothing stock ----------------------------------------------------------------------------

UNRELATED = [
    ("Fix crash in parser", [("src/a/parser.py", 5, 2)], [Fact(kind="symbol_modified", path="src/a/parser.py",
                                                                 symbol="parse", public=True)]),
    ("Add retries", [("pkg/net/client.go", 40, 3)], [Fact(kind="symbol_added", path="pkg/net/client.go",
                                                          symbol="Retry", public=True)]),
    ("Tune chart", [("charts/x/values.yaml", 1, 1)], [Fact(kind="config_value_changed", path="charts/x/values.yaml",
                                                           symbol="image.tag", before="1.0", after="1.1")]),
    ("Bump serde", [("Cargo.toml", 1, 1)], [Fact(kind="dependency_changed", path="Cargo.toml", symbol="serde",
                                                 before="1.0.1", after="2.0.0")]),
    ("Refactor loop", [("lib/core/loop.rs", 80, 70)], []),
    ("Update docs", [("docs/guide.md", 10, 2)], []),
    ("Simplify Choice", [CORE], [SIGNATURE_REMOVED]),
]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_sentence_repeats_across_unrelated_commits(lang):
    counts = Counter()
    for i, (message, files, facts) in enumerate(UNRELATED):
        analysis = analyzer.analyze_sync(commit_of(message, files, sha=f"{i:040x}"), lang,
                                         AnalysisContext(facts=facts))
        counts.update(set(texts(analysis)))
    assert len(counts) >= len(UNRELATED)  # every commit said something
    assert not [s for s, n in counts.items() if n >= 3]


@pytest.mark.parametrize("message,files,facts", UNRELATED)
def test_zh_and_en_say_the_same_things(message, files, facts):
    en, zh = analyse(message, files, facts, "en"), analyse(message, files, facts, "zh")
    assert (en.change_type, en.importance) == (zh.change_type, zh.importance)
    assert len(en.risks) == len(zh.risks) and len(en.recommendations) == len(zh.recommendations)
    assert [bool(t) for t in en.insights.model_dump().values()] == [bool(t) for t in zh.insights.model_dump().values()]
    assert not any(CJK.search(t) for t in texts(en))
    assert all(CJK.search(r.risk + r.impact) for r in zh.risks)


def test_a_released_behaviour_reverted_in_the_changelog_is_high():
    facts = [Fact(kind="changelog_entry", path="CHANGES.rst",
                  text="Revert the 8.3.3 change that exposed the original file descriptor via fileno().")]
    analysis = analyse("Add capture mode to CliRunner", [("src/click/testing.py", 60, 20), ("CHANGES.rst", 4, 0)],
                       facts)
    assert analysis.importance == "high"
    quiet = analyse("Add capture mode to CliRunner", [("src/click/testing.py", 60, 20)], [])
    assert quiet.importance == "medium"


@pytest.mark.parametrize("title,expected", [("chore(ci): use the lint action", "ci"),
                                            ("chore(deps): bump serde", "build"), ("chore(api): tidy", "chore")])
def test_a_chore_scope_that_names_a_kind_gives_the_type(title, expected):
    files = [(".github/workflows/test.yml", 10, 2), ("Makefile", 1, 1)]
    assert analyse(title, files, []).change_type == expected


def test_a_pull_request_merge_is_read_by_the_title_in_its_body():
    message = "Merge pull request #2545 from dev/typo\n\nFix a typo in the option help\n\nLonger story here."
    analysis = analyse(message, [("src/click/core.py", 1, 1)], [])
    assert (analysis.change_type, analysis.importance) == ("docs", "low")
    assert analysis.summary[0] == "Longer story here."


@pytest.mark.parametrize("path,major_is_medium", [("requirements/dev.txt", False), ("requirements-docs.txt", False),
                                                  ("requirements.txt", True)])
def test_a_major_bump_of_a_development_tool_is_low(path, major_is_medium):
    fact = Fact(kind="dependency_changed", path=path, symbol="sphinx", before="7.4.0", after="8.0.1")
    analysis = analyse("Bump sphinx", [(path, 1, 1)], [fact])
    assert analysis.importance == ("medium" if major_is_medium else "low")
    assert analysis.change_type == "build"


def test_a_dependabot_body_is_quoted_without_its_link_list_and_the_lock_file_is_bounded():
    body = ("Bumps [eslint](https://github.com/eslint/eslint) from 8.52.0 to 8.53.0.\n"
            "- [Release notes](https://github.com/eslint/eslint/releases)\n"
            "- [Commits](https://github.com/eslint/eslint/compare/v8.52.0...v8.53.0)\n\n"
            "(cherry picked from commit 20c7cfa07a19d7d777bd2468578fa3314b87516a)")
    facts = [Fact(kind="dependency_changed", path="package-lock.json", symbol=name, before="1.0.0", after="1.0.1")
             for name in ("eslint", "@eslint/js", "@eslint/eslintrc", "espree")]
    analysis = analyse(f"Bump eslint from 8.52.0 to 8.53.0\n\n{body}", [("package-lock.json", 17, 17)], facts)
    assert analysis.summary[0] == "Bumps eslint from 8.52.0 to 8.53.0."
    assert "2 more packages change in `package-lock.json`" in analysis.summary
    assert not any("http" in s or "cherry" in s for s in analysis.summary)
    assert (analysis.change_type, analysis.importance) == ("build", "low")


def test_a_label_left_without_its_references_and_a_cut_role_are_dropped():
    analysis = analyse("Compile guidelines\n\nReformat the whole file\nRefs:\nhttps://example.org/pull/3",
                       [("docs/contributing.md", 27, 4)],
                       [Fact(kind="changelog_entry", path="CHANGES.rst", text="Reorder the members so values compare. :issu…")])
    assert analysis.summary[0] == "Reformat the whole file"
    assert "Changelog: Reorder the members so values compare." in analysis.summary
