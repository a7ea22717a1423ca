"""FakeOpenAI: an OpenAI-compatible chat completions server on 127.0.0.1 for tests and benchmarks.

It answers ``POST /v1/chat/completions`` (and ``/chat/completions``) in OpenAI's response shape.
In "valid" mode the answer is an analysis JSON derived from the request (change type from the
conventional-commit prefix of the ``Title:`` line, importance high for "!:" or "breaking", the
title echoed in the summary, prose in Chinese when the prompt asks for Simplified Chinese), so a
test can tell that what the analyzer returns came from the model.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler

from tests.fakes.local_http import LocalHTTPServer

MODES = ("valid", "garbage", "garbage_once", "error500", "error429", "error429_once", "error401", "fenced",
         "length", "length_once", "near_miss")
#: the system prompt of the analyzer's short (summary-only) request says this
BRIEF_MARK = "only a short entry is needed"
#: the analyzer's follow-up after an answer cut off at the length limit says this
SHORTER_MARK = "cut off at the answer length limit"
PREFIX_TYPES = {
    "feat": "feature", "feature": "feature", "fix": "fix", "refactor": "refactor", "perf": "perf",
    "docs": "docs", "doc": "docs", "test": "test", "tests": "test", "ci": "ci", "build": "build",
    "chore": "chore", "security": "security", "sec": "security", "revert": "revert",
}
_TITLE = re.compile(r"^Title: (.*)$", re.MULTILINE)
_PREFIX = re.compile(r"^\s*([A-Za-z]+)(\([^)]*\))?(!)?:")


def _text(message: dict) -> str:
    content = message.get("content") or ""
    if isinstance(content, list):  # content parts
        return "\n".join(part.get("text", "") for part in content if isinstance(part, dict))
    return str(content)


def valid_answer(request: dict) -> dict:
    """The analysis object the fake model answers for this request (derived from its prompt)."""
    messages = request.get("messages", [])
    prompt = "\n".join(_text(m) for m in messages if m.get("role") in ("user", "system"))
    user = "\n".join(_text(m) for m in messages if m.get("role") == "user")
    match = _TITLE.search(user)
    title = match.group(1).strip() if match else ""
    prefix = _PREFIX.match(title)
    change_type = PREFIX_TYPES.get(prefix.group(1).lower(), "chore") if prefix else "chore"
    breaking = bool(prefix and prefix.group(3)) or "breaking" in title.lower()
    zh = "Simplified Chinese" in prompt
    importance = "high" if breaking else "low" if change_type in ("docs", "test", "ci", "chore") else "medium"
    summary = [f"变更：{title}" if zh else f"Change: {title}"]
    if BRIEF_MARK in prompt:
        return {"change_type": change_type, "change_type_detail": None, "importance": importance, "summary": summary}
    return {
        "change_type": change_type,
        "change_type_detail": f"{change_type} / 细节" if zh else f"{change_type} / detail",
        "importance": importance,
        "summary": summary,
        "impact": ["src: 行为变化" if zh else "src: behaviour changes"],
        "insights": {
            "architecture": "无" if zh else "none",
            "performance": "无" if zh else "none",
            "security": "无" if zh else "none",
            "maintainability": "良好" if zh else "fine",
            "compatibility": "接口不变" if zh else "the API is unchanged",
        },
        "risks": [{"risk": "回归" if zh else "regression", "impact": "低" if zh else "low",
                   "mitigation": "测试" if zh else "tests"}],
        "recommendations": ["补充测试" if zh else "add tests"],
    }


_CHANGE_LINE = re.compile(r"^- \[(high|medium|low)\] ([0-9a-f]{7}) (.*) \((\w+)\)$", re.MULTILINE)


def highlights_answer(request: dict) -> dict:
    """The day's highlights the fake model writes: one bullet per listed change (at most 5), naming its SHA."""
    user = "\n".join(_text(m) for m in request.get("messages", []) if m.get("role") == "user")
    zh = "Simplified Chinese" in user
    bullets = [(f"{imp} 主题：{title}（{sha}）" if zh else f"{imp} theme: {title} ({sha})")
               for imp, sha, title, _ in _CHANGE_LINE.findall(user)[:5]]
    return {"highlights": bullets}


