"""The Markdown report, section for section as the sample digest (zh or en headings)."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from analysis.changes import change_author, without_pull_request
from analysis.models import IMPORTANCE_ORDER, Analysis, Commit, CommitReport, Digest
from analysis.renderers.impact import COVERAGE_FILES_SHOWN, split_impact
from analysis.renderers.labels import (
    change_type_text,
    fallback_text,
    heuristic_note,
    importance_name,
    insight_rows,
    label,
    sentences,
    stats_text,
)
from analysis.renderers.markdown_text import cell, code, inline, link_text, shorten

TOC_TITLE_LIMIT = 57


def slug(text: str) -> str:
    """An anchor id: lower case, spaces and slashes to hyphens, other punctuation dropped."""
    text = re.sub(r"[\s/]+", "-", text.strip().lower())
    return re.sub(r"[^\w\-]", "", text)


def commit_url(report: CommitReport, repo_url: str | None) -> str | None:
    if report.commit.url:
        return report.commit.url
    return f"{repo_url}/commit/{report.commit.sha}" if repo_url else None


def render_markdown(digest: Digest, lang: str) -> str:
    """The whole day's report."""
    stats = digest.stats
    repo_anchor = slug(digest.repo)
    out = [f"# {label(lang, 'title', date=digest.date)}", "", f'<a id="{repo_anchor}"></a>', "",
           f"## {inline(digest.repo)}", ""]
    out += _commit_table(digest, lang) if digest.commits else [label(lang, "no_commits")]
    out += ["", '<a id="stats"></a>', "", f"### {label(lang, 'stats')}",
            f"> {stats_text(lang, stats)}"]
    if note := heuristic_note(lang, digest):
        out += ["", f"> {note}"]
    if digest.highlights:
        out += ["", f"**{label(lang, 'highlights')}**", ""] + [f"- {inline(h)}" for h in digest.highlights]
    if not digest.commits:
        return "\n".join(out) + "\n"
    groups = digest.by_importance()
    out += ["", f"## {label(lang, 'contents')}", ""]
    out.append(f"- [{link_text(digest.repo)}](#{repo_anchor})")
    out.append(f"  - [{label(lang, 'stats')}](#stats)")
    for level in IMPORTANCE_ORDER:
        if not groups[level]:
            continue
        out.append(f"  - [{label(lang, 'group_' + level, n=len(groups[level]))}](#{level})")
        for report in groups[level]:
            title = link_text(shorten(report.commit.title, TOC_TITLE_LIMIT))
            out.append(f"    - [{title}](#{report.commit.short_sha})")
    for level in IMPORTANCE_ORDER:
        if not groups[level]:
            continue
        out += ["", f'<a id="{level}"></a>', "", f"#### {label(lang, 'group_' + level, n=len(groups[level]))}", ""]
        for report in groups[level]:
            out.append(render_commit_markdown(report, lang, digest.repo_url, compact=(level == "low")))
    return "\n".join(out).rstrip() + "\n"


def _commit_table(digest: Digest, lang: str) -> list[str]:
    rows = [f"| SHA | {label(lang, 'col_time')} | {label(lang, 'col_author')} | {label(lang, 'col_message')} |",
            "|-----|----------|------|----------|"]
    for report in digest.commits:
        commit = report.commit
        when = commit.committed_at.astimezone(ZoneInfo(digest.timezone)).strftime("%Y-%m-%d %H:%M:%S")
        sha = f"`{commit.short_sha}`"
        link = commit_url(report, digest.repo_url)
        sha = f"[{sha}]({link})" if link else sha
        rows.append(f"| {sha} | {when} | {cell(change_author(commit, report.includes))} | {cell(commit.title)}{_folded_cell(report)} |")
    return rows


def folded_title(report: CommitReport, folded: Commit) -> str:
    """A folded commit's title as its entry lists it: empty when it says the entry's title again (a one-commit PR)
    or says nothing (a bot's message that starts with its ``---`` separator)."""
    entry = without_pull_request(report.commit.title)  # the pull request's number is the entry's, not the commit's
    if not any(ch.isalnum() for ch in folded.title):
        return ""
    return "" if " ".join(without_pull_request(folded.title).split()) == " ".join(entry.split()) else folded.title


def _folded_cell(report: CommitReport) -> str:
    """The commits a change folds in, in the table: the SHA beside the title a commit repeats, else under it."""
    same = "".join(f" (`{c.short_sha}`)" for c in report.includes if not folded_title(report, c))
    return same + "".join(f"<br>↳ `{c.short_sha}` {cell(title)}" for c in report.includes
                          if (title := folded_title(report, c)))


