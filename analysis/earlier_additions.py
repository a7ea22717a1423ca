"""Symbols an earlier change of the same day added: API no release has had yet.

A pull request rebased onto the main branch lands as a run of commits; one of them adds ``FileLookupError`` and a
later one, an hour (or a second) after, removes or renames it again. Read alone, the later commit "removes a public
symbol: every import breaks". Read with its day, it reworks what has not shipped. The digest knows the day: this
module finds, for one change, the symbols that the changes before it on the branch's first-parent line added.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from analysis.facts.code.symbols import short_name
from analysis.models import Commit, Fact


def day_line(day: Mapping[str, Commit], commit: Commit) -> list[Commit]:
    """The day's changes before ``commit`` on its first-parent line, nearest first: its first parent, that one's
    first parent, and so on while they are of the day (``day``: the day's changes by full SHA)."""
    line: list[Commit] = []
    seen = {commit.sha}
    sha = commit.parents[0] if commit.parents else None
    while sha in day and sha not in seen:
        seen.add(sha)
        line.append(day[sha])
        sha = line[-1].parents[0] if line[-1].parents else None
    return line


def earlier_additions(day: Iterable[tuple[Commit, Iterable[Fact]]], commit: Commit) -> dict[str, str]:
    """{symbol: short SHA of the change that added it} for the symbols (not marked private) that the day's changes
    before ``commit`` (``day_line``) added."""
    facts_of = {other.sha: list(facts) for other, facts in day}
    out: dict[str, str] = {}
    for other in day_line({other.sha: other for other, _ in day}, commit):
        facts = facts_of[other.sha]
        # a symbol "added" in one file and removed under its name from another moved there: released before
        moved = {short_name(f.symbol or "") for f in facts if f.kind == "symbol_removed"}
        for fact in facts:
            if (fact.kind == "symbol_added" and fact.symbol and fact.public is not False
                    and short_name(fact.symbol) not in moved):
                out[fact.symbol] = other.short_sha  # walking back: the earliest change that added it wins
    return out


def may_touch_earlier(facts: Iterable[Fact]) -> bool:
    """The change removes a symbol or changes one's signature or reach: only then can the day before it matter."""
    return any(f.kind in ("symbol_removed", "signature_changed")
               or (f.kind == "symbol_modified" and "public" in (f.text or "")) for f in facts)
