"""The impact lines: areas ranked by lines changed, each with the public symbols, keys or versions it touches, or
what kind of files it holds. A part of the ``Writer`` (its ``t``, ``names``, ``symbols`` and evidence ``e``)."""

from __future__ import annotations

import re
from collections import defaultdict

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.analyzers.heuristic.code.named.assignments import values_edited
from analysis.analyzers.heuristic.config.ci_keys import action_ref
from analysis.analyzers.heuristic.message import clip
from analysis.analyzers.heuristic.paths import area_of
from analysis.analyzers.heuristic.release import version_moved, versions_set
from analysis.analyzers.heuristic.text.default_exports import api_name
from analysis.analyzers.heuristic.text.dependency_lines import ANY_VERSION
from analysis.analyzers.heuristic.text.spans import code, code_line, pinned
from analysis.analyzers.heuristic.text.test_cases import case_rows_added
from analysis.facts.patches import parse_patch

#: a configuration value this short is named in the impact line beside its key
_SHORT_VALUE = 40
#: how much of a test's case row is quoted beside its area
_CASE_CHARS = 40
#: a docs or tests area changed by this many lines or fewer beside a real change gets no impact line
_TOUCHED_LINES = 2


def bumped_here(what: str) -> bool:
    """The line already names the versions set (``__version__`` ``6.3.3`` → ``6.4.0``)."""
    return "→" in what


#: a list's item as the facts key it: the list, the value in brackets (``matrix.node-version[20]``)
_LIST_ITEM = re.compile(r"^(?P<list>[^\[\]]+)\[(?P<item>[^\]\"']+)\]$")


