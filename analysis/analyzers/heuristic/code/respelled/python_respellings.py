"""Python annotations spelt anew with the same meaning: a deprecated ``typing`` alias (``typing.Pattern``,
``typing.List``) written as the class it aliases (``re.Pattern``, ``list``), the imports adjusted to match."""

from __future__ import annotations

import re
from collections import Counter

from analysis.analyzers.heuristic.code.hunks import changed_lines

#: ``typing``'s aliases that Python 3.9 deprecated, and the class each one names (PEP 585)
_ALIASES = {"Pattern": "re.Pattern", "Match": "re.Match", "List": "list", "Dict": "dict", "Set": "set",
            "FrozenSet": "frozenset", "Tuple": "tuple", "Type": "type", "DefaultDict": "collections.defaultdict",
            "Deque": "collections.deque", "Callable": "collections.abc.Callable",
            "Iterable": "collections.abc.Iterable", "Iterator": "collections.abc.Iterator",
            "Mapping": "collections.abc.Mapping", "Sequence": "collections.abc.Sequence"}
#: an alias as the old spelling wrote it: ``typing.Pattern``, ``t.List`` (the module imported under a short name)
_ALIAS = re.compile(r"\b(?:typing|t)\.(" + "|".join(_ALIASES) + r")\b")
#: an import line of the modules the aliases move between: ``from typing import List``, ``import re``
_IMPORT = re.compile(r"^(?:from\s+(?:typing|re|collections(?:\.abc)?)\s+import\b.*|import\s+(?:typing|re|collections"
                     r"(?:\.abc)?)(?:\s+as\s+\w+)?)$")


def python_respelled_only(patch: str | None, path: str) -> bool:
    """A Python file whose changed lines, import lines aside, come back the same once each ``typing.Pattern`` is
    read as ``re.Pattern`` (and its kin), and some such line changed: the same annotations, spelt as current Python
    spells them. Annotations are not evaluated into behaviour: the same code runs."""
    if not path.endswith((".py", ".pyi")):
        return False
    removed, added = changed_lines(patch)
    removed = [line for line in removed if line and not _IMPORT.match(line)]
    added = [line for line in added if line and not _IMPORT.match(line)]
    respelled = [_ALIAS.sub(lambda m: _ALIASES[m.group(1)], line) for line in removed]
    return bool(removed) and respelled != removed and Counter(respelled) == Counter(added)
