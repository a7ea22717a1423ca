"""The commands around feedback: the learnt lessons as ``/digest list`` shows them, and ``/digest forget REPO``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.renderers.inert_text import code_span
from analysis.sources.names import parse_repo_name
from bot.core.chat import CommandContext, Response, TextResponse
from bot.core.commands import Command
from bot.core.feedback.rule import Lesson
from bot.core.feedback.votes import describe_lesson
from bot.core.limits import pools

if TYPE_CHECKING:
    from bot.core.service import BotCore


def lessons_line(repo: str, lessons: list[Lesson]) -> str:
    """One ``list`` line under a subscription: what the channel's feedback taught, and how to reset it."""
    taught = "; ".join(f"{describe_lesson(lesson)} shown one level {'lower' if lesson.shift < 0 else 'higher'}"
                       for lesson in lessons)
    return f"   learnt from this channel's feedback: {taught} (`/digest forget {repo}` resets)"


async def forget_command(core: "BotCore", ctx: CommandContext, command: Command) -> list[Response]:
    """Delete the channel's feedback votes on the repository, so its digests show the analyzer's importance again."""
    sub = core.subscriptions.get(ctx.channel, command.repo)
    repo = sub.repo if sub is not None else command.repo
    if sub is None and ctx.channel.platform != "console":
        repo = parse_repo_name(repo)  # a name, not a path, before it is echoed back
    count = await pools.store_io(core.feedback.forget, ctx.channel.key, repo)
    if not count:
        return [TextResponse(f"This channel gave no feedback on {code_span(repo)}; nothing to forget.")]
    return [TextResponse(f"Forgot {count} feedback vote(s) this channel gave on {code_span(repo)}; its digests "
                         "show the analyzer's importance again.", ephemeral=False)]
