"""What every renderer shares about an analysis's impact list and coverage note, before its own escaping."""

from __future__ import annotations

#: how many unseen files a coverage note names before "and N more"
COVERAGE_FILES_SHOWN = 10
#: a "module: effect" head longer than this is prose with a colon in it, not a module name
IMPACT_HEAD_LIMIT = 120


def split_impact(item: str) -> tuple[str | None, str]:
    """``"module: effect"`` (or ``"module：effect"``) as ``("module", "effect")``; ``(None, item)`` when the item has
    no such head. The first colon of either kind ends the head: a Chinese line's effect may name a URL, whose ``:``
    is no head's end (``.pre-commit-config.yaml（+4/−0）：`repos[https://...]```).

    Both parts are stripped and raw: each renderer escapes and formats them for its platform.
    """
    colons = [i for i in (item.find(":"), item.find("：")) if i >= 0]  # a Chinese line's head ends at "："
    if not colons:
        return None, item
    head, tail = item[:min(colons)], item[min(colons) + 1:]
    if head.strip() and len(head) <= IMPACT_HEAD_LIMIT and tail.strip():
        return head.strip(), tail.strip()
    return None, item
