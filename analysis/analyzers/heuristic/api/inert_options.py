"""Public options deprecated and made inert in the same change: callers still pass them, and they no longer act.

A deprecation alone warns callers of a future removal (medium); a deprecation whose documentation now says the
parameter "is ignored" or "has no effect" (netty's ``maxUnreleasedBuffers``: the constructors taking it deprecated,
the value no longer enforced) changes what every caller who set it gets today, with no error to tell them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import deprecations_added
from analysis.models import FileChange

#: an added line saying a parameter or option no longer acts ("this parameter is ignored", "as no effect" as
#: titles misspell "has")
_INERT = re.compile(r"\b(?:is|are|will be|now) (?:silently )?ignored\b|\b(?:has|have|as) no (?:longer any )?effect\b"
                    r"|\bno longer (?:has any effect|has an effect|used|honou?red|respected)\b", re.I)


def _added(patch: str | None) -> list[str]:
    return [ln[1:] for ln in (patch or "").splitlines() if ln.startswith("+") and not ln.startswith("+++")]


def inert_options(files: Iterable[FileChange]) -> list[str]:
    """Product files whose hunks add a deprecation and, beside it, a line saying something is ignored or has no
    effect: a public option deprecated and turned off at once."""
    return [f.path for f in files
            if deprecations_added(f.patch) and any(_INERT.search(line) for line in _added(f.patch))]
