"""A pre-1.0 dependency's next minor series (``0.20`` -> ``0.21``) keeps its importance, and the compatibility insight
says that under semantic versioning such a bump may carry breaking changes, as a major one does, naming no
ecosystem's tool: a Go module's zero-major bump once read "under Cargo's and npm's semver"."""

from __future__ import annotations

from analysis.models import Fact
from tests.test_heuristic_facts import analyse


def _bump(path: str, old: str, new: str, lang: str = "en"):
    fact = Fact(kind="dependency_changed", path=path, symbol="colors", before=old, after=new)
    return analyse("build(deps): bump colors", [(path, 1, 1)], [fact], lang=lang)


def test_a_zero_major_minor_bump_says_it_may_carry_breaking_changes():
    for path, old, new in (("Cargo.toml", "0.20", "0.21"), ("package.json", "^0.20.0", "^0.21.0"),
                           ("go.mod", "v0.20.0", "v0.21.0")):
        compat = _bump(path, old, new).insights.compatibility
        assert "while the major version is zero, semantic versioning lets a minor release carry breaking changes" \
            in compat, (path, compat)
        assert "Cargo" not in compat and "npm" not in compat


def test_the_chinese_insight_says_the_same():
    assert "不兼容变更" in _bump("Cargo.toml", "0.20", "0.21", lang="zh").insights.compatibility


def test_a_patch_bump_of_a_zero_major_dependency_says_nothing_of_it():
    analysis = _bump("Cargo.toml", "0.4.24", "0.4.25")
    assert "breaking" not in analysis.insights.compatibility
    assert any("0.4.24" in line and "0.4.25" in line for line in analysis.summary)  # the bump itself is named
