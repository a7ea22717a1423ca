"""A Kubernetes port name cut to the API's 15-character limit: the manifest was rejected before, now it applies.

Kubernetes validates a container's and a Service's port ``name`` as an IANA service name: at most 15 characters
(lower-case letters, digits and dashes). A manifest or chart template whose port carries a longer name is refused
by the API server, so every install that rendered it failed (often only with an optional feature switched on, the
port inside its ``if``). A change that replaces such a name by one within the limit mends that install: a fix
operators meet, however small the line ("shorten cluster telemetry port name").
"""

from __future__ import annotations

import re

from analysis.facts.patches import parse_patch

#: the API's limit on a port name (``IANA_SVC_NAME``)
PORT_NAME_MAX = 15
#: a list item's or key's ``name:`` with a literal value (``- name: clustertelemetry-tls``, ``name: "http"``)
_NAME = re.compile(r"""^\s*(?:-\s+)?name:\s*["']?(?P<value>[a-z0-9][a-z0-9-]*)["']?\s*(?:#.*)?$""")
#: the keys that sit beside a port's name in the same list item
_PORT_KEY = re.compile(r"^\s*(?:-\s+)?(containerPort|port|targetPort|hostPort|nodePort|protocol):")
#: lines after the name where the item's port keys are looked for
_WINDOW = 3


def _named_ports(lines: list[str]) -> list[str]:
    """The literal port names of a hunk side: a ``name:`` followed within a few lines by a port key."""
    found = []
    for i, line in enumerate(lines):
        match = _NAME.match(line)
        if match and any(_PORT_KEY.match(ln) for ln in lines[i + 1:i + 1 + _WINDOW]):
            found.append(match.group("value"))
    return found


def port_names_fitted(files) -> list[tuple[str, str, str]]:
    """(path, old, new) of the port names a YAML manifest or chart template (``files``: deployment files) replaces,
    the old one over the 15-character limit and the new one within it."""
    out = []
    for f in files:
        if not f.path.lower().endswith((".yaml", ".yml", ".tpl")) or not f.patch:
            continue
        for hunk in parse_patch(f.path, f.patch).hunks:
            old = _named_ports([ln.text for ln in hunk.lines if ln.kind in (" ", "-")])
            new = _named_ports([ln.text for ln in hunk.lines if ln.kind in (" ", "+")])
            gone = [n for n in old if n not in new and len(n) > PORT_NAME_MAX]
            came = [n for n in new if n not in old and len(n) <= PORT_NAME_MAX]
            out += [(f.path, a, b) for a, b in zip(gone, came, strict=False)]
    return out
