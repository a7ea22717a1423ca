"""FeedbackBook on both stores (TinyDB in a temporary directory, PostgreSQL on a real server): votes, concurrency, reset."""

from __future__ import annotations

from bot.core.feedback.rule import LESSON_COMMITS, Lesson
from bot.core.feedback.votes import FeedbackBook
from tests.test_feedback_rule import digest, report
from tests.test_store_contract import open_store  # noqa: F401 - fixture: both backends
from tests.threads import run_together

CH, OTHER, REPO = "discord:G1:C1", "discord:G1:C2", "Acme/Widget"


def vote(book: FeedbackBook, channel: str, sha: str, direction: str, user: str = "U1") -> str:
    return book.record(channel, REPO, sha, direction, user=user, importance="high", change_type="ci",
                       paths=[".github/workflows/ci.yml"])


def test_votes_are_kept_replaced_and_learnt(open_store):
    book = FeedbackBook(open_store())
    for n in range(LESSON_COMMITS):
        vote(book, CH, f"{n:040x}", "more")
        vote(book, CH, f"{n:040x}", "less")  # the member changed their mind: the second vote replaces the first
    vote(book, OTHER, f"{0:040x}", "more")
    assert {v.vote for v in book.votes(CH, REPO)} == {"less"} and len(book.votes(CH, REPO)) == LESSON_COMMITS
    assert book.lessons(CH, "acme/widget") == [Lesson("type", "ci", -1, LESSON_COMMITS),
                                               Lesson("area", ".github/", -1, LESSON_COMMITS)]
    assert book.lessons(OTHER, REPO) == []
    second = FeedbackBook(open_store())  # another instance on the same data sees the same lessons
    assert second.lessons(CH, REPO) == book.lessons(CH, REPO)
    day = digest(report("c" * 40, "high", "ci", [".github/workflows/release.yml"]))
    assert [r.analysis.importance for r in second.adjust(CH, day, "zh").commits] == ["medium"]
    assert second.adjust(OTHER, day, "zh") is day


def test_concurrent_voters_lose_no_vote(open_store):
    book, members = FeedbackBook(open_store()), 16
    sentences = run_together(members, lambda i: vote(book, CH, "a" * 40, "less", user=f"U{i}"))
    assert all(s.startswith("Noted:") for s in sentences)
    assert sorted(v.user for v in book.votes(CH, REPO)) == sorted(f"U{i}" for i in range(members))


def test_forget_clears_one_channels_repository(open_store):
    book = FeedbackBook(open_store())
    for n in range(LESSON_COMMITS):
        vote(book, CH, f"{n:040x}", "less")
        vote(book, OTHER, f"{n:040x}", "less")
    book.record(CH, "acme/other", "b" * 40, "less", user="U1", importance="low", change_type="docs", paths=[])
    assert book.forget(CH, "ACME/WIDGET") == LESSON_COMMITS
    assert book.votes(CH, REPO) == [] and len(book.votes(CH, "acme/other")) == 1
    assert len(book.lessons(OTHER, REPO)) == 2
