"""An added GitHub Actions workflow is read for credentials as a modified one is: secrets under
pull_request_target, a secret printed, write-all permissions and a piped remote script are named (facts, the
Security insight, risks with a fix); the run's own GITHUB_TOKEN under push or pull_request raises nothing."""

from __future__ import annotations

from analysis.analyzers.heuristic.config.ci_keys import ci_security
from analysis.facts import derive_facts
from analysis.models import Fact
from tests.facts_support import commit_of, facts_of
from tests.test_heuristic_facts import analyse

WORKFLOW = ".github/workflows/release.yml"
RISKY = """name: release
on:
  pull_request_target:
    types: [opened]
permissions: write-all
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Install
        run: curl -fsSL https://example.com/install.sh | sh
      - name: Debug
        run: echo "token is ${{ secrets.NPM_TOKEN }}"
      - name: Publish
        env:
          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}
        run: npm publish
"""
SAFE = """name: tests
on:
  push:
  pull_request:
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Env
        run: echo "GH_TOKEN=${{ secrets.GITHUB_TOKEN }}" >> "$GITHUB_ENV"
      - name: Comment
        env:
          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}
        run: gh pr comment --body ok
"""


def _signals(facts: list[dict]) -> dict[str, str]:
    return {f["text"].split(": ", 1)[0]: f["text"].split(": ", 1)[1] for f in facts if f["kind"] == "security_signal"}


def test_an_added_workflow_names_each_kind_of_risk_with_its_line_read_or_not():
    for read in (True, False):
        signals = _signals(facts_of({WORKFLOW: (None, RISKY)}, read=read))
        assert signals == {
            "repository secret used under pull_request_target": 'run: echo "token is ${{ secrets.NPM_TOKEN }}"',
            "remote script piped to a shell": "run: curl -fsSL https://example.com/install.sh | sh",
            "secret printed by a step": 'run: echo "token is ${{ secrets.NPM_TOKEN }}"'}


def test_an_added_workflow_keys_that_carry_credentials_are_facts_as_in_a_modified_one():
    keys = [f for f in facts_of({WORKFLOW: (None, RISKY)}) if f["kind"] == "config_key_added"]
    assert {f["symbol"]: f["after"] for f in keys} == {
        "permissions": "write-all",
        "jobs.publish.steps[Debug].run": 'echo "token is ${{ secrets.NPM_TOKEN }}"',
        "jobs.publish.steps[Publish].env.NODE_AUTH_TOKEN": "${{ secrets.NPM_TOKEN }}"}
    assert all(f["text"] == "tooling" for f in keys)
    sec = ci_security([Fact(**f) for f in keys])
    assert sec.widened == ["permissions: write-all"] and sec.secrets == ["secrets.NPM_TOKEN"]


def test_the_run_own_token_under_push_and_pull_request_raises_nothing():
    facts = facts_of({WORKFLOW: (None, SAFE)})
    assert not _signals(facts)
    assert [f["symbol"] for f in facts] == ["permissions"]  # contents: read; GITHUB_TOKEN passes are not keys named
    commit, texts = commit_of({WORKFLOW: (None, SAFE)})
    analysis = analyse("ci: add tests workflow", [(WORKFLOW, 17, 0)], derive_facts(commit, texts))
    assert analysis.importance == "low" and not analysis.insights.security and not analysis.risks


def test_adding_the_pull_request_target_trigger_exposes_the_secrets_already_used():
    before = RISKY.replace("pull_request_target", "push").replace("permissions: write-all\n", "")
    before = before.replace('        run: echo "token is ${{ secrets.NPM_TOKEN }}"\n', "        run: env\n")
    after = before.replace("  push:", "  pull_request_target:")
    signals = _signals(facts_of({WORKFLOW: (before, after)}))
    assert signals == {"repository secret used under pull_request_target": "NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}"}
    assert not _signals(facts_of({WORKFLOW: (before, before.replace("run: env", "run: env | sort"))}))


def test_a_checkout_of_the_pull_request_head_under_pull_request_target_is_named():
    after = RISKY.replace("actions/checkout@v4\n", "actions/checkout@v4\n        with:\n"
                          "          ref: ${{ github.event.pull_request.head.sha }}\n")
    signals = _signals(facts_of({WORKFLOW: (RISKY, after)}))
    assert list(signals) == ["pull request head checked out under pull_request_target"]


def test_the_findings_say_it_security_insight_and_risks_with_a_fix_in_both_languages():
    commit, texts = commit_of({WORKFLOW: (None, RISKY)})
    facts = derive_facts(commit, texts)
    analysis = analyse("ci: add release workflow", [(WORKFLOW, 18, 0)], facts)
    security = analysis.insights.security or ""
    assert "repository secret used under pull_request_target" in security and f"`{WORKFLOW}`" in security
    assert "`permissions: write-all`" in security and "`secrets.NPM_TOKEN`" in security
    risks = {r.risk: r for r in analysis.risks}
    prt = next(r for text, r in risks.items() if "pull_request_target" in text)
    assert "forks' pull requests" in prt.impact and "`pull_request` (no secrets)" in prt.mitigation
    widened = next(r for text, r in risks.items() if "write permissions" in text)
    assert "`permissions:` per job" in widened.mitigation
    assert len({r.impact for r in analysis.risks}) == len(analysis.risks)  # each risk says its own harm
    zh = analyse("ci: add release workflow", [(WORKFLOW, 18, 0)], facts, lang="zh")
    assert any("fork" in r.impact and "pull_request" in r.mitigation for r in zh.risks)
    assert "授予工作流令牌写权限" in (zh.insights.security or "")
