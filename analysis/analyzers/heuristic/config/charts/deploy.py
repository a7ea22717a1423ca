"""What a deployment change does to the default render: version pins bumped, opt-in keys and gated template blocks."""

from __future__ import annotations

import json
import re

from analysis.analyzers.heuristic.config.charts.template_layout import relaid_template_lines
from analysis.models import Fact

#: a version as deployment values write it (``v3.13.1``, ``1.40.2-distroless``, ``2.19``), or a build number with
#: the commit it was built from, as Jenkins and its plugins number releases (``3206.vb_15dcf73f6a_9-3``), or a major
#: alone with its base image's build (``12-debian-12-r45``, ``3-alpine``: a rolling image's tag; a bare number is not)
_VERSION_VALUE = re.compile(r"^v?\d+(\.\d+){1,3}([-+~][\w.-]*)?$|^\d+(\.\w+)+(-\d+|-[A-Za-z][\w.]*)?$|^v?\d+-[A-Za-z][\w.-]*$")
#: an item of a list that names a thing and its version (``kubernetes:4186.v1d804571d5d4``, ``git:5.2.1``)
_PINNED_ITEM = re.compile(r"^(?P<name>[\w./@-]+):(?P<version>\S+)$")
#: keys that hold a version or an image reference (``image.tag``, ``appVersion``, ``imageTag``, ``image``)
_VERSION_KEY = re.compile(r"(tag|version|image)$", re.I)
_KEY_PARTS = re.compile(r"[^.\[\]\"]+")
#: keys that pin a commit of another repository (``repo_hash``, ``rev``, ``commit``, ``sha``): a vendoring pin
_COMMIT_KEY = re.compile(r"(hash|sha|commit|rev|revision|ref)$", re.I)
_COMMIT_VALUE = re.compile(r"^[0-9a-f]{7,64}$")
#: a compose file's variable with a default (``${CLIENT_IMAGE:-redis:8.8.0}``): the default is what runs
_SHELL_DEFAULT = re.compile(r"^\$\{\w+:?-([^}]*)\}$")
#: a template line that is only a directive (``{{- if .Values.x }}``, ``{{ end -}}``)
_DIRECTIVE = re.compile(r"^\s*\{\{-?\s*(?P<word>[\w/*]+)?(?P<rest>.*?)\s*-?\}\}\s*$")
_OPENERS = {"if", "with", "range"}
#: a named template (``{{- define "chart.labels" }}``) added whole renders nothing until a template includes it; the
#: lines that include it are read in their own files
_ADDED_OPENERS = _OPENERS | {"define"}
#: a template comment's first and last lines (``{{/*`` ... ``*/}}``): the lines between render nothing
_COMMENT_OPEN = re.compile(r"^\s*\{\{-?\s*/\*")
_COMMENT_CLOSE = re.compile(r"\*/\s*-?\}\}")
#: a template variable set (``{{- $tag := .Values.image.tag }}``): renders nothing
_ASSIGNMENT = re.compile(r"^\s*\{\{-?\s*\$\w+\s*:?=.*\}\}\s*$")
#: scalar values, as the config facts render them, that switch nothing on
_YAML_OFF = {"false": False, "null": None, "~": None, "": ""}
#: a Helm chart's values file: its templates test values with Go's ``if``, for which 0 is as false as ``false``
_HELM_VALUES = re.compile(r"(^|/)values(-[\w.-]+)?\.ya?ml$", re.I)
#: JSON-schema keywords that only document a property (``description``, ``title``, ``examples``)
SCHEMA_NOTES = ("description", "title", "examples", "$comment", "markdownDescription")


def _tag(value: str) -> str | None:
    """The version in a value: the value itself, or the tag of an image reference (``nginx:1.25.3``)."""
    return value.rsplit(":", 1)[1] if ":" in value and not value.startswith("v") else value


def version_pin(fact: Fact) -> bool:
    """A configuration value that names a version, moved to another version of the same thing: a dependency bump
    (``image.tag`` v3.13.0 -> v3.13.1; ``image`` nginx:1.25.3 -> nginx:1.25.4; a vendored repository's pinned commit
    hash moved to another), not a behaviour setting."""
    if fact.kind != "config_value_changed" or not fact.before or not fact.after:
        return False
    parts = _KEY_PARTS.findall(fact.symbol or "")
    before, after = fact.before.strip(), fact.after.strip()
    if parts and _COMMIT_KEY.search(parts[-1]) and _COMMIT_VALUE.match(before) and _COMMIT_VALUE.match(after):
        return True  # a commit of a vendored repository moved to another (klone, vendir, pre-commit ``rev``)
    if (fact.symbol or "").endswith("]") and _VERSION_VALUE.match(before) and _VERSION_VALUE.match(after):
        return True  # a list item pinned by name moved to another version (``installPlugins[git]`` 5.1.0 -> 5.2.1)
    if not parts or not _VERSION_KEY.search(parts[-1]):
        return False
    before, after = _shell_default(before), _shell_default(after)
    if ":" in before and ":" in after and before.rsplit(":", 1)[0] != after.rsplit(":", 1)[0]:
        return False  # another image altogether
    old, new = _tag(before), _tag(after)
    if ":" in before and ":" in after and new and _VERSION_VALUE.match(new) and old and old != "latest":
        return True  # the same image moved from a build's own tag (``custom-2617-debian``) to a release: pinned
    return bool(old and new and _VERSION_VALUE.match(old) and _VERSION_VALUE.match(new))


