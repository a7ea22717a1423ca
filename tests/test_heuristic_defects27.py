"""Maintainer-review mends (defects27, a Java DI library's day): a list the subject or a paragraph announces as the
failing scenario ("The following scenario would previously fail:") traces how the bug showed, not what the change
does; a paragraph wholly in parentheses is the author's aside, not the summary."""

from __future__ import annotations

from analysis.analyzers.heuristic.message import message_points

SCENARIO = """* T1: Enter `lockOrDetect`:
    - Lock CAF.class, add itself to `waiting`, unlock CAF.class
    - Lock the cycle detecting lock (CDL)
 * T1: Re-enter `lockOrDetect`:
    - Lock CAF.class

At this point, `detect` will now loop forever, because the owner is also in `waiting`.

The solution is to avoid the re-entrant T1 from adding itself to `waiting`.
"""


def test_a_subject_announcing_the_failing_scenario_leaves_its_steps_out():
    points = message_points(SCENARIO, "Prevent endless loop in lock detection. The following scenario would previously fail:")
    assert points == ["At this point, `detect` will now loop forever, because the owner is also in `waiting`."]


def test_a_paragraph_announcing_the_failing_scenario_leaves_its_steps_out():
    body = "Steps to reproduce:\n\n" + SCENARIO
    assert message_points(body, "Fix lock detection")[0].startswith("At this point, `detect` will now loop forever")


def test_a_subject_announcing_its_changes_keeps_the_list():
    body = "- Adds `Route.Use`\n- Keeps the router in the context\n"
    assert message_points(body, "Routing changes:") == ["Adds `Route.Use`", "Keeps the router in the context"]


def test_a_parenthesised_paragraph_is_an_aside_not_the_summary():
    body = ("(This does not use the suggested code from the original PR, and does not change `testManyMethods`.)\n\n"
            "Exception types are now compared as sets.\n")
    assert message_points(body, "Improve ProviderTest") == ["Exception types are now compared as sets."]
    assert message_points("Compares sets (not lists) now.\n", "x") == ["Compares sets (not lists) now."]


GO_WORKFLOW = """on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v3
      - name: Set up Go
        uses: actions/setup-go@v3
        with:
          go-version: 1.19
      - run: go build ./...
"""


def test_a_ci_change_names_the_action_it_moves_beside_its_other_keys():
    from tests.facts_support import analysed

    after = GO_WORKFLOW.replace("setup-go@v3", "setup-go@v4").replace("go-version: 1.19", "go-version: '1.20'")
    analysis = analysed({".github/workflows/go.yml": (GO_WORKFLOW, after)}, "Update setup-go and go versions")
    summary = " ".join(analysis.summary)
    assert "`actions/setup-go` `v3` → `v4`; changes `go-version`" in summary, summary
    assert "changes `uses`" not in summary
    zh = " ".join(analysed({".github/workflows/go.yml": (GO_WORKFLOW, after)}, "Update setup-go", lang="zh").summary)
    assert "`actions/setup-go` `v3` → `v4`；改动 `go-version`" in zh, zh


def test_a_guard_respelled_is_no_new_early_exit_a_guard_added_is():
    from analysis.analyzers.heuristic.code.behaviour.guards import added_guards
    from analysis.models import FileChange
    from tests.facts_support import patch_of

    before = ("void schedule(I first, I last) {\n  size_t n = last - first;\n  if(n == 0) return;\n"
              "  for(size_t i=0; i<n; i++) {\n    push(*(first + i));\n  }\n}\n")
    respelled = ("void schedule(I first, I last) {\n  if(first == last) return;\n"
                 "  while(first != last) {\n    push(*first++);\n  }\n}\n")
    file = FileChange(path="src/executor.hpp", status="modified", additions=6, deletions=8,
                      patch=patch_of(before, respelled))
    assert added_guards([file]) == []
    guarded = respelled.replace("  while(", "  if(closed) throw std::runtime_error(\"closed\");\n  while(")
    file = FileChange(path="src/executor.hpp", status="modified", additions=9, deletions=8,
                      patch=patch_of(before, guarded))
    assert added_guards([file]) == [("closed", "throw", "std::runtime_error")]