def pull_request_url(report: CommitReport, repo_url: str | None) -> str | None:
    """The pull request's page, for a change that names one in a repository with web pages."""
    return f"{repo_url}/pull/{report.pr}" if report.pr is not None and repo_url else None


def render_explain_markdown(report: CommitReport, lang: str, repo_url: str | None = None) -> str:
    """One commit explained on its own: its section, then the note when its analysis is heuristic."""
    text = render_commit_markdown(report, lang, repo_url)
    note = heuristic_note(lang, [report])
    return text + (f"\n> {note}\n" if note else "")


def render_commit_markdown(report: CommitReport, lang: str, repo_url: str | None = None, *,
                           compact: bool = False) -> str:
    """One commit's section; ``compact`` is the sample's short form for low-importance commits."""
    commit, analysis = report.commit, report.analysis
    colon = label(lang, "colon")
    link = commit_url(report, repo_url)
    sha_line = f"**SHA**: `{commit.short_sha}`"
    if link:
        sha_line += f" | 🔗 [{label(lang, 'view_commit')}]({link})"
    if pr_link := pull_request_url(report, repo_url):
        sha_line += f" | [{label(lang, 'pull_request', n=report.pr)}]({pr_link})"
    out = [f'<a id="{commit.short_sha}"></a>', "", f"### {inline(commit.title)}", sha_line, ""]
    if report.includes:
        out += [f"**{label(lang, 'includes')}**{label(lang, 'colon')}"
                + " · ".join(f"`{c.short_sha}` {inline(folded_title(report, c))}".rstrip() for c in report.includes), ""]
    out.append(f"**{label(lang, 'change_type')}**{colon}{change_type_text(lang, analysis, inline)}  ")
    out.append(f"**{label(lang, 'importance')}**{colon}{importance_name(lang, analysis.importance)}  ")
    notes = _notes(analysis, lang)
    out += notes
    if compact:
        summary = sentences(lang, [inline(s) for s in analysis.summary])
        out.append(f"**{label(lang, 'summary_short')}**{colon}{summary}")
        out += ["", "---", ""]
        return "\n".join(out)
    if analysis.summary:
        out += ([] if notes else [""]) + [f"**{label(lang, 'summary')}**"]
        out += [f"- {inline(s)}" for s in analysis.summary]
    out.append("")
    if analysis.impact:
        out.append(f"**{label(lang, 'impact')}**")
        out += [f"- {_impact_item(item, colon)}" for item in analysis.impact] + [""]
    out += _insights(analysis, lang)
    out += _risks(analysis, lang)
    if analysis.recommendations:
        out += [f"#### {label(lang, 'recommendations')}", ""]
        out += [f"- {inline(r)}" for r in analysis.recommendations] + [""]
    out += ["---", ""]
    return "\n".join(out)


def _notes(analysis: Analysis, lang: str) -> list[str]:
    notes = []
    if analysis.fallback:
        notes.append(f"> {label(lang, 'fallback', reason=inline(fallback_text(lang, analysis)))}")
    coverage = analysis.coverage
    if coverage and coverage.unseen:
        shown = [code(path) for path in coverage.unseen[:COVERAGE_FILES_SHOWN]]
        rest = len(coverage.unseen) - len(shown)
        files = label(lang, "list_sep").join(shown) + (f" {label(lang, 'more', n=rest)}" if rest > 0 else "")
        notes.append(f"> {label(lang, 'coverage', unseen=len(coverage.unseen), total=coverage.files_total, files=files)}")
    # each note its own quote, a blank line after: what follows is not swallowed into the quote
    return [line for note in notes for line in ("", note)] + [""] if notes else []


def _impact_item(item: str, colon: str) -> str:
    head, tail = split_impact(item)
    return inline(tail) if head is None else f"**{inline(head)}**{colon}{inline(tail)}"


def _insights(analysis: Analysis, lang: str) -> list[str]:
    rows = insight_rows(analysis.insights)
    if not rows:
        return []
    out = [f"#### {label(lang, 'insights')}", "",
           f"| {label(lang, 'col_dimension')} | {label(lang, 'col_analysis')} |", "|------|------|"]
    out += [f"| **{label(lang, dim)}** | {cell(text)} |" for dim, text in rows]
    return out + [""]


def _risks(analysis: Analysis, lang: str) -> list[str]:
    if not analysis.risks:
        return []
    out = [f"#### {label(lang, 'risks')}", "",
           f"| {label(lang, 'col_risk')} | {label(lang, 'col_risk_impact')} | {label(lang, 'col_mitigation')} |",
           "|--------|----------|----------|"]
    out += [f"| **{cell(r.risk)}** | {cell(r.impact)} | {cell(r.mitigation)} |" for r in analysis.risks]
    return out + [""]
