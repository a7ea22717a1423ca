"""A statement moved across a block's closing brace: the same line, now outside (or inside) the block it was in
(Python's twin, where the indentation is the block, is ``python_blocks``).

``term.flush()?;`` taken from inside an ``if`` to just after its ``}`` runs on every pass of the loop, not only
when the branch is taken ("Always display current char when terminal is buffered"): two changed lines, no name or
literal touched, and yet the program does something else. A few lines of internal housekeeping are read low; a
statement rescoped is a behaviour change and is not one of them.
"""

from __future__ import annotations

from collections.abc import Iterable

from analysis.facts.patches import parse_patch
from analysis.models import FileChange

#: languages whose blocks close on a brace line
_BRACES = (".rs", ".go", ".c", ".h", ".cc", ".cpp", ".hpp", ".java", ".kt", ".js", ".ts", ".jsx", ".tsx", ".cs",
           ".swift", ".scala", ".php", ".dart")


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def statements_rescoped(files: Iterable[FileChange]) -> list[str]:
    """The statements (stripped text) a hunk of a brace language removes at one indentation and adds back at another,
    with a closing-brace line between the two places: moved out of (or into) the block that brace closes, the hunk
    changing nothing else (the blocks stand as they were, so the statement now runs on another path). A line
    re-indented in place, moved within its block, or moved while the blocks around it are rewritten (an ``if let``
    made a ``let ... else`` to reduce nesting) is not one."""
    out: list[str] = []
    for f in files:
        if not f.path.lower().endswith(_BRACES) or not f.patch:
            continue
        for hunk in parse_patch(f.path, f.patch).hunks:
            lines = hunk.lines
            found: list[str] = []
            for i, old in enumerate(lines):
                text = old.text.strip()
                if old.kind != "-" or not text.endswith(";") and not text.endswith(")") and not text.endswith("?"):
                    continue
                for j, new in enumerate(lines):
                    if new.kind != "+" or new.text.strip() != text or _indent(new.text) == _indent(old.text):
                        continue
                    between = lines[min(i, j) + 1:max(i, j)]
                    if any(ln.kind == " " and ln.text.strip() in ("}", "};") for ln in between):
                        found.append(text)
            changed = [ln.text.strip() for ln in lines if ln.kind in "+-" and ln.text.strip()]
            if found and all(text in found for text in changed):
                out += found
    return list(dict.fromkeys(out))
