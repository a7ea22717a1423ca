"""Configuration and schema files (YAML incl. multi-document, Kubernetes CRDs and Helm values; JSON; TOML):
keys added and removed and values changed, by dotted path."""

from __future__ import annotations

import json
import logging
import re
import tomllib
from typing import Any

import yaml

from analysis.facts.languages import config_format, is_tooling_key, manifest_kind
from analysis.facts.value_window import changed_window
from analysis.models import Fact

log = logging.getLogger(__name__)

VALUE_CHARS = 120
_MISSING = object()
_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_\-]+$")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader with YAML 1.2 booleans: ``on:`` in a GitHub workflow is the key "on", not True."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))
#: sections of manifests that ``dependencies`` reports package by package
DEPENDENCY_SECTIONS = {
    "package.json": ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies"),
    "cargo.toml": ("dependencies", "dev-dependencies", "build-dependencies", "workspace.dependencies", "target."),
    "libs.versions.toml": ("versions", "libraries", "plugins", "bundles"),
    "chart.yaml": ("dependencies",),  # a Helm chart's subcharts
    "pyproject.toml": ("project.dependencies", "project.optional-dependencies", "dependency-groups",
                       "tool.poetry.dependencies", "tool.poetry.dev-dependencies", "tool.poetry.group"),
}


#: Cargo's ``{ workspace = true }``: the setting (an edition, a dependency's version) is the workspace's
WORKSPACE_INHERITED = "workspace = true"


def render(value: Any, fmt: str | None = None) -> str:
    """A value as one short line: YAML's words for scalars, compact JSON for the rest; in TOML, a table that only
    says ``workspace = true`` (Cargo's inheritance from the workspace) as written, not as ``{"workspace":true}``."""
    if fmt == "toml" and isinstance(value, dict) and value == {"workspace": True}:
        return WORKSPACE_INHERITED
    if value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (str, int, float)):
        text = str(value)
    else:
        text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)
    text = " ".join(text.split())
    return text if len(text) <= VALUE_CHARS else text[: VALUE_CHARS - 1] + "…"


def load(text: str | None, fmt: str) -> list[Any] | None:
    """The documents of ``text`` (one for JSON and TOML); None when absent or not parsable (Helm templates...)."""
    if text is None:
        return None
    try:
        if fmt == "yaml":
            return [doc for doc in yaml.load_all(text, Loader=_Loader) if doc is not None]
        if fmt == "json":
            return [json.loads(text)]
        return [tomllib.loads(text)]
    except (yaml.YAMLError, ValueError, tomllib.TOMLDecodeError, RecursionError) as error:
        log.debug("not parsable as %s: %s", fmt, error)
        return None


def join_key(prefix: str, key: Any) -> str:
    key = str(key)
    part = key if _PLAIN_KEY.match(key) else json.dumps(key, ensure_ascii=False)
    if not prefix:
        return part if _PLAIN_KEY.match(key) else f"[{part}]"
    return f"{prefix}.{part}" if _PLAIN_KEY.match(key) else f"{prefix}[{part}]"


def split_last(path: str) -> tuple[str, str]:
    """A dotted path's owner and last part, split at the last ``.`` outside brackets: a list item's value
    (``matrix.react[18.3.0-next]``) or a quoted key (``labels["app.kubernetes.io/name"]``) is never cut."""
    depth = 0
    for i in range(len(path) - 1, -1, -1):
        char = path[i]
        depth += char == "]"
        depth -= char == "["
        if char == "." and depth == 0:
            return path[:i], path[i + 1:]
    return "", path


def _doc_id(doc: Any, index: int) -> str:
    """A document's name in a multi-document file: ``Kind/name`` for Kubernetes objects, else its position."""
    if isinstance(doc, dict) and isinstance(doc.get("metadata"), dict) and doc.get("kind"):
        return f"{doc['kind']}/{doc['metadata'].get('name', index)}"
    return f"[{index}]"


#: keys that name a list item, tried in this order (then any other key every item has)
_IDENTITY_KEYS = ("name", "id", "key", "path", "it", "type", "message")


