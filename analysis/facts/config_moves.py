"""Configuration keys moved, not removed: a key one configuration file of the commit loses and exactly one other file
gains, with the same dotted path and value (a section split out to its own file, settings regrouped). The removal
keeps its kind with ``text`` "moved to <path>"; the gain's fact, when one names it, "moved from <path>"."""

from __future__ import annotations

import json
from typing import Any

from analysis.facts.config import join_key, load, render
from analysis.facts.contents import Sides
from analysis.facts.languages import config_format
from analysis.models import Fact

MOVED_TO = "moved to "
MOVED_FROM = "moved from "


def _leaves(path: str, value: Any, out: dict[str, str]) -> None:
    """``out`` gains ``value``'s scalar leaves (and lists, whole) by dotted path under ``path``."""
    if isinstance(value, dict) and value:
        for key, child in value.items():
            _leaves(join_key(path, key), child, out)
    else:
        out[path] = render(value)


def _document(text: str | None, fmt: str) -> dict[str, str] | None:
    """A one-document file's leaves ({} when absent); None when it cannot be read as one mapping."""
    if text is None:
        return {}
    docs = load(text, fmt)
    if docs is None or len(docs) > 1 or (docs and not isinstance(docs[0], dict)):
        return None
    out: dict[str, str] = {}
    _leaves("", docs[0] if docs else {}, out)
    return out


def _fact_leaves(fact: Fact, value: str | None) -> dict[str, str] | None:
    """The leaves a fact's rendered value holds under its key (None when the value is clipped or unknown)."""
    if value is None or value.endswith("…") or value.startswith("…"):
        return None
    if value.startswith("{"):
        try:
            parsed = json.loads(value)
        except ValueError:
            return None
        out: dict[str, str] = {}
        _leaves(fact.symbol or "", parsed, out)
        return out
    return {fact.symbol or "": value}


def _changes(facts: list[Fact], sides: dict[str, Sides]) -> tuple[dict[str, dict], dict[str, dict]]:
    """Per configuration file: the leaves it gains and those it loses (from both sides' texts when read, else from
    its facts)."""
    gained: dict[str, dict[str, str]] = {}
    lost: dict[str, dict[str, str]] = {}
    for path, side in sides.items():
        fmt = config_format(path)
        before, after = (_document(side.before, fmt), _document(side.after, fmt)) if fmt else (None, None)
        if before is not None and after is not None:
            gained[path] = {k: v for k, v in after.items() if before.get(k) != v}
            lost[path] = {k: v for k, v in before.items() if after.get(k) != v}
    for fact in facts:
        if fact.path in sides or fact.kind not in ("config_key_added", "config_key_removed"):
            continue
        leaves = _fact_leaves(fact, fact.after if fact.kind == "config_key_added" else fact.before) or {}
        (gained if fact.kind == "config_key_added" else lost).setdefault(fact.path, {}).update(leaves)
    return gained, lost


def _only_holder(leaves: dict[str, str] | None, files: dict[str, dict[str, str]], besides: str) -> str | None:
    """The one file other than ``besides`` whose leaves hold all of ``leaves``, if exactly one does."""
    if not leaves:
        return None
    holders = [path for path, held in files.items()
               if path != besides and all(held.get(k) == v for k, v in leaves.items())]
    return holders[0] if len(holders) == 1 else None


def fold_config_moves(facts: list[Fact], sides: dict[str, Sides]) -> dict[int, Fact]:
    """For each fact of a moved key (by ``id``): the same fact saying where the key went or came from. Facts that
    already carry a ``text`` (tooling keys, schema fields, feature aliases) are left as they are."""
    keyed = [f for f in facts if f.kind in ("config_key_added", "config_key_removed") and f.text is None]
    if not any(f.kind == "config_key_removed" for f in keyed):
        return {}
    gained, lost = _changes(keyed, sides)
    replace: dict[int, Fact] = {}
    for fact in keyed:
        if fact.kind == "config_key_removed":
            target = _only_holder(_fact_leaves(fact, fact.before), gained, fact.path)
            text = MOVED_TO + target if target else None
        else:
            origin = _only_holder(_fact_leaves(fact, fact.after), lost, fact.path)
            text = MOVED_FROM + origin if origin else None
        if text:
            replace[id(fact)] = fact.model_copy(update={"text": text})
    return replace
