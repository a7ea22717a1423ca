"""GitHub Actions workflows: the keys that carry the pipeline's credentials, and the lines that put them at risk.

A modified workflow's keys come from the key-level diff (``config``); an added workflow has no "before" to diff,
so ``added_workflow_keys`` names, as ``config_key_added`` facts, only its credential-bearing keys (token
permissions, a checkout's ``persist-credentials``, values that pass a secret), the rest of a new file being noise.
``workflow_signals`` reads the lines either kind of workflow adds and names, as ``security_signal`` facts:

- a repository secret used under ``pull_request_target`` (which runs with the secrets for forks' pull requests),
  and a pull request's head checked out there (its code then runs with them);
- a secret printed by a step (``echo ${{ secrets.X }}``; a line writing it to a file such as ``$GITHUB_ENV`` is not);
- a remote script piped to a shell (``curl ... | sh``).

What is safe raises nothing: ``secrets.GITHUB_TOKEN`` (the run's own token, bounded by ``permissions``) and any
secret under ``push`` or ``pull_request`` (forks' pull requests get no secrets there), nor a secret of a job whose
``if:`` runs it only on other events (``if: github.event_name == 'issues'``): a workflow that adds the
``pull_request_target`` trigger for a new job does not run that one for pull requests.
"""

from __future__ import annotations

import re
from typing import Any

from analysis.facts.config import join_key, load, mark_tooling, render
from analysis.facts.patches import FilePatch
from analysis.facts.security import quote
from analysis.models import Fact

WORKFLOW_PATH = re.compile(r"(^|/)\.github/workflows/[^/]+\.ya?ml$", re.IGNORECASE)
#: a secret other than the run's own token
_REPO_SECRET = re.compile(r"\bsecrets\.(?!GITHUB_TOKEN\b)[A-Za-z_][\w-]*")
_ANY_SECRET = re.compile(r"\bsecrets\.[A-Za-z_][\w-]*")
_TRIGGER = re.compile(r"\bpull_request_target\b")
_PRINTS = re.compile(r"(?<![\w-])(?:echo|printf|Write-Host|Write-Output|console\.log|print)\b")
_TO_FILE = re.compile(r">>?\s*[\"']?\$\{?(?:GITHUB_\w+|\w+)|\|\s*(?:tee|gh|docker|npm|base64\s+-d)")
_HEAD_CHECKOUT = re.compile(r"github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref|refs/pull/")
#: a job's own key line (two spaces or a tab under ``jobs:``), and its ``if:`` condition
_JOBS = re.compile(r"^jobs\s*:\s*(#.*)?$")
_JOB_IF = re.compile(r"^\s+if\s*:\s*(?P<condition>.+?)\s*$")
#: ``github.event_name == 'issues'``: the events a condition runs the job on
_EVENT_IS = re.compile(r"github\.event_name\s*==\s*['\"](?P<event>[\w-]+)['\"]")
_PIPE_SHELL = re.compile(r"\b(?:curl|wget)\b[^|#\n]*\|\s*(?:sudo\s+(?:-\w+\s+)*)?(?:ba|z|da|k)?sh\b")

SECRET_UNDER_PRT = "repository secret used under pull_request_target"
HEAD_UNDER_PRT = "pull request head checked out under pull_request_target"
SECRET_PRINTED = "secret printed by a step"
PIPED_SCRIPT = "remote script piped to a shell"


def is_workflow(path: str) -> bool:
    return bool(WORKFLOW_PATH.search(path))


def _comment(text: str) -> bool:
    return text.lstrip().startswith("#")


def _under_pull_request_target(patch: FilePatch, after: str | None) -> bool:
    """The workflow runs on ``pull_request_target``: from its whole text when read, else from the lines the hunks show."""
    lines = after.splitlines() if after is not None else [
        line.text for hunk in patch.hunks for line in hunk.lines if line.kind != "-"]
    return any(_TRIGGER.search(line) and not _comment(line) for line in lines)


def _other_events_only(condition: str) -> bool:
    """An ``if:`` that runs its job only on named events, ``pull_request_target`` not among them: equalities on
    ``github.event_name`` joined by ``||`` and nothing else."""
    condition = condition.strip().removeprefix("${{").removesuffix("}}").strip()
    events = _EVENT_IS.findall(condition)
    rest = _EVENT_IS.sub("", condition).replace("||", "").replace("(", "").replace(")", "").strip()
    return bool(events) and not rest and "pull_request_target" not in events