class ImpactLines:
    """The impact section of an analysis (mixed into ``Writer``)."""

    def impact(self) -> list[str]:
        e = self.e
        if self.tiny() and (not e.behaviour or self.tiny_unnamed()):
            return []
        groups: dict[str, list] = defaultdict(list)
        quoted = {f.path for f in e.of("changelog_entry")} if e.changelog else set()
        substantive = any(f.path not in e.cosmetic for f in e.files if f.path not in quoted)
        built = {f.path for f in e.files if "generated" in e.classes[f.path]}  # bundles rebuilt beside the change
        derived = self.derived_locks() | (built if len(built) < len(e.files) else set())
        for f in e.files:
            # the summary quotes the changelog's lines already; comment-only files beside a real change are noise,
            # and so is a lock file that only records what the commit's manifests say
            if f.path not in quoted and not (substantive and f.path in e.cosmetic) and f.path not in derived:
                groups[area_of(f.path)].append(f)
        symbols: dict[str, list[str]] = defaultdict(list)
        internal: dict[str, list[str]] = defaultdict(list)
        tests: dict[str, list[str]] = defaultdict(list)
        values: dict[str, list[str]] = defaultdict(list)  # a key and the value it takes: one bump from the next
        items: dict[tuple[str, str], list[str]] = defaultdict(list)  # (area, list): its items, signed
        for f in e.facts:
            if f.kind in ("symbol_added", "symbol_removed", "symbol_modified", "signature_changed"):
                if f.path not in e.cosmetic and e.in_product(f):
                    (symbols if e.is_public(f) else internal)[area_of(f.path)].append(api_name(f))
            elif f.kind == "config_value_changed" and f.after and len(f.after) <= _SHORT_VALUE:
                values[area_of(f.path)].append(self.t("impact_dep", name=code(f.symbol), version=code(f.after)))
            elif ref := action_ref(f, self.patch_lines(f.path)):
                # a reusable workflow or action too long to name whole is said by the ref it moves to: the keys
                # alone (`jobs.release.uses`) read alike for every bump, revert and re-pin of the same workflows
                values[area_of(f.path)].append(self.t("impact_dep", name=code(f.symbol), version=code(pinned(ref))))
            elif f.kind in ("config_key_added", "config_key_removed", "config_value_changed"):
                # a list's items (``node-version[20]``, the value in brackets) name their list once, each item
                # signed added or removed, not each as a key
                item = _LIST_ITEM.match(f.symbol or "") if f.kind != "config_value_changed" else None
                if item and item.group("item") == (f.after if f.kind == "config_key_added" else f.before):
                    sign = "+" if f.kind == "config_key_added" else "−"
                    items[(area_of(f.path), item.group("list"))].append(sign + code(item.group("item")))
                else:
                    symbols[area_of(f.path)].append(f.symbol)
            elif f.kind == "test_added" and not f.before:
                tests[area_of(f.path)].append(f.symbol)
        versions = defaultdict(list)  # the version a dependency moves to tells one bump from the next
        for f in e.dependencies:  # a dependency dropped has no version to name: "`hpke-rs` —" said nothing
            any_version = (f.after or "").strip() in ANY_VERSION  # no pin: "(any version)", not a bare ``*``
            versions[area_of(f.path)].append(self.t("impact_dep", name=code(f.symbol), version=self.p["dep_any"]
                                                    if any_version else clip(f.after, 40))
                                             if f.after else self.t("impact_dep_removed", name=code(f.symbol)))
        for (area, name), signed in items.items():
            values[area].append(self.t("impact_list_items", list=code(name), items=" ".join(signed[:4])
                                       + (" …" if len(signed) > 4 else "")))
        for area, texts in values.items():
            versions[area] = texts + versions[area]
        ordered = sorted(groups.items(), key=lambda kv: (-sum(x.changes for x in kv[1]), kv[0]))
        behaviour = {f.path for f in e.behaviour}
        out = []
        for area, members in ordered[:R.MAX_AREAS]:
            if symbols[area] or versions[area]:
                what = self.p["sep"].join(filter(None, [self.symbols(symbols[area], 4) if symbols[area] else "",
                                                        self.names(versions[area], 3, wrap=False)]))
            elif internal[area]:
                what = self.t("internal", names=self.symbols(internal[area], 3))
            elif tests[area]:  # the product symbols of an area come first; its new tests only when alone
                what = self.names(tests[area], 3)
            elif all(m.previous_path and not m.changes for m in members):
                # files renamed with no line changed: "(+0/−0): CI and tooling" hid the one thing that happened
                what = self.t("impact_renamed", old=self.names([code(m.previous_path, R.MAX_PATH) for m in members],
                                                               3, wrap=False))
            elif len(ordered) > 1 and sum(x.changes for x in members) <= _TOUCHED_LINES and \
                    all(e.classes.get(x.path, set()) & {"doc", "test"} for x in members):
                continue  # a README or test line or two beside the real change (no test named): nothing more to say
            elif bumped := versions_set([m for m in members if m.path in behaviour]):
                what = self.names([self.t("config_value", key=code(name), old=code(old), new=code(new))
                                   for name, old, new in bumped], 2, wrap=False)  # which release: not "__init__.py"
            elif edited := values_edited([m for m in members if m.path in behaviour]):
                what = self.symbols(edited, 3)  # no symbol named: the module-level values the hunks sit in
            elif all("test" in e.classes.get(m.path, set()) for m in members) and (rows := case_rows_added(members)):
                what = self.t("impact_cases", rows=self.names([code_line(r, _CASE_CHARS) for r in rows], 2,
                                                              wrap=False))  # what the tests now expect
            else:
                what = self.area_kind(members)
            # tests beside the code they exercise (``src/index.spec.ts``) are counted apart: the symbols named are
            # not where most of the area's lines went
            tested = [x for x in members if "test" in e.classes.get(x.path, set())]
            if tested and len(tested) < len(members) and (symbols[area] or internal[area]):
                what += self.t("impact_tests_beside", a=sum(x.additions for x in tested),
                               d=sum(x.deletions for x in tested))
                members = [x for x in members if x not in tested]
            sizes = dict(area=clip(area, R.MAX_PATH), a=sum(x.additions for x in members),
                         d=sum(x.deletions for x in members))
            # a release bump's files change alike in each bump of the day: the version they move to tells them apart
            # (not where dependencies are named: the numbers that moved there are theirs, or a toolchain's)
            moved = version_moved(members) if not bumped_here(what) and not versions[area] else None
            release = self.t("impact_release", old=code(moved[0]), new=code(moved[1])) if moved else ""
            if len(members) == 1 and members[0].path == area and what == clip(area, R.MAX_PATH):
                # a top-level file is its own area: ".size-limit.cjs: .size-limit.cjs" says nothing
                quote = self.file_quote(members[0])
                scopes = "" if quote or release else self.file_scopes(members[0])
                out.append(self.t("impact_bare", **sizes) + (quote or release or scopes))
                continue
            what += release
            out.append(self.t("impact", what=what, **sizes))
        if len(ordered) > R.MAX_AREAS:  # named: "2 more areas" read alike under each wide change of a day
            rest = [clip(area, R.MAX_PATH) for area, _ in ordered[R.MAX_AREAS:]]
            out.append(self.t("impact_more_named", n=len(rest), names=self.names(rest, 3)))
        return out

    def patch_lines(self, path: str) -> list[str]:
        """The removed and added lines of ``path``'s patch (a ``uses:`` line's version comment)."""
        f = next((x for x in self.e.files if x.path == path and x.patch), None)
        patch = parse_patch(f.path, f.patch) if f else None
        return [ln.text for ln in (*patch.removed, *patch.added)] if patch else []

    def derived_locks(self) -> set[str]:
        """Lock files beside other changes that add no dependency fact of their own (a release's version recorded)."""
        e = self.e
        with_facts = {f.path for f in e.dependencies}
        locks = {f.path for f in e.files if "lock" in e.classes[f.path] and f.path not in with_facts}
        return locks if len(locks) < len(e.files) else set()

    def area_kind(self, members: list) -> str:
        cosmetic = {self.e.cosmetic.get(m.path) for m in members}
        if len(cosmetic) == 1 and None not in cosmetic:  # a package comment added in each of several packages
            return self.p[f"kind_{cosmetic.pop()}"]
        cfgs = _build_script_cfgs(members)
        if cfgs:  # a Rust build script's probes: which cfg it stops or starts setting tells one cleanup from the next
            gone, new = cfgs
            return self.p["sep"].join(([self.t("kind_cfgs_dropped", names=self.names(gone))] if gone else [])
                                      + ([self.t("kind_cfgs_set", names=self.names(new))] if new else []))
        for cls in ("doc", "test", "ci", "build", "example", "i18n"):
            if all(cls in self.e.classes[m.path] or (cls == "ci" and "tooling" in self.e.classes[m.path])
                   or (cls == "build" and "lock" in self.e.classes[m.path]) for m in members):
                if cls == "doc" and (page := _doc_page(members)) and members[0].path != area_of(members[0].path):
                    # which page, and for a short note its first words: "docs/topics (+6/−0): documentation"
                    # said alike for three different pages told a reader nothing
                    name, line = page
                    return self.p["kind_doc"] + self.t("listed_lines", items=code(name) + (
                        f" “{clip(line, 80)}”" if line else ""))
                return self.p[f"kind_{cls}"]
        names = [m.path.rsplit("/", 1)[-1] for m in sorted(members, key=lambda m: -m.changes)]
        return self.names(names, 3, wrap=False)


