"""What a GitHub repository name may look like (owner/name), checked without importing PyGithub."""

from __future__ import annotations

import re

from analysis.errors import BadInput

REPO_RE = re.compile(r"^(?P<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/(?P<name>[A-Za-z0-9._-]{1,100})$")


def is_repo_name(text: str) -> bool:
    match = REPO_RE.match(text or "")
    return bool(match) and match["name"] not in (".", "..")


def parse_repo_name(text: str) -> str:
    """``owner/name`` as GitHub allows it, or BadInput."""
    if not is_repo_name(text):
        raise BadInput(f"bad repository name {text!r}; use owner/name")
    return text
