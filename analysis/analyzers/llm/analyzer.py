"""The LLM analyzer: one litellm chat completion per commit at the depth its importance deserves.

A free triage (the heuristic's importance) decides the depth: a commit triaged low gets the short
prompt (type and summary), one triaged medium or high the full one (every section, no sentence
cap). A short answer that raises the importance is followed by the full request. Prompts name the
repository, its description, the same day's related commits and the diff's verified facts.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from dataclasses import dataclass

from analysis.analyzers.base import AnalysisContext, Analyzer
from analysis.analyzers.llm.answer import AnswerError, extract_json, parse_answer, parse_bullets
from analysis.analyzers.llm.client import Completion, LLMClient, LLMUsage
from analysis.analyzers.llm.context import MAX_FACTS, MAX_WIDENED_FILES, commit_variables, fit_diff
from analysis.analyzers.llm.patch_budget import FittedDiff
from analysis.analyzers.llm.prompt import defuse, language_name, load_prompt
from analysis.errors import BadInput, RemoteFailure
from analysis.models import Analysis, Commit, CommitReport

__all__ = ["LLMAnalyzer", "LLMAnswerInvalid", "LLMUsage", "AnswerError", "extract_json", "parse_answer"]

logger = logging.getLogger(__name__)

DEFAULT_CONTEXT_TOKENS = 8192
DEFAULT_OUTPUT_TOKENS = 4096
DEFAULT_INPUT_TOKENS = 16000
BRIEF_OUTPUT_TOKENS = 1024  # a summary-only answer
BRIEF_INPUT_SHARE = 0.2  # a commit triaged low gets this share of the input cap
HIGHLIGHTS_OUTPUT_TOKENS = 1024
HIGHLIGHTS_INPUT_TOKENS = 12000
MIN_DIFF_TOKENS = 256  # the file list gets at least this much even in a tiny window
DEEP_INPUT_FACTOR = 2  # "Explain in depth": this many times the input cap (within the model's window)
DEEP_FACTS = 200  # facts named in a deep prompt (a digest's prompt names 40)
DEEP_WIDENED_FILES = 24  # files whose hunks may grow to their enclosing functions (a digest's: 8)
_RANK = {"low": 0, "medium": 1, "high": 2}
CUT_OFF = "the answer was cut off at the length limit (finish_reason 'length')"
DEADLINE_TIMEOUTS = 1.5  # default total deadline of one request with its retries, in request timeouts


class LLMAnswerInvalid(RemoteFailure):
    """The model answered twice with something that is not a valid analysis object."""

    #: the model was reached: the CLI's strict mode does not count this as an unreachable LLM
    answer_invalid = True


@dataclass
class DepthStats:
    """Tokens spent per commit, by the importance the commit ended with (for ``bench/``)."""

    commits: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    requests: int = 0
    #: prompts asked (a short prompt followed by the full one counts two); retries are not asks
    asks: int = 0
    #: asks whose first answer was valid (no retry)
    valid_first: int = 0


class LLMAnalyzer(LLMClient):
    """Analyses one commit per request through litellm; raises ``RemoteFailure`` when it cannot.

    The caller falls back to the heuristic analyzer on ``RemoteFailure``; this class never
    returns a made-up analysis.
    """

    #: reads the diffs: a commit cached without patches is fetched again before analysing it
    needs_patches = True
    #: the prompt names the repository's description (the digest service reads it from the source)
    wants_description = True

    def __init__(self, model: str, *, api_base: str | None = None, concurrency: int = 8, timeout: float = 120.0,
                 context_tokens: int | None = None, retry_wait: float = 0.5, max_output_tokens: int | None = None,
                 max_input_tokens: int = DEFAULT_INPUT_TOKENS, triage: Analyzer | None = None,
                 max_retry_after: float | None = None, deadline: float | None = None):
        extra = {} if max_retry_after is None else {"max_retry_after": max_retry_after}
        super().__init__(model, api_base=api_base, concurrency=concurrency, timeout=timeout,
                         retry_wait=retry_wait, **extra)
        #: seconds for one request with its retries (a hanging server costs this, not 3 x the timeout)
        self.deadline = deadline if deadline is not None else DEADLINE_TIMEOUTS * timeout
        self.prompt = load_prompt("analysis")
        self.highlights_prompt = load_prompt("highlights")
        self.week_prompt = load_prompt("week_highlights")  # the weekly roll-up's: write_highlights(period="week")
        self.deep_prompt = load_prompt("deep")  # "Explain in depth": wraps the analysis prompt
        self.name = f"llm:{model}"
        self.max_input_tokens = max(1024, int(max_input_tokens))
        self._context_tokens = context_tokens
        self._output_tokens = max_output_tokens
        self._triage = triage
        #: tokens per commit by final importance; answers valid without a retry
        self.depth: dict[str, DepthStats] = defaultdict(DepthStats)

    @property
    def cache_key(self) -> str:
        return f"{self.model}|analysis-v{self.prompt.version}"

    @property
    def deep_cache_key(self) -> str:
        return f"{self.cache_key}|deep-v{self.deep_prompt.version}"

    @property
    def highlights_cache_key(self) -> str:
        return f"{self.model}|highlights-v{self.highlights_prompt.version}"

    @property
    def week_highlights_cache_key(self) -> str:
        return f"{self.model}|week-highlights-v{self.week_prompt.version}"

    @property
    def context_tokens(self) -> int:
        """The model's input window: as configured, else as litellm knows it, else a safe default."""
        if self._context_tokens is None:
            self._context_tokens = int(self.model_info().get("max_input_tokens") or DEFAULT_CONTEXT_TOKENS)
        return self._context_tokens

    @property
    def output_tokens(self) -> int:
        """Answer tokens asked for: as configured, else the model's output limit, else 4096."""
        if self._output_tokens is None:
            self._output_tokens = int(self.model_info().get("max_output_tokens") or DEFAULT_OUTPUT_TOKENS)
        return self._output_tokens

    def input_budget(self, brief: bool = False, deep: bool = False) -> int:
        """Most prompt tokens one request may use: the cost cap, within the window left after the answer."""
        answer = min(self.output_tokens, BRIEF_OUTPUT_TOKENS) if brief else self.output_tokens
        margin = max(128, self.context_tokens // 20)
        window = self.context_tokens - answer - margin
        share = BRIEF_INPUT_SHARE if brief else DEEP_INPUT_FACTOR if deep else 1.0
        cap = int(self.max_input_tokens * share)
        return max(MIN_DIFF_TOKENS * 2, min(window, cap))

    # --- prompt -----------------------------------------------------------------------------

    def build_messages(self, commit: Commit, lang: str, context: AnalysisContext | None = None,
                       brief: bool = False, deep: bool = False) -> tuple[list[dict], FittedDiff]:
        """The system and user messages for one commit, its diff fitted to the input budget.

        ``deep``: the "Explain in depth" request: the deep prompt around the full one, twice the input
        cap, every fact and more files widened to their enclosing functions.
        """
        if lang not in ("zh", "en"):
            raise BadInput(f"Unsupported language {lang!r}: use zh or en.")
        context = context or AnalysisContext()
        variables = commit_variables(commit, lang, context, max_facts=DEEP_FACTS if deep else MAX_FACTS)
        shared = {"importance_rules": self.prompt.render("importance_rules"),
                  "untrusted_rules": self.prompt.render("untrusted_rules")}
        system = self.prompt.render("brief_system" if brief else "system", **variables, **shared)

        def user_text(file_list: str, patches: str) -> str:
            user = self.prompt.render("user", **variables, file_list=file_list, patches=patches)
            return self.deep_prompt.render("user", base_user=user) if deep else user

        if deep:
            system = self.deep_prompt.render("system", base_system=system)
        fixed = self.count_tokens(system) + self.count_tokens(user_text("", "")) + 16  # message framing
        budget = max(MIN_DIFF_TOKENS, self.input_budget(brief, deep) - fixed)
        fitted = fit_diff(commit, budget, self.count_tokens, context, widen=not brief,
                          max_widened=DEEP_WIDENED_FILES if deep else MAX_WIDENED_FILES)
        user = user_text(defuse(fitted.file_list) or "(no files)", defuse(fitted.patches))
        return [{"role": "system", "content": system}, {"role": "user", "content": user}], fitted

    # --- analysis ---------------------------------------------------------------------------

    async def triage(self, commit: Commit, lang: str, context: AnalysisContext | None) -> str:
        """The free first guess at importance: the heuristic analyzer's."""
        if self._triage is None:
            from analysis.analyzers.heuristic import HeuristicAnalyzer

            self._triage = HeuristicAnalyzer()
        try:
            run_sync = getattr(self._triage, "analyze_sync", None)  # a big commit's triage is kept off the loop
            if run_sync is not None:
                return (await asyncio.to_thread(run_sync, commit, lang, context)).importance
            return (await self._triage.analyze(commit, lang, context)).importance
        except Exception:  # noqa: BLE001 - a triage failure costs depth, never the analysis
            logger.exception("triage of %s failed; asking for the full analysis", commit.short_sha)
            return "medium"

    async def analyze(self, commit: Commit, lang: str, context: AnalysisContext | None = None) -> Analysis:
        """Analyse one commit at the depth its triage asks for (one request, plus retries when needed)."""
        brief = await self.triage(commit, lang, context) == "low"
        spent = DepthStats(commits=1)
        analysis, fitted = await self._ask(commit, lang, context, brief, spent)
        if brief and _RANK[analysis.importance] > _RANK["low"]:
            logger.info("%s: triaged low, the model rates it %s; asking for the full analysis",
                        commit.short_sha, analysis.importance)
            full, fitted = await self._ask(commit, lang, context, False, spent)
            if _RANK[full.importance] < _RANK[analysis.importance]:
                full = full.model_copy(update={"importance": analysis.importance})
            analysis = full
        elif brief:  # a low entry shows its summary only; nothing else was asked for
            analysis = Analysis(change_type=analysis.change_type, change_type_detail=analysis.change_type_detail,
                                importance="low", summary=analysis.summary)
        self._count_depth(analysis.importance, spent)
        return analysis.model_copy(update={"analyzer": self.name, "fallback": None, "fallback_reason": None,
                                           "coverage": fitted.coverage()})

    async def analyze_deep(self, commit: Commit, lang: str, context: AnalysisContext | None = None) -> Analysis:
        """"Explain in depth": one full request with the deep prompt and wider context (no triage)."""
        analysis, fitted = await self._ask(commit, lang, context, False, DepthStats(commits=1), deep=True)
        return analysis.model_copy(update={"analyzer": self.name, "fallback": None, "fallback_reason": None,
                                           "coverage": fitted.coverage()})

    async def _ask(self, commit: Commit, lang: str, context: AnalysisContext | None, brief: bool,
                   spent: DepthStats, deep: bool = False) -> tuple[Analysis, FittedDiff]:
        # fitting the patches counts tokens: 0.3-0.7 s for a commit of thousands of files, kept off the loop
        messages, fitted = await asyncio.to_thread(self.build_messages, commit, lang, context, brief, deep)
        max_tokens = min(self.output_tokens, BRIEF_OUTPUT_TOKENS) if brief else self.output_tokens
        spent.asks += 1
        listener = context.requests if context is not None else None
        async with self._limit():
            if listener is not None:
                listener.before()
            try:
                async with asyncio.timeout(self.deadline):  # started once the request has its slot
                    result = await self._ask_within(commit, messages, fitted, brief, max_tokens, spent)
            except TimeoutError:
                failure = RemoteFailure(f"the LLM {self.model} gave no analysis within {self.deadline:g} s "
                                        "(retries included)", code="deadline",
                                        details={"model": self.model, "seconds": f"{self.deadline:g}"})
            except RemoteFailure as error:
                failure = error
            else:
                failure = None
            if listener is not None:
                listener.after(failure)  # still inside the slot: the next request sees it
            if failure is not None:
                raise failure
            return result

    async def _ask_within(self, commit: Commit, messages: list[dict], fitted: FittedDiff, brief: bool,
                          max_tokens: int, spent: DepthStats) -> tuple[Analysis, FittedDiff]:
        """One request, and one more when the answer is cut off or not a valid analysis."""
        answer = await self._spend(messages, max_tokens, spent)
        analysis, reason = self._read(answer)
        if analysis is not None:
            spent.valid_first += 1
            return analysis, fitted
        logger.info("%s from %s for %s, retrying: %s", "cut-off answer" if answer.cut_off else "invalid answer",
                    self.model, commit.short_sha, reason)
        if answer.cut_off:  # the cut text is of no use to the model: ask afresh, shorter
            words = 250 if brief else 900
            follow_up = [*messages, {"role": "user", "content": self.prompt.render("shorter", words=words)}]
        else:
            follow_up = [*messages, {"role": "assistant", "content": answer.content},
                         {"role": "user", "content": self.prompt.render("retry", reason=reason)}]
        again = await self._spend(follow_up, max_tokens, spent)
        analysis, reason = self._read(again)
        if analysis is not None:
            return analysis, fitted
        code = "answer_cut" if again.cut_off else "answer_invalid"
        raise LLMAnswerInvalid(f"the LLM {self.model} gave an invalid answer twice: {reason}", code=code,
                               details={"model": self.model})

    async def _spend(self, messages: list[dict], max_tokens: int, spent: DepthStats) -> Completion:
        answer = await self.complete(messages, max_tokens)
        spent.requests += 1
        spent.prompt_tokens += answer.usage.prompt_tokens
        spent.completion_tokens += answer.usage.completion_tokens
        return answer

    @staticmethod
    def _read(answer: Completion) -> tuple[Analysis | None, str]:
        """The analysis in ``answer``, or None and why it cannot be used."""
        if answer.cut_off:
            return None, CUT_OFF
        try:
            return parse_answer(answer.content), ""
        except AnswerError as error:
            return None, str(error)

    def _count_depth(self, importance: str, spent: DepthStats) -> None:
        total = self.depth[importance]
        for key in ("commits", "prompt_tokens", "completion_tokens", "requests", "asks", "valid_first"):
            setattr(total, key, getattr(total, key) + getattr(spent, key))

    # --- the day's highlights ---------------------------------------------------------------

    async def write_highlights(self, repo: str, date: str, changes: list[CommitReport], lang: str,
                               period: str = "day") -> list[str]:
        """3 to 5 bullets on the day's (``period="week"``: the week's, ``date`` its YYYY-Www) themes across
        ``changes``, in ``lang``; ``RemoteFailure`` when it cannot."""
        if lang not in ("zh", "en"):
            raise BadInput(f"Unsupported language {lang!r}: use zh or en.")
        prompt = self.week_prompt if period == "week" else self.highlights_prompt
        variables = {"repo": defuse(repo), "date": date, "lang": lang, "language": language_name(lang)}
        system = prompt.render("system", **variables)
        room = min(self.max_input_tokens, HIGHLIGHTS_INPUT_TOKENS) - self.count_tokens(system) - 200
        listing = await asyncio.to_thread(_changes_listing, changes, room, self.count_tokens)
        messages = [{"role": "system", "content": system},
                    {"role": "user", "content": prompt.render("user", **variables, changes=listing)}]
        max_tokens = min(self.output_tokens, HIGHLIGHTS_OUTPUT_TOKENS)
        async with self._limit():
            answer = await self.complete(messages, max_tokens)
            try:
                return _bullets(answer)
            except AnswerError as error:
                logger.info("invalid highlights from %s for %s %s, retrying: %s", self.model, repo, date, error)
                retry = prompt.render("retry", reason=str(error))
                messages += [{"role": "assistant", "content": answer.content}, {"role": "user", "content": retry}]
                again = await self.complete(messages, max_tokens)
                try:
                    return _bullets(again)
                except AnswerError as error2:
                    raise LLMAnswerInvalid(f"the LLM {self.model} gave invalid highlights twice: {error2}",
                                           code="answer_invalid", details={"model": self.model}) from None


def _bullets(answer: Completion) -> list[str]:
    if answer.cut_off:
        raise AnswerError(CUT_OFF)
    bullets = [" ".join(b.split()) for b in parse_bullets(answer.content)]
    return [b for b in bullets if b][:5]


def _changes_listing(changes: list[CommitReport], room: int, count) -> str:
    """The day's changes for the highlights prompt, highest importance first, clipped to ``room`` tokens."""
    order = sorted(changes, key=lambda r: -_RANK.get(r.analysis.importance, 0))
    lines: list[str] = []
    used = 0
    for report in order:
        a = report.analysis
        entry = f"- [{a.importance}] {report.commit.short_sha} {report.commit.title} ({a.change_type})"
        points = [*a.summary[:3], *([a.insights.compatibility] if a.insights.compatibility else [])]
        entry += "".join(f"\n    {' '.join(point.split())[:400]}" for point in points if point.strip())
        cost = count(entry)
        if used + cost > room:
            lines.append(f"- ... and {len(order) - len(lines)} more changes of lower importance")
            break
        lines.append(defuse(entry))
        used += cost
    return "\n".join(lines) or "(no changes)"