def _keyed_items(before: list, after: list) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """Both lists of mappings keyed by one field whose value is unique in each (containers by ``name``,
    test cases by ``it``...); None when no field names every item."""
    items = before + after
    if not items or not all(isinstance(i, dict) for i in items):
        return None
    common = set.intersection(*(set(i) for i in items))
    for field in [*(k for k in _IDENTITY_KEYS if k in common), *sorted(str(k) for k in common)]:
        if field not in common or not all(isinstance(i[field], (str, int)) for i in items):
            continue
        old = {_label(i[field]): i for i in before}
        new = {_label(i[field]): i for i in after}
        if len(old) == len(before) and len(new) == len(after):
            return old, new
    return None


#: a list of plain values with more items changed than this is reported as one value change
_MAX_ITEM_CHANGES = 6


def _scalar_set_change(before: list, after: list) -> bool:
    """Two lists of distinct plain values whose difference is a few items added or removed (not a reorder)."""
    items = before + after
    if not items or not all(isinstance(i, (str, int, float)) and not isinstance(i, bool) for i in items):
        return False
    if len(set(before)) != len(before) or len(set(after)) != len(after) or set(before) == set(after):
        return False
    if not set(before) & set(after):
        return False  # replaced whole (``["src/*"]`` -> ``["lib/*"]``): one value change reads better
    return len(set(before) ^ set(after)) <= _MAX_ITEM_CHANGES


#: a list item pinning a name to a version: ``git:5.2.1`` (Jenkins plugins), ``black==24.1.0``, ``actions@v4``
_PIN = re.compile(r"^([A-Za-z0-9][\w.\-/]*?)(?::|==|@)(v?\d[^\s:@=]*)$")


def _pin(item: Any) -> tuple[str | None, str | None]:
    match = _PIN.match(item) if isinstance(item, str) else None
    return (match.group(1), match.group(2)) if match else (None, None)


def _pins_bumped(added: list, removed: list) -> dict[str, tuple[str, str]]:
    """Items of a plain list that pin a name to a version, one removed and one added per name: the name's version
    moved (``kubernetes:4174.v4…`` -> ``kubernetes:4186.v1…``), {name: (old version, new version)}."""
    new = [_pin(i) for i in added]
    old = [_pin(i) for i in removed]
    names = [n for n, _ in new]
    return {name: (next(v for n, v in old if n == name), version) for name, version in new
            if name and names.count(name) == 1 and [n for n, _ in old].count(name) == 1}


def _all_named(items: list) -> bool:
    """Every item is a mapping with a ``name`` (Kubernetes containers, env, ports; workflow steps)."""
    return bool(items) and all(isinstance(i, dict) and "name" in i for i in items)


def _label(value: Any) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= 40 else text[:39] + "…"


def diff(before: Any, after: Any, path: str, out: list[tuple[str, str, Any, Any]]) -> None:
    """Append (kind, dotted path, before, after) for every difference under ``path``."""
    if isinstance(before, dict) and isinstance(after, dict):
        for key, value in after.items():
            child = join_key(path, key)
            if key in before:
                diff(before[key], value, child, out)
            else:
                out.append(("config_key_added", child, _MISSING, value))
        for key, value in before.items():
            if key not in after:
                out.append(("config_key_removed", join_key(path, key), value, _MISSING))
        return
    if isinstance(before, list) and isinstance(after, list) and before != after:
        by_name = _keyed_items(before, after) if _all_named(before + after) or len(before) != len(after) else None
        if by_name is not None:
            old, new = by_name
            for name, item in new.items():
                if name in old:
                    diff(old[name], item, f"{path}[{name}]", out)
                else:
                    out.append(("config_key_added", f"{path}[{name}]", _MISSING, item))
            for name, item in old.items():
                if name not in new:
                    out.append(("config_key_removed", f"{path}[{name}]", item, _MISSING))
            return
        if _scalar_set_change(before, after):  # classifiers, features, allowed values: which items came and went
            added, removed = [i for i in after if i not in before], [i for i in before if i not in after]
            bumped = _pins_bumped(added, removed)
            out += [("config_value_changed", f"{path}[{name}]", old, new) for name, (old, new) in bumped.items()]
            out += [("config_key_added", f"{path}[{_label(i)}]", _MISSING, i) for i in added
                    if _pin(i)[0] not in bumped]
            out += [("config_key_removed", f"{path}[{_label(i)}]", i, _MISSING) for i in removed
                    if _pin(i)[0] not in bumped]
            return
        if len(before) == len(after) and all(isinstance(i, (dict, list)) for i in before + after):
            for index, (a, b) in enumerate(zip(before, after)):
                diff(a, b, f"{path}[{index}]", out)
            return
    if before != after or type(before) is not type(after):
        out.append(("config_value_changed", path, before, after))


