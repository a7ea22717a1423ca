"""A real day's digest answered by a capable model: click 2026-04-16, replayed through litellm, in Chinese.

``digestbot report`` runs as a user runs it, against FakeGitHub serving the labelled fixture day and
ReplayOpenAI answering with the answers a model in the loop wrote to the very prompts the analyzer
sends (``tests/data/llm_replay/click-2026-04-16-zh.json``). The checks read the rendered Markdown:
every section the sample report (``shared/spec/sample-report-zh.md``) carries for each importance,
the highlights after the stats line, the contents by importance, no heuristic fallback, and one
request per commit at the depth its triage asked for, plus one for the highlights.
"""

from __future__ import annotations

import json
import re

import pytest

from analysis.renderers.labels import IMPORTANCE_ICON, INSIGHT_DIMENSIONS, label
from tests.fakes.openai_replay import HIGHLIGHTS, ReplayOpenAI, load_replay
from tests.llm_replay_support import DESCRIPTIONS, run_report

pytestmark = pytest.mark.filterwarnings("ignore:Pydantic serializer warnings:UserWarning")

FIXTURE = "click-2026-04-16-zh"
LANG = "zh"
RANK = {"low": 0, "medium": 1, "high": 2}


@pytest.fixture(scope="module")
def replay(tmp_path_factory):
    fixture = load_replay(FIXTURE)
    with ReplayOpenAI(fixture["answers"]) as llm:
        run = run_report(fixture["day"], fixture["repo"], llm, tmp_path_factory.mktemp("replay"), lang=LANG)
    assert run.result.returncode == 0, run.result.stderr
    answers = {key: json.loads(text) for key, text in fixture["answers"].items()}
    return fixture, llm, run, answers


def final_answers(answers: dict) -> dict[str, dict]:
    """The answer each commit ends with: its full answer when it has one, else its brief one."""
    out: dict[str, dict] = {}
    for key, answer in answers.items():
        if key == HIGHLIGHTS:
            continue
        sha, kind = key.split(":")
        if kind == "full" or sha not in out:
            out[sha] = answer
    return out


def sections(report: str) -> dict[str, str]:
    """Each commit's section of the report, by short SHA (from its anchor to the next one)."""
    parts = re.split(r'^<a id="([0-9a-f]{7})"></a>$', report, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1].split("\n---\n")[0] for i in range(1, len(parts), 2)}


def group_of(report: str, short: str) -> str:
    """The importance group whose heading comes last before the commit's section."""
    at = report.index(f'<a id="{short}"></a>')
    headings = {level: report.rfind(f"#### {label(LANG, f'group_{level}', n='')[:-2]}", 0, at) for level in RANK}
    return max(headings, key=headings.get)


def same(text: str) -> str:
    """Text as compared with the answer: runs of backticks, which the renderer shortens inside lines, as one."""
    return re.sub("`+", "`", text)


def bullets_after(section: str, heading: str) -> list[str]:
    block = section.split(heading, 1)[1].lstrip("\n*").split("\n\n")[0]
    return [same(line[2:]) for line in block.splitlines() if line.startswith("- ")]


def table_rows(section: str, heading: str) -> list[list[str]]:
    block = section.split(f"#### {heading}", 1)[1].strip().split("\n\n")[0]
    rows = [line for line in block.splitlines() if line.startswith("|")][2:]  # header and rule left out
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows]


def test_every_commit_is_answered_by_the_model_at_the_depth_its_triage_asked(replay):
    fixture, llm, run, answers = replay
    assert not llm.misses, f"requests the replay had no answer for: {sorted(llm.misses)}"
    shas = [c.sha for c in run.day.commits]
    by_sha: dict[str, list[str]] = {}
    for key in llm.keys:
        if key != HIGHLIGHTS:
            sha, kind = key.split(":")
            by_sha.setdefault(sha, []).append(kind)
    assert sorted(by_sha) == sorted(shas)  # every change asked about, nothing else
    for sha, kinds in by_sha.items():
        # one request each; a short answer that raises the importance is followed by the full prompt
        raised = "brief" in kinds and RANK[answers[f"{sha}:brief"]["importance"]] > 0
        assert kinds in (["full"], ["brief"], ["brief", "full"]) and (kinds == ["brief", "full"]) == raised, (sha, kinds)
    assert llm.keys.count(HIGHLIGHTS) == 1 and llm.keys[-1] == HIGHLIGHTS  # after the commits
    assert len(llm.keys) == len(shas) + sum(k == ["brief", "full"] for k in by_sha.values()) + 1
    # the context the sample's author had: the repository, its description, the diff
    for request in llm.requests[:-1]:
        user = request["messages"][-1]["content"]
        assert f"Repository: {fixture['repo']}" in user and DESCRIPTIONS[fixture["repo"]] in user
        assert "\n--- " in user  # a diff was shown
    assert "Simplified Chinese" in llm.requests[-1]["messages"][0]["content"]


