"""Every fixed word the reports use, in Chinese (``zh``, as the sample) and English (``en``)."""

from __future__ import annotations

from analysis.errors import BadInput

LANGS = ("zh", "en")

IMPORTANCE_ICON = {"high": "🔴", "medium": "🟡", "low": "🟢"}

_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "每日更新报告（{date}）",
        "col_time": "提交时间",
        "col_author": "作者",
        "col_message": "提交信息",
        "stats": "📊 统计摘要",
        "stats_line": "本日共 {total} 个提交 | 🔴高 {high} | 🟡中 {medium} | 🟢低 {low}",
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
        "high": "高",
        "medium": "中",
        "low": "低",
        "commits_word": "个提交",
    },
    "en": {
        "title": "Daily Update Report ({date})",
        "col_time": "Time",
        "col_author": "Author",
        "col_message": "Message",
        "stats": "📊 Summary",
        "stats_line": "{total} commits that day | 🔴 High {high} | 🟡 Medium {medium} | 🟢 Low {low}",
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
        "high": "High",
        "medium": "Medium",
        "low": "Low",
        "commits_word": "commits",
    },
}

_CHANGE_TYPES: dict[str, dict[str, str]] = {
    "zh": {
        "feature": "功能增强", "fix": "Bug修复", "refactor": "代码重构", "perf": "性能优化",
        "docs": "文档更新", "test": "测试修改", "ci": "配置调整", "build": "构建变更",
        "chore": "日常维护", "security": "安全修复", "revert": "回滚",
    },
    "en": {
        "feature": "Feature", "fix": "Bug fix", "refactor": "Refactor", "perf": "Performance",
        "docs": "Documentation", "test": "Tests", "ci": "CI", "build": "Build",
        "chore": "Chore", "security": "Security", "revert": "Revert",
    },
}


def check_lang(lang: str) -> str:
    """``lang`` if supported, else BadInput."""
    if lang not in LANGS:
        raise BadInput(f"unknown language {lang!r}; use zh or en")
    return lang


def label(lang: str, key: str, **values) -> str:
    text = _LABELS[check_lang(lang)][key]
    return text.format(**values) if values else text


def change_type_name(lang: str, change_type: str) -> str:
    return _CHANGE_TYPES[check_lang(lang)].get(change_type, change_type)


def importance_name(lang: str, importance: str) -> str:
    """``🔴高`` / ``🔴 High``, as the sample writes it."""
    sep = "" if lang == "zh" else " "
    return f"{IMPORTANCE_ICON[importance]}{sep}{label(lang, importance)}"
