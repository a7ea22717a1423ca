"""tune53e: same-day churn (``analysis.analyzers.heuristic.code.same_day_churn``), snippets.

A change whose removed lines the same day's earlier changes wrote, and which mostly puts back what they had replaced
(mimalloc 58af58d "fix debug edit", taskflow fe505f7 "fixed cache compilation error"), reworks what no release had:
low, said with the earlier change's short SHA. The commits and texts are ``test_earlier_lines``'s.
"""

from __future__ import annotations

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.earlier_lines import earlier_lines
from analysis.facts import derive_facts
from analysis.models import Commit
from tests.facts_support import Texts, analysis_text
from tests.test_earlier_lines import _CALL, DEBUG_EDIT, PATH, RELEASED, RESTORED, _commit, _os_c


def _analysed(before: str, after: str, line: list[Commit], title: str):
    commit = _commit(2, 1, {PATH: before}, {PATH: after}, title, hours=1)
    texts = Texts()
    texts.texts[("01" * 20, PATH)] = before
    texts.texts[("02" * 20, PATH)] = after
    return HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(
        facts=derive_facts(commit, texts), day_rework=earlier_lines(commit, line)))


def test_a_debug_edit_undone_the_same_day_is_low():
    edit = _commit(1, 0, {PATH: RELEASED}, {PATH: DEBUG_EDIT}, "fix formatting flags")
    alone = _analysed(DEBUG_EDIT, RESTORED, [], "fix debug edit")
    assert alone.importance != "low"
    after = _analysed(DEBUG_EDIT, RESTORED, [edit], "fix debug edit")
    assert after.importance == "low"
    assert "Reworks lines that `0101010` added earlier the same day" in analysis_text(after)


def test_new_code_written_over_the_days_lines_is_rated_on_its_own():
    """The same commented-out line rewritten into a call of another API puts nothing back: a change of its own."""
    edit = _commit(1, 0, {PATH: RELEASED}, {PATH: DEBUG_EDIT}, "fix formatting flags")
    assert _analysed(DEBUG_EDIT, RESTORED, [edit], "fix hinted allocations failing on Windows 10").importance == "low"
    other = _os_c("VirtualAlloc2(NULL, hint, size, MEM_RESERVE, PAGE_READWRITE, NULL, 0)", "%zu")
    after = _analysed(DEBUG_EDIT, other, [edit], "fix hinted allocations failing on Windows 10")
    assert after.importance != "low"
    assert "added earlier the same day" not in analysis_text(after)


def test_a_whole_change_taken_back_is_left_to_the_revert_reading():
    """Part of a change taken back is churn; all of it, a revert (``judge``'s revert readings)."""
    part = _commit(1, 0, {PATH: RELEASED}, {PATH: DEBUG_EDIT}, "fix formatting flags")
    assert _analysed(DEBUG_EDIT, RESTORED, [part], "fix debug edit").importance == "low"
    whole = _commit(1, 0, {PATH: RELEASED}, {PATH: _os_c("NULL; // " + _CALL)}, "debug: no hinted allocation")
    after = _analysed(_os_c("NULL; // " + _CALL), RELEASED, [whole], "fix debug edit")
    assert after.importance != "low"
    assert "added earlier the same day" not in analysis_text(after)


def test_the_zh_sentence_names_the_earlier_change():
    edit = _commit(1, 0, {PATH: RELEASED}, {PATH: DEBUG_EDIT}, "fix formatting flags")
    commit = _commit(2, 1, {PATH: DEBUG_EDIT}, {PATH: RESTORED}, "fix debug edit", hours=1)
    zh = HeuristicAnalyzer().analyze_sync(commit, "zh", AnalysisContext(day_rework=earlier_lines(commit, [edit])))
    assert zh.importance == "low"
    assert "同一天较早的 `0101010` 才加入的代码行" in analysis_text(zh)