def near_miss_answer(request: dict) -> str:
    """The valid answer written as real models miss the schema: "feat", "中", strings for lists, a trailing comma."""
    answer = valid_answer(request)
    words = {"feature": "feat", "fix": "bugfix", "test": "tests"}
    answer["change_type"] = words.get(answer["change_type"], answer["change_type"].upper())
    answer["importance"] = {"high": "高", "medium": "中", "low": "低"}[answer["importance"]]
    answer["summary"] = answer["summary"][0]
    if "impact" in answer:
        answer["impact"] = None
        answer["insights"]["architecture"] = ["first point", "second point"]
        answer["risks"] = [risk["risk"] for risk in answer["risks"]]
        answer["recommendations"] = None
    text = json.dumps(answer, ensure_ascii=False, indent=2)
    return text[: text.rindex("}")].rstrip() + ",\n}"  # a trailing comma before the outer brace


class FakeOpenAI(LocalHTTPServer):
    """Context manager running the fake server in a thread.

    ``mode``: "valid" (a derived analysis JSON; the short form for the analyzer's summary-only
    prompt), "fenced" (the same in a ```json fence with prose around), "garbage" (prose, never
    JSON), "garbage_once" (prose for a first attempt, valid for a request that carries a previous
    assistant answer, i.e. the analyzer's retry), "near_miss" (the valid answer with the near
    misses real models write), "length" (half an answer with ``finish_reason: "length"``),
    "length_once" (that, then valid once the analyzer asks for a shorter answer), "error500",
    "error429", "error401" (OpenAI-shaped error bodies), "error429_once" (a 429 for the first
    request, then valid), "hang" (the request is accepted and never answered until the server stops). A 429 carries ``Retry-After: retry_after`` (whole seconds, as servers
    send it), and, as a real rate limit, refuses with 429 every request that comes before that time
    has passed (``early`` counts them; their Retry-After is the time left). ``answer_for(request) -> str`` overrides the content in every non-error mode.
    ``latency`` is slept in the request's own thread, so concurrent requests wait concurrently;
    ``max_in_flight`` records the most answered at once; ``request_times`` the monotonic clock
    reading when each request arrived.
    ``gather = n`` answers requests in batches of n: each waits until its batch has all arrived (a
    barrier, so overlap is certain rather than likely; 10 s at most, a hang guard).
    """

    def __init__(self, host: str = "127.0.0.1"):
        self.host = host
        self.mode = "valid"
        self.latency = 0.0
        self.answer_for: Callable[[dict], str] | None = None
        self.calls = 0
        self.requests: list[dict] = []
        self.request_times: list[float] = []
        self.retry_after = 1
        self.early = 0  # requests refused because they came before the last Retry-After had passed
        self._not_before = 0.0  # monotonic time until which every request is refused (the last 429's Retry-After)
        #: counts the tokens of a text for ``usage`` (a real tokenizer in bench/); None: 4 characters a token
        self.token_counter: Callable[[str], int] | None = None
        self.in_flight = 0
        self.max_in_flight = 0  # most requests being answered at once
        self.gather = 0
        self._lock = threading.Lock()
        self._arrivals = threading.Condition(self._lock)
        self._arrived = 0
        self._ids = itertools.count(1)
        self._released = threading.Event()  # ends the requests held by the "hang" mode

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    server_name = "fake-openai"

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(_Handler):
            server_fake = fake

        return Handler

    # --- answering --------------------------------------------------------------------------

    def _record(self, body: dict) -> int:
        with self._lock:
            self.calls += 1
            self.requests.append(body)
            self.request_times.append(time.monotonic())
            return next(self._ids)

    def respond(self, body: dict) -> tuple[int, dict]:
        """Status and JSON body for one chat completions request."""
        number = self._record(body)
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            if self.gather:
                self._arrived += 1
                batch_end = -(-self._arrived // self.gather) * self.gather
                self._arrivals.notify_all()
                self._arrivals.wait_for(lambda: self._arrived >= batch_end, timeout=10)
        try:
            if self.latency:
                time.sleep(self.latency)
            return self._answer(body, number)
        finally:
            with self._lock:
                self.in_flight -= 1

    def stop(self) -> None:
        self._released.set()
        super().stop()

    def _answer(self, body: dict, number: int) -> tuple[int, dict]:
        mode = self.mode
        if mode == "hang":  # accepted, then no answer at all until the server stops
            self._released.wait()
            return 500, {"error": {"message": "the server stopped", "type": "server_error", "param": None,
                                   "code": None}}
        if mode == "error500":
            return 500, {"error": {"message": "The server had an error while processing your request.",
                                   "type": "server_error", "param": None, "code": None}}
        with self._lock:
            early = time.monotonic() < self._not_before
            self.early += early
            if not early and (mode == "error429" or (mode == "error429_once" and number == 1)):
                self._not_before = time.monotonic() + self.retry_after
                early = True
        if early:
            return 429, {"error": {"message": "Rate limit reached for requests", "type": "requests",
                                   "param": None, "code": "rate_limit_exceeded"}}
        if mode == "error401":
            return 401, {"error": {"message": "Incorrect API key provided. You can find your API key at "
                                   "https://platform.openai.com/account/api-keys.", "type": "invalid_request_error",
                                   "param": None, "code": "invalid_api_key"}}
        content, finish = self._content(body, mode), "stop"
        asked_shorter = SHORTER_MARK in _text((body.get("messages") or [{}])[-1])
        if mode == "length" or (mode == "length_once" and not asked_shorter):
            content, finish = content[: len(content) // 2], "length"
        count = self.token_counter or (lambda text: len(text) // 4)
        prompt = "\n".join(_text(m) for m in body.get("messages", []))
        usage = {"prompt_tokens": max(1, count(prompt)), "completion_tokens": max(1, count(content))}
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        return 200, {
            "id": f"chatcmpl-fake{number}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "fake-model"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                         "logprobs": None, "finish_reason": finish}],
            "usage": usage,
            "system_fingerprint": None,
        }

    def _content(self, body: dict, mode: str) -> str:
        if self.answer_for is not None:
            return self.answer_for(body)
        retried = any(m.get("role") == "assistant" for m in body.get("messages", []))
        if "<untrusted_changes>" in "\n".join(_text(m) for m in body.get("messages", [])):
            if mode == "garbage" or (mode == "garbage_once" and not retried):
                return "Here are today's themes, in prose."
            return json.dumps(highlights_answer(body), ensure_ascii=False)
        if mode == "garbage" or (mode == "garbage_once" and not retried):
            return "Sure! Here is my analysis: the commit looks fine to me."
        answer = json.dumps(valid_answer(body), ensure_ascii=False, indent=2)
        if mode == "fenced":
            return f"Here is the analysis:\n```json\n{answer}\n```\nHope this helps."
        if mode == "near_miss":
            return near_miss_answer(body)
        return answer


class _Handler(BaseHTTPRequestHandler):
    server_fake: FakeOpenAI
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # keep test output quiet
        pass

    def _send(self, status: int, payload: dict) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if status == 429:  # whole seconds left until requests are answered again
            self.send_header("Retry-After", str(max(math.ceil(self.server_fake._not_before - time.monotonic()), 0)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except OSError:  # the client gave up (a "hang" answer after its timeout)
            self.close_connection = True

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
            self._send(404, {"error": {"message": f"Unknown path {self.path}", "type": "invalid_request_error",
                                       "param": None, "code": None}})
            return
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            self._send(400, {"error": {"message": "Invalid JSON body", "type": "invalid_request_error",
                                       "param": None, "code": None}})
            return
        status, payload = self.server_fake.respond(body)
        self._send(status, payload)

    def do_GET(self):
        if self.path.rstrip("/") in ("/v1/models", "/models"):
            self._send(200, {"object": "list", "data": [{"id": "fake-model", "object": "model",
                                                         "created": 0, "owned_by": "fake"}]})
        else:
            self._send(404, {"error": {"message": "Not found", "type": "invalid_request_error",
                                       "param": None, "code": None}})
