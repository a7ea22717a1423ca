"""What a GitHub repository name may look like (owner/name), checked without importing PyGithub."""

from __future__ import annotations

import re

from analysis.errors import BadInput

REPO_RE = re.compile(r"^(?P<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/(?P<name>[A-Za-z0-9._-]{1,100})$")


def is_repo_name(text: str) -> bool:
    match = REPO_RE.fullmatch(text or "")  # fullmatch: "$" alone lets a trailing newline through
    return bool(match) and match["name"] not in (".", "..")


_REVISION_BAD = re.compile(r"[\x00-\x20\x7f]")
_HEX_ONLY = re.compile(r"[0-9a-fA-F]+\Z")
_NOT_IN_REF_NAMES = re.compile(r"\.\.|@\{|//|[~^:?*\[\\]|\.lock$|[./]$|^/")
MAX_REVISION = 255


def parse_revision(text: str, *, expressions: bool = False) -> str:
    """A commit as the user names it (a SHA or prefix, ``HEAD``, a branch, a tag), or BadInput.

    Refused here: what no revision can be (blanks, control characters, a leading ``-`` that git
    would read as an option), hex too short or too long for a SHA, and, unless ``expressions``
    (git's own ``HEAD~1``, ``main^``), what git's ref-name rules forbid. The source decides
    whether the revision exists.
    """
    text = text or ""
    bad = (not text or text.startswith("-") or len(text) > MAX_REVISION or _REVISION_BAD.search(text)
           or (_HEX_ONLY.match(text) and not 4 <= len(text) <= 40)
           or (not expressions and _NOT_IN_REF_NAMES.search(text)))
    if bad:
        shown = text[:40] + ("..." if len(text) > 40 else "")
        raise BadInput(f"bad commit SHA or name {shown!r}; give 4 to 40 hex digits, a branch or a tag")
    return text


def parse_repo_name(text: str) -> str:
    """``owner/name`` as GitHub allows it, or BadInput."""
    if not is_repo_name(text):
        shown = (text or "")[:60] + ("..." if len(text or "") > 60 else "")
        raise BadInput(f"bad repository name {shown!r}; use owner/name")
    return text
