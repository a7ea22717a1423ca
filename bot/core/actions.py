"""Buttons under a digest's commit replies: what a button carries, and what pressing it does.

A button's value (Slack) or custom_id (Discord) carries only the kind, the commit's full SHA and the
repository (``db1:<code>:<sha>:<owner/name>``; a repository name too long for Discord's 100 characters
is carried as ``~`` and a hash, found again among the channel's subscriptions). Nothing in it is
trusted: ``parse_action`` re-validates the SHA and the name, and ``act`` answers only for a repository
the channel follows, with the permissions of the equivalent command (Mute: ``subscribe``'s; Explain:
``explain``'s, the private-repository guard included; feedback: any member).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from analysis.analyzers.llm.context import fact_line
from analysis.errors import BadInput, DigestError
from analysis.models import CommitReport
from analysis.renderers.inert_text import code_span
from analysis.sources.names import is_repo_name, parse_repo_name
from bot.core.chat import CommandContext, ExplainResponse, Response, TextResponse
from bot.core.filters import ignore_pattern
from bot.core.limits import pools
from bot.core.subscriptions import Subscription
from bot.store import StoreCorrupt

if TYPE_CHECKING:
    from bot.core.service import BotCore

log = logging.getLogger(__name__)

PREFIX = "db1"
CODES = {"explain": "e", "less": "l", "more": "m", "mute": "u", "mute_confirm": "y", "mute_cancel": "n"}
KINDS = tuple(CODES)
_KIND_OF = {code: kind for kind, code in CODES.items()}
#: what a button's value must look like; the repository part is checked by ``parse_repo_name``
VALUE = re.compile(rf"^{PREFIX}:(?P<code>[a-z]):(?P<sha>[0-9a-f]{{40}}):(?P<repo>[^\s:]{{1,200}})$")
_HASHED = re.compile(r"^~[0-9a-f]{12}$")
DISCORD_VALUE_LIMIT = 100
SLACK_VALUE_LIMIT = 2000
#: containers whose subfolders are the real areas (``src/auth/``, not ``src/``)
CONTAINERS = {"src", "lib", "libs", "pkg", "packages", "apps", "internal", "cmd", "crates", "modules",
              "services", "plugins", "components"}
MAX_MUTED_DIRS = 8
FACTS_PER_MESSAGE = 40
MAX_FACT_MESSAGES = 5

LABELS = {
    "en": {"explain": "Explain in depth", "less": "Not important here", "more": "More important here",
           "mute": "Mute these paths", "mute_confirm": "Confirm", "mute_cancel": "Cancel"},
    "zh": {"explain": "深入解释", "less": "此处不重要", "more": "此处更重要", "mute": "屏蔽这些路径",
           "mute_confirm": "确认", "mute_cancel": "取消"},
}
STYLES = {"mute_confirm": "danger", "explain": "primary"}


@dataclass(frozen=True)
class ButtonAction:
    """A button pressed: its kind, the repository (``owner/name``, or ``~hash`` of one) and the commit's SHA."""

    kind: str
    repo: str
    sha: str


@dataclass(frozen=True)
class Button:
    """One button to render: its label, its style ("primary", "danger" or "default") and its encoded action."""

    kind: str
    label: str
    value: str
    style: str = "default"


@dataclass
class ConfirmResponse:
    """A question only the presser sees (ephemeral where the platform allows), with buttons to answer it:
    one per kind in ``kinds``, about ``sha`` of ``repo``."""

    text: str
    repo: str
    sha: str
    lang: str = "en"
    kinds: tuple[str, ...] = ("mute_confirm", "mute_cancel")

    def buttons(self, limit: int) -> list[Button]:
        return buttons_for(self.kinds, self.repo, self.sha, self.lang, limit)


def repo_hash(repo: str) -> str:
    return "~" + hashlib.sha256(repo.lower().encode()).hexdigest()[:12]


def encode_action(action: ButtonAction, limit: int = SLACK_VALUE_LIMIT) -> str:
    """The button value for ``action``, at most ``limit`` characters (the repository hashed if need be)."""
    value = f"{PREFIX}:{CODES[action.kind]}:{action.sha}:{action.repo}"
    return value if len(value) <= limit else f"{PREFIX}:{CODES[action.kind]}:{action.sha}:{repo_hash(action.repo)}"


def parse_action(value: object) -> ButtonAction:
    """The action a received button value names; BadInput for anything we did not write."""
    match = VALUE.fullmatch(value) if isinstance(value, str) else None
    if match is None or match["code"] not in _KIND_OF:
        raise BadInput("this button is not one of ours, or is from an older version; use /digest help")
    repo = match["repo"]
    if not _HASHED.match(repo):
        repo = parse_repo_name(repo)
    return ButtonAction(_KIND_OF[match["code"]], repo, match["sha"])


