"""One chat completion through litellm: bounded retries that honour Retry-After, usage and failure reasons.

``LLMClient`` is what the LLM analyzer builds on. It knows nothing of who watches it: the bot
counts calls and usage through ``call_listeners`` and ``usage_listeners`` (callables passed in),
and may refuse a request through ``guard`` (the daily budget). ``shared_limit`` adds a limit held with
other processes (the bot's LLM slots in a shared database) inside the in-process one.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import inspect
import logging
import os
import time
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from functools import lru_cache

from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential

from analysis.errors import RateLimited, RemoteFailure

# litellm fetches its model price map from the internet at import unless told not to.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

logger = logging.getLogger(__name__)

TRANSPORT_ATTEMPTS = 3
#: the longest Retry-After waited for; a longer one fails the request at once (the digest falls back)
MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True)
class LLMUsage:
    """What one answered completion request used and cost (0.0 when litellm does not price the model)."""

    model: str
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float


@dataclass(frozen=True)
class Completion:
    """One answer: its text, why it ended (``stop``, ``length``, ...) and what it used."""

    content: str
    finish_reason: str | None
    usage: LLMUsage

    @property
    def cut_off(self) -> bool:
        return self.finish_reason == "length"


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


class LLMClient:
    """Sends chat completions to one model; raises ``RemoteFailure`` (with a reason code) when it cannot."""

    def __init__(self, model: str, *, api_base: str | None = None, concurrency: int = 8,
                 timeout: float = 120.0, retry_wait: float = 0.5, max_retry_after: float = MAX_RETRY_AFTER):
        self.model = model
        self.api_base = api_base
        self.concurrency = max(1, concurrency)
        self.timeout = timeout
        self.retry_wait = retry_wait
        self.max_retry_after = max_retry_after
        self.calls = 0
        self.tokens = {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}
        self.cost_usd = 0.0
        #: called before each request, inside the concurrency limit; may raise a RemoteFailure to refuse it
        self.guard: Callable[[], None] | None = None
        #: called with the ``LLMUsage`` of every answered request; an awaitable it returns (a write done
        #: in a thread) is awaited before the request's concurrency slot is released
        self.usage_listeners: list[Callable[[LLMUsage], Awaitable[None] | None]] = []
        #: called with (model, ok) after every HTTP attempt
        self.call_listeners: list[Callable[[str, bool], None]] = []
        #: a slot of a limit shared with other processes, taken inside this one's (None: this process's only)
        self.shared_limit: Callable[[], AbstractAsyncContextManager] | None = None
        self._semaphore: asyncio.Semaphore | None = None
        self._semaphore_loop: asyncio.AbstractEventLoop | None = None
        self._json_mode: bool | None = None

    def _limit(self) -> AbstractAsyncContextManager:
        """The concurrency limit each request is made in: this process's, then the shared one's slot if any."""
        loop = asyncio.get_running_loop()
        if self._semaphore is None or self._semaphore_loop is not loop:
            self._semaphore = asyncio.Semaphore(self.concurrency)
            self._semaphore_loop = loop
            _bind_litellm_to_running_loop()
        if self.shared_limit is None:
            return self._semaphore
        return _both(self._semaphore, self.shared_limit)

    def warm_up(self) -> None:
        """Import litellm (about 2 s) ahead of the first request; the digest service runs it in a thread."""
        _litellm()

    def count_tokens(self, text: str) -> int:
        return _litellm().token_counter(model=self.model, text=text)

    def model_info(self) -> dict:
        """litellm's bundled facts about the model (windows, prices); empty for a model it does not map."""
        try:
            return dict(_litellm().get_model_info(self.model) or {})
        except Exception:  # litellm raises a bare Exception for models it does not map
            return {}

    async def complete(self, messages: list[dict], max_tokens: int) -> Completion:
        """One answer (the caller holds the concurrency limit); transient failures are retried."""
        if self.guard is not None:
            self.guard()
        litellm = _litellm()
        kwargs = {"model": self.model, "messages": messages, "timeout": self.timeout, "temperature": 0.2,
                  "max_tokens": max_tokens, "num_retries": 0, "max_retries": 0, "drop_params": True}
        if self.api_base:
            kwargs["api_base"] = self.api_base
        if self._supports_json_mode(litellm):
            kwargs["response_format"] = {"type": "json_object"}
        deadline = time.monotonic() + self.timeout
        try:
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(TRANSPORT_ATTEMPTS),
                wait=self._wait(deadline),
                retry=retry_if_exception(_transient),
                reraise=True,
            ):
                with attempt:
                    self.calls += 1
                    try:
                        async with asyncio.timeout(self.timeout + 5):
                            response = await litellm.acompletion(**kwargs)
                    except Exception:
                        self._tell_call(False)
                        raise
                    self._tell_call(True)
        except Exception as error:
            raise self._failure(error) from None
        used = await self._record_usage(getattr(response, "usage", None), _cost(litellm, response))
        choices = getattr(response, "choices", None) or []
        content = (choices[0].message.content if choices else None) or ""
        finish = getattr(choices[0], "finish_reason", None) if choices else None
        return Completion(content, finish, used)

    def _wait(self, deadline: float):
        """Tenacity's wait: the server's Retry-After on a 429 (if within the cap and the deadline), else backoff."""
        backoff = wait_exponential(multiplier=self.retry_wait, max=8 * self.retry_wait)

        def wait(retry_state) -> float:
            error = retry_state.outcome.exception() if retry_state.outcome else None
            asked = retry_after(error) if _status(error) == 429 else None
            if asked is None:
                return backoff(retry_state)
            if asked > self.max_retry_after or time.monotonic() + asked > deadline:
                raise _NoWait(error, asked)
            logger.info("LLM %s rate-limited; waiting %.1f s as its Retry-After asks", self.model, asked)
            return asked

        return wait

    def _tell_call(self, ok: bool) -> None:
        for listener in self.call_listeners:
            try:
                listener(self.model, ok)
            except Exception:  # noqa: BLE001 - an observer must not fail a request
                logger.exception("an LLM call listener failed")

    async def _record_usage(self, usage, cost_usd: float = 0.0) -> LLMUsage:
        """Count one answer's usage and tell the listeners, awaiting what they left to await."""
        counts = {key: int(getattr(usage, key, 0) or 0) for key in self.tokens} if usage is not None else {}
        for key, count in counts.items():
            self.tokens[key] += count
        self.cost_usd += cost_usd
        used = LLMUsage(self.model, counts.get("prompt_tokens", 0), counts.get("completion_tokens", 0), cost_usd)
        for listener in self.usage_listeners:
            try:
                result = listener(used)
                if inspect.isawaitable(result):
                    await result
            except Exception:  # noqa: BLE001 - bookkeeping must not lose an answer already paid for
                logger.exception("an LLM usage listener failed")
        return used

    def _supports_json_mode(self, litellm) -> bool:
        if self._json_mode is None:
            try:
                params = litellm.get_supported_openai_params(model=self.model) or []
            except Exception:
                params = []
            self._json_mode = "response_format" in params
        return self._json_mode

    def _failure(self, error: BaseException) -> RemoteFailure:
        if isinstance(error, _NoWait):
            seconds = f"{error.seconds:g}"
            logger.warning("LLM %s rate-limited; its Retry-After of %s s is past the cap or the deadline",
                           self.model, seconds)
            return RateLimited(f"the LLM {self.model} failed: rate limited (HTTP 429, retry after {seconds} s)",
                               reset_in=error.seconds, details={"model": self.model, "seconds": seconds})
        code, reason = _reason(error, self.timeout)
        logger.warning("LLM %s failed: %s (%s)", self.model, reason, type(error).__name__)
        message = f"the LLM {self.model} failed: {reason}"
        details = {"model": self.model, "seconds": f"{self.timeout:g}", "attempts": TRANSPORT_ATTEMPTS,
                   "status": _status(error) or 0}
        if _status(error) == 429:
            return RateLimited(message, reset_in=retry_after(error), details=details)
        return RemoteFailure(message, code=code, details=details)