def pinned_items(facts: list[Fact]) -> set[int]:
    """Ids of list items replaced by the same name at another version (``installPlugins`` losing ``git:5.1.0`` and
    gaining ``git:5.2.1``): each pair is a dependency bump, as a default image tag moved is."""
    def keyed(kind: str, side: str) -> dict[tuple[str, str, str], Fact]:
        out = {}
        for fact in facts:
            value = (getattr(fact, side) or "").strip()
            match = _PINNED_ITEM.match(value) if fact.kind == kind and "[" in (fact.symbol or "") else None
            if match and _VERSION_VALUE.match(match["version"]):
                out[(fact.path, fact.symbol.split("[", 1)[0], match["name"])] = fact
        return out
    gone, came = keyed("config_key_removed", "before"), keyed("config_key_added", "after")
    return {id(f) for key in gone.keys() & came.keys() for f in (gone[key], came[key])}


def _shell_default(value: str) -> str:
    """The default a compose file's ``${VAR:-image:tag}`` falls back to, or the value itself."""
    match = _SHELL_DEFAULT.match(value)
    return match.group(1) if match else value


def _off(value: object) -> bool:
    if isinstance(value, dict):
        return all(_off(v) for v in value.values())
    return value in (False, None, "", [], {}, 0)


def off_by_default(fact: Fact) -> bool:
    """A configuration key added whose value turns nothing on (``authFilter: {enabled: false}``, ``extraArgs: []``)."""
    if fact.kind != "config_key_added" or fact.after is None:
        return False
    text = fact.after.strip()
    if text == "0" and _HELM_VALUES.search(fact.path):
        return True
    try:
        value = json.loads(text) if text[:1] and text[:1] in "[{" else _YAML_OFF.get(text, text)
    except ValueError:
        return False
    return _off(value)


#: a required list or a default that turns something on, in the visible part of a clipped schema property
_CLIPPED_CONSTRAINT = re.compile(r'"required"\s*:\s*\[\s*"|"default"\s*:\s*(true|[1-9]|"[^"]|\[\s*[^\]\s]|\{\s*")')


#: JSON-schema keywords that name a schema and its dialect (``"$id": "https://../common-3.0.1.json"``), not a value
#: the product reads: written as the config facts spell such a key (``["$id"]``, ``spec["$schema"]``)
_SCHEMA_IDENTITY = re.compile(r'\["\$(?:id|schema)"\]$')


def schema_note(fact: Fact) -> bool:
    """A schema property's documentation changed (``description of spec.replicas``), or the schema's own identifier
    or dialect (``$id``, ``$schema``, stamped with the release): what readers see, not what validates or renders."""
    return fact.kind.startswith("config_") and ((fact.text or "").startswith(tuple(f"{k} of " for k in SCHEMA_NOTES))
                                                or bool(_SCHEMA_IDENTITY.search(fact.symbol or "")))


def optional_property_added(fact: Fact) -> bool:
    """A schema property added that nothing requires and whose declared default (if any) turns nothing on:
    existing documents still validate and mean what they meant."""
    if fact.kind != "config_key_added" or not (fact.text or "").startswith("field ") or fact.after is None:
        return False
    try:
        body = json.loads(fact.after)
    except ValueError:  # clipped by the facts: what is visible of it
        return fact.after.endswith("…") and not _CLIPPED_CONSTRAINT.search(fact.after)
    return isinstance(body, dict) and not body.get("required") and _off(body.get("default"))


#: JSON-schema keywords whose value lists what validates (``anyOf``, ``oneOf``, ``enum``, ``type`` as a list)
_SCHEMA_ALTERNATIVES = {"anyOf", "oneOf", "enum", "type"}


def schema_widened(fact: Fact) -> bool:
    """A JSON schema's constraint loosened: ``additionalProperties`` ``false`` turned off, or an ``anyOf``/``oneOf``/
    ``enum``/``type`` list that keeps every alternative it had and gains more (webpack-dev-server's options schema
    letting ``cacert`` be an array too). Every document that validated still does: nothing a deployment sets, nor a
    default changed under it. The new list may be clipped by the facts: each old alternative must still be seen."""
    if fact.kind != "config_value_changed" or not fact.symbol or fact.before is None or fact.after is None:
        return False
    keyword = _KEY_PARTS.findall(fact.symbol)[-1] if _KEY_PARTS.findall(fact.symbol) else ""
    if keyword == "additionalProperties":
        return fact.before == "false" and (fact.after == "true" or fact.after.startswith("{"))
    if keyword not in _SCHEMA_ALTERNATIVES:
        return False
    try:
        old = json.loads(fact.before)
    except ValueError:
        return False
    if not isinstance(old, list) or not old or fact.after == fact.before:
        return False
    return all(json.dumps(item, separators=(",", ":"), ensure_ascii=False) in fact.after for item in old)


