"""Slack payloads for a digest: a Block Kit summary message, then thread replies per commit, within Slack's limits.

Every body is an exact chat.postMessage body without ``channel`` and ``thread_ts`` (the adapter adds
them). Bodies never carry ``link_names``; mrkdwn text objects are ``verbatim`` (no automatic parsing of
mentions or channel names) and every untrusted string goes through ``adapters.slack.text.inline``.
"""

from __future__ import annotations

from typing import Any

from adapters.slack.answer import answer_messages
from adapters.slack.blocks import MAX_BLOCKS, body, header, section, text_sections
from adapters.slack.text import SECTION_LIMIT, TEXT_LIMIT, inline, link, markdown_to_mrkdwn, shorten, split_mrkdwn
from adapters.slack.week import week_messages
from analysis.changes import change_author
from analysis.models import IMPORTANCE_ORDER, CommitReport, Digest
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
from bot.core.actions import SLACK_VALUE_LIMIT, Button, ConfirmResponse, commit_buttons
from bot.core.chat import ExplainResponse, OutboundMessage, TextResponse

SUMMARY_TITLE_LIMIT = 100  # a commit title in the summary list (the full title heads its thread reply)
AUTHOR_LIMIT = 60
REPLY_TITLE_LIMIT = 300
REPLY_TEXT_BUDGET = 12000  # characters of analysis per thread reply before the next part begins


def actions_block(buttons: list[Button]) -> dict[str, Any]:
    """A Block Kit ``actions`` block; each button's ``action_id`` is ``digest_<kind>``, its value the action."""
    elements = []
    for button in buttons:
        element = {"type": "button", "action_id": f"digest_{button.kind}", "value": button.value,
                   "text": {"type": "plain_text", "text": button.label, "emoji": True}}
        if button.style in ("primary", "danger"):
            element["style"] = button.style
        elements.append(element)
    return {"type": "actions", "elements": elements}


