"""The Markdown report: the sample's sections in order, zh and en, working anchors, inert untrusted text."""

import re
from datetime import datetime, timedelta, timezone

import pytest

from analysis.models import Analysis, Commit, CommitReport, Coverage, Digest, FileChange, Insights, Risk
from analysis.renderers.json_report import digest_json
from analysis.renderers.markdown import render_markdown


def _report(n: int, importance: str, title: str, **analysis) -> CommitReport:
    sha = f"{n:02x}" * 20
    commit = Commit(sha=sha, author=f"dev{n}", message=title + "\n\nbody",
                    committed_at=datetime(2026, 2, 14, 5, 0, tzinfo=timezone.utc) - timedelta(minutes=n),
                    url=f"https://github.com/o/r/commit/{sha}",
                    files=[FileChange(path="src/a.py", additions=1, deletions=1)], details_loaded=True)
    fields = dict(change_type="feature", importance=importance, summary=["did a thing"],
                  impact=["src/a.py: changed"], insights=Insights(architecture="arch", performance="perf",
                                                                 security="sec", maintainability="main"),
                  risks=[Risk(risk="r", impact="i", mitigation="m")], recommendations=["rec"])
    fields.update(analysis)
    return CommitReport(commit=commit, analysis=Analysis(**fields))


@pytest.fixture
def digest() -> Digest:
    reports = [_report(1, "high", "feat: mm aware routing for vllm (#6235)"),
               _report(2, "low", "ci: add known_third_party to avoid pre-commit isort failure (#6292)"),
               _report(3, "medium", "Rename fetch_llm to fetch_model (#6268)"),
               _report(4, "high", "fix: omit nil/empty containers from ExtraPodSpec JSON to prevent CRD")]
    return Digest(repo="ai-dynamo/dynamo", date="2026-02-14", timezone="Asia/Shanghai", commits=reports,
                  repo_url="https://github.com/ai-dynamo/dynamo")


def test_sections_in_the_samples_order_zh(digest):
    text = render_markdown(digest, "zh")
    order = ["# 每日更新报告（2026-02-14）", "## ai-dynamo/dynamo", "| 提交时间 | 作者 | 提交信息 |",
             "### 📊 统计摘要", "> 本日共 4 个提交 | 🔴高 2 | 🟡中 1 | 🟢低 1", "## 📋 目录",
             "#### 🔴 高重要度变更 (2)", "### feat: mm aware routing for vllm (#6235)", "**SHA**: `0101010`",
             "**🎯 变更类型**：功能增强", "**⚡ 重要程度**：🔴高", "**📋 变更摘要**", "**🎯 影响范围**",
             "#### 🔍 技术洞察", "| **架构影响** | arch |", "#### ⚠️ 潜在风险", "#### 💡 关注建议",
             "#### 🟡 中重要度变更 (1)", "#### 🟢 低重要度变更 (1)", "**📋 摘要**：did a thing"]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    # table times are in the digest's zone: 05:00 UTC is 13:00 in Shanghai
    assert "| 2026-02-14 12:59:00 | dev1 | feat: mm aware routing for vllm (#6235) |" in text
    assert "[查看提交](https://github.com/o/r/commit/" + "01" * 20 + ")" in text


def test_english_headings(digest):
    text = render_markdown(digest, "en")
    for part in ("# Daily Update Report (2026-02-14)", "### 📊 Summary", "4 commits that day | 🔴 High 2",
                 "## 📋 Contents", "#### 🔴 High importance changes (2)", "**🎯 Change type**: Feature",
                 "#### 🔍 Technical insights", "#### ⚠️ Risks", "#### 💡 Recommendations"):
        assert part in text
    assert "每日" not in text


def test_every_contents_link_has_an_anchor(digest):
    text = render_markdown(digest, "zh")
    links = re.findall(r"\]\(#([^)]+)\)", text)
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', text))
    assert len(links) == 2 + 3 + 4  # repo, stats, three groups, four commits
    assert set(links) <= anchors
    # long titles are shortened as the sample does
    assert "[fix: omit nil/empty containers from ExtraPodSpec JSON to ...](#0404040)" in text


def test_untrusted_text_cannot_break_the_report(digest):
    hostile = "feat: <script>x</script> | `a` [link](http://evil) @everyone\n# not a heading"
    report = _report(9, "high", hostile.replace("\n", " "),
                     summary=["line one\n# injected heading\n| a | b |", "```\nfence"],
                     insights=Insights(architecture="a | b\nc"), risks=[Risk(risk="x|y", impact="1\n2")])
    digest.commits.append(report)
    text = render_markdown(digest, "en")
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "\n# injected heading" not in text and "\n# not a heading" not in text
    assert "```" not in text
    assert "| **Architecture** | a \\| b<br>c |" in text
    assert "| **x\\|y** | 1<br>2 |" in text
    # a table row stays one line with its three cells
    row = next(line for line in text.splitlines() if "dev9" in line)
    assert len(re.findall(r"(?<!\\)\|", row)) == 5
    assert "\\[link\\](http://evil)" in text  # in the contents, link text cannot close early


def test_fallback_and_coverage_lines():
    report = _report(1, "high", "feat: x", fallback="LLM answered garbage twice",
                     coverage=Coverage(files_total=3000, files_seen=120, unseen=[f"f{i}" for i in range(2880)]))
    digest = Digest(repo="o/r", date="2026-02-14", timezone="UTC", commits=[report])
    text = render_markdown(digest, "en")
    assert "heuristic analysis is shown instead: LLM answered garbage twice" in text
    assert "did not see the diff of 2880 of 3000 files" in text and "and 2870 more" in text


def test_empty_day_is_a_short_valid_report():
    digest = Digest(repo="o/r", date="2026-02-14", timezone="UTC")
    text = render_markdown(digest, "en")
    assert "0 commits that day" in text and "No commits on this day." in text
    assert "Contents" not in text


def test_json_shape(digest):
    data = digest_json(digest)
    assert data["stats"] == {"total": 4, "high": 2, "medium": 1, "low": 1, "commits": 4}
    first = data["commits"][0]
    assert set(first) == {"sha", "short_sha", "author", "committed_at", "title", "includes", "pr", "analysis"}
    assert first["includes"] == [] and first["pr"] is None
    assert first["committed_at"] == "2026-02-14T12:59:00+08:00"
    assert set(first["analysis"]) == {"change_type", "importance", "summary", "impact", "insights", "risks",
                                      "recommendations", "facts", "analyzer"}