def _schema_text(path: str, kind: str) -> str | None:
    """For an OpenAPI schema path (CRDs): which field it is about, e.g. 'default of spec.replicas'."""
    parts = re.findall(r"[^.\[\]\"]+", path)
    fields = [parts[i + 1] for i, part in enumerate(parts[:-1]) if part == "properties"]
    if not fields:
        return None
    field = ".".join(fields)
    last = parts[-1]
    if len(parts) >= 2 and parts[-2] == "properties":
        return f"field {field}" + (" added" if kind == "config_key_added" else
                                   " removed" if kind == "config_key_removed" else " changed")
    return f"{last} of {field}"


#: ``text`` of a config fact whose key configures a tool (linter, formatter, CI, editor...), not the product
TOOLING = "tooling"


def mark_tooling(path: str, facts: list[Fact]) -> list[Fact]:
    """``facts`` with ``text`` "tooling" on the keys that configure tools rather than the product."""
    return [f.model_copy(update={"text": TOOLING}) if is_tooling_key(path, f.symbol or "") else f for f in facts]


#: keys inside a dependency section that are no package: Poetry states the interpreter the project runs on there
INTERPRETER_KEYS = {"pyproject.toml": ("tool.poetry.dependencies.python",)}


def excluded(path: str, manifest: str | None) -> bool:
    """``path`` (a dotted key) is in a manifest's dependency sections, reported as dependencies instead (but for
    the interpreter requirement Poetry keeps among them: a config value, the oldest Python supported)."""
    if path in INTERPRETER_KEYS.get(manifest or "", ()):
        return False
    return any(path == p or path.startswith(p if p.endswith(".") else p + ".") or path.startswith(p + "[")
               for p in DEPENDENCY_SECTIONS.get(manifest or "", ()))


def config_facts(path: str, before_text: str | None, after_text: str | None) -> list[Fact]:
    """The key-level differences between two versions of a configuration file (added/removed files included)."""
    fmt = config_format(path)
    if fmt is None:
        return []
    before = load(before_text, fmt) if before_text is not None else []
    after = load(after_text, fmt) if after_text is not None else []
    if before is None or after is None:
        return []
    if len(before) <= 1 and len(after) <= 1:
        pairs = [("", before[0] if before else {}, after[0] if after else {})]
    else:
        old = {_doc_id(d, i): d for i, d in enumerate(before)}
        new = {_doc_id(d, i): d for i, d in enumerate(after)}
        pairs = [(name + ":", old.get(name, {}), new.get(name, {})) for name in [*new, *(n for n in old if n not in new)]]
    manifest = manifest_kind(path)
    facts = []
    for prefix, old_doc, new_doc in pairs:
        found: list[tuple[str, str, Any, Any]] = []
        diff(old_doc, new_doc, "", found)
        for kind, key, old_value, new_value in found:
            if not key or excluded(key, manifest):
                continue
            before_text = None if old_value is _MISSING else render(old_value, fmt)
            after_text = None if new_value is _MISSING else render(new_value, fmt)
            if before_text is not None and after_text is not None:
                before_text, after_text = changed_window(old_value, new_value, (before_text, after_text), VALUE_CHARS)
            facts.append(Fact(kind=kind, path=path, symbol=prefix + key, before=before_text, after=after_text,
                              text=_schema_text(key, kind)))
    if manifest == "cargo.toml" and after:
        facts = _feature_aliases(facts, after[0])
        facts = _default_narrowed(facts, before[0] if before else {}, after[0])
    return mark_tooling(path, facts)