@contextlib.asynccontextmanager
async def _both(semaphore: asyncio.Semaphore, shared: Callable[[], AbstractAsyncContextManager]):
    async with semaphore, shared():
        yield


class _NoWait(Exception):
    """A 429 whose Retry-After is too long to wait for."""

    def __init__(self, error: BaseException | None, seconds: float):
        super().__init__(f"retry after {seconds:g} s")
        self.error = error
        self.seconds = seconds
        self.status_code = 429


def retry_after(error: BaseException | None) -> float | None:
    """Seconds the server asked to wait (``retry-after-ms``, ``Retry-After`` seconds or HTTP date), if any."""
    headers = getattr(error, "litellm_response_headers", None)
    if headers is None:
        response = getattr(error, "response", None)
        headers = getattr(response, "headers", None)
    if not headers:
        return None
    try:
        millis = headers.get("retry-after-ms")
        if millis is not None:
            return max(0.0, float(millis) / 1000)
        value = headers.get("retry-after")
    except (TypeError, ValueError, AttributeError):
        return None
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        when = email.utils.parsedate_to_datetime(value) if value else None
        return max(0.0, when.timestamp() - time.time()) if when is not None else None


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


def _status(error: BaseException | None) -> int | None:
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


def _reason(error: BaseException, timeout: float) -> tuple[str, str]:
    """A reason code and a short reason written by us (provider messages may echo keys or prompts)."""
    import litellm

    status = _status(error)
    if isinstance(error, (asyncio.TimeoutError, litellm.Timeout)):
        return "timeout", f"no answer within {timeout:g} s"
    if isinstance(error, litellm.ContextWindowExceededError):
        return "context_window", "the prompt exceeds the model's context window"
    if isinstance(error, litellm.AuthenticationError) or status == 401:
        return "auth", "authentication refused (check the provider's API key)"
    if isinstance(error, litellm.exceptions.PermissionDeniedError) or status == 403:
        return "permission", "permission denied by the provider"
    if isinstance(error, litellm.NotFoundError) or status == 404:
        return "not_found", "model or endpoint not found"
    if status == 429:
        return "rate_limited", "rate limited (HTTP 429)"
    if isinstance(error, litellm.APIConnectionError) or "connection error" in str(error).lower():
        return "connection", "cannot connect to the provider"
    if status is not None and status >= 500:
        return "server_error", f"server error (HTTP {status}) after {TRANSPORT_ATTEMPTS} attempts"
    if status is not None:
        return "refused", f"request refused (HTTP {status})"
    return "unexpected", f"unexpected error ({type(error).__name__})"
