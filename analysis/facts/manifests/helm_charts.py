"""Helm charts as dependency manifests: the subcharts of ``Chart.yaml`` and the versions ``Chart.lock`` pins."""

from __future__ import annotations

import re
from collections.abc import Iterable

import yaml

from analysis.facts.patches import Line

_ITEM_NAME = re.compile(r"^(?P<indent>\s*)-\s+name:\s*[\"']?(?P<name>[^\"'\s#]+)")
_VERSION = re.compile(r"^\s+(?:-\s+)?version:\s*[\"']?(?P<version>[^\"'\s#]+)")
_TOP_LEVEL = re.compile(r"^[A-Za-z_][\w-]*\s*:")
#: a subchart kept in the same repository (``file://../common``): not a third-party dependency
_LOCAL_REPOSITORY = "file://"


def chart_dependencies(text: str) -> dict[str, str]:
    """Subchart name -> version constraint, from a whole ``Chart.yaml`` (or ``Chart.lock``: the pinned versions)."""
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise ValueError("not a chart")
    found = {}
    for item in data.get("dependencies") or []:
        local = str(item.get("repository", "")).startswith(_LOCAL_REPOSITORY) if isinstance(item, dict) else True
        if isinstance(item, dict) and item.get("name") and not local:
            found[str(item.get("alias") or item["name"])] = str(item.get("version", "*"))
    return found


def chart_lines(lines: Iterable[Line], side: str) -> dict[str, set[str]]:
    """name -> versions on one side ('+' or '-') of a chart's or a chart lock's hunk, read line by line: a
    ``version:`` belongs to the list item ``- name:`` above it (context lines name it); a top-level key ends it."""
    found: dict[str, set[str]] = {}
    name = None
    for line in lines:
        if line.kind not in (" ", side):
            continue
        item = _ITEM_NAME.match(line.text)
        if item:
            name = item.group("name")
        elif _TOP_LEVEL.match(line.text):
            name = None  # ``version:`` of the chart itself, ``digest:``, ``generated:``
        version = _VERSION.match(line.text)
        if version and name and line.kind == side:
            found.setdefault(name, set()).add(version.group("version"))
    return found
