"""Settings that set nothing: a YAML key whose value is ``""``, ``{}``, ``[]``, ``null`` or nothing renders and sets
what its absence did (Helm's ``nameOverride: ""`` listed in ``values.yaml`` for users to find, a rendered manifest's
``securityContext: {}``); listing them documents a setting, it changes no deployment, and neither does taking one out
or writing its emptiness in another form (``{}`` as ``[]``). Likewise a YAML file that held
only comments and document separators (a rendered manifest whose template rendered nothing) deleted, with the list
entry that named it: nothing was applied from it."""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import Fact, FileChange

if TYPE_CHECKING:
    from analysis.analyzers.heuristic.evidence import Evidence

#: the empty values YAML writes
EMPTY_VALUES = frozenset({"", '""', "''", "{}", "[]", "null", "~"})
#: one line that adds nothing of its own: blank, a comment, an empty value on its own line, or ``key: <empty>``
_EMPTY_LINE = re.compile(r"^(#.*|\{\}|\[\]|[\w.\"'/-]+:\s*(\"\"|''|\{\}|\[\]|null|~)?\s*(#.*)?)?$")
_YAML = (".yaml", ".yml")


def adds_nothing(path: str, line: str) -> bool:
    """The stripped added ``line`` of the YAML file at ``path`` sets nothing: blank, a comment, an empty value (a
    ``key:`` line alone is a block's parent: its children, when there are any, are lines of their own)."""
    return path.lower().endswith(_YAML) and bool(_EMPTY_LINE.match(line))


def empty_settings_only(e: Evidence) -> bool:
    """Every product change adds YAML keys with empty values, or writes an empty value in another empty form, and
    nothing else: the facts see only keys added, each empty, or empty values respelled, and no line removed or added
    sets a value."""
    added = [f for f in e.facts if e.in_product(f)]
    if not e.behaviour or not added or any(
            not (f.kind == "config_key_added" and (f.after or "").strip() in EMPTY_VALUES
                 or empty_value_respelled(f, e.classes.get(f.path, set()))) for f in added):
        return False
    respelled = any(f.kind == "config_value_changed" for f in added)
    for f in e.behaviour:
        removed, lines = changed_lines(f.patch)
        if (any(removed) and not respelled) or not all(adds_nothing(f.path, ln) for ln in (*removed, *lines)):
            return False
    return True


def empty_setting_removed(fact: Fact, classes: set[str]) -> bool:
    """A deployment's YAML key whose value was empty removed (a chart's unused ``customSecretInsightsKey: ""`` taken
    out of ``values.yaml``): templates read the same nothing, and an operator who sets it still passes it to the
    templates, which alone decide whether it is read (a template that stops reading it is a change of its own)."""
    return (fact.kind == "config_key_removed" and "deploy" in classes and fact.path.lower().endswith(_YAML)
            and fact.before is not None and fact.before.strip() in EMPTY_VALUES)


def empty_value_respelled(fact: Fact, classes: set[str]) -> bool:
    """A deployment's YAML value changed from one empty form to another (``tolerations: {}`` -> ``[]``, ``""`` ->
    ``null``): templates that test it (``with``, ``if``) see the same nothing and render what they did; the value
    is only written in the shape users' overrides are expected to take."""
    return (fact.kind == "config_value_changed" and "deploy" in classes and fact.path.lower().endswith(_YAML)
            and fact.before is not None and fact.after is not None
            and fact.before.strip() in EMPTY_VALUES and fact.after.strip() in EMPTY_VALUES)


def empty_files_removed(files: list[FileChange]) -> set[str]:
    """YAML files deleted whose every line was blank, a comment or a document separator (``---``)."""
    return {f.path for f in files if f.status == "removed" and f.path.lower().endswith(_YAML) and f.patch
            and all(not ln or ln.startswith("#") or ln == "---" for ln in changed_lines(f.patch)[0])}


def names_removed_empty_file(fact: Fact, emptied: set[str]) -> bool:
    """``fact`` removes a list entry (a kustomization's ``resources``) naming, relative to its own file, one of the
    empty files the commit deletes."""
    if fact.kind != "config_key_removed" or not emptied or not fact.before:
        return False
    target = posixpath.normpath(posixpath.join(posixpath.dirname(fact.path), fact.before.strip("\"'")))
    return target in emptied
