"""Caps on what a chat digest posts: text per commit, and thread replies per digest.

A 100 KB commit title must not become 25 Discord messages, nor a 2,000-commit day 2,001 Slack
messages. ``cap_report`` cuts one commit's title, author and analysis text to a budget (marked with
an ellipsis); ``reply_split`` keeps the most important commits for their own replies and leaves the
rest for one listing reply. The full report (Markdown attachment, web page) is never capped.
"""

from __future__ import annotations

from analysis.models import IMPORTANCE_ORDER, CommitReport, Digest

TITLE_CHARS = 300
AUTHOR_CHARS = 100
BODY_CHARS = 2000
#: characters of the listing reply's lines (within one Slack section and one Discord embed)
LISTING_CHARS = 2800
ELLIPSIS = "…"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 0)].rstrip() + ELLIPSIS


class _Budget:
    def __init__(self, chars: int):
        self.left = chars

    def take(self, text: str) -> str:
        kept = _cut(text, self.left) if self.left > 0 else ""
        self.left -= len(kept)
        return kept

    def take_all(self, items: list[str]) -> list[str]:
        return [kept for kept in (self.take(item) for item in items) if kept]


def cap_report(report: CommitReport, max_chars: int) -> CommitReport:
    """``report`` with its title, author and analysis text cut to fit ``max_chars`` (order of importance kept)."""
    commit, analysis = report.commit, report.analysis
    title, _, body = commit.message.strip().partition("\n")
    message = _cut(title, TITLE_CHARS) + ("\n" + _cut(body, BODY_CHARS) if body else "")
    budget = _Budget(max_chars)
    summary = budget.take_all(analysis.summary)
    impact = budget.take_all(analysis.impact)
    insights = analysis.insights.model_copy(update={
        name: budget.take(getattr(analysis.insights, name)) for name in type(analysis.insights).model_fields
        if isinstance(getattr(analysis.insights, name), str)})
    risks = []
    for risk in analysis.risks:
        kept = risk.model_copy(update={"risk": budget.take(risk.risk), "impact": budget.take(risk.impact),
                                       "mitigation": budget.take(risk.mitigation)})
        if kept.risk:
            risks.append(kept)
    recommendations = budget.take_all(analysis.recommendations)
    capped = analysis.model_copy(update={"summary": summary, "impact": impact, "insights": insights, "risks": risks,
                                         "recommendations": recommendations})
    if budget.left <= 0:
        capped.recommendations = capped.recommendations + [ELLIPSIS]  # shows that the text was cut
    # a copy of the report, not a new one: its folded commits (includes) and pull request stay with it
    return report.model_copy(update={
        "commit": commit.model_copy(update={"message": message, "author": _cut(commit.author, AUTHOR_CHARS)}),
        "analysis": capped})


def cap_digest(digest: Digest, max_chars: int) -> Digest:
    """``digest`` with every commit capped by ``cap_report`` (stats unchanged)."""
    return digest.model_copy(update={"commits": [cap_report(r, max_chars) for r in digest.commits]})


def reply_split(digest: Digest, max_replies: int | None) -> tuple[list[CommitReport], list[CommitReport]]:
    """(commits with their own reply, the rest), both in posting order: highest importance first."""
    groups = digest.by_importance()
    ordered = [report for level in IMPORTANCE_ORDER for report in groups[level]]
    if max_replies is None or len(ordered) <= max_replies:
        return ordered, []
    return ordered[:max_replies], ordered[max_replies:]


def by_importance(reports: list[CommitReport]) -> dict[str, list[CommitReport]]:
    """``reports`` grouped by importance, highest first (as ``Digest.by_importance``)."""
    return {level: [r for r in reports if r.analysis.importance == level] for level in IMPORTANCE_ORDER}


def listing(lines: list[str], budget: int = LISTING_CHARS) -> tuple[list[str], int]:
    """The first of ``lines`` (already escaped for the platform) that fit ``budget``, and how many did not."""
    kept, used = [], 0
    for line in lines:
        if used + len(line) + 1 > budget:
            break
        kept.append(line)
        used += len(line) + 1
    return kept, len(lines) - len(kept)
