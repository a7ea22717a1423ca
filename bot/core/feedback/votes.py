"""Feedback a channel gives on changes ("less" / "more" important here): stored per vote, learnt, applied to its digests.

Each vote is one row of the ``feedback`` table keyed by (channel, repository, change, member): a
member's second vote on a change replaces the first, and concurrent voters never read-modify-write a
shared row. ``bot.core.feedback.rule`` turns a channel's votes on a repository into lessons;
``adjust`` applies them to a copy of a digest for that channel only (the cached analyses, shared by
every channel, are never changed), and the adjusted changes say so in the digest's language.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import PurePath
from typing import get_args

from analysis.errors import BadInput
from analysis.models import IMPORTANCE_ORDER, ChangeType, CommitReport, Digest
from analysis.renderers.inert_text import code_span
from analysis.renderers.labels import change_type_name, importance_name, label
from analysis.sources.names import is_repo_name
from bot.core.chat import ChannelRef
from bot.core.feedback.rule import (
    LESSON_COMMITS,
    VOTES,
    Lesson,
    Vote,
    areas_of,
    is_disagreement,
    learn,
    matching,
    shifted,
)
from bot.core.subscriptions import SubscriptionBook
from bot.observe import metrics
from bot.store import Store

log = logging.getLogger(__name__)

TABLE = "feedback"
MAX_FIELD = 200  # characters kept of a member's id (it comes from an interaction payload)
CHANGE_TYPES = frozenset(get_args(ChangeType))
_SHA = re.compile(r"^[0-9a-fA-F]{7,64}$")

_ACK = {
    "en": {
        "less": "Noted: {sha} matters less in this channel",
        "more": "Noted: {sha} matters more in this channel",
        "learnt_less": "; from now on this channel sees {what} one level lower.",
        "learnt_more": "; from now on this channel sees {what} one level higher.",
        "pending": f"; after {LESSON_COMMITS} changes like it, this channel sees such changes one level "
                   "{direction}.",
        "lower": "lower", "higher": "higher",
    },
    "zh": {
        "less": "已记录：{sha} 在本频道不那么重要",
        "more": "已记录：{sha} 在本频道更重要",
        "learnt_less": "；今后本频道的{what}将降低一级显示。",
        "learnt_more": "；今后本频道的{what}将提高一级显示。",
        "pending": f"；累计 {LESSON_COMMITS} 个类似的变更后，本频道会将此类变更{{direction}}一级显示。",
        "lower": "降低", "higher": "提高",
    },
}


def repo_key(repo: str) -> str:
    """How a repository is keyed: a GitHub name in lower case (any spelling matches); a local repository
    (console only) by its folder's name, as its digests name it, so its path and that name match."""
    if is_repo_name(repo):
        return repo.lower()
    return PurePath(repo.rstrip("/\\")).name or repo


def analyzer_importance(report: CommitReport) -> str:
    """The importance the analyzer gave ``report``, even in a copy a channel's feedback adjusted."""
    return report.adjusted_from or report.analysis.importance


def describe_lesson(lesson: Lesson, lang: str = "en", *, counted: bool = True) -> str:
    """``changes in `docs/` (from 3 voted changes)`` / ``Documentation changes``; zh likewise."""
    if lang == "zh":
        what = (f"{code_span(lesson.value)} 中的变更" if lesson.kind == "area"
                else f"{change_type_name('zh', lesson.value)}类变更")
        return f"{what}（来自 {lesson.commits} 个被投票的变更）" if counted else what
    what = (f"changes in {code_span(lesson.value)}" if lesson.kind == "area"
            else f"{change_type_name('en', lesson.value)} changes")
    return f"{what} (from {lesson.commits} voted changes)" if counted else what


