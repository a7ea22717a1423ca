"""ReplayOpenAI: FakeOpenAI answering from a fixture of answers a capable model wrote to a day's real prompts.

A fixture (``tests/data/llm_replay/<day>-<lang>.json``) maps request keys to answer texts. The key
is read from the request, not taken from its whole text, so small prompt changes keep the fixture
usable: ``<full SHA>:full`` (the full analysis prompt), ``<full SHA>:brief`` (the short prompt of a
commit triaged low) and ``highlights`` (the day's highlights). A follow-up (a retry, a shorter
answer) carries its first request's messages, hence its key. ``usage`` counts the prompt with
litellm's tokenizer for gpt-4o (o200k) and the answer the same way; ``finish_reason`` is "stop".
A request the fixture has no answer for is a "miss": recorded in ``misses`` (key -> request body)
and answered with a 500, unless ``on_miss(request) -> str`` answers it (how prompts are captured).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from tests.fakes.openai_server import BRIEF_MARK, FakeOpenAI, _text

REPLAY_DIR = Path(__file__).resolve().parent.parent / "data" / "llm_replay"
#: the tokenizer ``usage`` is counted with (gpt-4o and gpt-4o-mini share it)
TOKENIZER_MODEL = "gpt-4o-mini"
HIGHLIGHTS = "highlights"
_SHA = re.compile(r"^SHA: ([0-9a-f]{40})$", re.MULTILINE)


def request_key(request: dict) -> str | None:
    """The fixture key of a chat completions request: ``SHA:full``, ``SHA:brief``, ``highlights``; None if unknown."""
    messages = request.get("messages") or []
    system = "\n".join(_text(m) for m in messages if m.get("role") == "system")
    user = "\n".join(_text(m) for m in messages if m.get("role") == "user")
    if "<untrusted_changes>" in user:
        return HIGHLIGHTS
    match = _SHA.search(user)
    if match is None:
        return None
    return f"{match.group(1)}:{'brief' if BRIEF_MARK in system else 'full'}"


def load_replay(name: str, directory: Path = REPLAY_DIR) -> dict:
    """One replay fixture: ``day``, ``repo``, ``lang``, ``prompt_versions``, ``answers`` (key -> text)."""
    return json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))


def count_tokens(text: str = "", messages: list[dict] | None = None) -> int:
    import litellm

    if messages is not None:
        return litellm.token_counter(model=TOKENIZER_MODEL, messages=messages)
    return litellm.token_counter(model=TOKENIZER_MODEL, text=text)


class ReplayOpenAI(FakeOpenAI):
    """FakeOpenAI whose every answer comes from ``answers`` (key -> text), keyed by ``request_key``."""

    def __init__(self, answers: dict[str, str], on_miss: Callable[[dict], str] | None = None,
                 host: str = "127.0.0.1"):
        super().__init__(host)
        self.answers = dict(answers)
        self.on_miss = on_miss
        self.misses: dict[str, dict] = {}
        self.keys: list[str | None] = []  # the key of every request, in arrival order
        #: (key, prompt tokens, completion tokens) of every answered request, in arrival order
        self.usages: list[tuple[str | None, int, int]] = []

    def _answer(self, body: dict, number: int) -> tuple[int, dict]:
        key = request_key(body)
        with self._lock:
            self.keys.append(key)
        answer = self.answers.get(key) if key is not None else None
        if answer is None:
            with self._lock:
                self.misses.setdefault(key or f"unknown-{number}", body)
            if self.on_miss is None:
                return 500, {"error": {"message": f"no replayed answer for {key or 'this request'}",
                                       "type": "server_error", "param": None, "code": None}}
            answer = self.on_miss(body)
        usage = {"prompt_tokens": count_tokens(messages=body.get("messages") or []),
                 "completion_tokens": max(1, count_tokens(answer))}
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        with self._lock:
            self.usages.append((key, usage["prompt_tokens"], usage["completion_tokens"]))
        return 200, {
            "id": f"chatcmpl-replay{number}", "object": "chat.completion", "created": 0,
            "model": body.get("model", "replay-model"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": answer},
                         "logprobs": None, "finish_reason": "stop"}],
            "usage": usage, "system_fingerprint": None,
        }
