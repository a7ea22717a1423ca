"""Every fixed word the reports use, in Chinese (``zh``, as the sample) and English (``en``)."""

from __future__ import annotations

from analysis.errors import BadInput
from analysis.models import Stats
from analysis.zh_text import join_sentences

LANGS = ("zh", "en")

IMPORTANCE_ICON = {"high": "🔴", "medium": "🟡", "low": "🟢"}
#: folded commits listed under a change in chat replies; the rest are counted
INCLUDES_SHOWN = 10
#: a highlight longer than this is shortened in chat summaries (the Markdown report keeps it whole)
HIGHLIGHT_CHARS = 400

_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "每日更新报告（{date}）",
        "col_time": "提交时间",
        "col_author": "作者",
        "col_message": "提交信息",
        "stats": "📊 统计摘要",
        "stats_line": "本日共 {total} 个提交 | 🔴高 {high} | 🟡中 {medium} | 🟢低 {low}",
        "stats_line_folded": "本日共 {total} 个变更（{commits} 个提交） | 🔴高 {high} | 🟡中 {medium} | 🟢低 {low}",
        "highlights": "✨ 今日要点",
        "includes": "📦 包含的提交",
        "pull_request": "PR #{n}",
        "contents": "📋 目录",
        "group_high": "🔴 高重要度变更 ({n})",
        "group_medium": "🟡 中重要度变更 ({n})",
        "group_low": "🟢 低重要度变更 ({n})",
        "view_commit": "查看提交",
        "change_type": "🎯 变更类型",
        "importance": "⚡ 重要程度",
        "summary": "📋 变更摘要",
        "summary_short": "📋 摘要",
        "impact": "🎯 影响范围",
        "insights": "🔍 技术洞察",
        "col_dimension": "维度",
        "col_analysis": "分析",
        "architecture": "架构影响",
        "performance": "性能影响",
        "security": "安全考虑",
        "maintainability": "可维护性",
        "compatibility": "兼容性",
        "risks": "⚠️ 潜在风险",
        "col_risk": "风险点",
        "col_risk_impact": "可能影响",
        "col_mitigation": "缓解建议",
        "recommendations": "💡 关注建议",
        "no_commits": "本日没有提交。",
        "author_time": "作者",
        "analyzer": "分析器",
        "fallback": "⚠️ LLM 分析失败，已改用启发式分析：{reason}",
        "coverage": "📎 模型未看到 {unseen} 个文件的差异（共 {total} 个文件）：{files}",
        "more": "等 {n} 个",
        "capped_note": "{total} 个变更中最重要的 {shown} 个各有一条回复；其余 {rest} 个列在一条回复中，详见附件中的完整报告。",
        "overflow_title": "其他变更（{n} 个）",
        "overflow_more": "……还有 {n} 个，见附件中的完整报告。",
        "colon": "：",
        "list_sep": "、",
        "high": "高",
        "medium": "中",
        "low": "低",
        "commits_word": "个提交",
        "feedback_adjusted": "⚖️ 重要程度已根据本频道对{why}的反馈调整（分析器评为{before}）。",
        "heuristic_note": "ℹ️ {n}/{total} 个分析为启发式：由规则根据代码差异与提交信息推导，未使用模型。",
    },
    "en": {
        "title": "Daily Update Report ({date})",
        "col_time": "Time",
        "col_author": "Author",
        "col_message": "Message",
        "stats": "📊 Summary",
        "stats_line": "{total} commits that day | 🔴 High {high} | 🟡 Medium {medium} | 🟢 Low {low}",
        "stats_line_folded": "{total} changes ({commits} commits) that day | 🔴 High {high} | 🟡 Medium {medium} | "
                             "🟢 Low {low}",
        "highlights": "✨ Highlights of the day",
        "includes": "📦 Commits included",
        "pull_request": "PR #{n}",
        "contents": "📋 Contents",
        "group_high": "🔴 High importance changes ({n})",
        "group_medium": "🟡 Medium importance changes ({n})",
        "group_low": "🟢 Low importance changes ({n})",
        "view_commit": "View commit",
        "change_type": "🎯 Change type",
        "importance": "⚡ Importance",
        "summary": "📋 Summary",
        "summary_short": "📋 Summary",
        "impact": "🎯 Impact",
        "insights": "🔍 Technical insights",
        "col_dimension": "Dimension",
        "col_analysis": "Analysis",
        "architecture": "Architecture",
        "performance": "Performance",
        "security": "Security",
        "maintainability": "Maintainability",
        "compatibility": "Compatibility",
        "risks": "⚠️ Risks",
        "col_risk": "Risk",
        "col_risk_impact": "Possible impact",
        "col_mitigation": "Mitigation",
        "recommendations": "💡 Recommendations",
        "no_commits": "No commits on this day.",
        "author_time": "Author",
        "analyzer": "Analyzer",
        "fallback": "⚠️ The LLM analysis failed; a heuristic analysis is shown instead: {reason}",
        "coverage": "📎 The model did not see the diff of {unseen} of {total} files: {files}",
        "more": "and {n} more",
        "capped_note": "The {shown} most important of {total} changes have their own reply; the other {rest} are "
                       "listed in one reply and are in the attached report.",
        "overflow_title": "Other changes ({n})",
        "overflow_more": "… and {n} more: see the attached report.",
        "colon": ": ",
        "list_sep": ", ",
        "high": "High",
        "medium": "Medium",
        "low": "Low",
        "commits_word": "commits",
        "feedback_adjusted": "⚖️ Importance adjusted by this channel's feedback on {why} (the analyzer said "
                             "{before}).",
        "heuristic_note": "ℹ️ {n} of {total} analyses are heuristic: derived by rules from the diff and the message, without a model.",
    },
}