def templated(patch: str | None) -> bool:
    """A Go-templated manifest (a Helm chart's ``templates/``): directives in the hunks."""
    return "{{" in (patch or "")


def gated_template_change(patch: str | None) -> bool:
    """Every line the hunks change is a block added under a new condition (``{{ if .Values.x }}`` ... ``{{ end }}``),
    with no line already there inside it, or a condition widened with ``or``: what renders with the default values is unchanged (opt-in). Lines only laid
    out anew (re-indented, trim markers moved, ``indent`` as ``nindent``) render the same and are left aside."""
    rest = relaid_template_lines(patch)
    if rest is None:
        return bool(patch)  # every changed line laid out anew: the same render
    patch = rest
    changed = False
    for hunk in re.split(r"^@@[^\n]*@@[^\n]*$", patch or "", flags=re.M)[1:]:
        depth = 0  # blocks opened by added directives and not yet closed
        removed_conditions: list[str] = []
        commented = False  # inside a template comment the hunks add
        for line in hunk.split("\n"):
            sign, text = line[:1], line[1:]
            if sign == "+" and (commented or _COMMENT_OPEN.match(text)):
                commented, changed = not _COMMENT_CLOSE.search(text), True
                continue
            directive = _DIRECTIVE.match(text)
            word = directive.group("word") if directive else None
            if sign == "-":
                if not (directive and word in _OPENERS):
                    return False
                removed_conditions.append(" ".join(directive.group("rest").split()))
                changed = True
            elif sign == " " and depth and text.strip():
                # a line already there inside the block an added condition opens (``{{- if .Values.x }}`` put
                # around the ``packages`` volume): what rendered for everyone now renders only when ``x`` is set
                return False
            elif sign == "+":
                changed = True
                if directive and word in _ADDED_OPENERS:
                    rest = " ".join(directive.group("rest").split())
                    widened = [c for c in removed_conditions if c and c in rest and re.match(r"or\b", rest)]
                    if widened:
                        removed_conditions.remove(widened[0])
                    else:
                        depth += 1
                elif directive and word == "end" and depth:
                    depth -= 1
                elif not depth and text.strip() and not _ASSIGNMENT.match(text):
                    return False
        if removed_conditions or depth:
            return False
    return changed


def ungated_template_block(patch: str | None) -> bool:
    """A template's condition is dropped and the block it gated kept: the lines removed are only ``if`` and its
    ``end`` (and comments), none added but comments. What rendered only when switched on now renders by default
    (an RBAC role granted whatever the values say)."""
    removed = [line[1:] for line in (patch or "").split("\n") if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in (patch or "").split("\n") if line.startswith("+") and not line.startswith("+++")]
    words = [m.group("word") if (m := _DIRECTIVE.match(text)) else None for text in removed]
    comment = re.compile(r"^\s*(#.*)?$")
    return ("if" in words and "end" in words and all(w in ("if", "end") or comment.match(t) for w, t in zip(words, removed))
            and all(comment.match(text) for text in added))


_RULE_START = re.compile(r"^\s*-\s*(apiGroups|resources|verbs|nonResourceURLs)\s*:")
_RULE_FIELD = re.compile(r"^\s*-?\s*(?P<field>resources|verbs)\s*:\s*(?P<inline>\[.*\])?\s*$")
_LIST_ITEM = re.compile(r"^\s*-\s*[\"']?(?P<item>[\w.*/-]+)[\"']?\s*$")
#: a YAML document separator: the rule before it is complete, and ``---`` is no list item ``--``
_DOCUMENT_END = re.compile(r"^(---|\.\.\.)\s*$")


def rbac_grants(patch: str | None) -> list[tuple[list[str], list[str]]]:
    """(verbs, resources) of the Kubernetes RBAC rules the hunks add whole (``- apiGroups: [""]`` ... ``verbs:``),
    templated or not: the permissions a deployment's service account gains."""
    grants: list[tuple[list[str], list[str]]] = []
    rule: dict[str, list[str]] | None = None
    field = None

    def flush() -> None:
        if rule and rule.get("verbs") and rule.get("resources"):
            grants.append((rule["verbs"], rule["resources"]))

    for line in (patch or "").split("\n"):
        added = line.startswith("+") and not line.startswith("+++")
        text = line[1:]
        if _DOCUMENT_END.match(text):
            flush()
            rule, field = None, None
            continue
        if _RULE_START.match(text) or (not added and line[:1] in ("-", " ", "@")):
            flush()  # a new rule, or lines that were already there: the rule added so far is complete
            rule, field = ({} if added else None), None
        if rule is None or not added:
            continue
        match = _RULE_FIELD.match(text)
        if match:
            field = match.group("field")
            inline = match.group("inline")
            rule[field] = re.findall(r"[\w.*/-]+", inline) if inline else []
            continue
        item = _LIST_ITEM.match(text)
        if item and field:
            rule[field].append(item.group("item"))
        elif not _DIRECTIVE.match(text):
            field = None
    flush()
    return grants