#: ``text`` of a Cargo feature list entry replaced by a feature that only enables it (or the other way round)
FEATURE_ALIAS = "feature alias"
_FEATURE_ITEM = re.compile(r"^features\.([\w-]+)\[(.+)\]$")


def _feature_aliases(facts: list[Fact], manifest: Any) -> list[Fact]:
    """A feature list entry swapped for its alias (``kv_serde = [.., "serde_core"]`` -> ``[.., "serde"]`` where
    ``serde = ["serde_core"]``): the same crates are enabled, so both facts say ``feature alias``."""
    features = manifest.get("features", {}) if isinstance(manifest, dict) else {}
    items = {}
    for fact in facts:
        match = _FEATURE_ITEM.match(fact.symbol or "")
        if match and fact.kind in ("config_key_added", "config_key_removed"):
            items.setdefault(match.group(1), {})[fact.kind] = (fact, match.group(2))
    aliased = set()
    for pair in items.values():
        if len(pair) == 2:
            (new_fact, new), (old_fact, old) = pair["config_key_added"], pair["config_key_removed"]
            if features.get(new) == [old] or features.get(old) == [new]:
                aliased |= {id(new_fact), id(old_fact)}
    return [f.model_copy(update={"text": FEATURE_ALIAS}) if id(f) in aliased else f for f in facts]


#: ``text`` of a Cargo ``[features]`` fact on the default set when that set no longer enables all it enabled
DEFAULT_NARROWED = "default build narrowed"
_FEATURE_KEY = re.compile(r"^features\.([\w-]+)(?:\[|$)")


def _optional_crates(manifest: dict) -> set[str]:
    """The optional dependencies of a Cargo manifest (any target's): the crates a feature can turn on."""
    tables = [manifest.get("dependencies", {})]
    tables += [t.get("dependencies", {}) for t in manifest.get("target", {}).values() if isinstance(t, dict)]
    return {name for table in tables if isinstance(table, dict) for name, spec in table.items()
            if isinstance(spec, dict) and spec.get("optional")}


def _enabled(features: dict, optional: set[str], names: list, seen: set[str]) -> set[str]:
    """The optional crates a list of features turns on in the end (``dep:x``, ``x``, ``x/feature``), features
    followed through; ``x?/feature`` turns nothing on by itself, and ``x/feature`` of a crate always built neither."""
    crates: set[str] = set()
    for name in names if isinstance(names, list) else []:
        name = str(name)
        if name in features and name not in seen:
            seen.add(name)
            crates |= _enabled(features, optional, features[name], seen)
        elif name not in features and "?/" not in name:
            crate = name.removeprefix("dep:").split("/")[0]
            if crate in optional:
                crates.add(crate)
    return crates


def _default_closure(manifest: Any) -> tuple[set[str], set[str]]:
    """The features a manifest's default set reaches (``default`` included) and the optional crates they turn on."""
    features = manifest.get("features", {}) if isinstance(manifest, dict) else {}
    if not isinstance(features, dict) or "default" not in features:
        return set(), set()
    seen = {"default"}
    return seen, _enabled(features, _optional_crates(manifest), features["default"], seen)


def _default_narrowed(facts: list[Fact], before: Any, after: Any) -> list[Fact]:
    """The default features turn on fewer optional crates than before (one every default build had is gone:
    native-tls swapped for rustls): the facts on the features the old default set reached say so. An entry
    replaced by a feature that turns on the same crates narrows nothing."""
    reached, old = _default_closure(before)
    _, new = _default_closure(after)
    if not old - new:
        return facts
    return [f.model_copy(update={"text": DEFAULT_NARROWED})
            if f.text is None and (m := _FEATURE_KEY.match(f.symbol or "")) and m.group(1) in reached else f
            for f in facts]