#: a note's prose line: three words or more, not a heading underline, a ``KEY: value`` header nor a
#: reStructuredText field (``:tags: bug, environment`` under a changelog fragment's ``.. change::``: its filing)
_PROSE = re.compile(r"^(?![A-Z_]+:|:[\w-]+:(?:\s|$))\W*\w+\W+\w+\W+\w+")
#: a documentation note this short (lines changed) is quoted in its impact line
_SHORT_NOTE = 12


#: a manual page's font escapes and zero-width marks (``\fBbg\-transform\fR``), and a request's dot at a line's start
_ROFF_ESCAPE = re.compile(r"\\f(?:[BIRP1-4]|\(\w\w|\[\w*\])|\\&|\\c")
_ROFF_REQUEST = re.compile(r"^\.[A-Za-z]{1,2}\s+")


#: a manual page's source: ``fzf.1``, ``git-log.1p``, ``page.man``, ``page.roff``
_MANUAL = re.compile(r"\.(?:[1-9]\w{0,2}|man|roff|mdoc)$")


def _unroffed(line: str) -> str:
    r"""A manual page's line as its reader sees it: ``\fBwait\fR`` is ``wait``, ``\-`` a hyphen, ``.B word`` the word."""
    line = _ROFF_ESCAPE.sub("", _ROFF_REQUEST.sub("", line))
    return line.replace("\\-", "-").replace("\\(em", "—").replace("\\e", "\\")


def _doc_page(members: list) -> tuple[str, str] | None:
    """The one documentation file of an area, and the first prose line of a short note's changed lines (the added
    ones, else the removed ones); None for several files."""
    if len(members) != 1:
        return None
    m = members[0]
    line = ""
    if m.changes <= _SHORT_NOTE and m.patch:
        old, new = changed_lines(m.patch)
        manual = bool(_MANUAL.search(m.path))
        line = next((text for ln in (new or old) if _PROSE.match(text := _unroffed(ln.strip()) if manual
                                                                 else ln.strip())), "")
    return m.path.rsplit("/", 1)[-1], line


#: a Rust build script setting a cfg for the crate: ``println!("cargo:rustc-cfg=no_alloc_crate")``
_RUSTC_CFG = re.compile(r"cargo::?rustc-cfg=([A-Za-z_]\w*)")


def _build_script_cfgs(members: list) -> tuple[list[str], list[str]] | None:
    """The cfgs Rust build scripts (``build.rs``) stop and start setting, when all of ``members`` are such scripts."""
    if not members or not all(m.path.rsplit("/", 1)[-1] == "build.rs" for m in members):
        return None
    removed, added = [], []
    for m in members:
        old, new = changed_lines(m.patch)
        removed += [c for ln in old for c in _RUSTC_CFG.findall(ln)]
        added += [c for ln in new for c in _RUSTC_CFG.findall(ln)]
    gone, came = [c for c in dict.fromkeys(removed) if c not in added], [c for c in dict.fromkeys(added) if c not in removed]
    return (gone, came) if gone or came else None
