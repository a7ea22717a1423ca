"""Case folding taken out of how input is matched, the title saying so ("Keep method case-sensitive"): a
``strings.ToUpper``/``.toLowerCase()``/``.lower()``/``EqualFold`` removed from product code and not put back
elsewhere in the change. Configuration that relied on the folding (``"get"`` matching ``GET``) stops matching."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import is_comment_line
from analysis.models import FileChange

#: the title names case (in)sensitivity: "Keep method case-sensitive", "header names are case insensitive",
#: "preserve case", "stop ignoring case"
CASE_TITLE = re.compile(r"\bcase[- ]?(in)?sensitiv\w*|\b(ignor\w*|preserv\w*|keep\w*|respect\w*)\s+(the\s+)?case\b",
                        re.I)
#: a call that folds case or compares folded, by language: Go's ``strings.ToUpper``/``EqualFold``, JavaScript's
#: ``.toLowerCase()``, Python's ``.lower()``/``.casefold()``, Rust's ``to_ascii_lowercase``, Java's
#: ``equalsIgnoreCase``, C's ``strcasecmp``, .NET's ``ToUpperInvariant``, Ruby's ``downcase``, a case-blind regex
_FOLD = re.compile(r"\b(?:strings|bytes)\.(?:ToUpper|ToLower|ToTitle|EqualFold)\b"
                   r"|\.(?:toUpperCase|toLowerCase|toLocaleUpperCase|toLocaleLowerCase)\s*\("
                   r"|\.(?:lower|upper|casefold)\s*\(\s*\)"
                   r"|\b(?:to_lowercase|to_uppercase|to_ascii_lowercase|to_ascii_uppercase|eq_ignore_ascii_case"
                   r"|make_ascii_lowercase|make_ascii_uppercase)\b"
                   r"|\b(?:equalsIgnoreCase|compareToIgnoreCase|strcasecmp|strncasecmp|_?stricmp|_?strnicmp)\s*\("
                   r"|\.(?:ToUpper|ToLower|ToUpperInvariant|ToLowerInvariant)\s*\(|\bIgnoreCase\b"
                   r"|\.(?:downcase|upcase|casecmp\??)\b|\bre\.(?:I|IGNORECASE)\b|\(\?i\)")


def _folds(lines: Iterable[str], path: str) -> int:
    return sum(len(_FOLD.findall(ln)) for ln in lines if ln.strip() and not is_comment_line(ln, path))


def case_folding_removed(title: str, files: Iterable[FileChange]) -> list[str]:
    """Paths of product files that lose case-folding calls, when the title names case sensitivity and the change
    as a whole removes more folding than it adds (folding moved to another line, function or file is no change)."""
    if not CASE_TITLE.search(title):
        return []
    net, out = 0, []
    for f in files:
        lines = (f.patch or "").splitlines()
        removed = _folds((ln[1:] for ln in lines if ln[:1] == "-" and not ln.startswith("---")), f.path)
        added = _folds((ln[1:] for ln in lines if ln[:1] == "+" and not ln.startswith("+++")), f.path)
        net += removed - added
        if removed > added:
            out.append(f.path)
    return out if net > 0 else []