class FeedbackBook:
    """The ``feedback`` table: record votes, learn a channel's lessons, apply them to that channel's digests."""

    def __init__(self, store: Store):
        self.store = store

    def record(self, channel_key: str, repo: str, sha: str, vote: str, *, user: str, importance: str,
               change_type: str, paths: list[str]) -> str:
        """Store ``user``'s vote on change ``sha`` in the channel (replacing their earlier one); one sentence back.

        ``importance`` is the analyzer's (``analyzer_importance(report)``), not the adjusted one; ``paths``
        the change's files. BadInput for a vote that is not "less" or "more" or a missing field.
        """
        if vote not in VOTES:
            raise BadInput(f"a feedback vote is 'less' or 'more', not {code_span(vote, 20)}")
        if importance not in IMPORTANCE_ORDER:
            raise BadInput(f"unknown importance {code_span(importance, 20)}; use high, medium or low")
        if change_type not in CHANGE_TYPES:
            raise BadInput(f"unknown change type {code_span(change_type, 20)}")
        if not _SHA.match(sha or ""):
            raise BadInput(f"a feedback vote names a change by its SHA, not {code_span(sha, 50)}")
        if not (channel_key and repo and user):
            raise BadInput("a feedback vote needs a channel, a repository and a member")
        sha, user = sha.lower(), user[:MAX_FIELD]
        row = {"channel": channel_key, "repo": repo, "sha": sha, "user": user, "vote": vote,
               "importance": importance, "change_type": change_type,
               "areas": list(areas_of([str(p) for p in paths or []])), "at": time.time()}
        self.store.put(TABLE, self._key(channel_key, repo, sha, user), row)
        metrics.feedback_vote(channel_key, vote, is_disagreement(vote, importance))
        log.info("feedback: %s voted %s on %s in %s", user, vote, sha[:12], channel_key)
        return self._acknowledgement(channel_key, repo, sha, vote, row)

    def votes(self, channel_key: str, repo: str) -> list[Vote]:
        """The channel's votes on ``repo``."""
        prefix = self._key(channel_key, repo, "", "").removesuffix("|")
        return [Vote(v["sha"], v["user"], v["vote"], v["importance"], v["change_type"], tuple(v["areas"]))
                for k, v in self.store.items(TABLE) if k.startswith(prefix) and isinstance(v, dict)]

    def lessons(self, channel_key: str, repo: str) -> list[Lesson]:
        """What the channel taught about ``repo``: the features it sees one level lower or higher."""
        return learn(self.votes(channel_key, repo))

    def forget(self, channel_key: str, repo: str) -> int:
        """Delete the channel's votes on ``repo`` (its lessons go with them); how many there were."""
        prefix = self._key(channel_key, repo, "", "").removesuffix("|")
        keys = [k for k, _ in self.store.items(TABLE) if k.startswith(prefix)]
        for key in keys:
            self.store.delete(TABLE, key)
        log.info("feedback: %d vote(s) on %s forgotten in %s", len(keys), repo, channel_key)
        return len(keys)

    def adjust(self, channel_key: str, digest: Digest, lang: str) -> Digest:
        """A copy of ``digest`` with the importance the channel taught; ``digest`` itself is unchanged.

        An adjusted change keeps the analyzer's level in ``adjusted_from`` and opens its summary with a
        sentence saying so (zh or en); stats and contents follow, as they count ``analysis.importance``.
        """
        lessons = self.lessons(channel_key, digest.repo)
        if not lessons:
            return digest
        reports = [adjusted_report(report, lessons, lang) for report in digest.commits]
        if all(new is old for new, old in zip(reports, digest.commits)):
            return digest
        return digest.model_copy(update={"commits": reports})

    def adjust_report(self, channel_key: str, repo: str, report: CommitReport, lang: str) -> CommitReport:
        """``report`` as the channel is shown it (an alert, one change): a copy when its lessons move it."""
        return adjusted_report(report, self.lessons(channel_key, repo), lang)

    # -- helpers -----------------------------------------------------------------------------

    @staticmethod
    def _key(channel_key: str, repo: str, sha: str, user: str) -> str:
        return f"{channel_key}|{repo_key(repo)}|{sha}|{user}"

    def _acknowledgement(self, channel_key: str, repo: str, sha: str, vote: str, row: dict) -> str:
        lang = self._lang(channel_key, repo)
        words = _ACK[lang]
        text = words[vote].format(sha=code_span(sha[:7]))
        shift = -1 if vote == "less" else 1
        taught = [lesson for lesson in matching(self.lessons(channel_key, repo), row["change_type"],
                                                tuple(row["areas"])) if lesson.shift == shift]
        if taught:
            what = label(lang, "list_sep").join(describe_lesson(lesson, lang) for lesson in taught)
            return text + words["learnt_less" if vote == "less" else "learnt_more"].format(what=what)
        return text + words["pending"].format(direction=words["lower" if vote == "less" else "higher"])

    def _lang(self, channel_key: str, repo: str) -> str:
        """The subscription's language (English when the channel does not follow ``repo``)."""
        platform, _, rest = channel_key.partition(":")
        workspace, _, channel = rest.partition(":")
        try:
            sub = SubscriptionBook(self.store).get(ChannelRef(platform, workspace, channel), repo)
        except Exception:  # noqa: BLE001 - the acknowledgement is a nicety; the vote is already stored
            log.warning("feedback: no subscription language for %s", channel_key, exc_info=True)
            return "en"
        return sub.lang if sub is not None and sub.lang in _ACK else "en"


def adjusted_report(report: CommitReport, lessons: list[Lesson], lang: str) -> CommitReport:
    """``report`` itself when ``lessons`` leave its importance as it is, else a copy at the new level saying why."""
    used = matching(lessons, report.analysis.change_type, areas_of([f.path for f in report.commit.files]))
    level = shifted(report.analysis.importance, used[0].shift) if used else report.analysis.importance
    if level == report.analysis.importance:
        return report
    before = report.analysis.importance
    why = label(lang, "list_sep").join(describe_lesson(lesson, lang, counted=False) for lesson in used)
    note = label(lang, "feedback_adjusted", before=importance_name(lang, before), why=why)
    analysis = report.analysis.model_copy(update={"importance": level, "summary": [note, *report.analysis.summary]})
    return report.model_copy(update={"analysis": analysis, "adjusted_from": report.adjusted_from or before})
