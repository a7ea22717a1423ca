"""The weekly roll-up's sections (zh or en), written for any target through its own escaping functions.

Each target (Markdown report, Slack mrkdwn, Discord markdown, console) passes a ``Format`` saying how it
escapes untrusted text, writes a code span, bold text and a link; the sections are the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from analysis.models import CommitReport
from analysis.renderers.labels import IMPORTANCE_ICON, change_type_name, check_lang, heuristic_note
from analysis.week import Week

_PHRASES: dict[str, dict[str, str]] = {
    "zh": {
        "title": "每周汇总（{week}，{first} 至 {last}）",
        "stats": "本周共 {total} 个变更（{commits} 个提交） | 🔴高 {high} | 🟡中 {medium} | 🟢低 {low}",
        "highlights": "本周要点",
        "high": "每日高重要度变更",
        "areas": "按目录与主题",
        "api": "公开 API 变化",
        "config": "配置变化",
        "contributors": "贡献者",
        "commits_n": "{n} 个提交",
        "none": "本周没有提交。",
        "more": "…… 另有 {n} 项（见附件中的完整报告）",
        "symbol_removed": "{name} 被移除（{path}）",
        "signature_changed": "{name} 签名变更：{before} → {after}",
        "config_key_added": "新增 {name}（{path}）",
        "config_key_removed": "移除 {name}（{path}）",
        "config_value_changed": "{name}：{before} → {after}（{path}）",
    },
    "en": {
        "title": "Weekly Roll-up ({week}, {first} to {last})",
        "stats": "{total} changes ({commits} commits) that week | 🔴 High {high} | 🟡 Medium {medium} | 🟢 Low {low}",
        "highlights": "The week's highlights",
        "high": "High-importance changes by day",
        "areas": "By area and theme",
        "api": "Public API changes",
        "config": "Configuration changes",
        "contributors": "Contributors",
        "commits_n": "{n} commits",
        "none": "No commits that week.",
        "more": "… and {n} more (in the full report attached)",
        "symbol_removed": "{name} removed ({path})",
        "signature_changed": "{name} changes its signature: {before} -> {after}",
        "config_key_added": "{name} added ({path})",
        "config_key_removed": "{name} removed ({path})",
        "config_value_changed": "{name}: {before} -> {after} ({path})",
    },
}


def phrase(lang: str, key: str, table: dict[str, dict[str, str]] | None = None, **values) -> str:
    """The phrase ``key`` in ``lang`` from ``table`` (default: the roll-up's), filled with ``values``."""
    text = (table or _PHRASES)[check_lang(lang)][key]
    return text.format(**values) if values else text


@dataclass(frozen=True)
class Format:
    """How one target writes untrusted text (``esc``), a code span, bold text and a link to our own URL."""

    esc: Callable[[str], str]
    code: Callable[[str], str]
    bold: Callable[[str], str]
    link: Callable[[str | None, str], str]
    #: items listed per section (None: all, as in the full report); the rest are counted
    limit: int | None = None
    title_chars: int = 100


def title(week: Week, lang: str) -> str:
    return phrase(lang, "title", week=week.week, first=week.first_day, last=week.last_day)


def head_lines(week: Week, lang: str, fmt: Format) -> list[str]:
    """The stats line, the heuristic's note when any analysis is one, the highlights."""
    stats = week.stats
    lines = [phrase(lang, "stats", **stats.model_dump())]
    if note := heuristic_note(lang, week.reports):
        lines.append(note)
    if not week.reports:
        lines.append(phrase(lang, "none"))
    if week.highlights:
        lines += ["", fmt.bold(phrase(lang, "highlights"))] + [f"- {fmt.esc(h)}" for h in week.highlights]
    return lines


def sections(week: Week, lang: str, fmt: Format) -> list[tuple[str, list[str]]]:
    """(heading, lines) of each non-empty section, in reading order."""
    out = []
    high = [line for day, reports in week.high_by_day()
            for line in [f"- {day}"] + [f"  - {_change(r, week, fmt, icon=False)}" for r in reports]]
    out.append((phrase(lang, "high"), _capped(high, lang, fmt)))
    areas = []
    for area, themes in week.by_area():
        areas.append(f"- {fmt.code(area)}")
        for kind, reports in themes.items():
            areas.append(f"  - {change_type_name(lang, kind)}: "
                         + "; ".join(_change(r, week, fmt) for r in reports))
    out.append((phrase(lang, "areas"), _capped(areas, lang, fmt)))
    api = [f"- {_fact(fact, lang, fmt)} ({_sha(report, week, fmt)})" for fact, report in week.api_changes()]
    out.append((phrase(lang, "api"), _capped(api, lang, fmt)))
    config = [f"- {_fact(fact, lang, fmt)} ({_sha(report, week, fmt)})" for fact, report in week.config_changes()]
    out.append((phrase(lang, "config"), _capped(config, lang, fmt)))
    people = [f"- {fmt.esc(name)}: {phrase(lang, 'commits_n', n=n)}" for name, n in week.contributors()]
    out.append((phrase(lang, "contributors"), _capped(people, lang, fmt)))
    return [(heading, lines) for heading, lines in out if lines]


def _capped(lines: list[str], lang: str, fmt: Format) -> list[str]:
    if fmt.limit is None or len(lines) <= fmt.limit:
        return lines
    return lines[: fmt.limit] + [phrase(lang, "more", n=len(lines) - fmt.limit)]


def _sha(report: CommitReport, week: Week, fmt: Format) -> str:
    commit = report.commit
    url = commit.url or (f"{week.repo_url}/commit/{commit.sha}" if week.repo_url else None)
    return fmt.link(url, commit.short_sha)


def _change(report: CommitReport, week: Week, fmt: Format, icon: bool = True) -> str:
    title_text = " ".join(report.commit.title.split())
    if len(title_text) > fmt.title_chars:
        title_text = title_text[: fmt.title_chars - 1].rstrip() + "…"
    mark = f"{IMPORTANCE_ICON[report.analysis.importance]} " if icon else ""
    return f"{mark}{_sha(report, week, fmt)} {fmt.esc(title_text)}"


def _fact(fact, lang: str, fmt: Format) -> str:
    none = "∅"
    return phrase(lang, fact.kind, name=fmt.code(fact.symbol or ""), path=fmt.code(fact.path),
                  before=fmt.code(fact.before) if fact.before else none,
                  after=fmt.code(fact.after) if fact.after else none)
