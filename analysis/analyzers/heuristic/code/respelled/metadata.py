"""A Python package's metadata strings (``__license__``, ``__author__``): what tools and indexes read, not behaviour."""

from __future__ import annotations

import re

from analysis.models import FileChange

#: module-level metadata dunders (``__version__`` is a release's, see the release rule)
_METADATA = re.compile(r"^__(license|author|author_email|email|maintainer|maintainer_email|copyright|credits|"
                       r"status|url|title|description)__\s*=")


def metadata_only(files: list[FileChange]) -> bool:
    """Every changed line of these Python files assigns a package metadata dunder."""
    if not files:
        return False
    for f in files:
        lines = [ln[1:].strip() for ln in (f.patch or "").splitlines()
                 if ln[:1] in "+-" and not ln.startswith(("+++", "---")) and ln[1:].strip()]
        if not f.path.endswith(".py") or not lines or not all(_METADATA.match(ln) for ln in lines):
            return False
    return True
