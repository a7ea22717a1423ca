"""Prose written once: symbols changing the same way grouped, renames the facts saw, folded titles not repeated."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta, timezone

import pytest

from adapters.discord.render import DiscordRenderer
from adapters.slack.render import SlackRenderer
from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.symbol_groups import renames_in, shortened
from analysis.day import DayWindow
from analysis.highlights import heuristic_highlights
from analysis.models import Analysis, Commit, CommitReport, Digest, Fact, FileChange
from analysis.renderers.markdown import render_markdown
from analysis.sources.local_git import LocalGitSource
from bot.core.digests.service import DigestService

AT = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)
OLD = "(self, url, *, content=b'', headers=None)"
NEW = "(self, url, *, data=b'', query=None, headers=None)"
analyzer = HeuristicAnalyzer()


def commit(message: str, paths: tuple[str, ...] = ("src/web/sync.py", "src/web/client.py"), n: int = 1) -> Commit:
    files = [FileChange(path=p, additions=12, deletions=9, patch="@@ -1 +1 @@\n-content\n+data\n") for p in paths]
    return Commit(sha=f"{n:040x}", author="Dev", committed_at=AT + timedelta(minutes=n), message=message,
                  files=files, details_loaded=True)


def sig(symbol: str, path: str = "src/web/sync.py", text: str = "adds data; adds query; removes content",
        before: str = OLD, after: str = NEW) -> Fact:
    return Fact(kind="signature_changed", path=path, symbol=symbol, public=True, before=before, after=after, text=text)


def analyse(facts: list[Fact], lang: str = "en", message: str = "Request data", folded: list[str] = ()) -> Analysis:
    return analyzer.analyze_sync(commit(message), lang, AnalysisContext(facts=facts, folded_titles=list(folded)))


METHODS = ("request", "post", "put", "patch", "delete")


def same_change(owner: str = "SyncClient", methods: tuple[str, ...] = METHODS, **kw) -> list[Fact]:
    return [sig(f"{owner}.{m}", **kw) for m in methods]


def all_sentences(analysis: Analysis) -> str:
    risks = [f"{r.risk} | {r.impact} | {r.mitigation}" for r in analysis.risks]
    return "\n".join([*analysis.summary, analysis.insights.compatibility, *risks, *analysis.recommendations])


# --- grouping -------------------------------------------------------------------------------------

def test_symbols_with_the_same_change_are_written_once_in_every_section():
    analysis = analyse(same_change() + same_change(methods=("get", "head"), text="adds query",
                                                    before="(self, url, *, headers=None)",
                                                    after="(self, url, *, query=None, headers=None)"))
    group = "`SyncClient.request`, `post`, `put`, `patch`, `delete`"
    assert analysis.summary[0] == (f"{group} gain `data`, `query`, lose `content`; "
                                   "`SyncClient.get`, `head` gain `query`")
    assert analysis.insights.compatibility == (  # who must act; how each changes is the summary's alone
        f"Callers of {group} written against the old signature need updating. "
        "For `SyncClient.get`, `head`, no parameter is removed or made required.")
    assert [r.risk for r in analysis.risks if "signature" in r.risk] == [f"Breaking signature changes: {group}"]
    text = all_sentences(analysis)
    for method in METHODS[1:]:
        assert f"`SyncClient.{method}`" not in text  # the owner is named once per group
    assert len(analysis.recommendations) == len(set(analysis.recommendations)) <= 1


def test_one_symbol_keeps_the_singular_and_different_changes_stay_apart():
    analysis = analyse([sig("SyncClient.request"), sig("SyncClient.get", text="adds query",
                                                       before="(self, url)", after="(self, url, query=None)")])
    assert analysis.summary[0] == ("`SyncClient.request` gains `data`, `query`, loses `content`; "
                                   "`SyncClient.get` gains `query`")


def test_the_same_change_across_classes_is_one_group_with_each_owner_named_once():
    analysis = analyse(same_change(methods=("request", "post"))
                       + same_change("Client", ("request", "post"), path="src/web/client.py"))
    assert analysis.summary[0].startswith("`SyncClient.request`, `post`, `Client.request`, `post` gain `data`")
    assert analysis.insights.compatibility == ("Callers of `SyncClient.request`, `post`, `Client.request`, `post` "
                                               "written against the old signature need updating.")


def test_a_long_group_is_cut_with_a_count_in_both_languages():
    facts = same_change(methods=("request", "get", "post", "put", "patch", "delete", "head", "options"))
    en, zh = analyse(facts), analyse(facts, "zh")
    assert en.summary[0].startswith("`SyncClient.request`, `get`, `post`, `put`, `patch` (+3 more) gain `data`")
    assert zh.summary[0].startswith("`SyncClient.request`、`get`、`post`、`put`、`patch` 等 8 项新增参数 `data`")
    assert zh.insights.compatibility.count("`SyncClient.request`") == 1 and "新增参数" not in zh.insights.compatibility
    assert [r.risk for r in zh.risks if "签名" in r.risk] == ["不兼容的签名变更：`SyncClient.request`、`get`、`post`、"
                                                               "`put`、`patch` 等 8 项"]


def test_shortened_names_keep_owners_together_and_names_without_owner_whole():
    assert shortened(["A.x", "B.x", "A.y", "A.x"]) == ["A.x", "y", "B.x"]
    # beside names of no owner, a cut member would read as one of them: every owner stays
    assert shortened(["A.x", "B.x", "A.y", "f", "g", "A.x"]) == ["A.x", "A.y", "B.x", "f", "g"]


# --- renames --------------------------------------------------------------------------------------

def test_a_rename_the_facts_name_is_written_as_one_and_asks_for_the_new_name():
    renamed = "(self, url, *, data=b'', headers=None)"
    facts = [sig(f"Client.{m}", path="src/web/client.py", text="renames content to data", after=renamed)
             for m in ("request", "post")]
    analysis = analyse(facts)
    assert analysis.summary[0] == "`Client.request`, `post` rename `content` to `data`"
    assert analysis.risks[0].impact == "Calls that still pass `content` fail or behave differently."
    assert analysis.recommendations == ["Tell callers in the upgrade notes to pass `data` instead of `content`."]
    zh = analyse(facts, "zh")
    assert zh.summary[0] == "`Client.request`、`post` 将参数 `content` 改名为 `data`"


def test_no_rename_is_written_where_the_facts_do_not_show_one():
    renamed = "(self, url, *, data=b'', headers=None)"
    analysis = analyse([sig("Client.request", text="adds data; removes content", after=renamed)])
    assert analysis.summary[0] == "`Client.request` gains `data`, loses `content`"
    assert "rename" not in all_sentences(analysis).lower() and "instead of" not in all_sentences(analysis)
    assert renames_in("adds a; renames b to c; renames d to e") == [("b", "c"), ("d", "e")]
    assert renames_in("adds renames") == [] and renames_in(None) == []


# --- change type ----------------------------------------------------------------------------------

def test_a_growing_api_with_a_capability_in_a_folded_commit_is_a_feature():
    facts = same_change(methods=("request",))
    assert analyse(facts, folded=["Support url-encoded data in requests", "Tidy the request"]).change_type == "feature"
    assert analyse(facts).change_type != "feature"  # no capability named anywhere
    modified = [Fact(kind="symbol_modified", path="src/web/sync.py", symbol="SyncClient.request", public=True)]
    assert analyse(modified, folded=["Support url-encoded data in requests"]).change_type != "feature"


SYNC_OLD = "class SyncClient:\n    def request(self, url, content=b''):\n        return url, content\n"
SYNC_NEW = "class SyncClient:\n    def request(self, url, data=b'', query=None):\n        return url, data, query\n"


def test_the_digest_hands_the_folded_titles_to_the_analyzer(git_repo, store):
    git_repo.commit("Start", AT - timedelta(hours=12), {"src/web/sync.py": SYNC_OLD})
    git_repo.git("checkout", "-q", "-b", "request-data")
    git_repo.commit("Support url-encoded data in requests", AT + timedelta(hours=1), {"src/web/sync.py": SYNC_NEW})
    git_repo.git("checkout", "-q", "main")
    git_repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request #44 from dev/request-data\n\nRequest data",
                 "request-data", date=AT + timedelta(hours=2))
    digest = asyncio.run(DigestService(store, HeuristicAnalyzer()).build(
        LocalGitSource(git_repo.path), DayWindow.of("2026-03-02", "UTC")))
    (entry,) = digest.commits
    assert entry.commit.title == "Request data (#44)" and entry.analysis.change_type == "feature"


# --- folded commits in the renderers --------------------------------------------------------------

def folded_report(title: str, folded: list[str]) -> CommitReport:
    merge = commit(f"{title}\n\nMerge pull request #45 from dev/branch", n=1)
    includes = [commit(t, n=10 + i) for i, t in enumerate(folded)]
    analysis = Analysis(change_type="chore", importance="high", summary=["Removes a print"])
    return CommitReport(commit=merge, analysis=analysis, includes=includes, pr=45)


def test_a_folded_commit_titled_like_its_entry_is_listed_by_its_sha_only():
    report = folded_report("Remove print", ["Remove print", "Tidy the headers test"])
    same, other = (c.short_sha for c in report.includes)
    text = render_markdown(Digest(repo="o/r", date="2026-03-02", timezone="UTC", commits=[report]), "en")
    assert f"| Remove print (`{same}`)<br>↳ `{other}` Tidy the headers test |" in text
    assert f"`{same}` Remove print" not in text
    assert f"Commits included**: `{same}` · `{other}` Tidy the headers test" in text
    slack = json.dumps([m.body for m in SlackRenderer().commit_messages(report, "en", None)], ensure_ascii=False)
    discord = json.dumps(DiscordRenderer().commit_bodies(report, "en", None), ensure_ascii=False)
    for rendered in (slack, discord):
        assert same in rendered and f"{same}` Remove print" not in rendered and "Tidy the headers test" in rendered


# --- highlights -----------------------------------------------------------------------------------

def day_report(n: int, facts: list[Fact], paths: tuple[str, ...] = ("src/web/sync.py",)) -> CommitReport:
    analysis = Analysis(change_type="feature", importance="medium", summary=["x"], facts=facts)
    return CommitReport(commit=commit(f"Change {n}", paths, n), analysis=analysis)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_highlights_group_api_changes_and_leave_out_moves_version_bumps_and_the_mix(lang):
    moved = [Fact(kind="symbol_removed", path="src/web/old.py", symbol="Timeout", public=True),
             Fact(kind="symbol_added", path="src/web/config.py", symbol="Timeout", public=True),
             Fact(kind="symbol_removed", path="src/web/old.py", symbol="Limits", public=True)]
    release = [Fact(kind="config_value_changed", path="pyproject.toml", symbol="project.version",
                    before="0.2.0", after="0.3.0"),
               Fact(kind="config_value_changed", path="deploy/values.yaml", symbol="replicas", before="1", after="2")]
    reports = [day_report(1, same_change() + same_change("Client", ("request",), path="src/web/client.py")),
               day_report(2, moved), day_report(3, release, ("pyproject.toml", "deploy/values.yaml"))]
    text = "\n".join(heuristic_highlights(reports, lang))
    assert "`SyncClient.request`, `post`, `put`, `patch`, `delete`, `Client.request` change their signatures" in text \
        if lang == "en" else "`SyncClient.request`、`post`、`put`、`patch`、`delete`、`Client.request` 签名变更" in text
    assert text.count("`SyncClient.") == 1
    assert "`Limits`" in text and "`Timeout`" not in text  # removed, and moved
    assert "`replicas`" in text and "project.version" not in text and "0.3.0" not in text
    assert "×" not in text and "mix" not in text and "变更构成" not in text


def test_members_of_one_owner_are_named_with_the_owner_once_in_every_list():
    facts = [Fact(kind="symbol_modified", path="src/web/sync.py", symbol=f"Parser.{m}", public=True)
             for m in ("next_token", "next_name", "skip")]
    facts += [Fact(kind="symbol_removed", path="src/web/sync.py", symbol=f"Reader.{m}", public=True)
              for m in ("caps", "mark")]
    analysis = analyse(facts)
    assert "Removes public `Reader.caps`, `mark`" in analysis.summary
    assert any(s.startswith("Changes `Parser.next_token`, `next_name`, `skip` in") for s in analysis.summary)


def test_a_docs_only_change_says_how_much_changed_so_two_such_changes_read_apart():
    small = analyzer.analyze_sync(commit("Update README.md", ("README.md",)), "en", AnalysisContext())
    assert small.summary == ["Documentation only: `README.md` (+12/−9)"]


def test_a_high_title_ending_in_a_period_does_not_run_into_the_next():
    reports = [day_report(1, []), day_report(2, [])]
    for r, title in zip(reports, ("Add query params to the API.", "Request data")):
        r.commit.message, r.analysis.importance = title, "high"
    assert heuristic_highlights(reports, "en")[0] == "High importance: Add query params to the API; Request data"


def test_an_untested_change_names_its_symbols_once_per_risk_cell_and_its_files_in_the_impact():
    facts = [Fact(kind="symbol_modified", path="src/web/sync.py", symbol=f"Request.{m}", public=True)
             for m in ("__repr__", "close")]
    (risk,) = analyse(facts, message="Improve the request").risks
    assert risk.risk == "No test covers the change to `Request.__repr__`, `close`"
    assert risk.impact == "A regression in `src/web/sync.py` (+12/−9), `src/web/client.py` (+12/−9) would go unnoticed."
