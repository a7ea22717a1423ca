"""The feedback learning rule (pure) and FeedbackBook on a TinyDB store: votes, lessons, the adjusted copy."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from analysis.errors import BadInput
from analysis.models import Analysis, Commit, CommitReport, Digest, FileChange
from bot.core.feedback.rule import LESSON_COMMITS, Lesson, Vote, areas_of, is_disagreement, learn, matching, shifted
from bot.core.feedback.votes import FeedbackBook, analyzer_importance
from bot.core.subscriptions import Subscription, SubscriptionBook

CH = "slack:T1:C1"
OTHER = "slack:T1:C2"
REPO = "acme/widget"


def vote(sha: str, direction: str = "less", user: str = "U1", change_type: str = "docs",
         areas: tuple[str, ...] = ("docs/",), importance: str = "medium") -> Vote:
    return Vote(sha, user, direction, importance, change_type, areas)


def test_areas_are_top_level_directories_or_top_level_files():
    assert areas_of(["docs/a.md", "docs/b/c.md", "README.md", "/src/x.py", ""]) == ("docs/", "README.md", "src/")


def test_disagreement_is_a_vote_for_a_level_the_analyzer_did_not_give():
    assert [is_disagreement("less", level) for level in ("high", "medium", "low")] == [True, True, False]
    assert [is_disagreement("more", level) for level in ("high", "medium", "low")] == [False, True, True]


def test_a_lesson_needs_enough_distinct_changes_leaning_one_way():
    few = [vote(f"s{i}") for i in range(LESSON_COMMITS - 1)]
    assert learn(few) == []
    # many members voting on one change are one example, not a pattern
    assert learn([vote("s0", user=f"U{i}") for i in range(10)]) == []
    enough = few + [vote("late")]
    assert learn(enough) == [Lesson("type", "docs", -1, LESSON_COMMITS), Lesson("area", "docs/", -1, LESSON_COMMITS)]


def test_contrary_changes_count_against_and_ties_on_one_change_cancel():
    less = [vote(f"s{i}") for i in range(LESSON_COMMITS)]
    assert learn(less + [vote("m", "more")]) == []  # net one short
    tie = [vote("t", "less", user="U1"), vote("t", "more", user="U2")]
    assert learn(less + tie) != []  # a tied change leans nowhere
    more = [vote(f"p{i}", "more", change_type="security", areas=("auth/",)) for i in range(LESSON_COMMITS)]
    assert {(lesson.value, lesson.shift) for lesson in learn(more)} == {("security", 1), ("auth/", 1)}


def test_matching_demotes_only_when_every_area_was_demoted_and_promotion_wins():
    docs_area = Lesson("area", "docs/", -1, 3)
    assert matching([docs_area], "feature", ("docs/",)) == [docs_area]
    assert matching([docs_area], "feature", ("docs/", "src/")) == []  # src/ was never demoted
    ci_type = Lesson("type", "ci", -1, 3)
    assert matching([ci_type], "ci", ("src/", "docs/")) == [ci_type]
    auth_up = Lesson("area", "auth/", 1, 3)
    assert matching([ci_type, auth_up], "ci", ("auth/",)) == [auth_up]


def test_shifted_moves_one_level_within_bounds():
    assert [shifted(level, -1) for level in ("high", "medium", "low")] == ["medium", "low", "low"]
    assert [shifted(level, 1) for level in ("high", "medium", "low")] == ["high", "high", "medium"]
    assert shifted("medium", 0) == "medium"


def report(sha: str, importance: str, change_type: str, paths: list[str]) -> CommitReport:
    commit = Commit(sha=sha, author="Ann", committed_at=datetime(2026, 11, 29, 10, tzinfo=timezone.utc),
                    message=f"change {sha}", files=[FileChange(path=p) for p in paths])
    return CommitReport(commit=commit, analysis=Analysis(change_type=change_type, importance=importance,
                                                         summary=["What it does."]))


def digest(*reports: CommitReport) -> Digest:
    return Digest(repo="Acme/Widget", date="2026-11-29", timezone="UTC", commits=list(reports))


def teach(book: FeedbackBook, channel: str, direction: str, n: int = LESSON_COMMITS, **kw) -> list[str]:
    return [book.record(channel, REPO, ("a" if direction == "less" else "b") + f"{i:039d}", direction, user="U1", importance="medium",
                        change_type=kw.get("change_type", "docs"), paths=kw.get("paths", ["docs/guide.md"]))
            for i in range(n)]


def test_record_replaces_a_members_vote_and_keeps_others(store):
    book = FeedbackBook(store)
    book.record(CH, REPO, "A" * 40, "less", user="U1", importance="high", change_type="docs", paths=["docs/x"])
    book.record(CH, REPO, "a" * 40, "more", user="U1", importance="high", change_type="docs", paths=["docs/x"])
    book.record(CH, REPO, "a" * 40, "less", user="U2", importance="high", change_type="docs", paths=["docs/x"])
    book.record(OTHER, REPO, "a" * 40, "less", user="U1", importance="high", change_type="docs", paths=["docs/x"])
    assert sorted((v.user, v.vote) for v in book.votes(CH, REPO)) == [("U1", "more"), ("U2", "less")]
    assert [v.vote for v in book.votes(OTHER, "ACME/widget")] == ["less"]  # GitHub names in any case


@pytest.mark.parametrize("bad", [{"vote": "meh"}, {"importance": "huge"}, {"user": ""}, {"sha": "HEAD"},
                                 {"change_type": "<!channel>"}])
def test_record_refuses_bad_votes_in_one_sentence(store, bad):
    args = {"vote": "less", "user": "U1", "importance": "low", "sha": "a" * 40, "change_type": "docs"} | bad
    with pytest.raises(BadInput):
        FeedbackBook(store).record(CH, REPO, args["sha"], args["vote"], user=args["user"],
                                   importance=args["importance"], change_type=args["change_type"], paths=[])
    assert list(store.items("feedback")) == []


def test_acknowledgement_says_when_a_lesson_is_learnt_in_the_subscriptions_language(store):
    SubscriptionBook(store).save(Subscription(platform="slack", workspace="T1", channel="C1", repo="Acme/Widget",
                                              lang="zh"))
    book = FeedbackBook(store)
    first, *_, last = teach(book, CH, "less")
    assert first.startswith("已记录") and f"{LESSON_COMMITS} 个类似" in first
    assert "今后本频道" in last and "`docs/`" in last
    english = teach(book, OTHER, "more", n=1)[0]
    assert english.startswith("Noted:") and "one level higher" in english


def test_adjust_changes_a_copy_for_that_channel_only(store):
    book = FeedbackBook(store)
    teach(book, CH, "less")
    original = digest(report("d" * 40, "medium", "docs", ["docs/a.md"]),
                      report("e" * 40, "medium", "feature", ["src/a.py", "docs/a.md"]),
                      report("f" * 40, "high", "feature", ["src/b.py"]))
    shown = book.adjust(CH, original, "en")
    levels = [r.analysis.importance for r in shown.commits]
    assert levels == ["low", "medium", "high"]
    assert shown.stats.low == 1 and shown.stats.medium == 1 and original.stats.medium == 2
    adjusted = shown.commits[0]
    assert adjusted.adjusted_from == "medium" and analyzer_importance(adjusted) == "medium"
    assert "adjusted by this channel's feedback" in adjusted.analysis.summary[0]
    assert adjusted.analysis.summary[1:] == ["What it does."]
    assert original.commits[0].analysis.importance == "medium" and original.commits[0].adjusted_from is None
    assert book.adjust(OTHER, original, "en") is original
    assert "重要程度已根据本频道对" in book.adjust(CH, original, "zh").commits[0].analysis.summary[0]


def test_forget_removes_the_channels_votes_on_the_repository_only(store):
    book = FeedbackBook(store)
    teach(book, CH, "less")
    teach(book, OTHER, "less")
    assert book.forget(CH, "acme/WIDGET") == LESSON_COMMITS
    assert book.lessons(CH, REPO) == [] and book.lessons(OTHER, REPO) != []
    assert book.forget(CH, REPO) == 0
