"""Rust trait impls emptied, read from the hunks: ``impl StdError for Error { fn source(..) {..} }`` rewritten as
``impl StdError for Error {}`` keeps the trait but drops the type's own methods, so every call of them (``source()``,
``description()``) now answers with the trait's default: callers walking an error chain or relying on the override
get another result, with nothing failing to compile."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.models import FileChange

#: an impl of a trait for a type, its header: ``impl<W: Any> StdError for IntoInnerError<W>``
_IMPL = re.compile(r"^\s*(?P<head>impl\b.*\bfor\b[^{]*?)\s*\{(?P<rest>.*)$")
_FN = re.compile(r"^\s*(?:pub(?:\([\w:]+\))?\s+)?(?:const\s+|async\s+|unsafe\s+)*fn\s+\w")


def _spaced(head: str) -> str:
    return re.sub(r"\s+", " ", head).strip()


def impls_emptied(files: Iterable[FileChange]) -> list[str]:
    """The trait impls (their headers) a Rust file's hunks rewrite from a block holding methods into ``{}``."""
    out: list[str] = []
    for f in files:
        if not f.path.endswith(".rs") or not f.patch:
            continue
        removed = [ln[1:] for ln in f.patch.splitlines() if ln.startswith("-") and not ln.startswith("---")]
        added = [ln[1:] for ln in f.patch.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
        emptied = {_spaced(m.group("head")) for ln in added
                   if (m := _IMPL.match(ln)) and m.group("rest").strip() == "}"}
        for i, line in enumerate(removed):
            m = _IMPL.match(line)
            if (m and m.group("rest").strip() != "}" and _spaced(m.group("head")) in emptied
                    and any(_FN.match(ln) for ln in removed[i + 1:i + 4])):
                out.append(_spaced(m.group("head")))
    return list(dict.fromkeys(out))
