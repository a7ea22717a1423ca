"""Reading a model's answer: tolerant of the near misses real models write, strict about the result.

``parse_answer`` finds the answer's outer JSON object (fenced or wrapped in prose; trailing commas
repaired), maps near misses onto the contract's schema (``"feat"``, ``"中"``, a string where a list
belongs, risks as strings, insights as lists, nulls) and validates the result as an ``Analysis``.
Only what cannot be mapped raises ``AnswerError``, whose one-line message is the retry's reason.
"""

from __future__ import annotations

import json
import re

from pydantic import ValidationError

from analysis.models import Analysis, Insights

_FENCE = re.compile(r"```(?:json|JSON)?\s*\n(.*?)```", re.DOTALL)
#: set by the analyzer or the digest service, never by the model
CHOSEN_BY_US = ("analyzer", "fallback", "coverage", "facts")
_LIST_FIELDS = ("summary", "impact", "recommendations")
_EMPTY_WORDS = {"none", "n/a", "na", "null", "nil", "-", "无", "无影响", "暂无", "不涉及", "没有", "无。", "none."}

CHANGE_TYPE_WORDS = {
    "feature": "feature", "feat": "feature", "features": "feature", "enhancement": "feature", "new feature": "feature",
    "fix": "fix", "bugfix": "fix", "bug fix": "fix", "bug-fix": "fix", "bug": "fix", "hotfix": "fix", "fixes": "fix",
    "refactor": "refactor", "refactoring": "refactor", "restructure": "refactor",
    "perf": "perf", "performance": "perf", "optimization": "perf", "optimisation": "perf",
    "docs": "docs", "doc": "docs", "documentation": "docs",
    "test": "test", "tests": "test", "testing": "test",
    "ci": "ci", "build": "build", "deps": "build", "dependencies": "build",
    "chore": "chore", "style": "chore", "maintenance": "chore", "cleanup": "chore",
    "security": "security", "sec": "security", "revert": "revert",
    "功能增强": "feature", "新功能": "feature", "功能": "feature", "bug修复": "fix", "修复": "fix", "缺陷修复": "fix",
    "重构": "refactor", "代码重构": "refactor", "性能优化": "perf", "性能": "perf", "文档": "docs", "文档更新": "docs",
    "测试": "test", "测试修改": "test", "配置调整": "ci", "持续集成": "ci", "构建": "build", "构建变更": "build",
    "日常维护": "chore", "维护": "chore", "安全修复": "security", "安全": "security", "回滚": "revert",
}
IMPORTANCE_WORDS = {
    "high": "high", "medium": "medium", "low": "low", "med": "medium", "moderate": "medium", "mid": "medium",
    "高": "high", "中": "medium", "低": "low", "高重要度": "high", "中重要度": "medium", "低重要度": "low",
    "中等": "medium", "较高": "high", "较低": "low",
}
_RISK_KEYS = {"risk": ("risk", "name", "title", "description", "风险点", "风险"),
              "impact": ("impact", "effect", "consequence", "可能影响", "影响"),
              "mitigation": ("mitigation", "recommendation", "suggestion", "缓解建议", "缓解")}


class AnswerError(ValueError):
    """One model answer is not a valid analysis object; the message says why, in one line."""


# --- the outer JSON object -----------------------------------------------------------------------

def _object_end(text: str, start: int) -> int | None:
    """The index just past the ``}`` closing the object opened at ``start`` (strings respected), else None."""
    depth, in_string, escaped = 0, False, False
    for i in range(start, len(text)):
        char = text[i]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def repair_trailing_commas(text: str) -> str:
    """``text`` without commas that directly precede a closing ``}`` or ``]`` (strings left alone)."""
    out: list[str] = []
    in_string, escaped = False, False
    for char in text:
        if in_string:
            escaped = not escaped and char == "\\"
            if char == '"' and not escaped:
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "}]":
            end = len(out)
            while end and out[end - 1].isspace():
                end -= 1
            if end and out[end - 1] == ",":
                del out[end - 1]
        out.append(char)
    return "".join(out)


def _decode(candidate: str) -> tuple[dict | None, str | None]:
    """The first top-level JSON object of ``candidate``, or the error of the first one that looked like one."""
    first_error = None
    start = candidate.find("{")
    while start != -1:
        end = _object_end(candidate, start)
        chunk = candidate[start:end] if end is not None else candidate[start:]
        for attempt in (chunk, repair_trailing_commas(chunk)):
            try:
                value = json.loads(attempt)
            except json.JSONDecodeError as error:
                problem = f"{error.msg} at line {error.lineno} column {error.colno}"
                continue
            if isinstance(value, dict):
                return value, None
        if end is None:
            return None, first_error or f"the JSON object is incomplete ({problem})"
        if '"' in chunk and first_error is None:  # prose like "{not json}" is skipped silently
            first_error = f"the JSON object does not parse: {problem}"
        start = candidate.find("{", end)  # the next object AFTER this one, never one nested in it
    return None, first_error


