"""Go-template lines laid out anew: re-indented, whitespace-trim markers moved, ``indent`` spelled ``nindent``, and
``{{ if .x }}`` ... ``.x`` rewritten as ``{{ with .x }}`` ... ``.`` (the same render)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from analysis.models import FileChange

_TRIM_LEFT = re.compile(r"\{\{-\s*")
_TRIM_RIGHT = re.compile(r"\s*-\}\}")
_NINDENT = re.compile(r"\|\s*nindent\b")
_SPACES = re.compile(r"\s+")


def _render_key(text: str) -> str:
    """A template line as it renders, give or take the whitespace Helm's ``nindent`` and trim markers manage:
    ``{{ toYaml . | indent 6 }}`` on its own line and ``  {{- toYaml . | nindent 6 }}`` render the same YAML."""
    # (a right trim marker closes the action: ``index $.Values.server $service -}}`` is ``... $service }}``)
    text = _TRIM_RIGHT.sub(" }}", _TRIM_LEFT.sub("{{ ", text.strip()))
    text = _NINDENT.sub("| indent", text)
    return _SPACES.sub(" ", text.replace("}}", " }}")).strip()


#: ``{{ if .x }}`` / ``{{ with .x }}`` openers on a field of the current context
_GUARD = re.compile(r"\{\{-?\s*(?P<word>if|with)\s+(?P<field>\.[A-Za-z_][\w.]*)\s*-?\}\}")


def _rebound_fields(lines: list[str]) -> set[str]:
    """Fields a removed ``if .x`` tested and an added ``with .x`` now binds as ``.`` (the same condition)."""
    tested = {m.group("field") for ln in lines if ln[:1] == "-" for m in _GUARD.finditer(ln) if m.group("word") == "if"}
    bound = {m.group("field") for ln in lines if ln[:1] == "+" for m in _GUARD.finditer(ln) if m.group("word") == "with"}
    return tested & bound


def _as_rebound(text: str, fields: set[str]) -> str:
    """A removed line as it reads once ``if .x`` became ``with .x``: the opener a ``with``, ``.x`` inside it ``.``."""
    for field in sorted(fields, key=len, reverse=True):
        opener = re.compile(rf"(\{{\{{-?\s*)if(\s+{re.escape(field)}\s*-?\}}\}})")
        if opener.search(text):
            return opener.sub(r"\1with\2", text)
        text = re.sub(rf"{re.escape(field)}(?![\w.])", ".", text)
    return text


def relaid_template_lines(patch: str | None) -> str | None:
    """The patch less the removed and added template lines that come back the same once laid out anew (a hunk
    header kept for each hunk); None when every changed line is such a pair."""
    hunks = re.split(r"^(@@[^\n]*@@[^\n]*)$", patch or "", flags=re.M)
    out: list[str] = []
    left = False
    for header, body in zip(hunks[1::2], hunks[2::2]):
        lines = body.split("\n")
        fields = _rebound_fields(lines)

        def key_of(ln: str) -> str:
            return _render_key(_as_rebound(ln[1:], fields) if ln[:1] == "-" else ln[1:])
        kept = []
        # a line pairs only with one of its own run of changed lines: a guarded block removed below the unchanged
        # ``annotations:`` and added above them, under ``labels:``, renders the same lines under another key
        for run in _runs(lines):
            removed = Counter(key_of(ln) for ln in run if ln[:1] == "-" and "{{" in ln)
            added = Counter(key_of(ln) for ln in run if ln[:1] == "+" and "{{" in ln)
            relaid = removed & added
            gone, came = Counter(relaid), Counter(relaid)
            for ln in run:
                key = key_of(ln) if ln[:1] in "+-" and "{{" in ln else None
                pool = gone if ln[:1] == "-" else came
                if key is not None and pool[key] > 0:
                    pool[key] -= 1
                    continue
                kept.append(ln)
                left |= ln[:1] in "+-" and bool(ln[1:].strip())
        out += [header, "\n".join(kept)]
    return "\n".join(out) if left else None


def _runs(lines: list[str]) -> list[list[str]]:
    """A hunk's lines cut into runs: each unchanged line alone, each stretch of removed and added lines together."""
    runs: list[list[str]] = []
    for ln in lines:
        if ln[:1] in ("+", "-") and runs and runs[-1][0][:1] in ("+", "-"):
            runs[-1].append(ln)
        else:
            runs.append([ln])
    return runs


#: a block opener on an added template line: its condition (``if .Values.x``, ``with .Values.global.hostAliases``)
_ADDED_OPENER = re.compile(r"^\+\s*\{\{-?\s*(?P<cond>(if|with|range)\s+[^}]*?)\s*-?\}\}\s*$")


def added_conditions(patch: str | None) -> list[str]:
    """The conditions of the template blocks the hunks add, lines laid out anew left aside (``with .info``)."""
    rest = relaid_template_lines(patch) or ""
    found = (_ADDED_OPENER.match(ln) for ln in rest.splitlines())
    return list(dict.fromkeys(" ".join(m.group("cond").split()) for m in found if m))


def templates_relaid_only(files: Iterable[FileChange]) -> bool:
    """Every file is a Go template whose changed lines all come back the same once laid out anew (trim markers
    dropped or added, ``indent`` as ``nindent``, re-indented): the same manifests render, whitespace aside ("Helm 2
    compat": a right trim marker removed after an assignment)."""
    files = list(files)
    return bool(files) and all(f.patch and "{{" in f.patch and relaid_template_lines(f.patch) is None for f in files)
