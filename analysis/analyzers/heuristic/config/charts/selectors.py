"""Labels a workload's or a Service's selector matches on, changed in a manifest template.

A Deployment's, StatefulSet's or DaemonSet's ``spec.selector`` is immutable: once a release is installed, an upgrade
that renders another ``matchLabels`` is refused by the API server (the workload must be deleted and recreated), and a
Service whose ``selector`` names other labels stops routing to the pods already running. A label added to, removed
from or replaced in a selector (``chart: "{{ .Chart.Name }}-{{ .Chart.Version }}"`` made ``chart: "{{ .Chart.Name }}"``,
``common.bjw-s.dev/controller`` renamed ``app.kubernetes.io/component``) breaks every installed release, whatever the
commit calls itself. Labels elsewhere (``metadata.labels``), ``nodeSelector`` and an affinity's or a spread
constraint's ``labelSelector`` (which pods to schedule beside: placement, not what a workload owns) are not read here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.models import FileChange

#: the key whose children are the labels a selector matches: a Service's ``spec.selector``, or ``matchLabels``
#: under a workload's ``spec.selector``
_SELECTOR = "selector"
_MATCH_LABELS = "matchLabels"
#: a mapping key ending its line, optionally after a list dash or with a template action beside it
_KEY = re.compile(r"^(?P<indent>\s*)(?:-\s+)?(?P<key>[\w./\"-]+):\s*(?:\{\{.*\}\})?\s*$")
#: one label of a selector: ``app.kubernetes.io/name: {{ include "x.name" . }}``, ``chart: "x"``
_LABEL = re.compile(r"^\s*(?P<key>[\w./\"-]+):\s*\S")
#: the words of an OpenAPI schema: a CRD's ``selector`` property described, not a selector's labels
_SCHEMA_KEYS = frozenset({"type", "description", "properties", "items", "required", "additionalProperties", "format",
                          "enum", "pattern", "default", "nullable", "anyOf", "oneOf", "allOf", "$ref"})
_TEMPLATE_EXTS = (".yaml", ".yml", ".tpl")


def _manifest_template(path: str) -> bool:
    """A chart's template, a CustomResourceDefinition's aside (its schema may describe a ``selector`` property)."""
    parts = path.lower().split("/")
    return "templates" in parts[:-1] and parts[-1].endswith(_TEMPLATE_EXTS) and "crd" not in path.lower()


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _enclosing_key(lines: list[str], at: int, sign: str) -> tuple[str | None, int]:
    """The key of the nearest line above ``lines[at]`` on the ``sign`` side (context, or a line of that sign) that is
    indented less, and its index: the mapping the line belongs to (template actions and blank lines skipped)."""
    indent = _indent(lines[at][1:])
    for i in range(at - 1, -1, -1):
        line = lines[i]
        if line.startswith("@@"):
            return None, -1
        if not line or line[0] not in " +-" or (line[0] != " " and line[0] != sign):
            continue
        above = line[1:]
        if not above.strip() or above.strip().startswith("{{"):
            continue
        if _indent(above) < indent:
            m = _KEY.match(above)
            return (m.group("key").strip('"'), i) if m else (None, -1)
    return None, -1


def _in_selector(lines: list[str], at: int) -> bool:
    """``lines[at]`` is an entry of a ``selector:`` mapping, or of ``matchLabels:`` directly under ``selector:``."""
    sign = lines[at][0]
    key, i = _enclosing_key(lines, at, sign)
    if key == _MATCH_LABELS:
        key, _ = _enclosing_key(lines, i, sign)
    return key == _SELECTOR


def selector_labels_changed(files: Iterable[FileChange]) -> list[str]:
    """The selector label lines a manifest template removes or adds (a ``selector:``/``matchLabels:`` mapping's
    entries), when what the selector matches differs before and after."""
    removed: list[str] = []
    added: list[str] = []
    for f in files:
        if not (f.patch and _manifest_template(f.path)):
            continue
        lines = f.patch.splitlines()
        for i, line in enumerate(lines):
            if not line or line[0] not in "+-" or line.startswith(("+++", "---")):
                continue
            label = _LABEL.match(line[1:])
            if label and label.group("key").strip('"') not in _SCHEMA_KEYS and _in_selector(lines, i):
                (removed if line[0] == "-" else added).append(" ".join(line[1:].split()))
    if sorted(removed) == sorted(added):
        return []  # the same labels re-indented or moved: the selector matches the same pods
    return list(dict.fromkeys(removed + added))
