"""A chart template whose block actions no longer balance: an ``if`` removed without its ``end`` (or the reverse)."""

from __future__ import annotations

import re

#: the start of a Go template action that opens a block (``{{- if``, ``{{ range``), or closes one (``{{- end -}}``);
#: ``else if`` continues a block and opens none
_OPEN = re.compile(r"\{\{-?\s*(?:if|with|range|define|block)\b")
_END = re.compile(r"\{\{-?\s*end\s*-?\}\}")
#: a template comment (``{{/* if x */}}``): no action
_COMMENT = re.compile(r"\{\{-?\s*/\*.*?\*/\s*-?\}\}")


def _depth(line: str) -> int:
    text = _COMMENT.sub("", line)
    return len(_OPEN.findall(text)) - len(_END.findall(text))


def templates_unbalanced(files) -> list[str]:
    """A chart's template files (``templates/*.yaml``, ``*.tpl``) whose changed lines open more blocks than they close, or close more than
    they open: a block opener deleted with its ``end`` left in place (or the reverse). The template no longer parses
    and the chart fails to render on every install, whatever the title calls the change."""
    out = []
    for f in files:
        low = f.path.lower()
        if not (low.endswith(".tpl") or (low.endswith((".yaml", ".yml")) and "templates" in low.split("/")[:-1])):
            continue
        if not f.patch:
            continue
        delta = 0
        for line in f.patch.split("\n"):
            if line.startswith("+") and not line.startswith("+++"):
                delta += _depth(line[1:])
            elif line.startswith("-") and not line.startswith("---"):
                delta -= _depth(line[1:])
        if delta:
            out.append(f.path)
    return out
