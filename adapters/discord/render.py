"""Discord message bodies for a digest: a summary with an embed, then per-commit thread replies, within limits.

Every body is the exact JSON of Discord's ``POST /channels/{id}/messages`` (content, embeds,
allowed_mentions). Untrusted text goes through ``discord_text.escape``; long text is split across
embeds and messages, never dropped.
"""

from __future__ import annotations

from typing import Any, Literal
from zoneinfo import ZoneInfo

from adapters.discord import text as dt
from adapters.discord.answer import answer_messages
from adapters.discord.embeds import NEUTRAL, Embed, embed_size, message_body, pack  # noqa: F401 (re-exported)
from adapters.discord.week import week_messages
from analysis.changes import change_author
from analysis.models import CommitReport, Digest
from analysis.renderers.html_page import FULL_REPORT
from analysis.renderers.impact import COVERAGE_FILES_SHOWN, split_impact
from analysis.renderers.inert_text import defang_links
from analysis.renderers.labels import (
    HIGHLIGHT_CHARS,
    IMPORTANCE_ICON,
    INCLUDES_SHOWN,
    change_type_text,
    fallback_text,
    heuristic_note,
    importance_name,
    insight_rows,
    label,
    stats_text,
)
from analysis.renderers.markdown import folded_title, pull_request_url
from analysis.renderers.post_caps import by_importance, listing, reply_split
from bot.core.actions import DISCORD_VALUE_LIMIT, Button, ConfirmResponse, commit_buttons
from bot.core.chat import ExplainResponse, OutboundMessage, TextResponse

COLORS = {"high": 0xE74C3C, "medium": 0xF1C40F, "low": 0x2ECC71}
SUMMARY_TITLE_SHOWN = 120  # a commit title longer than this is shortened in the summary list only
AUTHOR_SHOWN = 60  # an author name (a folded pull request's, which the digest's caps do not cut) in the summary list
#: Discord's button styles: primary (blurple), secondary (grey), danger (red)
BUTTON_STYLES = {"primary": 1, "default": 2, "danger": 4}


def components(buttons: list[Button]) -> list[dict[str, Any]]:
    """One action row of buttons, each ``custom_id`` the encoded action (at most 100 characters)."""
    return [{"type": 1, "components": [
        {"type": 2, "style": BUTTON_STYLES.get(b.style, 2), "label": b.label, "custom_id": b.value}
        for b in buttons]}]


