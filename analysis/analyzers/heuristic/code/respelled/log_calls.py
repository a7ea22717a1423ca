"""Changes that only reword what a log call writes: every changed line sits inside a logging call's parentheses, or
builds a message (and its arguments) that only log calls take."""

from __future__ import annotations

import re
from collections.abc import Iterable

#: a call that writes a log line: ``logger.warning(``, ``logging.info(``, ``log.Printf(``, ``slog.Warn(``,
#: ``console.warn(``, ``LOG.debug(``, Rust's ``warn!(``/``tracing::info!(``; not an object's own console
#: (``self.console.print(``: a terminal library's output is what its users get)
_LOG_CALL = re.compile(
    r"(\b(?:logger|logging|log|_log|_logger|LOG|LOGGER|slog|klog|self\.log(?:ger)?|this\.log(?:ger)?)"
    r"\s*\.\s*\w+|(?<![\w.])console\s*\.\s*(?:log|warn|error|info|debug|trace)|"
    r"\b(?:tracing::|log::)?(?:trace|debug|info|warn|error)!)\s*\(")
#: strings, so their parentheses are not counted
_STRING = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|`[^`]*`')


def _depth_change(line: str) -> int:
    text = _STRING.sub("", line)
    return text.count("(") - text.count(")")


#: a name given a value on a line of its own: ``msg = "Worker (pid:%s) was sent %s!"``, ``msg += "..."``
_ASSIGNED = re.compile(r"^\s*(?:(?:const|let|var|val|final)\s+)?(?P<name>[A-Za-z_]\w*)\s*(?::[^=]+)?\+?=(?!=)")


def _side_lines(patch: str, dropped: str) -> list[str]:
    return [raw for raw in patch.splitlines() if not raw.startswith(("+++", "---")) and raw[:1] != dropped]


def _message_names(patch: str, dropped: str) -> set[str]:
    """Names a changed line of this side assigns that the hunks pass to log calls only (a message and its
    arguments, ``msg``/``msg_args``, built for the logger): every other line naming them assigns them."""
    lines = _side_lines(patch, dropped)
    assigned = {m.group("name") for raw in lines if raw[:1] in "+-" and (m := _ASSIGNED.match(raw[1:]))}
    names = set()
    for name in assigned:
        word = re.compile(rf"\b{re.escape(name)}\b")
        uses = [raw[1:] for raw in lines if not raw.startswith("@@") and word.search(raw[1:])]
        others = [ln for ln in uses if not (_ASSIGNED.match(ln) and _ASSIGNED.match(ln).group("name") == name)]
        if others and all(_LOG_CALL.search(ln) for ln in others):
            names.add(name)
    return names


def _side_inside(patch: str, dropped: str) -> bool | None:
    """On one side of the patch (without ``dropped`` lines), whether every changed line opens a log call or sits
    inside one still open, or assigns a message only log calls take; None when the side changes no line."""
    depth, changed, inside = 0, 0, True
    messages = _message_names(patch, dropped)
    for raw in patch.splitlines():
        if raw.startswith(("+++", "---", "@@")) or raw[:1] == dropped:
            if raw.startswith("@@"):
                depth = 0
            continue
        line = raw[1:]
        assigns = _ASSIGNED.match(line)
        opens = _LOG_CALL.search(line) or (assigns if assigns and assigns.group("name") in messages else None)
        if raw[:1] in "+-" and line.strip():
            changed += 1
            inside &= depth > 0 or bool(opens)
        if depth > 0:
            depth = max(depth + _depth_change(line), 0)
        elif opens:
            depth = max(_depth_change(line[opens.start():]), 0)
    return inside if changed else None


#: a C++ check or log macro whose message is streamed after it: ``GTEST_CHECK_(ok)``, ``CHECK(x)``, ``LOG(ERROR)``
_STREAMED_CHECK = re.compile(r"^\s*[A-Z_]*(CHECK|LOG|ASSERT)[A-Z_]*\s*\(")


def _streamed_text_only(patch: str) -> bool:
    """Every changed line continues a message streamed into a check or log macro (``<< "Failed to open " << path``):
    the macro's line itself and the code around it are unchanged."""
    above: str | None = None
    changed = False
    for raw in patch.splitlines():
        if raw.startswith("@@"):
            above = None
            continue
        line = raw[1:]
        if line.lstrip().startswith("<<"):
            changed |= raw[:1] in "+-"
            if raw[:1] in "+-" and not (above and _STREAMED_CHECK.match(above)):
                return False
        elif raw[:1] in "+-" and line.strip():
            return False
        elif line.strip():
            above = line
    return changed


def log_text_only(patches: Iterable[str | None]) -> bool:
    """Every line the patches change, on both sides, is part of a logging call or of the message streamed into a
    check or log macro: what a log line says changed, not what the code does."""
    seen = False
    for patch in patches:
        if not patch:
            return False
        if _streamed_text_only(patch):
            seen = True
            continue
        for dropped in ("+", "-"):
            side = _side_inside(patch, dropped)
            if side is False:
                return False
            seen |= side is not None
    return seen
