"""Parameter renames in languages whose callers pass arguments by position only (renames32): no API change.

A C/C++, Go, Rust or TypeScript call site never names a parameter, so a parameter renamed in place (same position,
type and default) is the body's change: no signature change in the facts (read from both sides, or from the diff's
definition lines alone), no breaking risk, no "pass the new name" advice, and the commit's importance follows the rest
of it. Python's keyword arguments and Kotlin's named arguments do name parameters, a TypeScript object pattern binds
the keys callers pass, and a rename that also changes the type changes the call: those stay signature changes.
Each case is a synthetic commit, never one project's paths."""

from __future__ import annotations

import pytest

from tests.facts_support import analysed, analysis_text, facts_of

CPP = ("""#pragma once
namespace acme {
template <typename S> auto format(const S& format_str, int width) -> int {
  return width + static_cast<int>(format_str.size());
}
}
""", """#pragma once
namespace acme {
template <typename S> auto format(const S& fmt, int width) -> int {
  return width + static_cast<int>(fmt.size());
}
}
""")
GO = ("""package format

func Format(formatStr string, width int) int {
	return width + len(formatStr)
}
""", """package format

func Format(fmt string, width int) int {
	return width + len(fmt)
}
""")
RUST = ("""pub fn format(format_str: &str, width: usize) -> usize {
    width + format_str.len()
}
""", """pub fn format(fmt: &str, width: usize) -> usize {
    width + fmt.len()
}
""")
TS = ("""export function format(formatStr: string, width: number): number {
  return width + formatStr.length;
}
""", """export function format(fmt: string, width: number): number {
  return width + fmt.length;
}
""")
PYTHON = ("""def format(format_str: str, width: int) -> int:
    return width + len(format_str)
""", """def format(fmt: str, width: int) -> int:
    return width + len(fmt)
""")
KOTLIN = ("""package acme

fun format(formatStr: String, width: Int): Int = width + formatStr.length
""", """package acme

fun format(fmt: String, width: Int): Int = width + fmt.length
""")
TS_PATTERN = ("""export function format({ formatStr, width }: Options): number {
  return width + formatStr.length;
}
""", """export function format({ fmt, width }: Options): number {
  return width + fmt.length;
}
""")
GO_RETYPED = (GO[0], """package format

func Format(fmt []byte, width int) int {
	return width + len(fmt)
}
""")

POSITIONAL = {"include/acme/format.h": CPP, "pkg/format/format.go": GO, "src/format.rs": RUST, "src/format.ts": TS}
NAMED = {"src/acme/format.py": PYTHON, "src/main/kotlin/acme/Format.kt": KOTLIN}


@pytest.mark.parametrize("path", sorted(POSITIONAL))
@pytest.mark.parametrize("read", [True, False])
def test_a_parameter_renamed_where_calls_go_by_position_is_no_signature_change(path, read):
    facts = facts_of({path: POSITIONAL[path]}, read=read)
    assert not [f for f in facts if f["kind"] == "signature_changed"], facts
    assert [f["kind"] for f in facts] == ["symbol_modified"], facts


@pytest.mark.parametrize("path", sorted(POSITIONAL))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_positional_parameter_rename_reads_as_a_low_refactor_without_breaking_advice(path, lang):
    analysis = analysed({path: POSITIONAL[path]}, "Rename format_str parameters to fmt", lang)
    text = analysis_text(analysis)
    assert (analysis.importance, analysis.change_type) == ("low", "refactor"), (analysis.importance, text)
    assert not analysis.insights.compatibility, text
    assert not any(r.risk.startswith(("Breaking", "破坏")) for r in analysis.risks), analysis.risks
    assert "`fmt`" not in "\n".join(analysis.recommendations), analysis.recommendations


@pytest.mark.parametrize("path", sorted(NAMED))
def test_a_parameter_renamed_where_callers_may_name_it_stays_a_signature_change(path):
    signature = [f for f in facts_of({path: NAMED[path]}) if f["kind"] == "signature_changed"]
    assert [f["text"] for f in signature] == [f"renames {NAMED[path][0].split('(')[1].split(':')[0]} to fmt"], signature


def test_a_python_parameter_rename_still_asks_callers_to_pass_the_new_name():
    analysis = analysed({"src/acme/format.py": PYTHON}, "Rename format_str parameters to fmt")
    assert analysis.insights.compatibility, analysis_text(analysis)
    assert any("`fmt`" in r for r in analysis.recommendations), analysis.recommendations


def test_an_object_pattern_renamed_binds_other_keys_and_stays_a_signature_change():
    facts = facts_of({"src/format.ts": TS_PATTERN})
    assert [f["kind"] for f in facts if f["kind"] == "signature_changed"] == ["signature_changed"], facts


def test_a_parameter_renamed_and_retyped_stays_a_signature_change():
    facts = facts_of({"pkg/format/format.go": GO_RETYPED})
    assert [f["kind"] for f in facts if f["kind"] == "signature_changed"] == ["signature_changed"], facts
