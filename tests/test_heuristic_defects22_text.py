"""What a summary says when a subject ran on to the message's second line (maintainer-review mends, defects22):
the changelog line that repeats it under an issue key is said once, and the paragraph after it is the change."""

from __future__ import annotations

from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, change

SUBJECT = "[LANG-1833] Handle ParsePosition index beyond source string length\ncleanly (#1757)."
ENTRY = "Handle ParsePosition index beyond source string length cleanly (#1757)."


def test_a_changelog_line_repeating_the_wrapped_subject_under_its_issue_key_is_said_once():
    notes = change("src/changes/changes.xml", [], [f'<action issue="LANG-1833" type="add">{ENTRY}</action>'])
    analysis = analyse(SUBJECT, [notes], [Fact(kind="changelog_entry", path=notes.path, text=ENTRY)])
    assert analysis.summary == [f"Changelog: {ENTRY}"]


def test_the_paragraph_after_a_wrapped_subject_s_tail_says_what_the_commit_did():
    tests = change("src/test/java/org/apache/DateUtilsTest.java", ["    void b() {}", "    void a() {}"],
                   ["    void a() {}", "    void b() {}"])
    analysis = analyse(f"{SUBJECT}\n\nSort members", [tests])
    said = " ".join(analysis.summary)
    assert said.startswith("[LANG-1833] Handle ParsePosition index beyond source string length cleanly (#1757).")
    assert "Sort members" in said
    assert analysis.importance == "low"


def test_a_one_paragraph_wrapped_subject_gains_nothing_after_it():
    code = change("src/main/java/org/apache/Parser.java", ["        return null;"], ["        return parsed;"])
    analysis = analyse(SUBJECT, [code])
    assert analysis.summary[0] == "[LANG-1833] Handle ParsePosition index beyond source string length cleanly (#1757)."
    assert not any("Sort members" in line for line in analysis.summary)


# --- actions pinned to commit SHAs move by the versions their comments name --------------------------------------

OLD_PIN, NEW_PIN = "fbd0ab8f3e69293af611ebaee6363fc25e6d187d", "7b450fff21473bca461d4b92ce414b9d0420d706"


def _bump(old_comment: str, new_comment: str):
    workflow = change(".github/workflows/build-docs.yml",
                      [f"    - uses: dorny/paths-filter@{OLD_PIN}{old_comment}"],
                      [f"    - uses: dorny/paths-filter@{NEW_PIN}{new_comment}"])
    facts = [Fact(kind="config_value_changed", path=workflow.path, symbol="jobs.changes.steps[0].uses",
                  before=f"dorny/paths-filter@{OLD_PIN}", after=f"dorny/paths-filter@{NEW_PIN}")]
    return analyse("⬆ Bump the github-actions group with 1 update (#15983)", [workflow], facts)


def test_an_action_pinned_to_a_sha_moves_by_the_versions_its_comments_name():
    said = " ".join(_bump(" # v4.0.1", " # v4.0.2").summary)
    assert "`dorny/paths-filter` `v4.0.1` → `v4.0.2`" in said
    assert OLD_PIN not in said and NEW_PIN not in said


def test_a_pinned_action_with_no_version_comment_still_names_its_commits_cut_short():
    said = " ".join(_bump("", "").summary)
    assert f"`dorny/paths-filter` `{OLD_PIN[:12]}` → `{NEW_PIN[:12]}`" in said  # cut to twelve digits


# --- a Helm chart's Artifact Hub changes annotation is its release notes ------------------------------------------

CHANGES = 'annotations["artifacthub.io/changes"]'


def _chart_release(after: str):
    chart = change("charts/argo-workflows/Chart.yaml",
                   ["version: 0.40.12", "    - kind: changed", "      description: Bump argo-workflows to v3.5.5"],
                   ["version: 0.40.13", "    - kind: added",
                    "      description: Disable leader election if only 1 repl of the Workflow Controller"])
    facts = [Fact(kind="config_value_changed", path=chart.path, symbol="version", before="0.40.12", after="0.40.13"),
             Fact(kind="config_value_changed", path=chart.path, symbol=CHANGES,
                  before="- kind: changed description: Bump argo-workflows to v3.5.5", after=after)]
    return analyse("feat(argo-workflows): Disable leader election on single repl controllers (#2565)",
                   [chart], facts)