def _gated_lines(lines: list[str]) -> set[str]:
    """The lines of the workflow's jobs that run only on other events than ``pull_request_target`` (by their
    ``if:``), less any line an ungated job has too."""
    gated: set[str] = set()
    free: set[str] = set()
    start = next((i for i, text in enumerate(lines) if _JOBS.match(text)), None)
    if start is None:
        return gated
    jobs: list[list[str]] = []
    indent = None
    for text in lines[start + 1:]:
        if not text.strip() or _comment(text):
            continue
        width = len(text) - len(text.lstrip())
        if width == 0:
            break  # the next top-level key
        if indent is None:
            indent = width
        if width == indent:
            jobs.append([])
        if jobs:
            jobs[-1].append(text)
    for job in jobs:
        keys = [m.group("condition") for text in job[1:] if (m := _JOB_IF.match(text))
                and len(text) - len(text.lstrip()) == len(job[1]) - len(job[1].lstrip())] if len(job) > 1 else []
        (gated if keys and _other_events_only(keys[0]) else free).update(job)
    return gated - free


def workflow_signals(path: str, patch: FilePatch, after: str | None) -> list[Fact]:
    """One ``security_signal`` per kind of risk the workflow's added lines carry (the first line quoted); when the
    commit adds the ``pull_request_target`` trigger, the lines of the whole workflow (a job gated to other events
    aside)."""
    seen: dict[str, str] = {}
    added = [text for text in (line.text for line in patch.added) if not _comment(text)]
    exposed = added if _under_pull_request_target(patch, after) else []
    if after is not None and any(_TRIGGER.search(text) for text in added):
        exposed = after.splitlines()  # the trigger itself is new: every secret the workflow already used is exposed
    if after is not None and exposed:
        gated = _gated_lines(after.splitlines())
        exposed = [text for text in exposed if text not in gated]  # a job that never runs for pull requests
    for text in exposed:
        if _comment(text):
            continue
        if _REPO_SECRET.search(text):
            seen.setdefault(SECRET_UNDER_PRT, text)
        if _HEAD_CHECKOUT.search(text):
            seen.setdefault(HEAD_UNDER_PRT, text)
    for text in added:
        if _ANY_SECRET.search(text) and _PRINTS.search(text) and not _TO_FILE.search(text):
            seen.setdefault(SECRET_PRINTED, text)
        if _PIPE_SHELL.search(text):
            seen.setdefault(PIPED_SCRIPT, text)
    return [Fact(kind="security_signal", path=path, text=f"{what}: {quote(text)}") for what, text in seen.items()]


def _label(item: Any, index: int) -> str:
    if isinstance(item, dict):
        for key in ("name", "id", "uses"):
            if isinstance(item.get(key), str):
                return item[key]
    return str(index)


def _leaves(value: Any, path: str, out: list[tuple[str, Any]]) -> None:
    if isinstance(value, dict):
        if path.rsplit(".", 1)[-1] == "permissions":
            out.append((path, value))  # one fact for a permissions block: what the token may do, read at once
            return
        for key, child in value.items():
            _leaves(child, join_key(path, key), out)
    elif isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        for index, item in enumerate(value):
            _leaves(item, f"{path}[{_label(item, index)}]", out)
    else:
        out.append((path, value))


def _bears_credentials(key: str, value: Any) -> bool:
    last = key.rsplit(".", 1)[-1]
    return last in ("permissions", "persist-credentials") or bool(_REPO_SECRET.search(render(value)))


def added_workflow_keys(path: str, text: str | None) -> list[Fact]:
    """``config_key_added`` facts of an added workflow's credential-bearing keys, marked as tooling."""
    docs = load(text, "yaml") if text is not None else None
    if not docs or not isinstance(docs[0], dict):
        return []
    leaves: list[tuple[str, Any]] = []
    _leaves(docs[0], "", leaves)
    facts = [Fact(kind="config_key_added", path=path, symbol=key, after=render(value))
             for key, value in leaves if key and _bears_credentials(key, value)]
    return mark_tooling(path, facts)