def extract_json(text: str) -> dict:
    """The answer's outer JSON object, tolerating ```json fences, prose around it and trailing commas."""
    candidates = [match.group(1) for match in _FENCE.finditer(text)] + [text]
    errors = []
    for candidate in candidates:
        value, error = _decode(candidate)
        if value is not None:
            return value
        if error:
            errors.append(error)
    raise AnswerError(errors[0] if errors else "the answer contains no JSON object")


# --- near misses -----------------------------------------------------------------------------

def _word(value, table: dict[str, str]) -> object:
    """``value`` mapped through ``table`` (case, emoji, punctuation and "a / b" forms tolerated)."""
    if not isinstance(value, str):
        return value
    text = value.strip().lower()
    if text in table:
        return table[text]
    bare = re.sub(r"[^\w\s/|,-]", "", text).strip()
    if bare in table:
        return table[bare]
    for part in re.split(r"\s*[/|,]\s*", bare):
        if part.strip() in table:
            return table[part.strip()]
    return text


def _text_of(item) -> str:
    if isinstance(item, str):
        return item.strip()
    if isinstance(item, dict):
        return ": ".join(_text_of(v) for v in item.values() if _text_of(v))
    if isinstance(item, list):
        return "; ".join(_text_of(v) for v in item if _text_of(v))
    return "" if item is None else str(item)


def _as_list(value) -> object:
    if value is None:
        return []
    if isinstance(value, str):
        lines = [re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", line).strip() for line in value.splitlines()]
        return [line for line in lines if line]
    if isinstance(value, list):
        return [text for text in (_text_of(item) for item in value) if text]
    return value


def _as_risk(item) -> object:
    if isinstance(item, str):
        return {"risk": item.strip()}
    if isinstance(item, dict):
        lowered = {str(k).strip().lower(): v for k, v in item.items()}
        mapped = {}
        for field, names in _RISK_KEYS.items():
            found = next((lowered[name] for name in names if name in lowered), None)
            if found is not None:
                mapped[field] = _text_of(found)
        return mapped or item
    return item


def _insight(value) -> object:
    if isinstance(value, list):
        value = "\n".join(text for text in (_text_of(item) for item in value) if text)
    elif isinstance(value, dict) or value is None:
        value = _text_of(value)
    if isinstance(value, str) and value.strip().lower().rstrip("。.") in _EMPTY_WORDS:
        return ""
    return value


def normalise(data: dict) -> dict:
    """The answer's fields mapped onto the schema where the intent is unambiguous."""
    data = {str(key).strip().lower(): value for key, value in data.items()}
    for key in CHOSEN_BY_US:
        data.pop(key, None)
    data["change_type"] = _word(data.get("change_type"), CHANGE_TYPE_WORDS)
    data["importance"] = _word(data.get("importance"), IMPORTANCE_WORDS)
    for key in _LIST_FIELDS:
        if key in data:
            data[key] = _as_list(data[key])
    detail = data.get("change_type_detail")
    if isinstance(detail, list):
        detail = " / ".join(_text_of(item) for item in detail if _text_of(item))
    data["change_type_detail"] = detail.strip() or None if isinstance(detail, str) else detail
    insights = data.get("insights")
    if insights is None:
        data.pop("insights", None)
    elif isinstance(insights, dict):
        known = set(Insights.model_fields)
        data["insights"] = {key: _insight(value) for key, value in
                            ((str(k).strip().lower(), v) for k, v in insights.items()) if key in known}
    risks = data.get("risks")
    if risks is None:
        data["risks"] = []
    elif isinstance(risks, (str, dict)):
        data["risks"] = [_as_risk(risks)]
    elif isinstance(risks, list):
        data["risks"] = [_as_risk(item) for item in risks if item]
    return data


def parse_answer(text: str) -> Analysis:
    """Validate a model's answer as an ``Analysis``; ``AnswerError`` says what could not be mapped."""
    data = normalise(extract_json(text or ""))
    try:
        analysis = Analysis.model_validate(data)
    except ValidationError as error:
        problems = [
            f"{'.'.join(str(part) for part in e['loc']) or 'object'}: {e['msg']}" for e in error.errors()[:3]
        ]
        raise AnswerError("; ".join(problems)) from None
    if not any(item.strip() for item in analysis.summary):
        raise AnswerError("summary: must list at least one point")
    return analysis


def parse_bullets(text: str, key: str = "highlights") -> list[str]:
    """A list of short texts from an answer: ``{"highlights": [...]}``, a bare JSON list, or bullet lines."""
    try:
        value = extract_json(text or "").get(key)
    except AnswerError:
        value = None
        stripped = (text or "").strip()
        start, end = stripped.find("["), stripped.rfind("]")
        if start != -1 and end > start:
            try:
                value = json.loads(repair_trailing_commas(stripped[start:end + 1]))
            except json.JSONDecodeError:
                value = None
        if value is None:
            value = stripped if re.search(r"^\s*(?:[-*•]|\d+[.)])\s+", stripped, re.MULTILINE) else None
    bullets = _as_list(value)
    if not isinstance(bullets, list) or not bullets:
        raise AnswerError(f"{key}: expected a list of 3 to 5 bullet points")
    return bullets
