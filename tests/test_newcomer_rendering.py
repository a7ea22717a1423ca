"""What a newcomer reads in a report: code shown as written, notes apart, sentences apart, a linked SHA column."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timezone

import pytest

from adapters.slack.render import SlackRenderer
from adapters.slack.text import inline as slack_inline
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.models import Analysis, Commit, CommitReport, Coverage, Digest, FileChange
from analysis.renderers.html_page import _parser
from analysis.renderers.markdown import render_commit_markdown, render_markdown
from analysis.renderers.markdown_text import code, inline, shorten

SHA = "ab" * 20
URL = "https://github.com/o/r"


def report(title: str = "fix: a thing", importance: str = "low", **analysis) -> CommitReport:
    commit = Commit(sha=SHA, author="Ada", message=title + "\n\nbody",
                    committed_at=datetime(2026, 2, 14, 5, 0, tzinfo=timezone.utc),
                    files=[FileChange(path="src/a.rs", additions=1, deletions=1)], details_loaded=True)
    fields = dict(change_type="fix", importance=importance, summary=["did a thing"])
    fields.update(analysis)
    return CommitReport(commit=commit, analysis=Analysis(**fields))


def digest(*reports: CommitReport, repo_url: str | None = URL) -> Digest:
    return Digest(repo="o/r", date="2026-02-14", timezone="UTC", repo_url=repo_url, commits=list(reports))


def html(markdown: str) -> str:
    return _parser().render(markdown)


# --- Markdown escapes per target: a code span keeps its text ------------------------------------

@pytest.mark.parametrize("snippet", ["Vec<u8>", "fn f() -> u8", "a && b", "(?<!\\w)re.escape(value)",
                                     "default=<int>", "x &amp; y"])
def test_code_spans_show_their_text_as_written(snippet):
    rendered = html(inline(f"uses `{snippet}` now") + "\n")
    code_text = re.search(r"<code>(.*?)</code>", rendered).group(1)
    # markdown-it escapes the span for HTML itself; unescaped once, it is the snippet exactly
    assert code_text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&") \
        == snippet


def test_text_outside_code_spans_stays_inert():
    rendered = html(inline("<script>x</script> `<b>` [a](https://evil.example) ![i](x.png) -> && ok") + "\n")
    assert "<script>" not in rendered and "<a " not in rendered and "<img" not in rendered
    assert "&lt;script&gt;" in rendered and "<code>&lt;b&gt;</code>" in rendered
    assert "-&gt; &amp;&amp; ok" in rendered  # shown as -> && in the browser


def test_a_path_code_span_keeps_backticks_and_angle_brackets():
    for path in ["src/Vec<u8>.rs", "docs/`x`.md", "a&&b.txt"]:
        rendered = html(code(path) + "\n")
        assert re.search(r"<code>(.*?)</code>", rendered).group(1) == \
            path.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- notes, compact summaries, contents ----------------------------------------------------------

def test_a_note_is_followed_by_a_blank_line_so_the_summary_stays_outside_the_quote():
    rendered = html(render_commit_markdown(report(fallback="timeout", summary=["Short summary"]), "en",
                                           compact=True))
    quote = rendered[rendered.index("<blockquote>"):rendered.index("</blockquote>")]
    assert "timeout" in quote and "Short summary" not in quote
    assert "Short summary" in rendered


def test_two_notes_are_two_quotes_and_the_full_summary_follows_them():
    coverage = Coverage(files_total=3, files_seen=1, unseen=["a.py", "b.py"])
    text = render_commit_markdown(report(importance="high", fallback="timeout", coverage=coverage), "en")
    rendered = html(text)
    assert rendered.count("<blockquote>") == 2
    assert "did a thing" not in "".join(re.findall(r"<blockquote>.*?</blockquote>", rendered, re.S))


@pytest.mark.parametrize("lang, expected", [
    ("en", "Title: Use code-block. From the message: cannot run. 1 file changed (+2/-2)"),
    ("zh", "标题：改用代码块。提交说明：无法运行。1 个文件"),
])
def test_compact_summaries_are_separated_into_sentences(lang, expected):
    parts = expected.replace("。", "。|").replace(". ", ".|").split("|")
    summary = [p.rstrip("。.") for p in parts]
    text = render_commit_markdown(report(summary=summary), lang, compact=True)
    assert expected in text


def heuristic_summary(message: str) -> list[str]:
    commit = Commit(sha=SHA, author="Ada", message=message, committed_at=datetime(2026, 2, 14, tzinfo=timezone.utc),
                    files=[FileChange(path="docs/lazy.rst", additions=2, deletions=2)], details_loaded=True)
    return asyncio.run(HeuristicAnalyzer().analyze(commit, "en")).summary


def test_the_heuristic_quotes_the_whole_first_paragraph_of_the_message():
    body = ("The new LazyGroup example docs can't run because they rely on a\n"
            "module that does not exist; mark them as code-block.\n\nSecond paragraph.")
    quoted = heuristic_summary("Use code-block for doc examples\n\n" + body)[0]
    assert quoted.endswith("mark them as code-block.") and "rely on a module" in quoted
    assert "Second paragraph" not in quoted


def test_contents_never_cut_inside_a_code_span():
    title = "fix: clearer `ValueError` message in `self.validate_choice(value, ctx)` path"
    cut = shorten(title, 57)
    assert cut.count("`") % 2 == 0 and cut.endswith("...") and "`ValueError`" in cut
    text = render_markdown(digest(report(title=title)), "en")
    toc = next(line for line in text.splitlines() if line.strip().startswith("- [fix:"))
    assert "\\`" not in toc  # no stray, escaped backtick left by a cut span
    assert "<code>ValueError</code>" in html(toc.strip())
    assert shorten("x" * 60, 57) == "x" * 57 + "..."  # the sample's cut, unchanged outside spans


# --- the commit table ----------------------------------------------------------------------------

def test_the_commit_table_links_each_short_sha_when_the_repository_has_a_url():
    text = render_markdown(digest(report()), "en")
    row = next(line for line in text.splitlines() if "| Ada |" in line)
    assert row.startswith(f"| [`{SHA[:7]}`]({URL}/commit/{SHA}) |")
    assert f'<a href="{URL}/commit/{SHA}"><code>{SHA[:7]}</code></a>' in html(text)
    local = render_markdown(digest(report(), repo_url=None), "en")
    assert next(line for line in local.splitlines() if "| Ada |" in line).startswith(f"| `{SHA[:7]}` |")


@pytest.mark.parametrize("lang, sentence", [("en", "No commits on this day."), ("zh", "本日没有提交。")])
def test_a_day_without_commits_says_so_instead_of_an_empty_table(lang, sentence):
    text = render_markdown(digest(), lang)
    assert sentence in text and "|---" not in text and "<table>" not in html(text)
    assert text.endswith("\n") and "0" in text.split(sentence, 1)[1]  # the stats line follows


# --- Slack keeps literal text literal ------------------------------------------------------------

def test_slack_keeps_a_lone_run_of_markers_literal_and_still_defuses_formatting():
    assert slack_inline("mask it as '***' in logs") == "mask it as '***' in logs"
    assert "\u2217" not in slack_inline("2 * 3")
    assert slack_inline("*bold* and ***") .count("*") == 3  # the bold pair is defused, the lone run kept
    for paired in ["'***' and '***'", "*x*", "'*' `code` '*'"]:
        out = slack_inline(paired)
        assert not re.search(r"(?<![\w*])\*[^*\s][^*]*\*", out), out  # no pair left to format with
    assert slack_inline("a <!channel> & `Vec<u8>`") == "a &lt;!channel&gt; &amp; `Vec&lt;u8&gt;`"
    messages = SlackRenderer().digest_messages(digest(report(title="docs: write '***' for secrets")), "en")
    assert "'***'" in "\n".join(m.body["text"] for m in messages)


def test_the_heuristic_joins_a_bullet_wrapped_onto_indented_lines():
    body = ("Found and fixed:\n- '/digest now' for a day not over yet marked that day's digest done, so commits later that\n"
            "  day were never posted.\n- second point\nSigned-off-by: Dev <dev@example.com>")
    summary = heuristic_summary("fix: partial days\n\n" + body)
    assert "'/digest now' for a day not over yet marked that day's digest done, so commits " \
           "later that day were never posted." in summary
    assert "second point" in summary


def test_the_heuristic_keeps_short_separate_lines_as_separate_sentences():
    summary = heuristic_summary("Forwards PAGER parameters\n\nImprove detection of raw mode by parsing the option tokens\n"
                                "Fix detection of `less.exe` on Windows\n")
    assert "Improve detection of raw mode by parsing the option tokens. " \
           "Fix detection of `less.exe` on Windows" in summary
