"""The day's highlights: the heuristic's bullets from built analyses (zh, en), the LLM writer's cached, and fallbacks."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import pytest

from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.day import DayWindow
from analysis.errors import RemoteFailure
from analysis.highlights import heuristic_highlights
from analysis.models import Analysis, Commit, CommitReport, Fact, FileChange
from analysis.renderers.json_report import digest_json
from analysis.renderers.markdown import render_markdown
from analysis.sources.local_git import LocalGitSource
from bot.core.digests.highlights import HIGHLIGHTS_TABLE
from bot.core.digests.service import DigestService
from bot.core.limits.budget import LLMBudget

UTC = timezone.utc
AT = datetime(2026, 2, 14, 9, tzinfo=UTC)


def report(n: int, title: str, importance: str, change_type: str, files: dict[str, tuple[int, int]],
           facts: list[Fact] = (), pr: int | None = None) -> CommitReport:
    commit = Commit(sha=f"{n:040x}", author="Ann", message=title, committed_at=AT + timedelta(minutes=n),
                    files=[FileChange(path=p, additions=a, deletions=d) for p, (a, d) in files.items()],
                    details_loaded=True)
    analysis = Analysis(change_type=change_type, importance=importance, summary=[title], facts=list(facts))
    return CommitReport(commit=commit, analysis=analysis, pr=pr)


def busy_day() -> list[CommitReport]:
    return [
        report(1, "Choice accepts case_sensitive", "high", "feature",
               {"src/click/types.py": (40, 5), "tests/test_types.py": (30, 0)},
               [Fact(kind="signature_changed", path="src/click/types.py", symbol="Choice.__init__", public=True,
                     before="(self, choices)", after="(self, choices, case_sensitive=True)")], pr=2545),
        report(2, "Raise the default replica count", "high", "fix", {"deploy/values.yaml": (1, 1)},
               [Fact(kind="config_value_changed", path="deploy/values.yaml", symbol="spec.replicas",
                     before="1", after="2")], pr=2550),
        report(3, "Bump requests", "low", "build", {"requirements.txt": (1, 1)},
               [Fact(kind="dependency_changed", path="requirements.txt", symbol="requests", before="2.31",
                     after="2.32")]),
        report(4, "Fix a typo in the docs", "low", "docs", {"docs/index.rst": (2, 2)}),
    ]


@pytest.mark.parametrize("lang, words", [("en", ("High importance", "Public API", "Configuration", "Dependencies")),
                                         ("zh", ("高重要度变更", "公开 API", "配置变化", "依赖变化"))])
def test_heuristic_bullets_name_what_the_day_changed(lang, words):
    bullets = heuristic_highlights(busy_day(), lang)
    assert 3 <= len(bullets) <= 5
    text = "\n".join(bullets)
    for word in words:
        assert word in text
    for name in ("Choice.__init__", "spec.replicas", "requests", "2.31", "2.32", "Raise the default replica count"):
        assert name in text
    assert len(set(bullets)) == len(bullets)


def test_heuristic_bullets_follow_the_day_and_are_empty_on_a_quiet_day():
    other = [report(10, "Rework the scheduler loop", "medium", "refactor", {"scheduler/loop.py": (80, 60)}),
             report(11, "Fix a race in the ledger", "medium", "fix", {"bot/ledger.py": (12, 3)}, pr=31),
             report(12, "Log the retry count", "low", "chore", {"bot/ledger.py": (2, 0)}, pr=32)]
    bullets = heuristic_highlights(other, "en")
    assert 3 <= len(bullets) <= 5
    assert not set(bullets) & set(heuristic_highlights(busy_day(), "en"))  # nothing carried over: all derived
    text = "\n".join(bullets)
    assert "`scheduler` (1 change, +80/-60)" in text and "`bot` (2 changes, +14/-3)" in text and "#31" in text
    assert heuristic_highlights(other[:1], "en") == [] and heuristic_highlights([], "zh") == []


class WritingAnalyzer(HeuristicAnalyzer):
    """The heuristic analyzer plus a highlights writer, as the LLM analyzer has one: counts its calls."""

    highlights_cache_key = "stand-in-v1"

    def __init__(self, fail: bool = False):
        self.calls: list[tuple[str, str, int, str]] = []
        self.fail = fail

    async def write_highlights(self, repo: str, date: str, changes: list[CommitReport], lang: str) -> list[str]:
        self.calls.append((repo, date, len(changes), lang))
        if self.fail:
            raise RemoteFailure("the model is down")
        return [f"{len(changes)} changes on {date}, most of them in the parser", "Retries arrive in the client",
                "Docs explain the install"]


def day_repo(git_repo) -> LocalGitSource:
    for n, (title, path) in enumerate([("feat: add a parser", "src/parser.py"), ("docs: explain the install",
                                                                                 "docs/install.md"),
                                       ("fix: retry the client", "src/client.py")]):
        git_repo.commit(title, AT + timedelta(hours=n), {path: f"{title}\n"})
    return LocalGitSource(git_repo.path)


def build(service: DigestService, source, lang: str = "en"):
    return asyncio.run(service.build(source, DayWindow.of("2026-02-14", "UTC"), lang=lang))


def test_the_writer_is_asked_once_per_digest_and_cached(git_repo, store):
    source = day_repo(git_repo)
    writer = WritingAnalyzer()
    service = DigestService(store, writer)
    first = build(service, source)
    assert writer.calls == [(source.repo_name, "2026-02-14", 3, "en")]
    assert first.highlights[0] == "3 changes on 2026-02-14, most of them in the parser"
    second = build(DigestService(store, writer), source)  # a restart: a new service on the same store
    assert len(writer.calls) == 1 and second.highlights == first.highlights
    assert len(list(store.items(HIGHLIGHTS_TABLE))) == 1
    build(service, source, lang="zh")  # another language is another answer
    assert [call[3] for call in writer.calls] == ["en", "zh"]
    # shown after the stats line in Markdown, and in JSON
    markdown = render_markdown(first, "en")
    assert markdown.index("that day") < markdown.index("Highlights of the day") < markdown.index("most of them")
    assert digest_json(first)["highlights"] == first.highlights


def test_a_failing_writer_or_a_spent_budget_gives_the_heuristic_bullets(git_repo, store):
    source = day_repo(git_repo)
    failing = WritingAnalyzer(fail=True)
    digest = build(DigestService(store, failing), source)
    assert len(failing.calls) == 1
    assert digest.highlights and digest.highlights == heuristic_highlights(digest.commits, "en")
    assert list(store.items(HIGHLIGHTS_TABLE)) == []  # a failure is not cached: the next build asks again

    spent = WritingAnalyzer()
    service = DigestService(store, spent, fallback=HeuristicAnalyzer(), budget=LLMBudget(store, 0.0))
    digest = build(service, source, lang="zh")
    assert spent.calls == [] and digest.highlights == heuristic_highlights(digest.commits, "zh")


def test_a_dependency_and_a_key_added_then_removed_the_same_day_are_not_highlighted_and_a_chain_is_netted():
    dep = dict(path="_examples/go.mod", symbol="github.com/sirupsen/logrus")
    key = dict(path="deploy/values.yaml", symbol="spec.replicas")
    day = [  # listed newest first, as digests list them: the netting follows commit time, not list order
        report(3, "Remove go.mod from the examples again", "low", "build", {"_examples/go.mod": (0, 9)},
               [Fact(kind="dependency_changed", before="v1.3.0", after=None, **dep),
                Fact(kind="config_value_changed", before="2", after="3", **key)]),
        report(2, "Add go.mod to the examples", "low", "build", {"_examples/go.mod": (9, 0)},
               [Fact(kind="dependency_changed", before=None, after="v1.3.0", **dep),
                Fact(kind="config_value_changed", before="1", after="2", **key)]),
        report(1, "Bump requests", "low", "build", {"requirements.txt": (1, 1)},
               [Fact(kind="dependency_changed", path="requirements.txt", symbol="requests", before="2.31",
                     after="2.32")]),
    ]
    text = "\n".join(heuristic_highlights(day, "en"))
    assert "logrus" not in text
    assert "`spec.replicas` `1` → `3`" in text and "`2`" not in text
    assert "`requests` 2.31 → 2.32" in text


def test_ci_and_linter_keys_stay_in_their_change_not_in_the_day_highlights():
    ci = report(1, "ci: publish after the release", "low", "ci", {".github/workflows/release.yml": (5, 5)},
                [Fact(kind="config_key_removed", path=".github/workflows/release.yml",
                      symbol="jobs.publish.steps[15].run", before="npm publish", text="tooling")])
    product = report(2, "Raise the default replicas", "high", "fix", {"deploy/values.yaml": (1, 1)},
                     [Fact(kind="config_value_changed", path="deploy/values.yaml", symbol="spec.replicas",
                           before="1", after="2")])
    text = "\n".join(heuristic_highlights([ci, product, *busy_day()[2:]], "en"))
    assert "spec.replicas" in text and "steps[15]" not in text
