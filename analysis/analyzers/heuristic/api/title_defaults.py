"""A default the title names, changed in product code: ``key: old`` replaced by ``key: new`` for the key it names
(or ``headers.set('Key', old)`` by ``headers.set('Key', new)``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.facts.patches import parse_patch
from analysis.models import FileChange

#: the title says a default changes ("default to strict-origin-when-cross-origin referrer-policy", "change the
#: default timeout", "defaults to 30s")
#: ("Disable `preserveConsecutiveUppercase` option by default": what is on or off when nobody sets it)
_DEFAULT_TITLE = re.compile(r"\bdefault(s|ed|ing)? (to|is|value|of)\b|\b(chang\w*|switch\w*|set\w*|new) (the )?defaults?\b"
                            r"|\bby default\b", re.I)
#: one setting's line: ``referrerPolicy: false,``, ``timeout = 30``, ``"retries": 3,``
_ENTRY = re.compile(r"""^\s*["']?(?P<key>[A-Za-z_$][\w$-]*)["']?\s*[:=]\s*(?P<value>"[^"]{0,80}"|'[^']{0,80}'|"""
                    r"""[-+]?[\w.]{1,40})\s*[,;]?\s*(//.*|#.*)?$""")
#: the title names the default itself: "Fix default user agent string", "default timeout too short" (only the few
#: words after ``default`` may then name the key)
_DEFAULT_NAMED = re.compile(r"\bdefault\s+(?P<words>[\w-]+(?:\s+[\w-]+){0,2})", re.I)
#: a value set through a setter call keyed by a string: ``headers.set('User-Agent', 'node-fetch')``,
#: ``res.setHeader("Cache-Control", "no-store")``
_SETTER = re.compile(r"""^\s*[\w$.\[\]]*\.(?:set|put|add)\w*\(\s*(?P<q>["'])(?P<key>[\w-]{1,60})(?P=q)\s*,\s*"""
                     r"""(?P<value>"[^"]{0,80}"|'[^']{0,80}'|[-+]?[\w.]{1,40})\s*\)\s*;?\s*(//.*)?$""")
#: a key short enough to be found by chance in any title
_MIN_KEY = 4


def _squashed(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _setting(line: str) -> re.Match[str] | None:
    return _ENTRY.match(line) or _SETTER.match(line)


def title_defaults_changed(title: str, files: Iterable[FileChange]) -> list[tuple[str, str, str, str]]:
    """(key, old value, new value, path) of each setting whose value a hunk replaces, when the title says a
    default changes and names the key (``referrer-policy`` names ``referrerPolicy``): users who never set it get
    the new value."""
    if _DEFAULT_TITLE.search(title):
        named = _squashed(title)
    elif (said := _DEFAULT_NAMED.search(title)):
        named = _squashed(said.group("words"))
    else:
        return []
    out = []
    for f in files:
        for hunk in parse_patch(f.path, f.patch).hunks:
            old = {m.group("key"): m.group("value") for line in hunk.removed if (m := _setting(line.text))}
            for line in hunk.added:
                m = _setting(line.text)
                key = m.group("key") if m else ""
                if (len(key) >= _MIN_KEY and key in old and old[key] != m.group("value")
                        and _squashed(key) in named):
                    out.append((key, old[key], m.group("value"), f.path))
    return out
