"""Logging setup: text or JSON lines on stderr, with tokens and keys redacted from every record.

``configure_logging`` installs one handler on the root logger; its ``RedactionFilter`` rewrites
each record (message, arguments, exception and stack text, extra fields) before any formatter
sees it, replacing the configured secret values and anything shaped like a token.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import TextIO

REDACTED = "[REDACTED]"
LOG_FORMATS = ("text", "json")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
#: settings fields holding secrets
SECRET_FIELDS = ("github_token", "slack_bot_token", "slack_signing_secret", "slack_app_token", "discord_token")
#: environment variables holding secrets: ours and the providers' keys litellm reads
SECRET_ENV = re.compile(r"^(?:GITHUB_TOKEN|SLACK_BOT_TOKEN|SLACK_SIGNING_SECRET|SLACK_APP_TOKEN|DISCORD_TOKEN"
                        r"|.*_API_KEY|.*_SECRET_ACCESS_KEY|.*_SECRET_KEY|.*_API_TOKEN|.*_AUTH_TOKEN|HF_TOKEN)$")
LITELLM_LOGGERS = ("LiteLLM", "LiteLLM Router", "LiteLLM Proxy")
MIN_SECRET_LENGTH = 8  # shorter values ("true", "1") would redact ordinary words

PATTERNS = [
    re.compile(r"xox[abeprs]-[A-Za-z0-9-]{6,}"),  # Slack bot, user, app-level and refresh tokens
    re.compile(r"xapp-[A-Za-z0-9-]{6,}"),  # Slack app-level token
    re.compile(r"github_pat_[A-Za-z0-9_]{20,}"),  # GitHub fine-grained token
    re.compile(r"gh[pousr]_[A-Za-z0-9]{20,}"),  # GitHub classic, OAuth, user-to-server, server, refresh tokens
    re.compile(r"sk-[A-Za-z0-9_-]{16,}"),  # OpenAI (sk-proj-...), Anthropic (sk-ant-...) and alike
    re.compile(r"(?i)(?<=bearer )[A-Za-z0-9._~+/=-]{8,}"),  # Authorization: Bearer <token>
    re.compile(r"(?i)(?<=authorization: token )[A-Za-z0-9._~+/=-]{8,}"),  # GitHub's "token <token>"
    re.compile(r"\b[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,40}\b"),  # Discord bot token
]

# attributes every LogRecord has; anything else on a record came from ``extra=``
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class Redactor:
    """Replaces known secret values and token-shaped strings in text."""

    def __init__(self, secrets: Iterable[str | None] = ()):
        self._secrets: set[str] = set()
        self._values: re.Pattern | None = None
        self.add(secrets)

    def add(self, secrets: Iterable[str | None]) -> None:
        fresh = {s for s in secrets if s and len(s) >= MIN_SECRET_LENGTH} - self._secrets
        if fresh:
            self._secrets |= fresh
            ordered = sorted(self._secrets, key=len, reverse=True)
            self._values = re.compile("|".join(re.escape(s) for s in ordered))

    def __call__(self, text: str) -> str:
        if not text:
            return text
        if self._values is not None:
            text = self._values.sub(REDACTED, text)
        for pattern in PATTERNS:
            text = pattern.sub(REDACTED, text)
        return text


class RedactionFilter(logging.Filter):
    """A handler filter that rewrites each record with every secret redacted (it never drops one)."""

    def __init__(self, redactor: Redactor):
        super().__init__()
        self.redactor = redactor
        self._formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_redacted", False):
            return True
        redact = self.redactor
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string: keep what there is
            message = f"{record.msg} {record.args!r}"
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        for key, value in list(vars(record).items()):
            if key in _STANDARD or key.startswith("_") or value is None or isinstance(value, (bool, int, float)):
                continue
            # anything else is shown as text: a dict or object of an extra field could hold a token
            setattr(record, key, redact(value if isinstance(value, str) else str(value)))
        record._redacted = True
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, extra fields, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_") and key not in entry:
                entry[key] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)


def env_secrets(environ: dict[str, str] | None = None) -> list[str]:
    """The values of the secret-holding environment variables (tokens, provider API keys)."""
    environ = os.environ if environ is None else environ
    return [value for name, value in environ.items() if SECRET_ENV.match(name.upper()) and value]


def settings_secrets(settings) -> list[str]:
    return [getattr(settings, name, None) for name in SECRET_FIELDS]


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time of each record (it may be replaced, e.g. in tests)."""

    def __init__(self):
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def level_from_env(debug: bool = False) -> int:
    """DEBUG with --debug, else DIGESTBOT_LOG_LEVEL (a level name), else WARNING."""
    if debug:
        return logging.DEBUG
    name = (os.environ.get("DIGESTBOT_LOG_LEVEL") or "").strip().upper()
    level = logging.getLevelName(name) if name else logging.WARNING
    return level if isinstance(level, int) else logging.WARNING


def make_handler(fmt: str = "text", stream: TextIO | None = None, secrets: Iterable[str | None] = ()) -> logging.Handler:
    """A stream handler writing ``fmt`` ("text" or "json") with the redaction filter on it."""
    handler = logging.StreamHandler(stream) if stream is not None else _StderrHandler()
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    handler.addFilter(RedactionFilter(Redactor(secrets)))
    handler._digestbot = True  # type: ignore[attr-defined]
    return handler


def configure_logging(level: int = logging.WARNING, fmt: str | None = None, stream: TextIO | None = None,
                      secrets: Iterable[str | None] | None = None) -> logging.Handler:
    """Install (or replace) digestbot's handler on the root logger; ``fmt`` defaults to DIGESTBOT_LOG_FORMAT."""
    fmt = (fmt or os.environ.get("DIGESTBOT_LOG_FORMAT") or "text").strip().lower()
    unknown = fmt not in LOG_FORMATS
    handler = make_handler("text" if unknown else fmt, stream, env_secrets() if secrets is None else secrets)
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_digestbot", False)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # litellm's loggers write through handlers of their own (they do not propagate): redact there too
    for name in LITELLM_LOGGERS:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if isinstance(f, RedactionFilter)]:
            logger.removeFilter(old)
        logger.addFilter(handler.filters[0])
    if unknown:
        logging.getLogger(__name__).warning("unknown DIGESTBOT_LOG_FORMAT %r; using text (or set json)", fmt)
    return handler


def add_secrets(secrets: Iterable[str | None]) -> None:
    """Also redact these values in every digestbot handler (e.g. tokens read from the settings)."""
    values = list(secrets)
    for handler in logging.getLogger().handlers:
        for flt in handler.filters:
            if isinstance(flt, RedactionFilter):
                flt.redactor.add(values)