def buttons_for(kinds: tuple[str, ...], repo: str, sha: str, lang: str, limit: int) -> list[Button]:
    labels = LABELS.get(lang, LABELS["en"])
    return [Button(kind, labels[kind], encode_action(ButtonAction(kind, repo, sha), limit), STYLES.get(kind, "default"))
            for kind in kinds]


def commit_buttons(repo: str, sha: str, lang: str, limit: int = SLACK_VALUE_LIMIT) -> list[Button]:
    """The four buttons under a commit's reply in a digest."""
    return buttons_for(("explain", "less", "more", "mute"), repo, sha, lang, limit)


def top_directories(paths: list[str]) -> list[str]:
    """The areas a commit touches, most files first: a path's first folder (two under ``src/`` and the like)."""
    counts: Counter[str] = Counter()
    for path in paths:
        parts = path.strip("/").split("/")[:-1]
        if not parts:
            continue  # a file at the top: no directory to mute
        depth = 2 if parts[0].lower() in CONTAINERS and len(parts) > 1 else 1
        counts["/".join(parts[:depth])] += 1
    ranked = [name for name, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    return [d for d in ranked if not any(d.startswith(other + "/") for other in ranked)]  # src/ covers src/auth/


# --- acting ----------------------------------------------------------------------------------------------

async def act(core: "BotCore", ctx: CommandContext, action: ButtonAction) -> list[Response | ConfirmResponse]:
    """What pressing ``action`` answers; one sentence for anything refused or failed, never raises."""
    try:
        sub = _followed(core, ctx, action.repo)
        return await _HANDLERS[action.kind](core, ctx, sub, action.sha)
    except StoreCorrupt:
        log.exception("button %s failed: the store is damaged", action.kind)
    except DigestError as error:
        return [TextResponse(str(error), error=True)]
    except Exception:  # noqa: BLE001 - one failing button must not stop the bot
        log.exception("button %s on %s failed", action.kind, action.sha[:12])
    return [TextResponse("Something went wrong on our side; the details are in the bot's log.", error=True)]


def _followed(core: "BotCore", ctx: CommandContext, repo: str) -> Subscription:
    """The channel's subscription the button speaks of; BadInput when the channel does not follow it (now)."""
    if _HASHED.match(repo):
        sub = next((s for s in core.subscriptions.in_channel(ctx.channel) if repo_hash(s.repo) == repo), None)
    else:
        sub = core.subscriptions.get(ctx.channel, repo)
    if sub is None:
        shown = "that repository" if _HASHED.match(repo) else f"`{repo}`"
        raise BadInput(f"this channel does not follow {shown} (any more); its buttons work only while it does")
    return sub


async def _report(core: "BotCore", ctx: CommandContext, sub: Subscription, sha: str) -> CommitReport:
    """The commit as the digest showed it: from the caches, else analysed again (cached then)."""
    report = await pools.store_io(core.digests.cached_report, _source_name(sub), sha, sub.lang, sub.tz)
    if report is not None:
        return report
    source = await core._open_checked(ctx.channel.platform, sub.repo)
    return await core.digests.explain(source, sha, sub.lang, tz=sub.tz)


def _source_name(sub: Subscription) -> str:
    """The name the caches record a commit under: GitHub's ``owner/name``; a local repository's folder name."""
    return sub.repo if is_repo_name(sub.repo) else PurePath(sub.repo.rstrip("/")).name


async def _explain(core: "BotCore", ctx: CommandContext, sub: Subscription, sha: str) -> list:
    """A deeper analysis in the thread: the LLM's deep prompt, or the heuristic's facts, every one."""
    with core._build_slot(ctx):
        source = await core._open_checked(ctx.channel.platform, sub.repo)  # the private-repository guard
        report = await core.digests.explain(source, sha, sub.lang, deep=True, tz=sub.tz)
    if report.analysis.analyzer == "heuristic":
        return facts_responses(report, sub.lang)
    # the level this channel's feedback taught, as in its digests and `explain`
    report = await pools.store_io(core.feedback.adjust_report, ctx.channel.key, source.repo_name, report, sub.lang)
    return [ExplainResponse(report, repo=source.repo_name, repo_url=source.repo_url, lang=sub.lang)]


def facts_responses(report: CommitReport, lang: str) -> list[TextResponse]:
    """Every fact the diff gave the heuristic, each as inert code, in a few messages of the thread."""
    commit, facts = report.commit, report.analysis.facts
    zh = lang == "zh"
    if zh:
        head = f"`{commit.short_sha}` 的差异事实（启发式分析器的依据，共 {len(facts)} 条）："
    else:
        head = f"Facts from the diff of `{commit.short_sha}` (the heuristic analyzer's evidence, {len(facts)}):"
    if report.analysis.fallback:
        head += (" 模型分析未成功：" if zh else " The model's analysis failed: ") + code_span(report.analysis.fallback)
    if not facts:
        return [TextResponse(head + (" 无（仅路径与统计）。" if zh else " none (paths and counts only)."),
                             ephemeral=False)]
    lines = [f"• {code_span(fact_line(fact)[2:], 300)}" for fact in facts]
    chunks = [lines[i:i + FACTS_PER_MESSAGE] for i in range(0, len(lines), FACTS_PER_MESSAGE)]
    shown = chunks[:MAX_FACT_MESSAGES]
    left = len(lines) - sum(len(chunk) for chunk in shown)
    if left:
        shown[-1] = shown[-1] + [f"… 另有 {left} 条" if zh else f"… and {left} more"]
    return [TextResponse("\n".join(([head] if i == 0 else []) + chunk), ephemeral=False)
            for i, chunk in enumerate(shown)]


async def _mute(core: "BotCore", ctx: CommandContext, sub: Subscription, sha: str) -> list:
    """The question first: which directories would be muted, with Confirm / Cancel."""
    return await _muting(core, ctx, sub, sha, confirmed=False)


async def _mute_confirm(core: "BotCore", ctx: CommandContext, sub: Subscription, sha: str) -> list:
    return await _muting(core, ctx, sub, sha, confirmed=True)


async def _muting(core: "BotCore", ctx: CommandContext, sub: Subscription, sha: str, confirmed: bool) -> list:
    """Mute changes the subscription: the permission of ``subscribe``; the directories read from the commit."""
    core._require_manage(ctx)
    report = await _report(core, ctx, sub, sha)
    dirs = _new_dirs(sub, report)
    if not dirs:
        return [TextResponse(_nothing_to_mute(sub, report))]
    listed = ", ".join(code_span(d + "/") for d in dirs)
    if not confirmed:
        return [ConfirmResponse(f"Mute {listed} in this channel's digest of `{sub.repo}`? Commits touching only "
                                "these paths will no longer be posted here.", sub.repo, report.commit.sha, sub.lang)]
    muted = sub.model_copy(update={"paths": [*sub.paths, *(ignore_pattern(d) for d in dirs)]})
    await pools.store_io(core.subscriptions.save, muted)
    core._changed(muted, removed=False)
    return [TextResponse(f"Muted {listed} in this channel's digest of `{sub.repo}`; `/digest list` shows them as "
                         f"`!` paths, `/digest subscribe {sub.repo} paths ...` changes them.")]


async def _mute_cancel(core: "BotCore", ctx: CommandContext, sub: Subscription, sha: str) -> list:
    return [TextResponse("Nothing was muted.")]


def _new_dirs(sub: Subscription, report: CommitReport) -> list[str]:
    """The commit's top directories this subscription does not ignore yet (at most MAX_MUTED_DIRS)."""
    ignored = set(sub.paths)
    dirs = top_directories([f.path for f in report.commit.files])
    return [d for d in dirs if ignore_pattern(d) not in ignored][:MAX_MUTED_DIRS]


def _nothing_to_mute(sub: Subscription, report: CommitReport) -> str:
    if top_directories([f.path for f in report.commit.files]):
        return f"The directories of `{report.commit.short_sha}` are already muted in this channel."
    return f"`{report.commit.short_sha}` changes only top-level files: there is no directory to mute."


async def _vote(core: "BotCore", ctx: CommandContext, sub: Subscription, sha: str, vote: str) -> list:
    """Feedback from any member: recorded for this channel by the feedback book, acknowledged in a sentence."""
    report = await _report(core, ctx, sub, sha)
    acknowledgement = await pools.store_io(
        core.feedback.record, ctx.channel.key, sub.repo, report.commit.sha, vote, user=ctx.user,
        importance=report.analysis.importance, change_type=report.analysis.change_type,
        paths=[f.path for f in report.commit.files])
    return [TextResponse(acknowledgement)]


async def _less(core: "BotCore", ctx: CommandContext, sub: Subscription, sha: str) -> list:
    return await _vote(core, ctx, sub, sha, "less")


async def _more(core: "BotCore", ctx: CommandContext, sub: Subscription, sha: str) -> list:
    return await _vote(core, ctx, sub, sha, "more")


_HANDLERS = {"explain": _explain, "less": _less, "more": _more, "mute": _mute, "mute_confirm": _mute_confirm,
             "mute_cancel": _mute_cancel}
