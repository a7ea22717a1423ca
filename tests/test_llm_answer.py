"""Reading model answers: each near miss real models write is mapped, and what cannot be is named (pure logic)."""

from __future__ import annotations

import json

import pytest

from analysis.analyzers.llm.answer import AnswerError, extract_json, parse_answer, parse_bullets

BASE = {"change_type": "fix", "importance": "low", "summary": ["a"]}


def answer(**changes) -> str:
    return json.dumps({**BASE, **changes}, ensure_ascii=False)


@pytest.mark.parametrize(("given", "expected"), [
    ("feat", "feature"), ("bugfix", "fix"), ("tests", "test"), ("Bug Fix", "fix"), ("documentation", "docs"),
    ("功能增强", "feature"), ("Bug修复", "fix"), ("fix / feature", "fix"),
])
def test_change_type_near_misses(given, expected):
    assert parse_answer(answer(change_type=given)).change_type == expected


@pytest.mark.parametrize(("given", "expected"), [("高", "high"), ("中", "medium"), ("低", "low"),
                                                 ("🔴高", "high"), ("High", "high"), ("中等", "medium")])
def test_importance_near_misses(given, expected):
    assert parse_answer(answer(importance=given)).importance == expected


def test_a_string_for_a_list_and_null_lists():
    result = parse_answer(answer(summary="- first point\n- second point", impact=None, recommendations="check it"))
    assert result.summary == ["first point", "second point"]
    assert result.impact == [] and result.recommendations == ["check it"]


def test_string_risks_and_list_insights():
    result = parse_answer(answer(risks=["may break old clients", {"风险点": "迁移", "缓解建议": "先备份"}],
                                 insights={"architecture": ["one", "two"], "security": "none",
                                           "compatibility": "无", "performance": None}))
    assert [(r.risk, r.mitigation) for r in result.risks] == [("may break old clients", ""), ("迁移", "先备份")]
    assert result.insights.architecture == "one\ntwo"
    assert (result.insights.security, result.insights.compatibility, result.insights.performance) == ("", "", "")
    assert parse_answer(answer(risks="one risk")).risks[0].risk == "one risk"
    assert parse_answer(answer(risks=None)).risks == []


def test_change_type_detail_and_fields_the_model_may_not_set():
    result = parse_answer(answer(change_type_detail=["Bug修复", "功能增强"], analyzer="heuristic",
                                 fallback="x", facts=[{"kind": "test_added", "path": "t.py"}]))
    assert result.change_type_detail == "Bug修复 / 功能增强"
    assert (result.analyzer, result.fallback, result.facts) == ("heuristic", None, [])


def test_trailing_commas_are_repaired():
    text = '{"change_type": "fix", "importance": "low", "summary": ["a", "b",], "insights": {"security": "x",},}'
    result = parse_answer(text)
    assert result.summary == ["a", "b"] and result.insights.security == "x"
    assert parse_answer('{"change_type": "fix", "importance": "low", "summary": ["keep ,} inside"]}').summary == [
        "keep ,} inside"]


def test_an_outer_object_that_does_not_parse_reports_its_own_error():
    broken = '{"change_type": "fix" "importance": "low", "summary": ["a"], "insights": {"security": "x"}}'
    with pytest.raises(AnswerError) as caught:
        parse_answer(broken)
    message = str(caught.value)
    assert "does not parse" in message and "delimiter" in message and "Field required" not in message


def test_an_incomplete_object_says_so():
    with pytest.raises(AnswerError, match="incomplete"):
        parse_answer('{"change_type": "fix", "importance": "low", "summary": ["a", "b')


@pytest.mark.parametrize(("text", "reason"), [
    (answer(change_type="banana"), "change_type"), (answer(importance="critical"), "importance"),
    (answer(summary=[]), "summary"), ("no json at all", "no JSON object"),
])
def test_what_cannot_be_mapped_is_named(text, reason):
    with pytest.raises(AnswerError, match=reason):
        parse_answer(text)


def test_prose_braces_before_the_object_are_skipped():
    assert extract_json('Sure {here} it is: {"a": 1,}') == {"a": 1}


@pytest.mark.parametrize("text", ['{"highlights": ["a", "b", "c"]}', '["a", "b", "c",]', "- a\n- b\n- c",
                                  '```json\n{"highlights": "- a\\n- b\\n- c"}\n```'])
def test_highlight_bullets(text):
    assert parse_bullets(text) == ["a", "b", "c"]


def test_highlights_without_bullets_are_refused():
    with pytest.raises(AnswerError, match="highlights"):
        parse_bullets("Today was busy.")