_CHANGE_TYPES: dict[str, dict[str, str]] = {
    "zh": {
        "feature": "功能增强", "fix": "Bug修复", "refactor": "代码重构", "perf": "性能优化",
        "docs": "文档更新", "test": "测试修改", "ci": "持续集成", "build": "构建变更",
        "chore": "日常维护", "security": "安全修复", "revert": "回滚",
    },
    "en": {
        "feature": "Feature", "fix": "Bug fix", "refactor": "Refactor", "perf": "Performance",
        "docs": "Documentation", "test": "Tests", "ci": "CI", "build": "Build",
        "chore": "Chore", "security": "Security", "revert": "Revert",
    },
}


#: the insight dimensions in report order; renderers leave out the empty ones
INSIGHT_DIMENSIONS = ("architecture", "performance", "security", "maintainability", "compatibility")


def insight_rows(insights) -> list[tuple[str, str]]:
    """The (dimension, text) pairs of an ``Insights`` that say something."""
    return [(dim, text) for dim in INSIGHT_DIMENSIONS if (text := getattr(insights, dim, "") or "").strip()]


def heuristic_note(lang: str, digest) -> str | None:
    """The digest's one line saying its analyses are heuristic, when any is; else None."""
    reports = getattr(digest, "commits", digest)  # a Digest, or the reports of one ``explain``
    n = sum(r.analysis.analyzer == "heuristic" for r in reports)
    return label(lang, "heuristic_note", n=n, total=len(reports)) if n else None


