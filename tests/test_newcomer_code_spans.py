"""Every code span of a whole report shows its text as written, whichever section of the analysis carries it."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from analysis.models import Analysis, Commit, CommitReport, Digest, FileChange, Insights, Risk
from analysis.renderers.html_page import _parser
from analysis.renderers.markdown import render_commit_markdown, render_markdown

SNIPPETS = ["Vec<u8>", "fn f() -> u8", "a && b", "default=<int>", "x &amp; y", "(?<!\\w)re.escape(value)"]
ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+);")


def report_with(snippet: str) -> CommitReport:
    span = f"`{snippet}`"
    commit = Commit(sha="cd" * 20, author="Ada", message=f"fix: handle {span}\n\nbody",
                    committed_at=datetime(2026, 2, 14, 5, tzinfo=timezone.utc),
                    files=[FileChange(path="src/lib.rs", additions=3, deletions=1)], details_loaded=True)
    analysis = Analysis(
        change_type="fix", importance="high", change_type_detail=f"fix of {span}",
        summary=[f"Parses {span} now", f"Adds {span}"],
        impact=[f"src: {span} callers", f"tests use {span}"],
        insights=Insights(**{dim: f"{dim} sees {span}" for dim in Insights.model_fields}),
        risks=[Risk(risk=f"{span} misread", impact=f"{span} breaks", mitigation=f"test {span}")],
        recommendations=[f"Document {span}"])
    return CommitReport(commit=commit, analysis=analysis)


def code_spans(markdown: str) -> list[str]:
    """The text of every inline code token markdown-it finds (before its own HTML escaping)."""
    found = []

    def walk(tokens):
        for token in tokens:
            if token.type == "code_inline":
                found.append(token.content)
            walk(token.children or [])

    walk(_parser().parse(markdown))
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("snippet", SNIPPETS)
def test_every_section_of_a_report_keeps_its_code_spans_as_written(snippet, lang):
    report = report_with(snippet)
    digest = Digest(repo="o/r", date="2026-02-14", timezone="UTC", repo_url="https://github.com/o/r",
                    commits=[report], highlights=[f"High importance: `{snippet}` changed"])
    for markdown in (render_markdown(digest, lang), render_commit_markdown(report, lang, compact=True)):
        shown = code_spans(markdown)
        # a span holding markup characters that is not the snippet was escaped (or cut) on the way
        garbled = [s for s in shown if s != snippet and (ENTITY.search(s) or set("<>&") & set(s))]
        assert not garbled and snippet in shown, shown
    full = code_spans(render_markdown(digest, lang))
    # title (heading, table, contents), summary x2, impact x2, 5 insights, risk x3, recommendation, highlight
    assert full.count(snippet) >= 15, full
