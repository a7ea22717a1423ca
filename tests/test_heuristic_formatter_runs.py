"""A formatter's run (the title names one; lines re-wrapped, comments moved, nothing else) is a low chore, and no
large-change review advice is written for it; the same title over changed code is not."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.hunks import layout_only
from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, change, patch_of

WRAPPED = (["void log(level lvl, string_view_t msg, int a, int b) { // log it", "    sink(lvl, msg, a, b);"],
           ["// log it", "void log(level lvl,", "         string_view_t msg,", "         int a,", "         int b) {",
            "    sink(lvl,", "         msg, a, b);"])


def test_re_wrapped_lines_and_moved_comments_are_layout_only():
    assert layout_only(patch_of(*WRAPPED), "include/spdlog/logger.h")
    assert layout_only(patch_of(["x = f(a,", "      b)  # why"], ["# why", "x = f(a, b)"]), "pkg/mod.py")
    assert not layout_only(patch_of(["    sink(lvl, msg);"], ["    sink(lvl, msg, 0);"]), "include/spdlog/logger.h")


def _files(n: int, removed: list[str], added: list[str]) -> list:
    return [change(f"include/spdlog/sinks/sink_{i}.h", removed, added) for i in range(n)]


def test_a_clang_format_run_is_a_low_chore_without_review_advice():
    files = _files(30, WRAPPED[0] * 4, WRAPPED[1] * 4)
    symbols = [Fact(kind="symbol_modified", path=f.path, symbol="log", public=True, text="function") for f in files]
    analysis = analyse("update clang format again", files, symbols)
    assert (analysis.importance, analysis.change_type) == ("low", "chore")
    assert not any("area by area" in r.mitigation for r in analysis.risks)


def test_the_same_title_over_changed_code_or_a_signature_change_is_no_formatter_run():
    changed = _files(3, ["    sink(lvl, msg);"] * 10, ["    sink(lvl, msg, 0);"] * 10)
    assert analyse("clang format", changed).change_type != "chore"
    files = _files(3, *WRAPPED)
    resigned = [Fact(kind="signature_changed", path=files[0].path, symbol="log", public=True, before="(a)", after="(a, b)")]
    assert analyse("clang format", files, resigned).importance != "low"


def test_format_in_a_title_alone_is_not_a_formatter_run():
    files = _files(3, *WRAPPED)
    assert analyse("Cleanup format API", files).change_type != "chore"


def test_a_formatter_run_is_summarised_as_layout_not_as_symbols_changed():
    files = _files(30, WRAPPED[0] * 4, WRAPPED[1] * 4)
    symbols = [Fact(kind="symbol_modified", path=f.path, symbol="log", public=True, text="function") for f in files]
    summary = " ".join(analyse("clang format", files, symbols).summary)
    assert "Formatter run: 30 files" in summary and "Changes `log`" not in summary