def test_no_analysis_fell_back_to_the_heuristic(replay):
    _, _, run, _ = replay
    report = run.result.stdout
    fallback = label(LANG, "fallback", reason="\0").split("\0")[0]
    heuristic = label(LANG, "heuristic_note", n="\0", total="\0").split("\0")[-1]
    assert fallback not in report and heuristic not in report
    assert "warning" not in run.result.stderr.lower()


def test_high_and_medium_sections_carry_everything_the_sample_carries(replay):
    _, _, run, answers = replay
    report, found = run.result.stdout, sections(run.result.stdout)
    deep = {sha: a for sha, a in final_answers(answers).items() if a["importance"] != "low"}
    assert {a["importance"] for a in deep.values()} == {"high", "medium"}, "the day needs both depths"
    for sha, answer in deep.items():
        short, section = sha[:7], found[sha[:7]]
        assert group_of(report, short) == answer["importance"]
        type_line = re.search(rf"\*\*{re.escape(label(LANG, 'change_type'))}\*\*：(.+)", section).group(1)
        assert " / " in type_line and answer["change_type_detail"].split(" / ")[-1] in type_line
        assert f"**{label(LANG, 'importance')}**：{IMPORTANCE_ICON[answer['importance']]}" in section
        assert bullets_after(section, label(LANG, "summary")) == [same(s) for s in answer["summary"]]
        impact = bullets_after(section, label(LANG, "impact"))  # each head in bold, as sample-report-zh.md's
        assert [re.sub(r"^\*\*(.+?)\*\*：", r"\1：", line) for line in impact] == [same(s) for s in answer["impact"]]
        assert all(line.startswith("**") for line, s in zip(impact, answer["impact"]) if "：" in s[:120])
        rows = table_rows(section, label(LANG, "insights"))
        said = [dim for dim in INSIGHT_DIMENSIONS if answer["insights"][dim].strip()]
        assert [row[0] for row in rows] == [f"**{label(LANG, dim)}**" for dim in said]
        assert all(len(row) == 2 and len(row[1]) > 40 for row in rows)  # each dimension says something
        risks = table_rows(section, label(LANG, "risks"))
        assert len(risks) == len(answer["risks"]) > 0
        assert all(len(row) == 3 and all(row) for row in risks)  # risk, impact, mitigation
        assert [same(r[2]) for r in risks] == [same(r["mitigation"]) for r in answer["risks"]]
        assert bullets_after(section, f"#### {label(LANG, 'recommendations')}") == [same(r) for r in answer["recommendations"]]
    compat = [sha for sha, a in deep.items() if a["insights"]["compatibility"]]
    assert compat and all(label(LANG, "compatibility") in found[sha[:7]] for sha in compat)


def test_low_sections_are_the_sample_short_form(replay):
    _, _, run, answers = replay
    report, found = run.result.stdout, sections(run.result.stdout)
    low = {sha: a for sha, a in final_answers(answers).items() if a["importance"] == "low"}
    assert low
    for sha, answer in low.items():
        section = found[sha[:7]]
        assert group_of(report, sha[:7]) == "low"
        assert f"**{label(LANG, 'importance')}**：{IMPORTANCE_ICON['low']}" in section
        summary = re.search(rf"\*\*{re.escape(label(LANG, 'summary_short'))}\*\*：(.+)", section).group(1)
        assert answer["summary"][0][:20] in summary
        for heading in ("insights", "risks", "recommendations"):  # the short form, as the sample's low entries
            assert label(LANG, heading) not in section


def test_highlights_follow_the_stats_line_and_the_contents_go_by_importance(replay):
    _, _, run, answers = replay
    report = run.result.stdout
    stats_at = report.index(label(LANG, "stats"))
    highlights_at = report.index(label(LANG, "highlights"))
    contents_at = report.index(label(LANG, "contents"))
    assert stats_at < highlights_at < contents_at
    shown = [line[2:] for line in report[highlights_at:contents_at].splitlines() if line.startswith("- ")]
    assert 3 <= len(shown) <= 5 and [same(s) for s in shown] == [same(h) for h in answers[HIGHLIGHTS]["highlights"]]
    finals = final_answers(answers)
    counts = {level: sum(a["importance"] == level for a in finals.values()) for level in RANK}
    assert label(LANG, "stats_line", total=len(finals), **counts) in report
    toc = report[contents_at:report.index("\n\n<a id=", contents_at)]
    order = [m.group(1) for m in re.finditer(r"\]\(#([0-9a-f]{7})\)", toc)]
    levels = [finals[next(s for s in finals if s.startswith(short))]["importance"] for short in order]
    assert sorted(order) == sorted(s[:7] for s in finals)
    assert levels == sorted(levels, key=lambda level: -RANK[level])  # high first, then medium, then low