def test_a_chart_s_artifact_hub_changes_are_quoted_as_its_changelog_not_as_a_value_changed():
    summary = _chart_release("- kind: added description: Disable leader election if only 1 repl of the Workflow "
                             "Controller - kind: removed description: Drop the legacy executor").summary
    said = " ".join(summary)
    assert "Changelog: Disable leader election if only 1 repl of the Workflow Controller" in summary
    assert "Changelog: Drop the legacy executor (removed)" in summary
    assert "`version` `0.40.12` → `0.40.13`" in said
    assert "Bump argo-workflows to v3.5.5" not in said  # the previous version's notes


def test_an_annotation_that_lists_no_kinds_is_still_said_as_a_value():
    said = " ".join(_chart_release("see the release page").summary)
    assert "`see the release page`" in said and "Changelog" not in said


# --- guards added to modified code are named --------------------------------------------------------------------

def _parser_fix(added: list[str], path: str = "src/main/java/org/apache/commons/lang3/time/FastDateParser.java"):
    parser = change(path, [], added)
    facts = [Fact(kind="symbol_modified", path=path, symbol="FastDateParser.parse", public=True)]
    return analyse("[LANG-1833] Handle ParsePosition index beyond source string length cleanly (#1757)",
                   [parser], facts)


def test_a_guard_added_to_a_modified_method_is_named_with_what_it_returns():
    analysis = _parser_fix(["        final int startIndex = pos.getIndex();",
                            "        if (startIndex > source.length()) {",
                            "            pos.setErrorIndex(startIndex);",
                            "            return null;",
                            "        }"])
    assert "New early exits: `startIndex > source.length()` returns `null`" in analysis.summary


def test_python_guards_name_the_exception_raised_and_go_error_plumbing_is_left_out():
    analysis = _parser_fix(["    if timeout is None:", "        raise ValueError('timeout is required')",
                            "    if not items: return []", "    total = 0"], path="src/pkg/runner.py")
    assert "New early exits: `timeout is None` throws `ValueError`, `not items` returns `[]`" in analysis.summary
    go = _parser_fix(["\tif err != nil {", "\t\treturn err", "\t}", "\tif n == 0 {", "\t\treturn nil", "\t}"],
                     path="pkg/runner.go")
    assert "New early exits: `n == 0` returns `nil`" in go.summary


def test_a_block_that_goes_on_after_its_return_is_no_guard():
    analysis = _parser_fix(["        if (ready) {", "            start();", "            log();", "            run();",
                            "            flush();", "            close();", "            return true;", "        }"])
    assert not any("early exits" in line for line in analysis.summary)
    assert any("FastDateParser.parse" in line for line in analysis.summary)


# --- a lock brought into modified code is named ------------------------------------------------------------------

def _routes(added: list[str], removed: list[str] = (), path: str = "fastapi/routing.py"):
    routing = change(path, list(removed), added)
    facts = [Fact(kind="symbol_modified", path=path, symbol="_IncludedRouter.effective_candidates", public=False)]
    return analyse("🐛 Refactor router route building to make it thread-safe (#16013)", [routing], facts)


def test_a_lock_the_change_brings_in_is_named_beside_the_methods_it_guards():
    analysis = _routes(["import threading", "    _lock: Any = field(default_factory=threading.Lock)",
                        "        with self._lock:", "            return self._build()"],
                       ["        return self._build()"])
    assert "Now locks with `threading.Lock`" in analysis.summary
    java = _routes(["    public synchronized void add(Item item) {", "        final Lock lock = new ReentrantLock();"],
                   ["    public void add(Item item) {"], path="src/main/java/org/apache/Items.java")
    assert "Now locks with `synchronized`, `ReentrantLock`" in java.summary


def test_code_moved_with_its_lock_or_a_comment_naming_one_names_no_lock():
    moved = _routes(["    mu sync.Mutex", "    // a sync.RWMutex would be faster"], ["\tmu sync.Mutex"],
                    path="pkg/cache.go")
    assert not any("locks with" in line for line in moved.summary)
    assert any("_IncludedRouter.effective_candidates" in line for line in moved.summary)
