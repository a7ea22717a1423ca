"""Go-template lines laid out anew: re-indented, whitespace-trim markers moved, ``indent`` spelled ``nindent``."""

from __future__ import annotations

import re
from collections import Counter

_TRIM = re.compile(r"\{\{-\s*|\s*-\}\}")
_NINDENT = re.compile(r"\|\s*nindent\b")
_SPACES = re.compile(r"\s+")


def _render_key(text: str) -> str:
    """A template line as it renders, give or take the whitespace Helm's ``nindent`` and trim markers manage:
    ``{{ toYaml . | indent 6 }}`` on its own line and ``  {{- toYaml . | nindent 6 }}`` render the same YAML."""
    text = _TRIM.sub("{{ ", text.strip())
    text = _NINDENT.sub("| indent", text)
    return _SPACES.sub(" ", text.replace("}}", " }}")).strip()


def relaid_template_lines(patch: str | None) -> str | None:
    """The patch less the removed and added template lines that come back the same once laid out anew (a hunk
    header kept for each hunk); None when every changed line is such a pair."""
    hunks = re.split(r"^(@@[^\n]*@@[^\n]*)$", patch or "", flags=re.M)
    out: list[str] = []
    left = False
    for header, body in zip(hunks[1::2], hunks[2::2]):
        lines = body.split("\n")
        removed = Counter(_render_key(ln[1:]) for ln in lines if ln[:1] == "-" and "{{" in ln)
        added = Counter(_render_key(ln[1:]) for ln in lines if ln[:1] == "+" and "{{" in ln)
        relaid = removed & added
        gone, came = Counter(relaid), Counter(relaid)
        kept = []
        for ln in lines:
            key = _render_key(ln[1:]) if ln[:1] in "+-" and "{{" in ln else None
            pool = gone if ln[:1] == "-" else came
            if key is not None and pool[key] > 0:
                pool[key] -= 1
                continue
            kept.append(ln)
            left |= ln[:1] in "+-" and bool(ln[1:].strip())
        out += [header, "\n".join(kept)]
    return "\n".join(out) if left else None
