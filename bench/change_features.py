"""Numbers that describe one change, read from its facts, paths and title, never from a rule's verdict.

``bench/learned_baseline.py`` fits a model on these; nothing in the product imports this. Each feature is something
the diff or the message shows (lines by path class, fact kinds, public symbols touched, the conventional prefix, title
words), so the baseline measures how much the diff's own signal says about importance, apart from how the
hand-written rules combine it.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from analysis.analyzers.heuristic.evidence import Evidence

_WORD = re.compile(r"[a-z]{3,}")


def _log(n: float) -> float:
    return math.log1p(max(0.0, n))


def change_features(e: Evidence) -> dict[str, float]:
    """The change as a sparse vector: sizes, path classes, fact kinds, public symbols, prefix and title words."""
    f: dict[str, float] = {
        "lines": _log(sum(x.changes for x in e.files)),
        "behaviour_lines": _log(e.behaviour_lines),
        "sized_lines": _log(e.sized_lines),
        "files": _log(len(e.files)),
        "product_files": _log(len(e.product)),
        "behaviour_files": _log(len(e.behaviour)),
        "no_behaviour": float(not e.behaviour),
        "breaking_marker": float(e.breaking_marker),
        "security_signals": _log(len(e.security_signals)),
        "security_words": float(bool(e.security_words)),
        "changelog": float(bool(e.changelog)),
        "body": _log(len(e.body)),
        f"prefix={e.prefix_type}": 1.0,
    }
    classes = Counter(cls for x in e.files for cls in e.classes[x.path])
    for cls, n in classes.items():
        f[f"class={cls}"] = n / max(1, len(e.files))
    for kind, n in Counter(x.kind for x in e.facts).items():
        f[f"fact={kind}"] = _log(n)
    for fact in e.facts:
        if fact.kind.startswith(("symbol_", "signature_")):
            key = f"{fact.kind}:{'public' if e.is_public(fact) else 'private'}"
            f[key] = f.get(key, 0.0) + 1.0
    for key in [k for k in f if k.startswith(("symbol_", "signature_"))]:
        f[key] = _log(f[key])
    for word in set(_WORD.findall(e.title.lower())):
        f[f"word={word}"] = 1.0
    return f
