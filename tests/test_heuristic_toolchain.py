"""The oldest toolchain supported, moved: raising ``rust-version``, ``requires-python``, ``engines.node`` or go.mod's
``go`` line is a medium build change (older compilers can no longer build it); lowering it a low one."""

from __future__ import annotations

from analysis.analyzers.heuristic.config.builds.toolchain import toolchain_minimums
from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, change


def _value(path: str, key: str, before: str, after: str) -> Fact:
    return Fact(kind="config_value_changed", path=path, symbol=key, before=before, after=after)


def test_minimums_are_read_from_manifest_keys_and_go_mod():
    facts = [_value("Cargo.toml", "package.rust-version", "1.61.0", "1.68.0"),
             _value("pyproject.toml", "project.requires-python", ">=3.8", ">=3.9,<4"),
             _value("package.json", "engines.node", ">=18", ">=16"),
             _value("package.json", "version", "1.0.0", "2.0.0")]
    go = change("go.mod", ["go 1.20"], ["go 1.21"])
    found = toolchain_minimums(facts, [go])
    assert [(m.key, m.raised) for m in found] == [("package.rust-version", True), ("project.requires-python", True),
                                                   ("engines.node", False), ("go", True)]


def test_raising_the_msrv_is_a_medium_build_change_named_in_compatibility():
    cargo = change("Cargo.toml", ['rust-version = "1.61.0"'], ['rust-version = "1.68.0"'])
    ci = change(".github/workflows/main.yml", ["      - uses: dtolnay/rust-toolchain@1.61.0"],
                ["      - uses: dtolnay/rust-toolchain@1.68.0"])
    analysis = analyse("bump msrv to 1.68.0", [cargo, ci], [_value(cargo.path, "package.rust-version", "1.61.0", "1.68.0")])
    assert (analysis.importance, analysis.change_type) == ("medium", "build")
    assert "`1.68.0`" in analysis.insights.compatibility


def test_lowering_it_is_a_low_build_change():
    cargo = change("Cargo.toml", ['rust-version = "1.68.0"'], ['rust-version = "1.61.0"'])
    analysis = analyse("try drop msrv back to 1.61.0", [cargo],
                       [_value(cargo.path, "package.rust-version", "1.68.0", "1.61.0")])
    assert (analysis.importance, analysis.change_type) == ("low", "build")
