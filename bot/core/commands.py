"""Parse the text after ``/digest`` into a command, or raise BadInput with the correct usage."""

from __future__ import annotations

import difflib
import re
import shlex
from dataclasses import dataclass, field

from analysis.day import parse_date, parse_zone
from analysis.errors import BadInput
from analysis.renderers.inert_text import code_span
from analysis.sources.names import parse_revision

USAGE = {
    "subscribe": "subscribe REPO [at HH:MM] [tz ZONE] [branch B] [lang zh|en] [paths GLOB,...] "
                 "[ignore-authors NAME,...] [ignore-bots] [quiet] [alert high|medium|off] "
                 "[weekly [mon|...|sun|off]]",
    "unsubscribe": "unsubscribe REPO",
    "list": "list",
    "now": "now [REPO] [YYYY-MM-DD] [force]",
    "explain": "explain [commit] SHA|BRANCH|TAG [REPO]",
    "week": "week [REPO] [YYYY-Www]",
    "ask": "ask QUESTION [REPO] [since YYYY-MM-DD]",
    "forget": "forget REPO",
    "help": "help",
}
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_SHA = re.compile(r"^[0-9a-fA-F]{4,40}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WEEK = re.compile(r"^\d{4}-[wW]")  # a week, well written or not: parse_week says which
MAX_QUESTION = 500
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass
class Command:
    """A parsed command; only the fields its verb uses are set."""

    verb: str
    repo: str | None = None
    options: dict = field(default_factory=dict)
    date: str | None = None
    force: bool = False
    sha: str | None = None


def _bad(verb: str, problem: str) -> BadInput:
    return BadInput(f"{problem}. Usage: /digest {USAGE[verb]}")


def _checked(verb: str, parse, value: str):
    """``parse(value)``, its BadInput message followed by the verb's usage."""
    try:
        return parse(value)
    except BadInput as error:
        raise _bad(verb, str(error).rstrip(".")) from None


def _split(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError:
        raise BadInput("unbalanced quotes in the command; try /digest help") from None


def parse_command(text: str) -> Command:
    words = _split(text.strip())
    if not words:
        return Command("help")
    verb, args = words[0].lower(), words[1:]
    if verb not in USAGE:
        close = difflib.get_close_matches(verb, list(USAGE), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]}?" if close else "try /digest help"
        raise BadInput(f"unknown command {code_span(words[0], 40)}; {hint}")
    return _PARSERS[verb](args)


def _subscribe(args: list[str]) -> Command:
    if not args:
        raise _bad("subscribe", "name the repository to follow")
    repo, rest, options = args[0], args[1:], {}
    value_keys = {"at", "tz", "branch", "lang", "paths", "ignore-authors", "alert"}
    i = 0
    while i < len(rest):
        key = rest[i].lower()
        if key == "weekly":  # an optional day: "weekly" alone is Monday's
            day = rest[i + 1].lower() if i + 1 < len(rest) else ""
            options["weekly"] = None if day == "off" else day if day in WEEKDAYS else "mon"
            i += 2 if day in (*WEEKDAYS, "off") else 1
            continue
        if key in ("ignore-bots", "quiet"):
            options[key.replace("-", "_")] = True
            i += 1
            continue
        if key not in value_keys:
            raise _bad("subscribe", f"unexpected word {code_span(rest[i], 40)}")
        if i + 1 >= len(rest):
            raise _bad("subscribe", f"'{key}' needs a value")
        value = rest[i + 1]
        if key == "at" and not _TIME.match(value):
            raise _bad("subscribe", f"bad time {code_span(value, 20)}; write it as HH:MM, 24-hour")
        if key == "at":
            hour, minute = _TIME.match(value).groups()
            value = f"{int(hour):02d}:{minute}"
        if key == "tz":
            value = _checked("subscribe", parse_zone, value).key  # the canonical name, whatever the case
        if key == "lang" and value not in ("zh", "en"):
            raise _bad("subscribe", f"unknown language {code_span(value, 20)}; use zh or en")
        if key == "alert":
            value = _alert_level(value)
        if key in ("paths", "ignore-authors"):
            value = [part.strip() for part in value.split(",") if part.strip()]
        options[key.replace("-", "_")] = value
        i += 2
    return Command("subscribe", repo=repo, options=options)


def _alert_level(value: str) -> str | None:
    level = value.lower()
    if level not in ("high", "medium", "off"):
        raise _bad("subscribe", f"unknown alert level {code_span(value, 20)}; use high, medium or off")
    return None if level == "off" else level


def _unsubscribe(args: list[str]) -> Command:
    if len(args) != 1:
        raise _bad("unsubscribe", "name exactly one repository")
    return Command("unsubscribe", repo=args[0])


def _forget(args: list[str]) -> Command:
    if len(args) != 1:
        raise _bad("forget", "name exactly one repository whose feedback this channel should forget")
    return Command("forget", repo=args[0])


def _list(args: list[str]) -> Command:
    if args:
        raise _bad("list", "list takes no arguments")
    return Command("list")


def _help(args: list[str]) -> Command:
    return Command("help")


def _now(args: list[str]) -> Command:
    command = Command("now")
    for word in args:
        if word.lower() == "force":
            command.force = True
        elif _DATE.match(word):
            _checked("now", parse_date, word)
            command.date = word
        elif command.repo is None:
            command.repo = word
        else:
            raise _bad("now", f"unexpected word {code_span(word, 40)}")
    return command


def _explain(args: list[str]) -> Command:
    if args and args[0].lower() == "commit":
        args = args[1:]
    if not args or len(args) > 2:
        raise _bad("explain", "give one commit SHA (4 to 40 hex digits), branch or tag")
    sha = _checked("explain", lambda word: parse_revision(word, expressions=True), args[0])
    return Command("explain", sha=sha.lower() if _SHA.match(sha) else sha, repo=args[1] if len(args) == 2 else None)


def _week(args: list[str]) -> Command:
    from analysis.week import parse_week

    command = Command("week")
    for word in args:
        if _WEEK.match(word) and command.date is None:
            command.date = _checked("week", parse_week, word)
        elif command.repo is None and not _DATE.match(word):
            command.repo = word
        else:
            raise _bad("week", f"unexpected word {code_span(word, 40)}")
    return command


def _ask(args: list[str]) -> Command:
    """The question is every word but a trailing ``since DATE`` and a trailing owner/name (or path)."""
    words, date = list(args), None
    if len(words) >= 2 and words[-2].lower() == "since":
        date = _checked("ask", parse_date, words[-1]).isoformat()
        words = words[:-2]
    elif words and words[-1].lower() == "since":
        raise _bad("ask", "'since' needs a date, YYYY-MM-DD")
    repo = words.pop() if len(words) >= 2 and "/" in words[-1] and not words[-1].endswith("?") else None
    question = " ".join(words).strip()
    if not question:
        raise _bad("ask", "write a question")
    if len(question) > MAX_QUESTION:
        raise _bad("ask", f"the question is longer than {MAX_QUESTION} characters")
    return Command("ask", repo=repo, date=date, options={"question": question})


_PARSERS = {"subscribe": _subscribe, "unsubscribe": _unsubscribe, "list": _list, "now": _now,
            "explain": _explain, "help": _help, "week": _week, "ask": _ask,
            "forget": _forget}


def help_text() -> str:
    lines = ["*digestbot* posts a daily digest of a repository's commits. Commands:"]
    lines += [f"• `/digest {usage}`" for usage in USAGE.values()]
    lines.append("Defaults: 09:00 UTC, the default branch, every path and author, English.")
    return "\n".join(lines)
