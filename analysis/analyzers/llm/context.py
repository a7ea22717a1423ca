"""What the LLM prompt says around a commit: repository, description, related commits, verified facts, fitted diff."""

from __future__ import annotations

import logging
import re

from analysis.analyzers.base import AnalysisContext, RelatedCommit
from analysis.analyzers.llm.patch_budget import RANK, FittedDiff, TokenCounter, classify, fit_patches
from analysis.analyzers.llm.prompt import defuse, language_name
from analysis.analyzers.llm.wider_context import language_of, widen_patch
from analysis.models import Commit, Fact

logger = logging.getLogger(__name__)

DESCRIPTION_CHARS = 300
MAX_RELATED = 10
MAX_FACTS = 40
#: at most this many files are read again for their enclosing functions
MAX_WIDENED_FILES = 8
#: budget kept free when buying wider context (token merges across pieces are not additive)
WIDEN_RESERVE = 64


def _one_line(text: str | None, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def related_lines(related: list[RelatedCommit]) -> str:
    """One line per related commit: short SHA, title and the paths it shares with this commit."""
    lines = []
    for other in related[:MAX_RELATED]:
        shared = ", ".join(other.shared_paths[:5])
        lines.append(f"- {other.short_sha} {_one_line(other.title, 120)}" + (f" (shares: {shared})" if shared else ""))
    return "\n".join(lines)


def unreleased_lines(facts: list[Fact], added_earlier: dict[str, str]) -> str:
    """One line per symbol this commit removes or reshapes that an earlier change of the same day added."""
    touched = dict.fromkeys(f.symbol for f in facts if f.symbol in added_earlier
                            and f.kind in ("symbol_removed", "signature_changed", "symbol_modified"))
    return "\n".join(f"- {name} (added by {added_earlier[name]})" for name in list(touched)[:MAX_RELATED])


def fact_line(fact: Fact) -> str:
    """``kind path: symbol (public) before -> after "text"`` with only the parts the fact has."""
    line = f"- {fact.kind} {fact.path}"
    if fact.symbol:
        line += f": {fact.symbol}"
    if fact.public is not None:
        line += " (public)" if fact.public else " (internal)"
    if fact.before is not None or fact.after is not None:
        line += f": {_one_line(fact.before, 160) or '(none)'} -> {_one_line(fact.after, 160) or '(none)'}"
    if fact.text:
        line += f' "{_one_line(fact.text, 200)}"'
    return line


def facts_lines(facts: list[Fact], limit: int = MAX_FACTS) -> str:
    lines = [fact_line(f) for f in facts[:limit]]
    if len(facts) > limit:
        lines.append(f"- ... and {len(facts) - limit} more facts")
    return "\n".join(lines)


def commit_variables(commit: Commit, lang: str, context: AnalysisContext, max_facts: int = MAX_FACTS) -> dict:
    """The prompt's variables for one commit (every untrusted text defused)."""
    return {
        "repo": defuse(context.repo or repo_of(commit) or "(unknown)"),
        "description": defuse(_one_line(context.description, DESCRIPTION_CHARS)),
        "related": defuse(related_lines(context.related)),
        "unreleased": defuse(unreleased_lines(context.facts, context.added_earlier)),
        "facts": defuse(facts_lines(context.facts, max_facts)),
        "lang": lang,
        "language": language_name(lang),
        "title": defuse(commit.title),
        "body": defuse(commit.body),
        "author": defuse(commit.author_login or commit.author),
        "date": commit.committed_at.isoformat(),
        "sha": commit.sha,
        "files_total": len(commit.files),
        "additions": commit.additions,
        "deletions": commit.deletions,
    }


def fit_diff(commit: Commit, budget: int, count: TokenCounter, context: AnalysisContext,
             widen: bool = True, max_widened: int = MAX_WIDENED_FILES) -> FittedDiff:
    """The commit's diff fitted to ``budget``; budget left over buys source hunks their enclosing functions.

    Only when ``widen`` (the full analysis; a summary needs no more) and every file's patch fits as
    it is; lock and generated files are never widened (only files ``classify`` calls source are),
    and a file that cannot be read is left as it is.
    """
    narrow = fit_patches(commit.files, budget, count)
    file_text = context.file_text if widen else None
    left = budget - narrow.tokens - WIDEN_RESERVE
    if file_text is None or left <= 0 or _short_of_budget(commit, narrow):
        return narrow
    candidates = [i for i, f in enumerate(commit.files)
                  if f.status == "modified" and f.patch and language_of(f.path) and classify(f) == "source"]
    candidates.sort(key=lambda i: -commit.files[i].changes)
    files = list(commit.files)
    widened_any = False
    for i in candidates[:max_widened]:
        change = files[i]
        try:
            text = file_text(change.path)
        except Exception:  # noqa: BLE001 - wider context is a bonus; the source logs its own failures
            logger.debug("cannot read %s for wider context", change.path, exc_info=True)
            continue
        wider = widen_patch(change.path, change.patch, text) if text else None
        if wider is None:
            continue
        extra = count(wider) - count(change.patch)
        if extra > left:
            continue
        files[i] = change.model_copy(update={"patch": wider})
        left -= extra
        widened_any = True
    if not widened_any:
        return narrow
    wide = fit_patches(files, budget, count)
    return narrow if _short_of_budget(commit, wide) else wide


def _short_of_budget(commit: Commit, fitted: FittedDiff) -> bool:
    """Some showable file's patch was left out or cut (lock, generated and binary files are never shown)."""
    unseen = set(fitted.unseen)
    showable_unseen = any(f.path in unseen and classify(f) in RANK for f in commit.files)
    return showable_unseen or "[hunk truncated" in fitted.patches


def repo_of(commit: Commit) -> str:
    """``owner/name`` from a GitHub-style commit URL, when there is one."""
    match = re.search(r"https?://[^/]+/([^/]+/[^/]+)/commit/", commit.url or "")
    return match.group(1) if match else ""
