"""Configuration keys from the hunks alone (YAML by indentation, TOML by section), when the file's texts
are not read: only keys whose whole dotted path the hunk itself shows are reported."""

from __future__ import annotations

import re

from analysis.facts.config import excluded, join_key, mark_tooling, render
from analysis.facts.languages import manifest_kind
from analysis.facts.patches import FilePatch, Line
from analysis.models import Fact

_YAML_KEY = re.compile(r"""^(?P<indent> *)(?P<item>- +)?(?P<key>[\w.\-/]+|"[^"]*"|'[^']*')\s*:(?:\s+(?P<value>.*?))?\s*$""")
_TOML_SECTION = re.compile(r"^\s*\[\[?\s*(?P<name>[^\]]+?)\s*\]\]?\s*(#.*)?$")
_TOML_KEY = re.compile(r"""^\s*(?P<key>[\w.\-"']+)\s*=\s*(?P<value>.+?)\s*$""")


def _scalar(text: str | None) -> str | None:
    if text is None:
        return None
    text = re.sub(r"\s+#.*$", "", text).strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return render(text) if text not in ("", "|", ">", "|-", ">-") else None


def _yaml_side(lines: list[Line], side: str) -> dict[str, str | None]:
    """dotted path -> scalar (None for a mapping's head) of one side's lines whose parents the hunk shows."""
    found: dict[str, str | None] = {}
    stack: list[tuple[int, str | None]] = []  # (indent, path or None when unknown)
    for line in lines:
        if line.kind not in (" ", side) or not line.text.strip() or line.text.lstrip().startswith("#"):
            continue
        match = _YAML_KEY.match(line.text)
        if match is None:
            continue
        indent = len(match.group("indent"))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if match.group("item"):  # list items: their keys have no stable path here
            stack.append((indent, None))
            continue
        parent = stack[-1][1] if stack else ("" if indent == 0 else None)
        path = None if parent is None else join_key(parent, match.group("key").strip("'\""))
        stack.append((indent, path))
        if path is not None and line.kind == side:
            found[path] = _scalar(match.group("value"))
    return found


def _toml_side(lines: list[Line], side: str) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    section: str | None = "" if lines and lines[0].number == 1 else None
    for line in lines:
        if line.kind not in (" ", side):
            continue
        header = _TOML_SECTION.match(line.text)
        if header:
            section = header.group("name").strip()
            continue
        match = _TOML_KEY.match(line.text)
        if match and section is not None and line.kind == side:
            key = match.group("key").strip("'\"")
            found[f"{section}.{key}" if section else key] = _scalar(match.group("value"))
    return found


def config_facts_from_hunks(path: str, fmt: str, patch: FilePatch) -> list[Fact]:
    """Keys added, removed or changed, as far as each hunk shows their full path (YAML and TOML only)."""
    side_of = {"yaml": _yaml_side, "toml": _toml_side}.get(fmt)
    if side_of is None:
        return []
    facts = []
    for hunk in patch.hunks:
        old, new = side_of(hunk.lines, "-"), side_of(hunk.lines, "+")
        for key, value in new.items():
            if key not in old:
                facts.append(Fact(kind="config_key_added", path=path, symbol=key, after=value))
            elif old[key] != value:
                facts.append(Fact(kind="config_value_changed", path=path, symbol=key, before=old[key], after=value))
        facts += [Fact(kind="config_key_removed", path=path, symbol=key, before=value)
                  for key, value in old.items() if key not in new]
    manifest = manifest_kind(path)
    return mark_tooling(path, [f for f in facts if not excluded(f.symbol or "", manifest)])
