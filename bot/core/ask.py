"""``ask QUESTION [REPO] [since YYYY-MM-DD]``: an answer from the stored analyses of the channel's repositories.

Retrieval is the full-text index (``bot.core.search.index``: SQLite FTS5 or PostgreSQL, filled by every
digest the core builds); the
answer is written by the LLM from the retrieved analyses only (one request), or, without a model (or
when it fails or the budget is spent), is the best-matching commits with their summaries.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from analysis.answer import Answer
from analysis.day import parse_zone
from analysis.errors import BadInput, RemoteFailure
from analysis.models import Digest
from bot.core.chat import CommandContext
from bot.core.limits import pools
from bot.core.limits.budget import BudgetReached
from bot.core.search.index import Search
from bot.core.search.text import SearchUnavailable

if TYPE_CHECKING:
    from bot.core.service import BotCore

log = logging.getLogger(__name__)

DEFAULT_DAYS = 14
MAX_HITS = 8
_warned: set[str] = set()


@dataclass
class AskResponse:
    """An answer to post where the question was asked."""

    answer: Answer
    lang: str = "en"


def index_digest(index: Search, digest: Digest, lang: str, repo: str) -> None:
    """Index ``digest`` under ``repo`` as followed (blocking); an unusable index is logged once, never fails it."""
    try:
        index.add_digest(digest, lang, repo)
    except SearchUnavailable as error:
        if str(error) not in _warned:
            _warned.add(str(error))
            log.warning("digests are not indexed for ask: %s", error)
    except Exception:  # noqa: BLE001 - the index is a help; the digest still goes out
        log.warning("the digest of %s on %s could not be indexed", digest.repo, digest.date, exc_info=True)


async def ask_command(core: "BotCore", ctx: CommandContext, command) -> list:
    question = command.options["question"]
    subs = core.subscriptions.in_channel(ctx.channel)
    if not subs:
        raise BadInput("this channel follows no repository; ask answers from the digests of followed ones")
    named = [s for s in subs if command.repo and s.repo.lower() == command.repo.lower()]
    if command.repo and not named:
        question = f"{question} {command.repo}"  # not a followed repository: a word of the question
    candidates = named or subs
    shown = await asyncio.gather(*(core.may_show(s.repo, s.platform) for s in candidates))  # one GitHub wait, not N
    chosen = [s for s, ok in zip(candidates, shown, strict=True) if ok]
    if not chosen:  # followed while allowed (or public); GitHub now says private and no pattern allows it
        raise BadInput("the repositories asked about are private now and DIGESTBOT_ALLOWED_REPOS does not allow "
                       "them; ask answers only from repositories this bot may show")
    lead = chosen[0]
    since = command.date or (core.clock().astimezone(parse_zone(lead.tz)).date()
                             - timedelta(days=DEFAULT_DAYS)).isoformat()
    repos = [s.repo for s in chosen]
    hits = await pools.store_io(core.search.search, question, repos, since, lead.lang, MAX_HITS)
    answer = Answer(question=question, repos=repos, since=since, hits=hits)
    if hits:
        answer = await _written(core, answer, lead.lang)
    return [AskResponse(answer, lang=lead.lang)]


async def _written(core: "BotCore", answer: Answer, lang: str) -> Answer:
    """The answer written by the LLM when one is configured; otherwise (or when it fails) the matches alone."""
    analyzer, budget = core.digests.analyzer, core.digests.budget
    if not hasattr(analyzer, "complete"):
        return answer  # the heuristic: the best-matching commits with their summaries
    from analysis.analyzers.llm.ask import write_answer

    try:
        if budget is not None:
            budget.check()
        return await write_answer(analyzer, answer, lang)
    except BudgetReached as error:
        answer.fallback = str(error)
    except RemoteFailure as error:
        log.warning("the answer to a question fell back to the matches: %s", error)
        answer.fallback = str(error)
    return answer
