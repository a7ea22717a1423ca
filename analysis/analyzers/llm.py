"""The LLM analyzer: one litellm chat completion per commit, answered as the contract's analysis JSON."""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import os
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import lru_cache

from pydantic import ValidationError
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.patch_budget import FittedDiff, fit_patches
from analysis.analyzers.prompt import defuse, language_name, load_prompt
from analysis.errors import BadInput, RateLimited, RemoteFailure
from analysis.models import Analysis, Commit
from bot import metrics

# litellm fetches its model price map from the internet at import unless told not to.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

logger = logging.getLogger(__name__)

DEFAULT_CONTEXT_TOKENS = 8192
ANSWER_TOKENS = 2048  # room kept for the model's answer
MIN_DIFF_TOKENS = 256  # the file list gets at least this much even in a tiny window
TRANSPORT_ATTEMPTS = 3
DEADLINE_TIMEOUTS = 1.5  # default total deadline of one analysis, in request timeouts


class LLMAnswerInvalid(RemoteFailure):
    """The model answered twice with something that is not a valid analysis object."""

    #: the model was reached: the CLI's strict mode does not count this as an unreachable LLM
    answer_invalid = True


@dataclass(frozen=True)
class LLMUsage:
    """What one answered completion request used and cost (0.0 when litellm does not price the model)."""

    model: str
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float


class AnswerError(ValueError):
    """One model answer is not a valid analysis object; the message says why, in one line."""


_FENCE = re.compile(r"```(?:json|JSON)?\s*\n(.*?)```", re.DOTALL)
_CHOSEN_BY_US = ("analyzer", "fallback", "coverage")


def extract_json(text: str) -> dict:
    """The first JSON object in a model's answer, tolerating ```json fences and prose around it."""
    candidates = [match.group(1) for match in _FENCE.finditer(text)] + [text]
    decoder = json.JSONDecoder()
    for candidate in candidates:
        start = candidate.find("{")
        while start != -1:
            try:
                value, _ = decoder.raw_decode(candidate, start)
            except json.JSONDecodeError:
                start = candidate.find("{", start + 1)
                continue
            if isinstance(value, dict):
                return value
            start = candidate.find("{", start + 1)
    raise AnswerError("the answer contains no JSON object")


def parse_answer(text: str) -> Analysis:
    """Validate a model's answer as an ``Analysis`` (fields the analyzer sets itself are dropped)."""
    data = extract_json(text or "")
    for key in _CHOSEN_BY_US:
        data.pop(key, None)
    for key in ("change_type", "importance"):
        if isinstance(data.get(key), str):
            data[key] = data[key].strip().lower()
    try:
        analysis = Analysis.model_validate(data)
    except ValidationError as error:
        problems = [
            f"{'.'.join(str(part) for part in e['loc']) or 'object'}: {e['msg']}" for e in error.errors()[:3]
        ]
        raise AnswerError("; ".join(problems)) from None
    if not any(item.strip() for item in analysis.summary):
        raise AnswerError("summary: must list at least one point")
    return analysis


def _litellm():
    """Import litellm lazily (it is slow to import) and switch off everything that calls out."""
    import litellm

    litellm.telemetry = False
    litellm.disable_hf_tokenizer_download = True  # token counting uses the bundled tiktoken files
    litellm.suppress_debug_info = True
    return litellm


_litellm_loops: list[asyncio.AbstractEventLoop] = []  # kept alive so no later loop reuses their id


def _bind_litellm_to_running_loop() -> None:
    """Make litellm's loop-bound globals safe for successive event loops.

    litellm caches HTTP clients by ``id(loop)``, so a new loop that got the id of a freed one
    would reuse a client of a closed loop: old loops are kept referenced (one small object per
    ``asyncio.run``). Its global logging worker queues success callbacks on the first loop and,
    when ``asyncio.run`` ends, can stall the loop's shutdown draining that queue (20 s per item):
    callbacks are run as plain tasks of the running loop instead.
    """
    loop = asyncio.get_running_loop()
    if _litellm_loops and _litellm_loops[-1] is loop:
        return
    from litellm.litellm_core_utils import logging_worker

    worker_class = _task_logging_worker_class()
    if not isinstance(logging_worker.GLOBAL_LOGGING_WORKER, worker_class):
        logging_worker.GLOBAL_LOGGING_WORKER = worker_class()
    _litellm_loops.append(loop)