class DiscordRenderer:
    """``ChatRenderer`` for Discord: pure and deterministic."""

    target: Literal["discord"] = "discord"

    # -- digest ------------------------------------------------------------------------------------
    def digest_messages(self, digest: Digest, lang: str, note: str | None = None, *,
                        report_url: str | None = None, max_replies: int | None = None) -> list[OutboundMessage]:
        shown, rest = reply_split(digest, max_replies)
        stats = digest.stats
        head: Embed = {"title": dt.shorten(label(lang, "title", date=digest.date), dt.EMBED_TITLE_LIMIT),
                       "color": NEUTRAL}
        if digest.repo_url:
            head["url"] = digest.repo_url
        lines = [f"**{dt.escape(digest.repo)}**", stats_text(lang, stats)]
        if digest.highlights:
            lines += ["", f"**{label(lang, 'highlights')}**"]
            lines += [f"- {dt.escape(dt.shorten(h, HIGHLIGHT_CHARS))}" for h in digest.highlights[:5]]
        if report_url:  # our own address (DIGESTBOT_PUBLIC_URL + validated path): the digest's web page
            lines.append(f"[{FULL_REPORT.get(lang, FULL_REPORT['en'])}]({report_url})")
        if heuristic := heuristic_note(lang, digest):
            lines.append(heuristic)
        if not digest.commits:
            lines += ["", label(lang, "no_commits")]
        if rest:
            lines += ["", label(lang, "capped_note", shown=len(shown), total=len(digest.commits), rest=len(rest))]
        for level, reports in by_importance(shown).items():
            if not reports:
                continue
            lines += ["", f"**{label(lang, 'group_' + level, n=len(reports))}**"]
            lines += [self._summary_line(r) for r in reports]
        footer = " · ".join(p for p in (digest.timezone, digest.branch and f"branch {digest.branch}") if p)
        content = dt.shorten(dt.defuse(note), dt.CONTENT_LIMIT) if note else ""
        bodies = pack(head, "\n".join(lines), footer=footer, content=content)
        # one summary message in the channel; if the list needs more, it continues first in its thread
        out = [OutboundMessage(thread=i > 0, body=b, key=f"summary/{i}") for i, b in enumerate(bodies)]
        for report in shown:
            bodies = self.commit_bodies(report, lang, digest.repo_url, digest.timezone)
            bodies[-1]["components"] = components(commit_buttons(digest.repo, report.commit.sha, lang,
                                                                 DISCORD_VALUE_LIMIT))
            out += [OutboundMessage(thread=True, body=body, key=f"{report.commit.sha}/{i}")
                    for i, body in enumerate(bodies)]
        if rest:
            out.append(self._listing_message(rest, lang))
        return out

    def _listing_message(self, rest: list[CommitReport], lang: str) -> OutboundMessage:
        """One reply listing the commits without their own (as many as fit; the rest named by count)."""
        lines, left = listing([self._summary_line(report, icon=True) for report in rest])
        if left:
            lines.append(label(lang, "overflow_more", n=left))
        head: Embed = {"title": label(lang, "overflow_title", n=len(rest)), "color": NEUTRAL}
        return OutboundMessage(thread=True, body=pack(head, "\n".join(lines))[0], key="overflow/0")

    @staticmethod
    def _summary_line(report: CommitReport, icon: bool = False) -> str:
        commit = report.commit
        title = dt.shorten(commit.title, SUMMARY_TITLE_SHOWN)
        mark = f"{IMPORTANCE_ICON[report.analysis.importance]} " if icon else ""
        author = dt.shorten(change_author(commit, report.includes), AUTHOR_SHOWN)
        return f"{mark}`{commit.short_sha}` {dt.escape(author)} — {dt.escape(title)}"

    # -- one commit ----------------------------------------------------------------------------------
    def commit_bodies(self, report: CommitReport, lang: str, repo_url: str | None,
                      timezone: str | None = None) -> list[dict[str, Any]]:
        """One commit's analysis as one or more message bodies (a header embed, then the text)."""
        commit, analysis = report.commit, report.analysis
        prefix = f"{IMPORTANCE_ICON[analysis.importance]} {commit.short_sha} · "
        escaped_title = dt.escape(commit.title)
        title = prefix + escaped_title
        lines: list[str] = []
        if dt.dlen(title) > dt.EMBED_TITLE_LIMIT:
            title = dt.shorten(title, dt.EMBED_TITLE_LIMIT)
            lines.append(f"**{escaped_title}**")  # the full title, since the embed title had to be shortened
        head: Embed = {"title": title, "color": COLORS.get(analysis.importance, NEUTRAL)}
        link = commit.url or (f"{repo_url}/commit/{commit.sha}" if repo_url else None)
        if link:
            head["url"] = link
        when = commit.committed_at.astimezone(ZoneInfo(timezone)) if timezone else commit.committed_at
        head["fields"] = [
            {"name": label(lang, "change_type"), "value": change_type_text(lang, analysis, dt.escape),
             "inline": True},
            {"name": label(lang, "importance"), "value": importance_name(lang, analysis.importance), "inline": True},
            {"name": label(lang, "author_time"),
             "value": dt.shorten(f"{dt.escape(change_author(commit, report.includes))} · {when:%Y-%m-%d %H:%M}",
                                dt.FIELD_VALUE_LIMIT),
             "inline": True},
        ]
        if pr_url := pull_request_url(report, repo_url):
            lines.append(f"[{label(lang, 'pull_request', n=report.pr)}]({pr_url})")
        if report.includes:
            shown = [f"`{c.short_sha}` {dt.escape(dt.shorten(folded_title(report, c), SUMMARY_TITLE_SHOWN))}".rstrip()
                     for c in report.includes[:INCLUDES_SHOWN]]
            rest = len(report.includes) - len(shown)
            lines += [f"**{label(lang, 'includes')}**"] + [f"- {line}" for line in shown]
            lines += [f"- {label(lang, 'more', n=rest)}"] if rest > 0 else []
        lines += self._analysis_lines(report, lang)
        return pack(head, "\n".join(lines), footer=f"{label(lang, 'analyzer')}: {analysis.analyzer}")

    @staticmethod
    def _analysis_lines(report: CommitReport, lang: str) -> list[str]:
        analysis = report.analysis
        colon = label(lang, "colon")
        out: list[str] = []
        if analysis.fallback:
            out.append("> " + label(lang, "fallback", reason=dt.escape(fallback_text(lang, analysis))))
        coverage = analysis.coverage
        if coverage and coverage.unseen:
            shown = [dt.escape(p) for p in coverage.unseen[:COVERAGE_FILES_SHOWN]]
            rest = len(coverage.unseen) - len(shown)
            files = label(lang, "list_sep").join(shown) + (f" {label(lang, 'more', n=rest)}" if rest > 0 else "")
            out.append("> " + label(lang, "coverage", unseen=len(coverage.unseen), total=coverage.files_total,
                                    files=files))
        if analysis.summary:
            out += [f"**{label(lang, 'summary')}**"] + [f"- {dt.escape(s)}" for s in analysis.summary]
        if analysis.impact:
            out += [f"**{label(lang, 'impact')}**"] + [f"- {_impact_item(i, colon)}" for i in analysis.impact]
        insights = insight_rows(analysis.insights)
        if insights:
            out.append(f"**{label(lang, 'insights')}**")
            out += [f"- **{label(lang, d)}**{colon}{dt.escape(t)}" for d, t in insights]
        if analysis.risks:
            out.append(f"**{label(lang, 'risks')}**")
            for r in analysis.risks:
                parts = [f"**{dt.escape(r.risk)}**"]
                if r.impact.strip():
                    parts.append(f"{label(lang, 'col_risk_impact')}{colon}{dt.escape(r.impact)}")
                if r.mitigation.strip():
                    parts.append(f"{label(lang, 'col_mitigation')}{colon}{dt.escape(r.mitigation)}")
                out.append("- " + " · ".join(parts))
        if analysis.recommendations:
            out += [f"**{label(lang, 'recommendations')}**"] + [f"- {dt.escape(r)}" for r in analysis.recommendations]
        return out

    # -- explain and text ----------------------------------------------------------------------------
    def explain_messages(self, response: ExplainResponse) -> list[OutboundMessage]:
        bodies = self.commit_bodies(response.report, response.lang, response.repo_url)
        return [OutboundMessage(thread=i > 0, body=b) for i, b in enumerate(bodies)]

    def week_messages(self, week, lang: str) -> list[OutboundMessage]:
        return week_messages(week, lang)

    def answer_messages(self, answer, lang: str) -> list[OutboundMessage]:
        return answer_messages(answer, lang)

    def text_bodies(self, text: str) -> list[dict[str, Any]]:
        """A short answer of ours as one or more content-only bodies (mentions defused, markdown kept)."""
        return [message_body(part) for part in dt.split_text(dt.defuse(defang_links(text)), dt.CONTENT_LIMIT)]

    def confirm_message(self, response: ConfirmResponse) -> OutboundMessage:
        """A question with its buttons (Confirm / Cancel), sent as an ephemeral follow-up."""
        text = dt.shorten(dt.defuse(defang_links(response.text)), dt.CONTENT_LIMIT)
        buttons = components(response.buttons(DISCORD_VALUE_LIMIT))
        return OutboundMessage(thread=False, body={**message_body(text), "components": buttons})

    def text_message(self, response: TextResponse) -> OutboundMessage:
        text = dt.defuse(defang_links(response.text))  # may quote what a member typed
        if dt.dlen(text) <= dt.CONTENT_LIMIT:
            return OutboundMessage(thread=False, body=message_body(text))
        # too long for content: embeds of one message (up to 6000 characters), the rest marked as cut
        bodies = pack({"color": NEUTRAL}, text)
        body = bodies[0]
        if len(bodies) > 1:
            body["embeds"][-1]["description"] = dt.shorten(body["embeds"][-1].get("description", ""),
                                                           dt.EMBED_DESCRIPTION_LIMIT - 40)
        return OutboundMessage(thread=False, body=body)


def _impact_item(item: str, colon: str) -> str:
    head, tail = split_impact(item)
    return dt.escape(tail) if head is None else f"**{dt.escape(head)}**{colon}{dt.escape(tail)}"