class SlackRenderer:
    """Pure functions of the data: the same digest always gives the same payloads."""

    target = "slack"

    # --- digest ------------------------------------------------------------------------------
    def digest_messages(self, digest: Digest, lang: str, note: str | None = None, *,
                        report_url: str | None = None, max_replies: int | None = None) -> list[OutboundMessage]:
        shown, rest = reply_split(digest, max_replies)
        summary_blocks, fallback = self._summary(digest, lang, note, report_url, shown, rest)
        messages = [OutboundMessage(thread=False, body=body(fallback, summary_blocks[:MAX_BLOCKS]), key="summary/0")]
        # A day of hundreds of commits: the list goes on in the thread rather than being cut.
        more_blocks = summary_blocks[MAX_BLOCKS:]
        while more_blocks:
            part, more_blocks = more_blocks[:MAX_BLOCKS], more_blocks[MAX_BLOCKS:]
            text = "\n".join(block["text"]["text"] for block in part)
            messages.append(OutboundMessage(thread=True, body=body(text, part), key=f"summary/{len(messages)}"))
        for report in shown:
            messages += self.commit_messages(report, lang, digest.repo_url, buttons_repo=digest.repo)
        if rest:
            messages.append(self._listing_message(rest, lang))
        return messages

    def _listing_message(self, rest: list[CommitReport], lang: str) -> OutboundMessage:
        """One reply listing the commits without their own (as many as fit; the rest named by count)."""
        lines, left = listing([self._summary_line(report, icon=True) for report in rest])
        if left:
            lines.append(label(lang, "overflow_more", n=left))
        text = "\n".join([f"*{label(lang, 'overflow_title', n=len(rest))}*"] + lines)
        return OutboundMessage(thread=True, body=body(text, text_sections(text)[:MAX_BLOCKS]), key="overflow/0")

    def _summary(self, digest: Digest, lang: str, note: str | None, report_url: str | None,
                 shown: list[CommitReport], rest: list[CommitReport]) -> tuple[list[dict[str, Any]], str]:
        title = label(lang, "title", date=digest.date)
        repo = inline(digest.repo)
        where = [f"*{link(digest.repo_url, repo)}*"]
        if digest.branch:
            where.append(f"`{inline(digest.branch).replace('`', '')}`")
        where.append(inline(digest.timezone))
        stats = stats_text(lang, digest.stats)
        blocks = [header(title), section(" · ".join(where)), section(stats)]
        lines = [title, " · ".join(where), stats]
        if digest.highlights:
            text = "\n".join([f"*{label(lang, 'highlights')}*"]
                             + [f"• {inline(shorten(h, HIGHLIGHT_CHARS))}" for h in digest.highlights[:5]])
            blocks += text_sections(text)
            lines.append(text)
        if report_url:  # our own address (DIGESTBOT_PUBLIC_URL + validated path): the digest's web page
            blocks.append(section(link(report_url, FULL_REPORT.get(lang, FULL_REPORT["en"]))))
            lines.append(f"{FULL_REPORT.get(lang, FULL_REPORT['en'])}: {report_url}")
        if note:
            blocks.append(section("⚠️ " + inline(note)))
            lines.append("⚠️ " + inline(note))
        if heuristic := heuristic_note(lang, digest):
            blocks.append(section(heuristic))
            lines.append(heuristic)
        if not digest.commits:
            blocks.append(section(label(lang, "no_commits")))
            lines.append(label(lang, "no_commits"))
        if rest:
            capped = label(lang, "capped_note", shown=len(shown), total=len(digest.commits), rest=len(rest))
            blocks.append(section(capped))
            lines.append(capped)
        groups = by_importance(shown)
        for level in IMPORTANCE_ORDER:
            if not groups[level]:
                continue
            group = [f"*{label(lang, 'group_' + level, n=len(groups[level]))}*"]
            group += [self._summary_line(report) for report in groups[level]]
            text = "\n".join(group)
            blocks += text_sections(text)
            lines.append(text)
        return blocks, "\n".join(lines)

    @staticmethod
    def _summary_line(report: CommitReport, icon: bool = False) -> str:
        commit = report.commit
        title = inline(shorten(commit.title, SUMMARY_TITLE_LIMIT))
        author = inline(shorten(change_author(commit, report.includes), AUTHOR_LIMIT))
        mark = f"{IMPORTANCE_ICON[report.analysis.importance]} " if icon else ""
        return f"• {mark}`{commit.short_sha}` {title} — {author}"

    # --- one commit ----------------------------------------------------------------------------
    def commit_messages(self, report: CommitReport, lang: str, repo_url: str | None,
                        first_thread: bool = True, buttons_repo: str | None = None) -> list[OutboundMessage]:
        """One commit's analysis as one or more thread replies (parts), nothing dropped.

        With ``buttons_repo`` (a digest's reply), the last part ends with the commit's buttons.
        """
        commit = report.commit
        head = self._commit_head(report, lang, repo_url)
        chunks = split_mrkdwn(self._analysis_text(report, lang), SECTION_LIMIT)
        parts: list[list[str]] = [[]]
        size = len(head)
        for chunk in chunks:
            if parts[-1] and (size + len(chunk) > REPLY_TEXT_BUDGET or len(parts[-1]) >= MAX_BLOCKS - 2):
                parts.append([])
                size = 0
            parts[-1].append(chunk)
            size += len(chunk)
        messages = []
        for index, part in enumerate(parts):
            if index == 0:
                top = head
            else:
                top = f"`{commit.short_sha}` {inline(shorten(commit.title, SUMMARY_TITLE_LIMIT))} " \
                      f"({index + 1}/{len(parts)})"
            if len(parts) > 1 and index == 0:
                top += f" (1/{len(parts)})"
            blocks = [section(top)] + [section(chunk) for chunk in part if chunk.strip()]
            if buttons_repo and index == len(parts) - 1:
                blocks.append(actions_block(commit_buttons(buttons_repo, commit.sha, lang)))
            text = "\n".join([top] + part)
            messages.append(OutboundMessage(thread=first_thread or index > 0, body=body(text, blocks),
                                            key=f"{commit.sha}/{index}"))
        return messages

    @staticmethod
    def _commit_head(report: CommitReport, lang: str, repo_url: str | None) -> str:
        commit, analysis = report.commit, report.analysis
        url = commit.url or (f"{repo_url}/commit/{commit.sha}" if repo_url else None)
        title = inline(shorten(commit.title, REPLY_TITLE_LIMIT))
        meta = f"`{commit.short_sha}` · {inline(shorten(change_author(commit, report.includes), AUTHOR_LIMIT))}"
        if url:
            meta += f" · {link(url, label(lang, 'view_commit'))}"
        if pr_url := pull_request_url(report, repo_url):
            meta += f" · {link(pr_url, label(lang, 'pull_request', n=report.pr))}"
        colon = label(lang, "colon")
        kind = (f"*{label(lang, 'change_type')}*{colon}{change_type_text(lang, analysis, inline)}   "
                f"*{label(lang, 'importance')}*{colon}{importance_name(lang, analysis.importance)}")
        head = f"{IMPORTANCE_ICON[analysis.importance]} *{title}*\n{meta}\n{kind}"
        if report.includes:
            shown = [f"`{c.short_sha}` {inline(shorten(folded_title(report, c), SUMMARY_TITLE_LIMIT))}".rstrip()
                     for c in report.includes[:INCLUDES_SHOWN]]
            rest = len(report.includes) - len(shown)
            head += f"\n*{label(lang, 'includes')}*{colon}" + " · ".join(shown) \
                + (f" {label(lang, 'more', n=rest)}" if rest > 0 else "")
        return head

    @staticmethod
    def _analysis_text(report: CommitReport, lang: str) -> str:
        analysis = report.analysis
        colon = label(lang, "colon")
        out: list[str] = []
        if analysis.fallback:
            out.append("> " + label(lang, "fallback", reason=inline(fallback_text(lang, analysis))))
        coverage = analysis.coverage
        if coverage and coverage.unseen:
            shown = [f"`{inline(path).replace('`', '')}`" for path in coverage.unseen[:COVERAGE_FILES_SHOWN]]
            rest = len(coverage.unseen) - len(shown)
            files = label(lang, "list_sep").join(shown) + (f" {label(lang, 'more', n=rest)}" if rest > 0 else "")
            out.append("> " + label(lang, "coverage", unseen=len(coverage.unseen), total=coverage.files_total,
                                    files=files))
        if analysis.summary:
            out.append(f"*{label(lang, 'summary')}*")
            out += [f"• {inline(item)}" for item in analysis.summary]
        if analysis.impact:
            out.append(f"*{label(lang, 'impact')}*")
            out += [f"• {_impact_item(item, colon)}" for item in analysis.impact]
        insights = insight_rows(analysis.insights)
        if insights:
            out.append(f"*{label(lang, 'insights')}*")
            out += [f"• *{label(lang, dim)}*{colon}{inline(text)}" for dim, text in insights]
        if analysis.risks:
            out.append(f"*{label(lang, 'risks')}*")
            for risk in analysis.risks:
                line = f"• {inline(risk.risk)}"
                if risk.impact.strip():
                    line += f" — {label(lang, 'col_risk_impact')}{colon}{inline(risk.impact)}"
                if risk.mitigation.strip():
                    line += f" — {label(lang, 'col_mitigation')}{colon}{inline(risk.mitigation)}"
                out.append(line)
        if analysis.recommendations:
            out.append(f"*{label(lang, 'recommendations')}*")
            out += [f"• {inline(item)}" for item in analysis.recommendations]
        out.append(f"_{label(lang, 'analyzer')}{colon}{inline(analysis.analyzer)}_")
        return "\n".join(out)

    # --- explain and short answers -------------------------------------------------------------
    def explain_messages(self, response: ExplainResponse) -> list[OutboundMessage]:
        """The commit's analysis: the first part where asked, later parts in its thread."""
        messages = self.commit_messages(response.report, response.lang, response.repo_url, first_thread=False)
        first = messages[0].body
        repo_line = section(f"*{link(response.repo_url, inline(response.repo))}*")
        first["blocks"].insert(0, repo_line)
        first["text"] = repo_line["text"]["text"] + "\n" + first["text"]
        return messages

    def week_messages(self, week, lang: str) -> list[OutboundMessage]:
        return week_messages(week, lang)

    def answer_messages(self, answer, lang: str) -> list[OutboundMessage]:
        return answer_messages(answer, lang)

    def confirm_message(self, response: ConfirmResponse) -> OutboundMessage:
        """A question with its buttons (Confirm / Cancel), for the presser only."""
        text = markdown_to_mrkdwn(defang_links(response.text))
        return OutboundMessage(thread=False, body=body(text, [*text_sections(text)[:MAX_BLOCKS - 1],
                                                              actions_block(response.buttons(SLACK_VALUE_LIMIT))]))

    def text_message(self, response: TextResponse) -> OutboundMessage:
        text = markdown_to_mrkdwn(defang_links(response.text))  # may quote what a member typed
        if response.error:
            text = "⚠️ " + text
        if len(text) > TEXT_LIMIT - 100:
            cut = len(text) - (TEXT_LIMIT - 100)
            text = text[: TEXT_LIMIT - 100] + f"\n… ({cut} more characters not shown)"
        return OutboundMessage(thread=False, body=body(text, text_sections(text)[:MAX_BLOCKS]))


def _impact_item(item: str, colon: str) -> str:
    head, tail = split_impact(item)
    return inline(tail) if head is None else f"*{inline(head)}*{colon}{inline(tail)}"
