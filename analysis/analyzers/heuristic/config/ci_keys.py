"""Which keys a CI workflow or bot configuration change touches, and which bear on the pipeline's security."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from analysis.models import Fact

#: keys a reviewer names first: the token's rights, the checkout's stored credentials, pinned actions, env
RANK = ("permissions", "persist-credentials", "uses", "env")
_CONFIG_KINDS = ("config_key_added", "config_key_removed", "config_value_changed")
#: a multi-document file's document name before its keys: ``Deployment/web:`` or ``[2]:``
_DOC_PREFIX = re.compile(r'^(?:\[\d+\]|[A-Za-z][\w-]*/[^:"\[\]]*):')
#: a plain key, a quoted key (``["lint:all"]``) or a list position (``[Run]``, skipped)
_KEY_PART = re.compile(r'([^.\[\]]+)|\["([^"]*)"\]|\[[^\]]*\]')
_SHA_PIN = re.compile(r"@[0-9a-fA-F]{40}\b")
#: a secret passed to a step; ``secrets.GITHUB_TOKEN`` is the run's own token, bounded by ``permissions``: not one.
#: A name the facts' value clip cut short (``secrets.GITHUB_TOKE…``) is no name: not read as another secret
_SECRET = re.compile(r"\bsecrets\.(?!GITHUB_TOKEN\b)([A-Za-z_][\w-]*)(?![\w-]|…)")
_PERSIST = re.compile(r'"?persist-credentials"?\s*:\s*(true|false)', re.I)
_WRITE = re.compile(r"\bwrite(-all)?\b")


def keys_of(fact: Fact) -> list[str]:
    """The key names of a fact's dotted symbol, without a multi-document file's document name or list positions
    (``jobs.build.steps[Run].run`` -> jobs, build, steps, run); a quoted key is one name (``tasks["lint:all"]`` ->
    tasks, lint:all)."""
    symbol = _DOC_PREFIX.sub("", fact.symbol or "", count=1)
    return [m.group(1) or m.group(2) for m in _KEY_PART.finditer(symbol) if m.group(1) or m.group(2)]


def label(fact: Fact) -> str:
    """The name a CI fact's key is said by (``permissions``, ``env``, or its last key)."""
    keys = keys_of(fact)
    values = f"{fact.before or ''} {fact.after or ''}"
    if "permissions" in keys:
        return "permissions"
    if "persist-credentials" in keys or _PERSIST.search(values):
        return "persist-credentials"
    if "env" in keys:
        return "env"
    return keys[-1] if keys else ""


def sha_pinned(fact: Fact) -> bool:
    """An action reference moved from a tag or branch to a full commit SHA."""
    return (keys_of(fact)[-1:] == ["uses"] and bool(_SHA_PIN.search(fact.after or ""))
            and not _SHA_PIN.search(fact.before or ""))


#: an action reference: ``owner/repo[/path]@ref``
_ACTION = re.compile(r"^\s*([\w.-]+/[\w./-]+)@([\w.\-/]+)\s*$")


def action_moves(facts: list[Fact]) -> list[tuple[str, str, str]]:
    """(action, old ref, new ref) for each action a ``uses`` key moves to another tag or branch of the same action
    (``softprops/action-gh-release`` ``v2`` -> ``v3``), once per action; pins to a commit SHA are not moves. Jobs
    that used the action at different refs, all moved to one (``astral-sh/setup-uv`` at ``v5`` in one job and ``v6``
    in two, all to ``v7``), give the old refs together: ``v5, v6``."""
    moves: dict[str, tuple[str, list[str], str]] = {}
    for f in facts:
        if f.kind != "config_value_changed" or keys_of(f)[-1:] != ["uses"] or sha_pinned(f):
            continue
        old, new = _ACTION.match(f.before or ""), _ACTION.match(f.after or "")
        if old and new and old.group(1) == new.group(1) and old.group(2) != new.group(2):
            action, olds, to = moves.setdefault(new.group(1), (new.group(1), [], new.group(2)))
            if to == new.group(2) and old.group(2) not in olds:
                olds.append(old.group(2))
    return [(action, ", ".join(sorted(olds, key=_ref_order)), to) for action, olds, to in moves.values()]


