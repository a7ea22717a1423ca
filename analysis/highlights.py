"""The day's highlights written from the changes' analyses and facts, without a model (zh or en).

Each bullet is derived from the day's data: the high-importance titles, public API changes named by the diff
analyzer's facts (in shipped code only; symbols changing the same way named once, moved symbols not called removed),
security signals, configuration (not a release's version bump, a manifest's annotations, a tool's section of
package.json or a docs page's data) and dependency changes (not development-only ones), the areas with most authored
lines changed, the pull requests merged, the largest change (by lines outside lock files and generated code). A bullet
with nothing behind it is left out; a quiet day (fewer than two changes) gets none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from analysis.analyzers.heuristic.api.js_modules import internal_imports, plumbing_export
from analysis.analyzers.heuristic.config.builds.dependency_changes import development_only
from analysis.analyzers.heuristic.paths import build_support, classify_path
from analysis.analyzers.signatures import annotated_only, compare
from analysis.analyzers.symbol_groups import shortened
from analysis.facts.config import TOOLING, split_last
from analysis.facts.languages import is_generated
from analysis.facts.manifests.dependencies import INDIRECT, TRANSITIVE
from analysis.models import CommitReport, Fact
from analysis.renderers.labels import check_lang

MAX_BULLETS = 5
NAMED = 4  # symbols, keys, packages or titles named per bullet
API_NAMED = 6  # symbols named per kind of API change (shortened: ``SyncClient.request``, ``post``)
TITLE_CHARS = 80

_PHRASES: dict[str, dict[str, str]] = {
    "zh": {
        "high": "高重要度变更：{items}",
        "api": "公开 API 变化：{items}",
        "signature_changed": "{name} 签名变更",
        "signature_changed_pl": "{name} 签名变更",
        "symbol_removed": "{name} 被移除",
        "symbol_added": "新增 {name}",
        "security": "安全相关信号：{items}",
        "config": "配置变化：{items}",
        "config_key_added": "新增 {name}",
        "config_key_removed": "移除 {name}",
        "config_value_changed": "{name} {before} → {after}",
        "where": "{name}（{path}）",
        "dependencies": "依赖变化：{items}",
        "dependency": "{name} {before} → {after}",
        "dependency_added": "新增 {name} {after}", "any_version": "（不限版本）",
        "dependency_removed": "移除 {name}",
        "areas": "改动最集中的位置：{items}",
        "area": "{name}（{n}，+{add}/-{delete} 行）",
        "n_changes": "{n} 个变更",
        "n_files": "{n} 个文件",
        "prs": "合并了 {n} 个拉取请求：{items}",
        "largest": "最大的变更：{title}（{files}，+{add}/-{delete} 行）",
        "sep": "；",
        "list_sep": "、",
        "more": "{items} 等 {total} 项",
    },
    "en": {
        "high": "High importance: {items}",
        "api": "Public API changes: {items}",
        "signature_changed": "{name} changes its signature",
        "signature_changed_pl": "{name} change their signatures",
        "symbol_removed": "{name} removed",
        "symbol_added": "{name} added",
        "security": "Security signals: {items}",
        "config": "Configuration: {items}",
        "config_key_added": "{name} added",
        "config_key_removed": "{name} removed",
        "config_value_changed": "{name} {before} → {after}",
        "where": "{name} ({path})",
        "dependencies": "Dependencies: {items}",
        "dependency": "{name} {before} → {after}",
        "dependency_added": "{name} {after} (new)", "any_version": "(any version)",
        "dependency_removed": "{name} removed",
        "areas": "Most lines changed in {items}",
        "area": "{name} ({n}, +{add}/-{delete})",
        "n_changes": "{n} changes",
        "n_changes_one": "1 change",
        "n_files": "{n} files",
        "n_files_one": "1 file",
        "prs": "{n} pull requests merged: {items}",
        "largest": "Largest change: {title} ({files}, +{add}/-{delete})",
        "sep": "; ",
        "list_sep": ", ",
        "more": "{items}{list_sep}and {n} more",
    },
}


def is_quiet(reports: list[CommitReport]) -> bool:
    """A day with nothing to sum up across changes: fewer than two."""
    return len(reports) < 2


def heuristic_highlights(reports: list[CommitReport], lang: str, period: str = "day") -> list[str]:
    """Up to five bullets on the day's (or ``period="week"``: the week's) changes in ``lang``; empty if quiet."""
    words = _PHRASES[check_lang(lang)]
    if is_quiet(reports):
        return []
    in_order = oldest_first(reports)
    facts = net_changes([fact for report in in_order for fact in report.analysis.facts])
    candidates = [
        _high(reports, words), _api(reports, words), _security(facts, words), _config(facts, words),
        _dependencies(facts, words), _areas(reports, words), _prs(reports, words), _largest(reports, words),
    ]
    return [bullet for bullet in candidates if bullet][:MAX_BULLETS]


def oldest_first(reports: list[CommitReport]) -> list[CommitReport]:
    """``reports`` by commit time, and among commits of one time (a rebase-merge stamps a whole branch with one) by
    ancestry: a commit before those built on it, so a dependency bumped twice nets from its first value."""
    parents = {r.commit.sha: list(r.commit.parents) for r in reports}
    depth: dict[str, int] = {}
    for report in reports:  # depth in the day's history, walked without recursion (a day may hold long chains)
        stack, on_stack = [report.commit.sha], {report.commit.sha}
        while stack:
            sha = stack[-1]
            waiting = [p for p in parents[sha] if p in parents and p not in depth and p not in on_stack]
            if waiting:
                stack.extend(waiting)
                on_stack.update(waiting)
                continue
            stack.pop()
            depth[sha] = 1 + max((depth.get(p, -1) for p in parents[sha] if p in parents), default=-1)
    return sorted(reports, key=lambda r: (r.commit.committed_at, depth[r.commit.sha]))


def _code(name: str | None) -> str:
    """A name from the diff as a code span (a backtick in it cannot close the span); ∅ for none."""
    return "∅" if name is None else "`" + str(name).replace("`", "'").strip() + "`"


def _count(words: dict[str, str], key: str, n: int) -> str:
    return (words.get(f"{key}_one", words[key]) if n == 1 else words[key]).format(n=n)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1].rstrip() + "…"


def _items(items: Iterable[str], words: dict[str, str], sep_key: str = "sep", limit: int = NAMED) -> str:
    unique = list(dict.fromkeys(items))
    shown = unique[:limit]
    text = words[sep_key].join(shown)
    if len(unique) > len(shown):
        text = words["more"].format(items=text, list_sep=words["list_sep"], n=len(unique) - len(shown), total=len(unique))
    return text


def _high(reports: list[CommitReport], words: dict[str, str]) -> str | None:
    """The high-importance changes by title; a title several share ("Merge commit from fork") says how many."""
    titles = Counter(_short(r.commit.title.rstrip(".")) for r in reports if r.analysis.importance == "high")
    named = [f"{title} (×{n})" if n > 1 else title for title, n in titles.items()]
    return words["high"].format(items=_items(named, words)) if named else None


_NOT_SHIPPED = {"tooling", "test", "example", "doc", "ci"}  # a script's or a test's names are no one's API


def _api_facts(report: CommitReport) -> list[Fact]:
    """A change's public API facts in the code it ships (not its scripts, tests, examples or docs), less a symbol
    that moved (removed here, added under its name elsewhere) and a JS module's export only shared inside the package
    (as the change's own entry reads it), and signatures that only gain type annotations."""
    imports = internal_imports(report.commit.files)  # a JS module's export only its siblings import: plumbing
    paths = [f.path for f in report.commit.files if f.path]
    # a ``build/`` folder's own stubs, beside the IDE project files that compile them: that build's, not shipped
    support = set(build_support(paths, {p: classify_path(p) for p in paths}))
    shipped = [f for f in report.analysis.facts if f.public and f.symbol and not classify_path(f.path) & _NOT_SHIPPED
               and f.path not in support and not _annotated(f)]
    facts = [f for f in shipped if not plumbing_export(f.path, f.symbol, imports)]
    # a symbol moved into a module its old one now imports it from is plumbing where it lands, and still moved
    moved = {(_leaf(r), r.path) for r in facts if r.kind == "symbol_removed"
             for a in shipped if a.kind == "symbol_added" and _leaf(a) == _leaf(r) and a.path != r.path}
    moved_names = {name for name, _ in moved}
    # a JS subclass's constructor that only forwarded to ``super`` (an override, as the facts mark it) removed:
    # ``new`` reaches the inherited one, no API goes; so does any other overriding method removed (a Java
    # ``@Override`` that only called ``super``): calls reach the base's method of the same name
    return [f for f in facts if not (f.kind == "symbol_removed" and (_leaf(f), f.path) in moved)
            and not (f.kind == "symbol_removed" and (f.text or "").endswith(", overrides"))
            and not (f.kind == "symbol_added" and (_leaf(f) in moved_names or (f.text or "").endswith("deprecated")))]


def _annotated(fact: Fact) -> bool:
    """A signature that only gains type annotations (``(s: string)`` now ``(s: string): string``): every call stays
    as it was, no API change of the day."""
    return fact.kind == "signature_changed" and annotated_only(compare(fact.before, fact.after, fact.path), fact.path)


def _leaf(fact: Fact) -> str:
    """A symbol's own name, without its class or module (``Client.get`` -> ``get``)."""
    return (fact.symbol or "").rsplit(".", 1)[-1]


def _api(reports: list[CommitReport], words: dict[str, str]) -> str | None:
    """Symbols changing the same way named once per kind: ``SyncClient.request``, ``post`` change their signatures;
    a symbol added and removed again the same day (or removed and put back) is where the day started: not named."""
    facts = [f for report in reports for f in _api_facts(report)]
    comings = Counter((f.path, f.symbol) for f in facts if f.kind == "symbol_added")
    goings = Counter((f.path, f.symbol) for f in facts if f.kind == "symbol_removed")
    facts = [f for f in facts if not (f.kind in ("symbol_added", "symbol_removed")
                                      and comings[(f.path, f.symbol)] == goings[(f.path, f.symbol)])]
    named = []
    for kind in ("signature_changed", "symbol_removed", "symbol_added"):
        symbols = shortened(f.symbol for f in facts if f.kind == kind)
        if symbols:
            key = f"{kind}_pl" if len(symbols) > 1 and f"{kind}_pl" in words else kind
            named.append(words[key].format(name=_items(map(_code, symbols), words, "list_sep", API_NAMED)))
    return words["api"].format(items=words["sep"].join(named)) if named else None


def _security(facts: list[Fact], words: dict[str, str]) -> str | None:
    named = [f"{_code(f.path)}" + (f" ({_short(f.text)})" if f.text else "")
             for f in facts if f.kind == "security_signal"]
    return words["security"].format(items=_items(named, words)) if named else None


def net_changes(facts: list[Fact]) -> list[Fact]:
    """``facts`` (oldest commit first) with each configuration key and dependency changed once, from its first
    value to its last: a key added and removed again the same day (a reverted change) is not there at all."""
    first: dict[tuple, Fact] = {}
    last: dict[tuple, Fact] = {}
    for fact in facts:
        if fact.symbol and (fact.kind.startswith("config_") or fact.kind == "dependency_changed"):
            key = ("config" if fact.kind.startswith("config_") else fact.kind, fact.path, fact.symbol)
            first.setdefault(key, fact)
            last[key] = fact
    netted = []
    for fact in facts:
        key = ("config" if fact.kind.startswith("config_") else fact.kind, fact.path, fact.symbol)
        if key not in first:
            netted.append(fact)
        elif first[key] is fact:
            before, after = fact.before, last[key].after
            if before == after:
                continue  # back where the day started
            kind = fact.kind if fact.kind == "dependency_changed" else (
                "config_key_added" if before is None else "config_key_removed" if after is None
                else "config_value_changed")
            netted.append(fact.model_copy(update={"kind": kind, "after": after}))
    return netted


def _version_bump(fact: Fact) -> bool:
    """A release's own version in a package manifest (``version``, ``tool.poetry.version``, a ``bower.json``'s):
    not configuration."""
    return (fact.kind == "config_value_changed" and split_last(fact.symbol or "")[1].lower() == "version"
            and bool(classify_path(fact.path) & {"build", "tooling"}))


def _package_metadata(fact: Fact) -> bool:
    """A package manifest's annotations (a Helm chart's ``annotations["artifacthub.io/changes"]``): release notes
    for a package index, not a setting anyone runs with."""
    return (fact.symbol or "").startswith("annotations") and "build" in classify_path(fact.path)


#: the fields npm itself reads in ``package.json``; any other top-level key is a tool's section (``release-it``,
#: ``jest``, ``lint-staged``, ``prettier``), as its ``scripts`` are the project's own commands
_NPM_FIELDS = {"name", "version", "description", "main", "module", "browser", "exports", "imports", "bin", "man",
               "files", "types", "typings", "type", "engines", "os", "cpu", "sideEffects", "workspaces", "publishConfig",
               "private", "license", "repository", "homepage", "bugs", "keywords", "author", "contributors",
               "funding", "directories", "config", "overrides", "resolutions", "packageManager", "peerDependenciesMeta",
               "bundleDependencies", "bundledDependencies", "optionalDependencies", "peerDependencies",
               "dependencies", "devDependencies"}


def _tool_section(fact: Fact) -> bool:
    """A key of a tool's section of ``package.json`` (``release-it.git.requireCleanWorkingDir``, ``scripts.test``):
    how the project builds and releases itself, not what its users install or run."""
    top = re.split(r"[.\[]", fact.symbol or "", maxsplit=1)[0]
    return fact.path.rsplit("/", 1)[-1] == "package.json" and top not in _NPM_FIELDS


def _config(facts: list[Fact], words: dict[str, str]) -> str | None:
    """The settings changed; a key changed in several files (each chart's ``appVersion``) names its folder."""
    shown = [f for f in facts if f.kind.startswith("config_") and f.symbol and not _version_bump(f)
             and not _package_metadata(f) and not _tool_section(f)
             # a docs page's data file, a test's or benchmark's input (``benchmark/parse-top.json``), an example's,
             # a translation's strings (``locales/ru.json``: the words a message prints, not settings)
             and not classify_path(f.path) & {"doc", "test", "example", "i18n"}
             and f.text != TOOLING]  # CI workflows, linters: each change's own entry says them, not the day's
    folders = Counter(f.symbol for f in {(f.symbol, f.path): f for f in shown}.values())
    named = [words[f.kind].format(name=_where(f, words) if folders[f.symbol] > 1 else _code(f.symbol),
                                  before=_code(f.before), after=_code(f.after)) for f in shown]
    return words["config"].format(items=_items(named, words)) if named else None


def _where(fact: Fact, words: dict[str, str]) -> str:
    """``appVersion`` (``charts/argo-cd``): a key and the folder of the file it changes in."""
    folder = fact.path.rsplit("/", 1)[0] if "/" in fact.path else fact.path
    return words["where"].format(name=_code(fact.symbol), path=_code(folder))


def _dependencies(facts: list[Fact], words: dict[str, str]) -> str | None:
    """The packages users install that came, went or moved; a development-only one (tests, linters, an example's
    manifest) is left to its change's own entry, as a CI workflow's key is."""
    named = [words[_dependency_key(f)].format(name=_code(f.symbol), before=f.before,
                                              after=words["any_version"] if (f.after or "").strip() == "*" else f.after)
             for f in facts if f.kind == "dependency_changed" and f.symbol
             and not development_only(f, classify_path(f.path)) and not _transitive(f)]
    return words["dependencies"].format(items=_items(named, words)) if named else None


def _transitive(fact: Fact) -> bool:
    """A lock file's entry for a package no manifest names (pulled in by another), or a manifest's requirement the
    toolchain records for one (go.mod's ``// indirect``): its change's entry counts it."""
    return fact.text == INDIRECT or (fact.text == TRANSITIVE and "lock" in classify_path(fact.path))


def _dependency_key(fact: Fact) -> str:
    """A package new to the project, dropped from it, or moved from one version to another (never "∅ →")."""
    return "dependency_added" if fact.before is None else "dependency_removed" if fact.after is None else "dependency"


def _area(path: str) -> str:
    parts = path.split("/")
    return "/".join(parts[:2]) if len(parts) > 2 else parts[0]


def _areas(reports: list[CommitReport], words: dict[str, str]) -> str | None:
    """Where the day's lines went; generated or vendored code (``vendor/``, ``dist/``) re-synced is no area people
    worked in."""
    lines: Counter[str] = Counter()
    changes: Counter[str] = Counter()
    added: Counter[str] = Counter()
    deleted: Counter[str] = Counter()
    authored_only = any(_authored_lines(r) for r in reports)  # else a day of lock churn names its lock files
    for report in reports:
        files = _authored_files(report) if authored_only else report.commit.files  # build output: no work area
        for area in {_area(f.path) for f in files}:
            changes[area] += 1
        for f in files:
            area = _area(f.path)
            lines[area] += f.changes
            added[area] += f.additions
            deleted[area] += f.deletions
    top = [area for area, count in lines.most_common(3) if count > 0]
    if not top:
        return None
    named = [words["area"].format(name=_code(a), n=_count(words, "n_changes", changes[a]), add=added[a],
                                  delete=deleted[a]) for a in top]
    return words["areas"].format(items=words["list_sep"].join(named))


def _prs(reports: list[CommitReport], words: dict[str, str]) -> str | None:
    numbers = [f"#{r.pr}" for r in reports if r.pr is not None]
    if len(numbers) < 2:
        return None
    return words["prs"].format(n=len(numbers), items=_items(numbers, words, "list_sep"))


def _authored_files(report: CommitReport) -> list:
    """A change's files outside lock files and generated code: what a person wrote and a reviewer reads."""
    return [f for f in report.commit.files if "lock" not in classify_path(f.path) and not is_generated(f.path)]


def _authored_lines(report: CommitReport) -> int:
    return sum(f.changes for f in _authored_files(report))


def _largest(reports: list[CommitReport], words: dict[str, str]) -> str | None:
    report = max(reports, key=_authored_lines)
    commit = report.commit
    if not commit.files or _authored_lines(report) == 0:
        return None
    authored = _authored_files(report)
    return words["largest"].format(title=_short(commit.title), files=_count(words, "n_files", len(authored)),
                                   add=sum(f.additions for f in authored),
                                   delete=sum(f.deletions for f in authored))  # the lines it was ranked by