@lru_cache(maxsize=1)
def _task_logging_worker_class():
    """A litellm ``LoggingWorker`` that runs each logging coroutine as a task of the running loop."""
    from litellm.litellm_core_utils.logging_worker import LoggingWorker

    class TaskLoggingWorker(LoggingWorker):
        def __init__(self):
            super().__init__()
            self._tasks: set[asyncio.Task] = set()

        def start(self) -> None:
            pass

        def enqueue(self, coroutine) -> None:
            try:
                task = asyncio.get_running_loop().create_task(coroutine)
            except RuntimeError:  # no running loop: drop the log event
                coroutine.close()
                return
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

        def ensure_initialized_and_enqueue(self, async_coroutine) -> None:
            self.enqueue(async_coroutine)

    return TaskLoggingWorker


class LLMAnalyzer:
    """Analyses one commit per request through litellm; raises ``RemoteFailure`` when it cannot.

    The caller falls back to the heuristic analyzer on ``RemoteFailure``; this class never
    returns a made-up analysis.
    """

    #: reads the diffs: a commit cached without patches is fetched again before analysing it
    needs_patches = True

    def __init__(
        self,
        model: str,
        *,
        api_base: str | None = None,
        concurrency: int = 8,
        timeout: float = 120.0,
        context_tokens: int | None = None,
        retry_wait: float = 0.5,
        deadline: float | None = None,
    ):
        self.model = model
        self.api_base = api_base
        self.concurrency = max(1, concurrency)
        self.timeout = timeout
        #: seconds for one analysis, every attempt and retry included (a hanging server costs this, not 3 x timeout)
        self.deadline = deadline if deadline is not None else DEADLINE_TIMEOUTS * timeout
        self.retry_wait = retry_wait
        self.prompt = load_prompt("analysis")
        self.name = f"llm:{model}"
        self.calls = 0
        self.tokens = {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}
        self.cost_usd = 0.0
        #: called before each request, inside the concurrency limit; may raise a RemoteFailure to refuse it
        self.guard: Callable[[], None] | None = None
        #: called with the ``LLMUsage`` of every answered request; an awaitable it returns (a write done
        #: in a thread) is awaited before the request's concurrency slot is released
        self.usage_listeners: list[Callable[[LLMUsage], Awaitable[None] | None]] = []
        self._context_tokens = context_tokens
        self._semaphore: asyncio.Semaphore | None = None
        self._semaphore_loop: asyncio.AbstractEventLoop | None = None
        self._json_mode: bool | None = None

    @property
    def cache_key(self) -> str:
        return f"{self.model}|analysis-v{self.prompt.version}"

    @property
    def context_tokens(self) -> int:
        """The model's input window: as configured, else as litellm knows it, else a safe default."""
        if self._context_tokens is None:
            try:
                info = _litellm().get_model_info(self.model)
                self._context_tokens = int(info.get("max_input_tokens") or DEFAULT_CONTEXT_TOKENS)
            except Exception:  # litellm raises a bare Exception for models it does not map
                self._context_tokens = DEFAULT_CONTEXT_TOKENS
        return self._context_tokens

    def count_tokens(self, text: str) -> int:
        return _litellm().token_counter(model=self.model, text=text)

    # --- prompt -----------------------------------------------------------------------------

    def build_messages(self, commit: Commit, lang: str,
                       context: AnalysisContext | None = None) -> tuple[list[dict], FittedDiff]:
        """The system and user messages for one commit, with its diff fitted to the window."""
        if lang not in ("zh", "en"):
            raise BadInput(f"Unsupported language {lang!r}: use zh or en.")
        context = context or AnalysisContext()
        variables = {
            "repo": defuse(context.repo or _repo_of(commit) or "(unknown)"),
            "lang": lang,
            "language": language_name(lang),
            "title": defuse(commit.title),
            "body": defuse(commit.body),
            "author": defuse(commit.author_login or commit.author),
            "date": commit.committed_at.isoformat(),
            "sha": commit.sha,
            "files_total": len(commit.files),
            "additions": commit.additions,
            "deletions": commit.deletions,
        }
        system = self.prompt.render("system", **variables)
        skeleton = self.prompt.render("user", **variables, file_list="", patches="")
        fixed = self.count_tokens(system) + self.count_tokens(skeleton) + 16  # message framing
        margin = max(128, self.context_tokens // 20)
        budget = max(MIN_DIFF_TOKENS, self.context_tokens - fixed - ANSWER_TOKENS - margin)
        fitted = fit_patches(commit.files, budget, self.count_tokens)
        user = self.prompt.render(
            "user", **variables, file_list=defuse(fitted.file_list) or "(no files)", patches=defuse(fitted.patches)
        )
        return [{"role": "system", "content": system}, {"role": "user", "content": user}], fitted

    # --- analysis ---------------------------------------------------------------------------

    def _limit(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if self._semaphore is None or self._semaphore_loop is not loop:
            self._semaphore = asyncio.Semaphore(self.concurrency)
            self._semaphore_loop = loop
            _bind_litellm_to_running_loop()
        return self._semaphore

    def warm_up(self) -> None:
        """Import litellm (about 2 s) ahead of the first request; the digest service runs it in a thread."""
        _litellm()

    async def analyze(self, commit: Commit, lang: str, context: AnalysisContext | None = None) -> Analysis:
        """Analyse one commit: one request, plus one retry when the answer is invalid."""
        # fitting the patches counts tokens: 0.3-0.7 s for a commit of thousands of files, kept off the loop
        messages, fitted = await asyncio.to_thread(self.build_messages, commit, lang, context)
        listener = context.requests if context is not None else None
        async with self._limit():
            if listener is not None:
                listener.before()
            try:
                async with asyncio.timeout(self.deadline):  # started once the request has its slot
                    analysis = await self._analyze_within(commit, messages, fitted)
            except TimeoutError:
                metrics.llm_call(self.model, ok=False)
                failure = RemoteFailure(f"the LLM {self.model} gave no analysis within {self.deadline:g} s "
                                        "(retries included)")
            except RemoteFailure as error:
                failure = error
            else:
                failure = None
            if listener is not None:
                listener.after(failure)  # still inside the slot: the next request sees it
            if failure is not None:
                raise failure
            return analysis

    async def _analyze_within(self, commit: Commit, messages: list[dict], fitted) -> Analysis:
        """One request, and one more when the answer is not a valid analysis."""
        if self.guard is not None:
            self.guard()
        content = await self._complete(messages)
        try:
            analysis = parse_answer(content)
        except AnswerError as error:
            logger.info("invalid answer from %s for %s, retrying: %s", self.model, commit.short_sha, error)
            retry = self.prompt.render("retry", reason=str(error))
            messages = [*messages, {"role": "assistant", "content": content}, {"role": "user", "content": retry}]
            if self.guard is not None:
                self.guard()
            content = await self._complete(messages)
            try:
                analysis = parse_answer(content)
            except AnswerError as again:
                raise LLMAnswerInvalid(f"the LLM {self.model} gave an invalid answer twice: {again}") from None
        return analysis.model_copy(update={"analyzer": self.name, "fallback": None, "coverage": fitted.coverage()})

    async def _complete(self, messages: list[dict]) -> str:
        litellm = _litellm()
        kwargs = {
            "model": self.model,
            "messages": messages,
            "timeout": self.timeout,
            "temperature": 0.2,
            "max_tokens": ANSWER_TOKENS,
            "num_retries": 0,
            "max_retries": 0,
            "drop_params": True,
        }
        if self.api_base:
            kwargs["api_base"] = self.api_base
        if self._supports_json_mode(litellm):
            kwargs["response_format"] = {"type": "json_object"}
        try:
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(TRANSPORT_ATTEMPTS),
                wait=wait_exponential(multiplier=self.retry_wait, max=8 * self.retry_wait),
                retry=retry_if_exception(_transient),
                reraise=True,
            ):
                with attempt:
                    self.calls += 1
                    try:
                        async with asyncio.timeout(self.timeout + 5):
                            response = await litellm.acompletion(**kwargs)
                    except Exception:
                        metrics.llm_call(self.model, ok=False)
                        raise
                    metrics.llm_call(self.model, ok=True)
        except Exception as error:
            raise self._failure(error) from None
        for recorded in self._add_usage(getattr(response, "usage", None), _cost(litellm, response)):
            try:
                await recorded
            except Exception:  # noqa: BLE001 - bookkeeping must not lose an answer already paid for
                logger.exception("an LLM usage listener failed")
        choices = getattr(response, "choices", None) or []
        content = choices[0].message.content if choices else None
        return content or ""

    def _supports_json_mode(self, litellm) -> bool:
        if self._json_mode is None:
            try:
                params = litellm.get_supported_openai_params(model=self.model) or []
            except Exception:
                params = []
            self._json_mode = "response_format" in params
        return self._json_mode

    def _add_usage(self, usage, cost_usd: float = 0.0) -> list[Awaitable]:
        """Count one answer's usage and tell the listeners; returns what they left to await."""
        counts = {key: int(getattr(usage, key, 0) or 0) for key in self.tokens} if usage is not None else {}
        for key, count in counts.items():
            self.tokens[key] += count
        self.cost_usd += cost_usd
        used = LLMUsage(self.model, counts.get("prompt_tokens", 0), counts.get("completion_tokens", 0), cost_usd)
        metrics.llm_usage(used.model, used.prompt_tokens, used.completion_tokens, used.cost_usd)
        pending = []
        for listener in self.usage_listeners:
            try:
                result = listener(used)
            except Exception:  # noqa: BLE001 - bookkeeping must not lose an answer already paid for
                logger.exception("an LLM usage listener failed")
                continue
            if inspect.isawaitable(result):
                pending.append(result)
        return pending

    def _failure(self, error: BaseException) -> RemoteFailure:
        reason = _reason(error, self.timeout)
        logger.warning("LLM %s failed: %s (%s)", self.model, reason, type(error).__name__)
        message = f"the LLM {self.model} failed: {reason}"
        if getattr(error, "status_code", None) == 429:
            return RateLimited(message)
        return RemoteFailure(message)


def _cost(litellm, response) -> float:
    """The answer's cost in USD as litellm prices it; 0.0 for a model litellm has no price for."""
    hidden = getattr(response, "_hidden_params", None) or {}
    cost = hidden.get("response_cost") if isinstance(hidden, dict) else None
    if cost is None:
        try:
            cost = litellm.completion_cost(completion_response=response)
        except Exception:  # litellm raises a bare Exception for models it does not price
            cost = 0.0
    try:
        return max(0.0, float(cost or 0.0))
    except (TypeError, ValueError):
        return 0.0


def _status(error: BaseException) -> int | None:
    status = getattr(error, "status_code", None)
    return status if isinstance(status, int) else None


def _transient(error: BaseException) -> bool:
    """Worth retrying: timeouts, connection errors, rate limits and server errors."""
    import litellm

    if isinstance(error, (asyncio.TimeoutError, litellm.Timeout, litellm.APIConnectionError)):
        return True
    if isinstance(error, (litellm.AuthenticationError, litellm.BadRequestError, litellm.NotFoundError,
                          litellm.exceptions.PermissionDeniedError)):
        return False
    status = _status(error)
    return status == 429 or (status is not None and status >= 500)


def _reason(error: BaseException, timeout: float) -> str:
    """A short reason written by us (provider messages may echo keys or prompts)."""
    import litellm

    status = _status(error)
    if isinstance(error, (asyncio.TimeoutError, litellm.Timeout)):
        return f"no answer within {timeout:g} s"
    if isinstance(error, litellm.ContextWindowExceededError):
        return "the prompt exceeds the model's context window"
    if isinstance(error, litellm.AuthenticationError) or status == 401:
        return "authentication refused (check the provider's API key)"
    if isinstance(error, litellm.exceptions.PermissionDeniedError) or status == 403:
        return "permission denied by the provider"
    if isinstance(error, litellm.NotFoundError) or status == 404:
        return "model or endpoint not found"
    if status == 429:
        return "rate limited (HTTP 429)"
    if isinstance(error, litellm.APIConnectionError) or "connection error" in str(error).lower():
        return "cannot connect to the provider"
    if status is not None and status >= 500:
        return f"server error (HTTP {status}) after {TRANSPORT_ATTEMPTS} attempts"
    if status is not None:
        return f"request refused (HTTP {status})"
    return f"unexpected error ({type(error).__name__})"


def _repo_of(commit: Commit) -> str:
    """``owner/name`` from a GitHub-style commit URL, when there is one."""
    match = re.search(r"https?://[^/]+/([^/]+/[^/]+)/commit/", commit.url or "")
    return match.group(1) if match else ""
