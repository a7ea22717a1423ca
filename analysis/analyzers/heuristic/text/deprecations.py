"""Which symbols a commit's removed or added lines mark deprecated (a warning, a docstring's directive, an
annotation or tag): a removal that expires a deprecation, a function that arrives as a deprecated wrapper."""

from __future__ import annotations

import re

#: a line that marks its code deprecated: a docstring's directive, an annotation, tag or decorator (a warning's
#: text counts when it names the symbol itself: a helper that warns of another's deprecation is not deprecated)
_MARK = re.compile(r"\.\.\s+deprecated::|@deprecated\b|#\[deprecated|\bdeprecated\s*\(", re.I)
#: a top-level declaration line (no indent, not a decorator, annotation or comment): where the previous one ends
_TOP_DECLARATION = re.compile(r"^(?:async\s+)?(?:def|class|function|fn|pub|func|export|public|static|void)\b")
#: lines read around a symbol's declaration: before it (a Javadoc ``@deprecated`` tag), after it
_BEFORE, _AFTER = 8, 60
#: a line above a declaration that belongs to it: a decorator or annotation, a doc comment's line
_ABOVE = re.compile(r"^\s*(?:@|\*|/\*\*|//|#\[)")


def marked_deprecated(files: list, names: list[str], side: str) -> list[str]:
    """Those of ``names`` whose lines on one side of the patches (``-``: removed, ``+``: added) mark them deprecated:
    their declaration, the lines just above it (a decorator, a doc comment) and its body up to the next top-level
    declaration. A removed symbol so marked expires a deprecation; an added one is a deprecated wrapper."""
    lines = [line[1:] for f in files for line in (f.patch or "").splitlines()
             if line.startswith(side) and not line.startswith(side * 3)]
    out = []
    for name in names:
        bare = name.rsplit(".", 1)[-1]
        if "deprecat" in bare.lower():  # ``_warn_deprecated``: a helper of deprecations, not one itself
            continue
        short = re.escape(bare)
        declared = re.compile(rf"\b(?:def|class|function|fn|func|interface|struct|enum|type|const|let|var)\s+{short}\b"
                              rf"|^\s*{short}\s*=|^\s*(?!return\b)(?:[\w<>\[\],*&:]+\s+)+{short}\s*\(")
        at = next((i for i, line in enumerate(lines) if declared.search(line)), None)
        if at is None:
            continue
        body = []
        for line in lines[at + 1:at + _AFTER]:
            if _TOP_DECLARATION.match(line):
                break
            body.append(line)
        above = [line for line in lines[max(0, at - _BEFORE):at] if _ABOVE.match(line)]
        if any(_MARK.search(line) or (bare in line and "deprecat" in line.lower())
               for line in above + lines[at:at + 1] + body):
            out.append(name)
    return out
