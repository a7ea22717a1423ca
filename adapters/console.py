"""The console adapter: commands from stdin line by line, posts to stdout; the embedded default.

Like errbot's test backend it doubles as the way to drive the bot in tests: pipe
``/digest ...`` lines in, read the posts out.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import re
import sys
from pathlib import Path
from typing import TextIO

from analysis.changes import change_author
from analysis.models import IMPORTANCE_ORDER, CommitReport, Digest
from analysis.renderers.html_page import FULL_REPORT
from analysis.renderers.labels import IMPORTANCE_ICON, heuristic_note, label, stats_text
from analysis.renderers.markdown import render_commit_markdown, render_explain_markdown
from analysis.renderers.markdown_text import CODE_SPAN, inline
from analysis.renderers.post_caps import by_importance, listing, reply_split
from bot.core.actions import KINDS, ButtonAction, ConfirmResponse
from bot.core.chat import ChannelRef, CommandContext, Core, ExplainResponse, OutboundMessage, TextResponse

log = logging.getLogger(__name__)

_CHARS = {"&lt;": "<", "&gt;": ">", "&amp;": "&"}
_ENTITIES = re.compile("|".join(_CHARS))
# terminal control sequences in commit messages must not reach the terminal
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
CONSOLE_CHANNEL = ChannelRef("console", "local", "console")
GREETING = "digestbot console: type /digest help; Ctrl-D exits"
#: where the console keeps the files a digest carries (the full report, the chart), under the data directory
ATTACHMENTS_DIR = "attachments"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or file-less stream
        return False


def _line(report: CommitReport) -> str:
    author = change_author(report.commit, report.includes)
    return f"- `{report.commit.short_sha}` {inline(author)}: {inline(report.commit.title)}"


def _clean(text: str) -> str:
    """Text for a terminal: no control sequences, and the HTML escapes Markdown needs outside code spans
    (``&lt;`` for ``<``) turned back into the characters, which a terminal shows as they are."""
    return _unescape_prose(_CONTROL.sub("", text))


def _unescape_prose(text: str) -> str:
    parts, at = [], 0
    for span in CODE_SPAN.finditer(text):  # code spans carry their text as is: nothing to turn back there
        parts += [_ENTITIES.sub(lambda m: _CHARS[m.group(0)], text[at:span.start()]), span.group(0)]
        at = span.end()
    parts.append(_ENTITIES.sub(lambda m: _CHARS[m.group(0)], text[at:]))
    return "".join(parts)


class ConsoleRenderer:
    """Markdown text, one message for the summary and one per commit."""

    target = "console"

    def digest_messages(self, digest: Digest, lang: str, note: str | None = None, *,
                        report_url: str | None = None, max_replies: int | None = None) -> list[OutboundMessage]:
        shown, rest = reply_split(digest, max_replies)
        stats = digest.stats
        lines = [f"# {label(lang, 'title', date=digest.date)}", f"## {inline(digest.repo)}"]
        if note:
            lines.append(f"_{inline(note)}_")
        lines.append(f"> {stats_text(lang, stats)}")
        if heuristic := heuristic_note(lang, digest):
            lines.append(f"> {heuristic}")
        lines += [f"- {inline(h)}" for h in digest.highlights]
        if report_url:
            lines.append(f"{FULL_REPORT.get(lang, FULL_REPORT['en'])}: {report_url}")
        if not digest.commits:
            lines.append(label(lang, "no_commits"))
        if rest:
            lines.append(label(lang, "capped_note", shown=len(shown), total=len(digest.commits), rest=len(rest)))
        groups = by_importance(shown)
        for level in IMPORTANCE_ORDER:
            if groups[level]:
                lines.append(f"### {label(lang, 'group_' + level, n=len(groups[level]))}")
                lines += [_line(r) for r in groups[level]]
        messages = [OutboundMessage(thread=False, body={"text": _clean("\n".join(lines))}, key="summary/0")]
        for report in shown:
            text = render_commit_markdown(report, lang, digest.repo_url)
            messages.append(OutboundMessage(thread=True, body={"text": _clean(text)},
                                            key=f"{report.commit.sha}/0"))
        if rest:
            listed, left = listing([f"{IMPORTANCE_ICON[r.analysis.importance]} {_line(r)}" for r in rest])
            if left:
                listed.append(label(lang, "overflow_more", n=left))
            text = "\n".join([f"### {label(lang, 'overflow_title', n=len(rest))}"] + listed)
            messages.append(OutboundMessage(thread=True, body={"text": _clean(text)}, key="overflow/0"))
        return messages

    def explain_messages(self, response: ExplainResponse) -> list[OutboundMessage]:
        text = render_explain_markdown(response.report, response.lang, response.repo_url)
        return [OutboundMessage(thread=False, body={"text": _clean(text)})]

    def week_messages(self, week, lang: str) -> list[OutboundMessage]:
        from analysis.renderers.week_markdown import CONSOLE, render_week_markdown

        return [OutboundMessage(thread=False, body={"text": _clean(render_week_markdown(week, lang, CONSOLE))},
                                key="summary/0")]

    def answer_messages(self, answer, lang: str) -> list[OutboundMessage]:
        from analysis.renderers.answer_text import answer_lines
        from analysis.renderers.week_markdown import CONSOLE

        return [OutboundMessage(thread=False, body={"text": _clean("\n".join(answer_lines(answer, lang, CONSOLE)))})]

    def text_message(self, response: TextResponse) -> OutboundMessage:
        prefix = "error: " if response.error else ""
        return OutboundMessage(thread=False, body={"text": _clean(prefix + response.text)})


class ConsoleAdapter:
    """Reads ``/digest ...`` lines from ``stdin``; writes every post to ``stdout``."""

    platform = "console"
    supports_threads = True
    supports_files = True  # written under the data directory, printed as "attached: name (N bytes), saved as PATH"

    def __init__(self, settings, core: Core, *, stdin: TextIO | None = None, stdout: TextIO | None = None):
        self.core = core
        self.attachments_dir = Path(settings.data_dir) / ATTACHMENTS_DIR
        self.renderer = ConsoleRenderer()
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self._ids = itertools.count(1)
        self._task: asyncio.Task | None = None
        self.finished = asyncio.Event()

    async def start(self) -> None:
        if _is_terminal(self.stdin):  # a person at a prompt, not a pipe: say how to talk to the bot
            self.stdout.write(GREETING + "\n")
            self.stdout.flush()
        self._task = asyncio.create_task(self._read_loop(), name="console-input")

    async def stop(self) -> None:
        if self._task and not self._task.done():
            self._task.cancel()
        self.finished.set()

    async def send(self, channel: ChannelRef, message: OutboundMessage, thread_id: str | None = None) -> str:
        message_id = str(next(self._ids))
        head = f"--- message {message_id}" + (f" (reply in thread {thread_id})" if thread_id else "") + " ---"
        self.stdout.write(f"{head}\n{message.body.get('text', '')}\n")
        for name, content in message.files:
            path = await asyncio.to_thread(self._save, name, content)
            self.stdout.write(f"attached: {_clean(name)} ({len(content)} bytes), saved as {_clean(str(path))}\n")
        self.stdout.flush()
        return message_id

    def _save(self, name: str, content: bytes) -> Path:
        """An attachment written under the data directory (its own name, never a path); its absolute path."""
        self.attachments_dir.mkdir(parents=True, exist_ok=True)
        path = (self.attachments_dir / (Path(name).name or "attachment")).resolve()
        path.write_bytes(content)
        return path

    async def _press(self, ctx: CommandContext, words: list[str]) -> list:
        """``press KIND SHA [REPO]``: what a digest reply's button does on Slack or Discord (KIND: explain, less,
        more, mute, mute_confirm, mute_cancel; REPO optional when the console follows one repository)."""
        subs = self.core.subscriptions.in_channel(ctx.channel)
        if len(words) not in (2, 3) or words[0] not in KINDS or (len(words) == 2 and len(subs) != 1):
            return [TextResponse(f"usage: /digest press {'|'.join(KINDS)} SHA [REPO] (REPO unless the console "
                                 "follows exactly one repository)", error=True)]
        repo = words[2] if len(words) == 3 else subs[0].repo
        answers = []
        for response in await self.core.act(ctx, ButtonAction(words[0], repo, words[1].lower())):
            if isinstance(response, ConfirmResponse):  # no buttons here: the answers are commands
                response = TextResponse(f"{response.text} Answer with /digest press mute_confirm {words[1]} {repo} "
                                        f"or /digest press mute_cancel {words[1]} {repo}.")
            answers.append(response)
        return answers

    async def _read_loop(self) -> None:
        try:
            while True:
                line = await asyncio.to_thread(self.stdin.readline)
                if not line:
                    break
                await self.handle_line(line)
        finally:
            self.finished.set()

    async def handle_line(self, line: str) -> None:
        text = line.strip()
        if not text or text.startswith("#"):
            return
        for prefix in ("/digest", "digest"):
            if text == prefix or text.startswith(prefix + " "):
                text = text[len(prefix):].strip()
                break
        ctx = CommandContext(channel=CONSOLE_CHANNEL, user="console")
        pressed = text.split()
        if pressed and pressed[0].lower() == "press":  # the digest buttons, typed
            responses = await self._press(ctx, pressed[1:])
        else:
            responses = await self.core.handle_command(ctx, text)
        for response in responses:
            try:
                await self.core.publish(self, ctx, response)
            except Exception as error:  # noqa: BLE001 - report and keep reading commands
                log.exception("posting failed")
                await self.send(ctx.channel, self.renderer.text_message(TextResponse(str(error), error=True)))