#: fallback reasons by code (``RemoteFailure.code``), filled with the reason's details
_FALLBACK_REASONS: dict[str, dict[str, str]] = {
    "zh": {
        "timeout": "模型 {model} 在 {seconds} 秒内没有回答",
        "context_window": "提示超出了模型 {model} 的上下文窗口",
        "auth": "模型服务商拒绝了认证（请检查 API 密钥）",
        "permission": "模型服务商拒绝了访问",
        "not_found": "找不到模型 {model} 或其接口",
        "rate_limited": "模型 {model} 的服务商限流（HTTP 429）",
        "connection": "无法连接到模型 {model} 的服务商",
        "server_error": "模型服务商出错（HTTP {status}），已尝试 {attempts} 次",
        "refused": "模型服务商拒绝了请求（HTTP {status}）",
        "unexpected": "调用模型 {model} 时发生意外错误",
        "answer_invalid": "模型 {model} 两次给出的回答都不是有效的分析",
        "answer_cut": "模型 {model} 的回答两次超出长度上限",
        "budget": "今日 LLM 预算（{usd}）已用完",
        "deadline": "模型 {model} 在 {seconds} 秒内（含重试）没有给出分析",
        "breaker_open": "本次摘要中模型连续失败 {failures} 次，其余变更改用启发式分析",
        "digest_deadline": "本次摘要的模型时间（{seconds} 秒）已用完，其余变更改用启发式分析",
        "unknown": "原因见日志",
    },
    "en": {
        "timeout": "the LLM {model} gave no answer within {seconds} s",
        "context_window": "the prompt exceeds the context window of {model}",
        "auth": "the provider refused authentication (check its API key)",
        "permission": "the provider denied access",
        "not_found": "the model {model} or its endpoint was not found",
        "rate_limited": "the provider of {model} rate-limited the request (HTTP 429)",
        "connection": "cannot connect to the provider of {model}",
        "server_error": "the provider failed (HTTP {status}) after {attempts} attempts",
        "refused": "the provider refused the request (HTTP {status})",
        "unexpected": "unexpected error calling {model}",
        "answer_invalid": "the LLM {model} gave an invalid answer twice",
        "answer_cut": "the answer of {model} was cut off at the length limit twice",
        "budget": "the daily LLM budget of {usd} was reached",
        "deadline": "the LLM {model} gave no analysis within {seconds} s (retries included)",
        "breaker_open": "the LLM failed {failures} times in a row in this digest; the rest of it uses the heuristic",
        "digest_deadline": "the digest's time for the LLM ({seconds} s) ran out; the rest of it uses the heuristic",
        "unknown": "see the logs",
    },
}


def fallback_text(lang: str, analysis) -> str:
    """Why ``analysis`` fell back, in ``lang``: from its reason code; an older uncoded reason only in English."""
    reasons = _FALLBACK_REASONS[check_lang(lang)]
    reason = getattr(analysis, "fallback_reason", None)
    if reason is not None and reason.code in reasons:
        try:
            return reasons[reason.code].format(**reason.details)
        except (KeyError, IndexError, ValueError):
            pass
    if lang == "en" and analysis.fallback:
        return analysis.fallback
    return reasons["unknown"]


def check_lang(lang: str) -> str:
    """``lang`` if supported, else BadInput."""
    if lang not in LANGS:
        raise BadInput(f"unknown language {lang!r}; use zh or en")
    return lang


def label(lang: str, key: str, **values) -> str:
    text = _LABELS[check_lang(lang)][key]
    return text.format(**values) if values else text


def stats_text(lang: str, stats: Stats) -> str:
    """The stats line: changes by importance, and the commits they hold when that differs."""
    key = "stats_line" if stats.commits == stats.total else "stats_line_folded"
    return label(lang, key, **stats.model_dump())


def change_type_name(lang: str, change_type: str) -> str:
    return _CHANGE_TYPES[check_lang(lang)].get(change_type, change_type)


def change_type_text(lang: str, analysis, escape=lambda text: text) -> str:
    """The type's name with the model's free-text detail beside it (``Bug修复 / 功能增强``); ``escape`` is the target's."""
    name = change_type_name(lang, analysis.change_type)
    detail = " ".join((getattr(analysis, "change_type_detail", None) or "").split())[:120]
    if not detail:
        return name
    if name.lower() in detail.lower():
        return escape(detail)
    return f"{name} / {escape(detail)}"


def importance_name(lang: str, importance: str) -> str:
    """``🔴高`` / ``🔴 High``, as the sample writes it."""
    sep = "" if lang == "zh" else " "
    return f"{IMPORTANCE_ICON[importance]}{sep}{label(lang, importance)}"


#: (a quote cut short ends on its "…": a stop after it would read "default….")
_SENTENCE_END = tuple(".!?。！？；;:：…")


def sentences(lang: str, parts: list[str]) -> str:
    """``parts`` run together as sentences: each but the last ends with a stop (``.``/``。``) unless it has one."""
    if check_lang(lang) == "zh":
        return join_sentences(parts)
    parts = [part.strip() for part in parts if part.strip()]
    return " ".join(part if n == len(parts) - 1 or part.endswith(_SENTENCE_END) else part + "."
                    for n, part in enumerate(parts))
