"""Deployment switches added turned on: a new behaviour every default install gets without setting anything."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import Fact, FileChange

#: what a chart or a manifest is written in: values, templates, schemas, Terraform (not an operator's source code)
_MANIFEST_EXTS = (".yaml", ".yml", ".tpl", ".json", ".tf", ".txt", ".toml")
#: a manifest line that renders a literal value under a key (``hostNetwork: false``), no template expression in it
_LITERAL = re.compile(r"^(?P<key>\s*(-\s+)?[\w.-]+):\s+(?P<value>[^\s{#][^{#]*?)\s*$")
#: a Helm chart's values file, whose keys the config facts read
_VALUES_FILE = re.compile(r"(^|/)values(-[\w.-]+)?\.ya?ml$", re.I)
#: a key that pins a version or an image: a bump, not a behaviour
_VERSIONED = re.compile(r"(tag|version|image|digest)$", re.I)
#: scalar values, as the config facts render them, that switch a behaviour on
_YAML_ON = {"true", "yes", "on"}


def _on(value: object) -> bool:
    if isinstance(value, dict):
        return any(_on(v) for v in value.values())
    return value is True or (isinstance(value, str) and value.lower() in _YAML_ON)


def switched_on(fact: Fact) -> bool:
    """A key added whose default is a boolean switched on (``useOwnerReferences: true``, ``psp: {enabled: true}``):
    not an option offered beside the old render (``nodeSelector: {...}`` repeating what the template hard-coded,
    ``updateStrategy: {type: RollingUpdate}``), but a behaviour installs get by default."""
    if fact.kind != "config_key_added" or fact.after is None:
        return False
    text = fact.after.strip()
    try:
        value = json.loads(text) if text[:1] == "{" else text
    except ValueError:
        return False
    return _on(value)


def switched_on_by_default(config: Iterable[Fact], deploy_paths: Iterable[str],
                           deploy: Iterable[FileChange] = ()) -> list[str]:
    """The keys of deployment files (a chart's values) added switched on: what a chart's fix or feature changes in
    every default install. A chart's templates fixed or given an option beside the old render stay medium, as every
    blind set labels them (a node selector made a value, an update strategy, a missing RBAC permission). A switch
    that only lets operators turn off what rendered before (``opt_out_gates`` of the ``deploy`` files) changes no
    default install."""
    paths = set(deploy_paths)
    on = [f.symbol or "" for f in config if f.path in paths and switched_on(f)]
    gates = opt_out_gates(deploy)
    return [key for key in on if not any(_names(gate, key) for gate in gates)]


#: a template directive line: ``{{- if .Values.schema.createDatabase.enabled }}``, ``{{ end }}``
_DIRECTIVE = re.compile(r"^\s*\{\{-?\s*(?P<word>if|end)\b(?P<rest>.*?)-?\}\}\s*$")
#: a values path a condition reads: ``.Values.schema.createDatabase.enabled`` (``$.Values`` alike)
_VALUES_PATH = re.compile(r"\.Values\.([\w.]+)")


def _names(gate: str, key: str) -> bool:
    """The condition's values path is the key or a key under it (``schema.createDatabase.enabled`` for the key
    ``schema.createDatabase`` added as ``{enabled: true}``)."""
    return gate == key or gate.startswith(key + ".")


def opt_out_gates(files: Iterable[FileChange]) -> list[str]:
    """The values paths that new ``if`` conditions read, when the templates' only changed lines are those ``if``
    lines and their ``end``: blocks that were there put under a switch. Switched on by default, the switch renders
    what every install rendered; operators may now turn the block off ("Allow to skip database creation"). Any other
    line a template adds or removes, or a condition reading no value, says nothing (empty)."""
    gates: list[str] = []
    templates = [f for f in files if "{{" in (f.patch or "")]
    for f in templates:
        removed, added = ([ln for ln in lines if ln] for lines in changed_lines(f.patch))
        if removed or not added:
            return []
        opened = closed = 0
        for line in added:
            m = _DIRECTIVE.match(line)
            if not m:
                return []
            if m.group("word") == "if":
                paths = _VALUES_PATH.findall(m.group("rest"))
                if not paths:
                    return []
                opened += 1
                gates += paths
            else:
                closed += 1
        if opened != closed:
            return []
    return gates


def deployed_code(files: Iterable[FileChange]) -> list[FileChange]:
    """The deployment folder's files that are source code, not manifests (an operator's Go code under ``deploy/``):
    a fix or feature there changes what the operator does, as product code's does."""
    return [f for f in files if not f.path.lower().endswith(_MANIFEST_EXTS)]


def unread(files: Iterable[FileChange]) -> list[FileChange]:
    """Deployment files that came without hunks (a file list only): nothing says whether they are opt-in."""
    return [f for f in files if not f.patch]


def literals_flipped(files: Iterable[FileChange]) -> list[str]:
    """The keys whose literal value a manifest or template line replaces in place (``hostNetwork: false`` ->
    ``hostNetwork: true``, the same key at the same indent): every install renders the other value."""
    out: list[str] = []
    for f in files:
        if _VALUES_FILE.search(f.path):
            continue  # a values file's keys are read by the config facts (a default changed, a version pinned)
        removed, added = changed_lines(f.patch, strip=False)
        old = {m.group("key"): m.group("value") for line in removed if (m := _LITERAL.match(line))}
        new = {m.group("key"): m.group("value") for line in added if (m := _LITERAL.match(line))}
        out += [key.strip() for key, value in new.items()
                if key in old and old[key] != value and not _VERSIONED.search(key)]
    return out


#: a values line commented out, documenting a switch's default off: ``# containerStatsEnabled: false``
_COMMENTED_OFF = re.compile(r"^#\s*(?P<key>[\w.-]+):\s*(?:false|no|off)\s*$", re.I)
#: the same key set on: ``containerStatsEnabled: true  # enabled by default as of v2.2.0``
_SET_ON = re.compile(r"^(?P<key>[\w.-]+):\s*(?:true|yes|on)\s*(?:#.*)?$", re.I)


def commented_off_turned_on(files: Iterable[FileChange]) -> list[str]:
    """The keys a values file documented as off in a comment (``# key: false``) and now sets on (``key: true``):
    the switch was off in every install that left it alone, and is on in every one now: a default turned over,
    whatever the author files it under."""
    out: list[str] = []
    for f in files:
        if not _VALUES_FILE.search(f.path):
            continue
        removed, added = changed_lines(f.patch)
        off = {m.group("key") for ln in removed if (m := _COMMENTED_OFF.match(ln))}
        out += [m.group("key") for ln in added if (m := _SET_ON.match(ln)) and m.group("key") in off]
    return out
