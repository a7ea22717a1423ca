"""CI workflow and dependabot changes: the summary names the changed keys, credentials moves are security
insights and at least medium, plain CI tweaks stay low (facts derived from small YAML snippets)."""

from __future__ import annotations

from analysis.analyzers.heuristic.config.ci_keys import changed_keys, ci_security
from analysis.facts.config import config_facts
from tests.test_heuristic_facts import analyse

WORKFLOW = ".github/workflows/ci.yml"
BEFORE = """
on: push
permissions:
  contents: write
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - name: Checkout
        uses: actions/checkout@v4
      - name: Install cross
        uses: taiki-e/install-action@v2
      - name: Build
        run: cargo build --target=${{ matrix.target }}
"""
HARDENED = (BEFORE.replace("contents: write", "contents: read")
            .replace("actions/checkout@v4", "actions/checkout@v4\n        with:\n          persist-credentials: false")
            .replace("install-action@v2", "install-action@6f9c7cc51aa54b13cbcbd12f8bbf69d8ba409a6b")
            .replace("run: cargo build --target=${{ matrix.target }}",
                     'env:\n          target: ${{ matrix.target }}\n        run: cargo build --target="${target}"'))


def test_the_changed_keys_come_most_telling_first():
    keys = changed_keys(config_facts(WORKFLOW, BEFORE, HARDENED))
    assert keys[:4] == ["permissions", "persist-credentials", "uses", "env"]
    assert "run" in keys


def test_narrowed_permissions_and_stored_credentials_off_are_hardening():
    sec = ci_security(config_facts(WORKFLOW, BEFORE, HARDENED))
    assert sec.narrowed == ["permissions.contents"] and sec.persist == ["false"] and sec.hardening
    assert sec.pinned == 1 and not sec.widened


def test_a_hardened_workflow_is_medium_names_its_keys_and_says_why_in_security():
    facts = config_facts(WORKFLOW, BEFORE, HARDENED)
    analysis = analyse("ci: resolve workflow issues", [(WORKFLOW, 9, 4)], facts)
    assert analysis.importance == "medium" and analysis.change_type == "ci"
    summary = " ".join(analysis.summary)
    assert "`permissions`, `persist-credentials`, `uses` (pinned to a commit SHA), `env`" in summary
    security = analysis.insights.security or ""
    assert "Narrows the workflow token's write permissions" in security and "`permissions.contents`" in security
    assert "`persist-credentials: false`" in security
    zh = analyse("ci: resolve workflow issues", [(WORKFLOW, 9, 4)], facts, lang="zh")
    assert "收窄了工作流令牌的写权限" in (zh.insights.security or "") and "改动 `permissions`" in " ".join(zh.summary)


def test_widened_permissions_and_new_secrets_are_a_security_signal():
    after = BEFORE.replace("contents: write", "contents: write\n  packages: write").replace(
        "run: cargo build", "env:\n          TOKEN: ${{ secrets.CRATES_TOKEN }}\n        run: cargo build")
    facts = config_facts(WORKFLOW, BEFORE, after)
    sec = ci_security(facts)
    assert sec.widened == ["permissions.packages"] and sec.secrets == ["secrets.CRATES_TOKEN"]
    analysis = analyse("ci: publish packages", [(WORKFLOW, 3, 0)], facts)
    assert analysis.importance == "medium"
    assert "`secrets.CRATES_TOKEN`" in (analysis.insights.security or "")
    assert "write permissions in" in (analysis.insights.security or "")


def test_a_plain_ci_tweak_stays_low_and_names_the_run_step_key():
    after = BEFORE.replace("cargo build --target=${{ matrix.target }}", "cargo build --target='${{ matrix.target }}'")
    facts = config_facts(WORKFLOW, BEFORE, after)
    analysis = analyse("Fix syntax of github action", [(WORKFLOW, 1, 1)], facts)
    assert analysis.importance == "low" and not analysis.insights.security
    assert "changes `run`" in " ".join(analysis.summary)


def test_dependabot_keys_are_named():
    before = "version: 2\nupdates:\n  - package-ecosystem: cargo\n    directory: /\n"
    after = before + "    cooldown:\n      default-days: 7\n"
    facts = config_facts(".github/dependabot.yml", before, after)
    analysis = analyse("ci: add a cooldown", [(".github/dependabot.yml", 2, 0)], facts)
    assert analysis.importance == "low" and "changes `cooldown`" in " ".join(analysis.summary)


def test_a_checkout_told_not_to_keep_its_token_alone_is_low_but_named_in_security():
    after = BEFORE.replace("actions/checkout@v4", "actions/checkout@v4\n        with:\n          persist-credentials: false")
    facts = config_facts(WORKFLOW, BEFORE, after)
    sec = ci_security(facts)
    assert sec.persist == ["false"] and sec.hardening and not sec.changes_access
    analysis = analyse("ci: tidy the checkout step", [(WORKFLOW, 2, 0)], facts)
    assert analysis.importance == "low" and analysis.change_type == "ci"
    assert "`persist-credentials: false`" in (analysis.insights.security or "")
