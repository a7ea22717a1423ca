"""Logging: JSON lines on DIGESTBOT_LOG_FORMAT=json, and secrets redacted from message, args, extras and tracebacks."""

from __future__ import annotations

import io
import json
import logging

import pytest

from bot.observe.logs import REDACTED, configure_logging, env_secrets, level_from_env, settings_secrets
from bot.settings import Settings

# token-shaped samples (none of them real): each must go whatever the configured values are
SHAPED = {
    "slack bot": "xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
    "slack user": "xoxp-1234567890-1234567890-1234567890123-0123456789abcdef",
    "slack app": "xapp-1-A0123456789-1234567890123-abcdef0123456789abcdef",
    "github classic": "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
    "github fine-grained": "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRS",
    "openai": "sk-proj-Abcdefghijklmnopqrstuvwxyz0123456789",
    "anthropic": "sk-ant-api03-Abcdefghijklmnopqrstuvwxyz0123",
    "bearer": "eyJhbGciOiJIUzI1NiJ9.payload-part.signature-part",
    "discord": "MTA1NjM0NjE4OTU4MjUxMjEyOA.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB",
}
# configured values with no recognisable shape: only the settings/environment know them
CONFIGURED = {
    "github_token": "plain-github-secret-0001",
    "slack_signing_secret": "8f742231b10e8888abcd99yyyzzz85a5",
    "discord_token": "shapeless-discord-secret-0003",
    "slack_bot_token": "shapeless-slack-secret-0004",
}
PROVIDER_KEY = "anthropic-shapeless-key-0005"


def _text(secret: str) -> str:
    return f"Bearer {secret}" if secret.startswith("eyJ") else secret


@pytest.fixture
def handler_for(monkeypatch):
    """Install digestbot's root handler on a buffer in ``fmt``; yields a function returning (logger, buffer)."""
    monkeypatch.setenv("ANTHROPIC_API_KEY", PROVIDER_KEY)
    installed = []

    def make(fmt: str):
        buffer = io.StringIO()
        settings = Settings(**CONFIGURED)
        handler = configure_logging(logging.INFO, fmt, stream=buffer, secrets=env_secrets() + settings_secrets(settings))
        installed.append(handler)
        return logging.getLogger("digestbot.test.logs"), buffer

    yield make
    for handler in installed:
        logging.getLogger().removeHandler(handler)


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("secret", list(SHAPED.values()) + list(CONFIGURED.values()) + [PROVIDER_KEY],
                         ids=list(SHAPED) + list(CONFIGURED) + ["provider key"])
def test_secret_is_redacted_everywhere_it_appears(handler_for, fmt, secret):
    logger, buffer = handler_for(fmt)
    text = _text(secret)
    logger.warning(f"token in the message: {text}")
    logger.warning("token in the args: %s and %r", text, {"auth": text})
    logger.warning("token in an extra field", extra={"header": text})
    try:
        raise RuntimeError(f"request failed with {text}")
    except RuntimeError:
        logger.exception("token in the exception")
    out = buffer.getvalue()
    assert secret not in out
    assert out.count(REDACTED) >= (5 if fmt == "json" else 4)  # the text format does not show extra fields
    assert "request failed with" in out and "RuntimeError" in out  # the traceback is kept, only redacted
    if fmt == "json":
        records = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
        assert len(records) == 4
        assert records[2]["header"].endswith(REDACTED)
        assert "Traceback" in records[3]["exception"]


def test_json_lines_carry_time_level_logger_message_and_extras(handler_for):
    logger, buffer = handler_for("json")
    logger.info("digest of %s posted", "o/r", extra={"repo": "o/r", "commits": 3})
    logger.debug("not shown at INFO")
    lines = buffer.getvalue().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["level"] == "INFO" and record["logger"] == "digestbot.test.logs"
    assert record["message"] == "digest of o/r posted"
    assert record["repo"] == "o/r" and record["commits"] == 3
    assert record["time"].endswith("+00:00") and "T" in record["time"]
    logger.info("request sent", extra={"headers": {"Authorization": f"Bearer {SHAPED['bearer']}"}})
    sent = json.loads(buffer.getvalue().splitlines()[1])
    assert SHAPED["bearer"] not in sent["headers"] and REDACTED in sent["headers"]  # a dict extra too


def test_text_is_the_default_and_ordinary_words_survive(handler_for, monkeypatch):
    monkeypatch.delenv("DIGESTBOT_LOG_FORMAT", raising=False)
    logger, buffer = handler_for(None)
    logger.warning("sk-learn, task-1234 and a token budget are not secrets")
    out = buffer.getvalue()
    assert " WARNING digestbot.test.logs: sk-learn, task-1234 and a token budget are not secrets" in out
    assert not out.startswith("{")


def test_format_and_level_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("DIGESTBOT_LOG_FORMAT", "JSON")
    monkeypatch.setenv("DIGESTBOT_LOG_LEVEL", "info")
    buffer = io.StringIO()
    handler = configure_logging(level_from_env(), stream=buffer, secrets=[])
    try:
        logging.getLogger("digestbot.test.env").info("hello")
        assert json.loads(buffer.getvalue())["message"] == "hello"
        assert level_from_env(debug=True) == logging.DEBUG
        monkeypatch.setenv("DIGESTBOT_LOG_LEVEL", "nonsense")
        assert level_from_env() == logging.WARNING
    finally:
        logging.getLogger().removeHandler(handler)


def test_litellm_loggers_that_do_not_propagate_are_redacted_too(handler_for):
    handler_for("text")
    own = io.StringIO()
    litellm_logger = logging.getLogger("LiteLLM")
    litellm_handler = logging.StreamHandler(own)
    litellm_logger.addHandler(litellm_handler)
    propagate, litellm_logger.propagate = litellm_logger.propagate, False
    try:
        litellm_logger.warning("retrying with api_key=%s", SHAPED["openai"], extra={"body": {"key": PROVIDER_KEY}})
    finally:
        litellm_logger.removeHandler(litellm_handler)
        litellm_logger.propagate = propagate
    assert own.getvalue() == f"retrying with api_key={REDACTED}\n"