def _ref_order(ref: str) -> tuple:
    """``v5`` before ``v6`` before ``v10``: the numbers of a ref compared as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", ref))


#: a full commit SHA an action is pinned to
_FULL_SHA = re.compile(r"^[0-9a-fA-F]{40}$")


def pinned_versions(moves: list[tuple[str, str, str]], lines: list[str]) -> list[tuple[str, str, str]]:
    """``moves`` with each ref that is a commit SHA said by the version its ``uses:`` line's comment names
    (``dorny/paths-filter@fbd0ab8… # v4.0.1`` is ``v4.0.1``), as the project wrote it for readers; a SHA with no
    such comment in the diff's ``lines`` stays a SHA."""
    def said(action: str, ref: str) -> str:
        return ref_said(action, ref, lines)
    out = []
    for action, old, new in moves:
        was, now = said(action, old), said(action, new)
        # a re-pin whose comment names the same version both times (``@7de207b… # v5.0.1`` -> ``@1bf7ec2… # v5.0.1``)
        # moved to another commit: ``v5.0.1 -> v5.0.1`` would say nothing changed, so the SHAs stay
        out.append((action, old, new) if was == now else (action, was, now))
    return out


def ref_said(action: str, ref: str, lines: list[str]) -> str:
    """``ref`` as the project wrote it for readers: a commit SHA by the version its ``uses:`` line's comment in
    ``lines`` names (``@fbd0ab8… # v4.0.1`` is ``v4.0.1``), else the ref itself."""
    if not _FULL_SHA.match(ref):
        return ref
    # (a comment that is itself a commit SHA, ``@ee968a3… # 36888a1… # v0.9.0`` left from an earlier pin, names none)
    pin = re.compile(rf"{re.escape(action)}@{ref}\s*#\s*(?:tag=)?(?![0-9a-fA-F]{{40}}\b)(v?\d[\w.+-]*)")
    return next((m.group(1) for line in lines if (m := pin.search(line))), ref)


def action_ref(fact: Fact, lines: list[str]) -> str:
    """The ref a ``uses`` key now points its action at (``owner/repo/path@ref``), as ``ref_said`` says it; empty
    for any other key or value."""
    if fact.kind != "config_value_changed" or keys_of(fact)[-1:] != ["uses"]:
        return ""
    new = _ACTION.match(fact.after or "")
    return ref_said(new.group(1), new.group(2), lines) if new else ""


def changed_keys(facts: list[Fact]) -> list[str]:
    """The distinct keys the facts change, the most telling first (``permissions``, ``persist-credentials``,
    ``uses``, ``env``), then the others in the diff's order."""
    labels = list(dict.fromkeys(name for f in facts if f.kind in _CONFIG_KINDS and (name := label(f))))
    return sorted(labels, key=lambda k: RANK.index(k) if k in RANK else len(RANK))


@dataclass
class CiSecurity:
    """What a workflow change does to the pipeline's credentials, per file."""

    narrowed: list[str]  # permission keys whose ``write`` went away
    widened: list[str]  # permission keys that gained ``write``
    persist: list[str]  # ``persist-credentials`` values set ("false", "true")
    secrets: list[str]  # secrets newly passed to a step
    pinned: int  # actions pinned to commit SHAs
    #: permission blocks declared where the workflow had none (see ``_declared``): the token bounded, not widened
    declared: list[str] = field(default_factory=list)

    @property
    def hardening(self) -> bool:
        return bool(self.narrowed or "false" in self.persist)

    @property
    def changes_access(self) -> bool:
        """What the pipeline's tokens may do changes: permissions either way, secrets passed, credentials kept.
        A checkout told not to keep its token (``persist-credentials: false``) alone is housekeeping."""
        return bool(self.narrowed or self.widened or self.secrets or "true" in self.persist)

    @property
    def relevant(self) -> bool:
        return bool(self.narrowed or self.widened or self.persist or self.secrets)


def _writes(name: str, value: str) -> list[str]:
    """What a permissions value lets the token write: ``permissions.contents`` for each scope of a block given
    whole (an added workflow's ``{"contents":"write"}``), ``permissions: write-all`` for a scalar."""
    try:
        block = json.loads(value)
    except ValueError:
        block = None
    if isinstance(block, dict):
        return [f"{name}.{scope}" for scope, level in block.items() if _WRITE.search(str(level))] or [name]
    return [f"{name}: {value}" if name.rsplit(".", 1)[-1] == "permissions" else name]


def secrets_before(patch: str | None) -> set[str]:
    """The secrets a workflow already handed its steps before the change: those its patch's unchanged and removed
    lines name (a login step's ``${{ secrets.DOCKERHUB_USERNAME }}`` seen as context)."""
    old = [line[1:] for line in (patch or "").splitlines() if line[:1] in (" ", "-") and not line.startswith("---")]
    return {f"secrets.{name}" for line in old for name in _SECRET.findall(line)}


def _declared(fact: Fact, facts: list[Fact], new_file: bool) -> bool:
    """A ``permissions`` block of scopes added whole where the workflow had none at all: at the workflow's top (it
    bounds every job that had the repository's default token), or on a job of a file the commit creates or whose
    top-level block the commit adds too. Once a block is there the token holds only the scopes it lists, so its ``write`` scopes are
    what the job already could do under the default grant, named: hardening ("set explicit GITHUB_TOKEN
    permissions", a new CodeQL workflow's ``security-events: write``), not a right gained. A job's block added under a
    top-level block the file already had replaces that block's scopes, and a scope added to a block widens: both
    stay widenings."""
    keys = keys_of(fact)
    if fact.kind != "config_key_added" or keys[-1:] != ["permissions"] or not (fact.after or "").startswith("{"):
        return False  # (``permissions: write-all`` lists no scope: every right, as much as the default ever gave)
    top_added = any(f.kind == "config_key_added" and keys_of(f) == ["permissions"] for f in facts)
    return keys == ["permissions"] or new_file or top_added


def ci_security(facts: list[Fact], known: set[str] = frozenset(), new_file: bool = False) -> CiSecurity:
    """The credential-bearing changes among one workflow file's facts; ``known`` are the secrets the file already
    passed before the change (moved into an ``env:`` or tested in an ``if:``, they reach no step anew); ``new_file``
    when the commit creates the workflow."""
    out = CiSecurity([], [], [], [], 0)
    for f in facts:
        if f.kind not in _CONFIG_KINDS:
            continue
        before, after = f.before or "", f.after or ""
        keys = keys_of(f)
        if "permissions" in keys and _declared(f, facts, new_file):
            out.declared.append(".".join(keys))
        elif "permissions" in keys:
            name = ".".join(keys)
            if _WRITE.search(before) and not _WRITE.search(after):
                out.narrowed.append(name)
            elif _WRITE.search(after) and not _WRITE.search(before):
                out.widened.extend(_writes(name, after))
        if (m := _PERSIST.search(after)) and not _PERSIST.search(before):
            out.persist.append(m.group(1).lower())
        elif keys[-1:] == ["persist-credentials"] and after:
            out.persist.append(after.lower())
        new = set(_SECRET.findall(after)) - set(_SECRET.findall(before))
        out.secrets.extend(f"secrets.{name}" for name in sorted(new)
                           if f"secrets.{name}" not in out.secrets and f"secrets.{name}" not in known)
        out.pinned += sha_pinned(f)
    out.narrowed, out.widened = list(dict.fromkeys(out.narrowed)), list(dict.fromkeys(out.widened))
    out.persist = list(dict.fromkeys(out.persist))
    return out
