"""Config facts of tooling (linters, formatters, CI, editors, release tools; and manifest sections that
configure them) carry ``text`` "tooling", so nobody reads them as the product's runtime configuration."""

from __future__ import annotations

import pytest

from tests.facts_support import fact, facts_of


@pytest.mark.parametrize("path,before,after,key", [
    (".clippy.toml", 'disallowed-types = [{ path = "x", reason = "a" }]\n',
     'disallowed-types = [{ path = "x", reason = "b" }]\n', "disallowed-types[0].reason"),
    ("rustfmt.toml", "edition = \"2018\"\n", "edition = \"2021\"\n", "edition"),
    (".github/workflows/CI.yml", "jobs:\n  test:\n    runs-on: ubuntu-22.04\n",
     "jobs:\n  test:\n    runs-on: ubuntu-24.04\n", "jobs.test.runs-on"),
    ("web/tsconfig.build.json", '{"compilerOptions": {"strict": false}}\n', '{"compilerOptions": {"strict": true}}\n',
     "compilerOptions.strict"),
    (".pre-commit-config.yaml", "repos:\n- repo: x\n  rev: v1\n", "repos:\n- repo: x\n  rev: v2\n", "repos[0].rev"),
    ("renovate.json", '{"extends": ["a"]}\n', '{"extends": ["b"]}\n', "extends"),
    ("biome.json", '{"linter": {"enabled": false}}\n', '{"linter": {"enabled": true}}\n', "linter.enabled"),
])
def test_tool_configuration_files_are_marked(path, before, after, key):
    found = facts_of({path: (before, after)})
    assert [(f["symbol"], f.get("text")) for f in found] == [(key, "tooling")]


def test_manifest_sections_for_tools_are_marked_and_the_rest_is_not():
    pyproject = ('[project]\nname = "x"\nrequires-python = ">=3.10"\n[tool.ruff]\nline-length = 100\n'
                 '[tool.poetry.scripts]\nx = "x:main"\n')
    package = '{"name": "x", "main": "a.js", "scripts": {"test": "jest"}, "jest": {"verbose": false}}\n'
    cargo = '[package]\nname = "x"\nrust-version = "1.70"\n[lints.rust]\nunsafe_code = "warn"\n[profile.release]\nlto = false\n'
    found = facts_of({
        "pyproject.toml": (pyproject, pyproject.replace(">=3.10", ">=3.11").replace("100", "120").replace("x:main", "x:cli")),
        "package.json": (package, package.replace("a.js", "b.js").replace("jest\"}", "vitest\"}").replace("false", "true")),
        "Cargo.toml": (cargo, cargo.replace("1.70", "1.75").replace('"warn"', '"deny"').replace("false", "true")),
    })
    assert [(f["path"], f["symbol"], f.get("text")) for f in found] == [
        ("pyproject.toml", "project.requires-python", None),
        ("pyproject.toml", "tool.ruff.line-length", "tooling"),
        ("pyproject.toml", "tool.poetry.scripts.x", None),
        ("package.json", "main", None),
        ("package.json", "scripts.test", "tooling"),
        ("package.json", "jest.verbose", "tooling"),
        ("Cargo.toml", "package.rust-version", None),
        ("Cargo.toml", "lints.rust.unsafe_code", "tooling"),
        ("Cargo.toml", "profile.release.lto", "tooling"),
    ]


def test_runtime_configuration_is_not_marked_and_hunks_mark_tooling_too():
    values = ("replicas: 1\n", "replicas: 2\n")
    assert facts_of({"deploy/values.yaml": values}) == [
        fact("config_value_changed", "deploy/values.yaml", symbol="replicas", before="1", after="2")]
    assert facts_of({".github/dependabot.yml": ("version: 2\ninterval: daily\n", "version: 2\ninterval: weekly\n")},
                    read=False) == [fact("config_value_changed", ".github/dependabot.yml", symbol="interval",
                                         before="daily", after="weekly", text="tooling")]


def test_hunks_of_a_manifest_leave_dependency_sections_to_dependency_facts():
    cargo = '[package]\nname = "x"\n\n[dependencies]\ntower = { version = "0.5.1", features = ["util"] }\n'
    found = facts_of({"examples/a/Cargo.toml": (cargo, cargo.replace("0.5.1", "0.5.2"))}, read=False)
    assert found == [fact("dependency_changed", "examples/a/Cargo.toml", symbol="tower", before="0.5.1", after="0.5.2")]


def test_the_heuristic_tells_operators_nothing_about_a_tooling_key():
    from datetime import datetime, timezone

    from analysis.analyzers.base import AnalysisContext
    from analysis.analyzers.heuristic import HeuristicAnalyzer
    from analysis.models import Commit, Fact, FileChange

    before = 'disallowed-types = [{ path = "x", reason = "Use our internal one" }]\n'
    after = 'disallowed-types = [{ path = "x", reason = "Use the library one" }]\n'
    facts_plain = facts_of({".clippy.toml": (before, after)})
    assert facts_plain[0]["text"] == "tooling"
    commit = Commit(sha="c" * 40, author="Dev", committed_at=datetime(2026, 5, 16, tzinfo=timezone.utc),
                    message="Update the lint reason", details_loaded=True,
                    files=[FileChange(path=".clippy.toml", additions=1, deletions=1, status="modified")])
    analysis = HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(facts=[Fact(**f) for f in facts_plain]))
    sentences = [r.risk + r.impact + r.mitigation for r in analysis.risks] + [analysis.insights.compatibility]
    assert not analysis.insights.compatibility
    assert not any("deployments" in s.lower() or "disallowed-types" in s for s in sentences)
    assert analysis.importance != "high"
