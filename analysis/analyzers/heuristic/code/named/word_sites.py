"""Where a change's product code names a word of its message: the files whose changed lines carry it."""

from __future__ import annotations

import re

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange


def _word(word: str) -> re.Pattern[str]:
    """The word where a token or a camelCase part starts: ``tls`` in ``tls_flag``, ``TLS.md``, ``redisTlsscheme``,
    not inside another word (``ssl`` in ``tussle``)."""
    w, title, upper = re.escape(word), re.escape(word.capitalize()), re.escape(word.upper())
    return re.compile(rf"(?i:(?<![a-z0-9]){w})|(?<=[a-z0-9])(?:{title}|{upper})")


def word_sites(files: list[FileChange], words: list[str]) -> dict[str, list[str]]:
    """Each message word that the changed lines of ``files`` name, with those files' paths (in diff order);
    a word no changed line names is left out, so the message alone never turns into a finding."""
    out: dict[str, list[str]] = {}
    for word in words:
        pattern = _word(word)
        for f in files:
            removed, added = changed_lines(f.patch)
            if any(pattern.search(line) for line in removed + added):
                out.setdefault(word, []).append(f.path)
    return out
