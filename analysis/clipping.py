"""Cutting quoted text short: at a word boundary, never inside a code span or an identifier, and keeping the
security advisory ids (GHSA, CVE) the cut-off tail names."""

from __future__ import annotations

import re

#: a security advisory id, bare or in a Sphinx role: ``GHSA-hgf8-39gv-g3f2``, ``:ghsa:`hgf8-39gv-g3f2```,
#: ``CVE-2024-1234``, ``:cve:`2024-1234```
ADVISORY_ID = re.compile(r"(?<![\w-])(?:GHSA-|:ghsa:`)([23456789cfghjmpqrvwx]{4}(?:-[23456789cfghjmpqrvwx]{4}){2})`?"
                         r"|(?<![\w-])(?:CVE-|:cve:`)(\d{4}-\d{4,})`?", re.I)


def _spelled(match: re.Match[str]) -> str:
    return f"GHSA-{match.group(1).lower()}" if match.group(1) else f"CVE-{match.group(2)}"


def spell_advisories(text: str) -> str:
    """``text`` with each advisory id spelled as a bare id (``:ghsa:`hgf8-39gv-g3f2``` -> ``GHSA-hgf8-39gv-g3f2``)."""
    return ADVISORY_ID.sub(_spelled, text)


def advisory_ids(text: str) -> list[str]:
    """The advisory ids ``text`` names, spelled ``GHSA-xxxx-xxxx-xxxx`` / ``CVE-yyyy-nnnn``, in order, once each."""
    ids: list[str] = []
    for match in ADVISORY_ID.finditer(text):
        spelled = _spelled(match)
        if spelled not in ids:
            ids.append(spelled)
    return ids


def clip_words(text: str, limit: int) -> str:
    """``text`` of at most about ``limit`` characters: cut at the last space before the limit that is outside a
    backticked span, a Sphinx role left whole or dropped, with "…" unless a sentence ends there; advisory ids of the
    dropped tail follow."""
    if len(text) <= limit:
        return text
    cut = limit - 1
    while cut > 0:
        cut = text.rfind(" ", 0, cut)
        if cut <= 0 or text[:cut].count("`") % 2 == 0:
            break
    head = re.sub(r"\s*:\w+:$", "", text[:cut].rstrip()) if cut > 0 else text[: limit - 1]
    ids = [i for i in advisory_ids(text[len(head):]) if i not in advisory_ids(head)]
    head = head.rstrip(" ,;:")
    # a sentence's own stop needs no ellipsis; a word cut in its middle (no space to cut at) always does
    ends = cut > 0 and head.endswith((".", "!", "?"))
    return head + ("" if ends else "…") + "".join(f" {i}" for i in ids)
