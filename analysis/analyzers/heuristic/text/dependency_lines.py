"""What the summary says of dependencies: one line per manifest change, packages added or dropped together in one
sentence, a swap, a downgrade, a requirement moved to the development section, optional peers, and a lock file's
changes bounded. A part of the ``Writer`` (its ``t``, ``names`` and evidence ``e``)."""

from __future__ import annotations

import re
from collections import defaultdict

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.config.builds.dependency_changes import development_only, downgrade
from analysis.analyzers.heuristic.text.spans import code, pinned
from analysis.facts.manifests.dependencies import DEVELOPMENT_MOVED, INDIRECT
from analysis.facts.patches import parse_patch
from analysis.models import Fact


class DependencyLines:
    """The dependency sentences of a summary (mixed into ``Writer``)."""

    def dependency_lines(self) -> list[str]:
        """Manifest changes one by one; a lock file's (transitive) changes bounded, the rest counted."""
        e, lines, locked = self.e, {}, []
        manifest = {f.symbol for f in e.dependencies if "lock" not in e.classes.get(f.path, set())}
        # a manifest's packages dropped or added together are one line, not one "New dependency x" each
        grouped: dict[tuple[str, str], list[Fact]] = {}
        # packages moved from the same version to the same one in one manifest, and the line said of the first
        together: dict[tuple, list[Fact]] = {}
        firsts: dict[tuple, str] = {}
        # the package the subject names ("bump google.golang.org/grpc from 1.80.0 to 1.82.1") is said first, not
        # left among the "N more" behind the indirect ones its bump drags along
        # one package dropped and one added in the same manifest (``serde`` -> ``serde = { package = "serde_core" }``)
        # is one swap said as one, not a new dependency and a dropped one apart
        swapped = {id(f): (old, new) for old, new in e.dependency_swaps
                   if sum(1 for g in e.installed if g.path == old.path and (g.before is None) != (g.after is None)) == 2
                   for f in (old, new)}
        for f in sorted(e.dependencies, key=lambda f: not named_in(f.symbol, e.title)):
            if id(f) in swapped:
                old, new = swapped[id(f)]
                # a requirement with no pin (``build`` in a requirements list, ``"*"``) says "(any version)", not `*`
                lines.setdefault(self.t("dep_swapped", old=code(old.symbol), name=code(new.symbol),
                                        new=self._version(new.after)), f.path)
                continue
            if "lock" in e.classes.get(f.path, set()):
                if f.symbol not in manifest:  # the manifest's line already says it
                    locked.append(f)
                continue
            if f.before is None and self._dependency_kind(f) == "deps_added_dev" and self._left_a_section(f):
                lines.setdefault(self.t("dep_to_dev", name=code(f.symbol)), f.path)
                continue
            if f.after is None or f.before is None:
                grouped.setdefault((f.path, self._dependency_kind(f)), []).append(f)
                continue
            if f.text == DEVELOPMENT_MOVED:  # out of what users install, into the tests' and tools' (``[dependencies]``
                # 0.2.1 -> ``[dev-dependencies]`` 1.2.0): the move is the news, said with its version
                lines.setdefault(self.t("dep_to_dev_changed", name=code(f.symbol), old=code(pinned(f.before)),
                                        new=code(pinned(f.after))), f.path)
                continue
            key = (f.path, f.text, pinned(f.before), pinned(f.after))
            if key in together:  # the packages one version moves together (a Gradle catalog's ``okio = "3.18.1"``
                together[key].append(f)  # read by its three libraries): one line names them all, not three alike
                continue
            together[key] = [f]
            line = self.dependency_line(f)
            many = _IN_MANIFESTS.match(f.text or "")
            if many:  # one bump in several manifests (a base image under each of four Dockerfiles): how many
                path = self.t("in_manifests", n=many.group(1), path=code(f.path, R.MAX_PATH))
                line = self.t("config_in", change=line, path=path)
            elif "/" in f.path and "lock" not in e.classes.get(f.path, set()):
                # a nested package's manifest (``tower-retry/Cargo.toml``): which package's requirement moves
                line = self.t("config_in", change=line, path=code(f.path, R.MAX_PATH))
            lines.setdefault(line, f.path)
            firsts[key] = line
        for key, facts in together.items():
            if len(facts) > 1 and firsts.get(key) in lines:  # the first package's line names the others beside it
                names = self.names([code(g.symbol) for g in facts], wrap=False)
                line = firsts[key].replace(code(facts[0].symbol), names, 1)
                lines = {line if k == firsts[key] else k: v for k, v in lines.items()}
        for (path, kind), facts in grouped.items():
            items = [code(f.symbol) if kind.startswith("deps_removed") else self.t("dep_item", name=code(f.symbol),
                                                                          new=self._version(f.after))
                     for f in facts]
            line = (self.dependency_line(facts[0]) if len(facts) == 1 else
                    self.t(kind, names=self.names(items, wrap=False), path=code(path, R.MAX_PATH)))
            lines.setdefault(line, path)
        shown_at_most = R.MAX_LISTED + 1 if len(lines) == R.MAX_LISTED + 1 else R.MAX_LISTED  # "1 more": list it
        out = list(lines)[:shown_at_most]
        cut = list(lines.values())[shown_at_most:]
        if cut:  # a group of bumps says how many it holds beyond those listed
            out.append(self.t("lock_more_one" if len(cut) == 1 else "lock_more", n=len(cut), path=self.names(list(dict.fromkeys(cut)), 2)))
        shown = [] if len(out) >= R.MAX_LISTED else locked[:R.MAX_LOCKED]
        # beside a manifest's own lines, a lock file's new entries are what its bump drags along (vitest 2 brings
        # `@babel/parser`): the lock's, said together, not one "New dependency" each
        new_in_lock = [f for f in shown if f.before is None and f.after is not None] if lines else []
        out += list(dict.fromkeys(self.dependency_line(f) for f in shown
                                  if (f.after is not None or f.before is None) and f not in new_in_lock))
        for path in dict.fromkeys(f.path for f in new_in_lock):
            items = [self.t("dep_item", name=code(f.symbol), new=code(pinned(f.after))) for f in new_in_lock
                     if f.path == path]
            out.append(self.t("lock_added", path=code(path, R.MAX_PATH), names=self.names(items, wrap=False)))
        # a lock file's entries gone with no manifest line of the commit dropping them (a stale lock catching up, a
        # package only another needed) are the lock's: said as such, together, not one "Drops dependency x" each
        dropped: dict[str, list[str]] = defaultdict(list)
        for f in shown:
            if f.after is None and f.before is not None:
                dropped[f.path].append(code(f.symbol))
        out += [self.t("lock_dropped", path=code(path, R.MAX_PATH), names=self.names(names, wrap=False))
                for path, names in dropped.items()]
        if len(locked) > len(shown):
            more = len(locked) - len(shown)
            out.append(self.t("lock_more_one" if more == 1 else "lock_more", n=more, path=code(locked[0].path, R.MAX_PATH)))
        return out

    def _left_a_section(self, f: Fact) -> bool:
        """A package.json requirement now only in ``devDependencies`` whose same line (name and range) the commit
        removes elsewhere in the file: moved out of the sections users install, not a new tool."""
        if f.path.rsplit("/", 1)[-1] != "package.json" or not f.after:
            return False
        line = re.compile(rf'^\s*"{re.escape(f.symbol or "")}"\s*:\s*"{re.escape(f.after)}"')
        return any(line.match(ln.text) for c in self.e.files if c.path == f.path and c.patch
                   for ln in parse_patch(c.path, c.patch).removed)

    def _dependency_kind(self, f: Fact) -> str:
        if f.text == INDIRECT and (f.before is None or f.after is None):
            # go.mod's ``// indirect``: what a dependency needs, recorded by the toolchain, not a package chosen
            return "deps_removed_indirect" if f.after is None else "deps_added_indirect"
        if f.after is None:  # a test tool's requirement dropped is said as one, as its addition is
            dev = development_only(f, self.e.classes.get(f.path, set()))
            return "deps_removed_dev" if dev else "deps_removed"
        return "deps_added_dev" if development_only(f, self.e.classes.get(f.path, set())) else "deps_added"

    def _version(self, version: str | None) -> str:
        """A requirement's version as said: ``*`` (no pin) as "(any version)", a commit id cut short, in a code span."""
        return self.p["dep_any"] if (version or "").strip() in _ANY_VERSION else code(pinned(version))

    def dependency_line(self, f: Fact) -> str:
        before, after = pinned(f.before), pinned(f.after)
        if before and after:
            key = "dep_downgraded" if downgrade(f.before, f.after) else "dep_changed"
            return self.t(key, name=code(f.symbol), old=code(before), new=code(after))
        if f.text == INDIRECT and not (before and after):
            key = "dep_removed_indirect" if f.after is None else "dep_added_indirect"
            return self.t(key, name=code(f.symbol), new=self._version(f.after), path=code(f.path, R.MAX_PATH))
        if after:  # a test or lint tool's requirement (a dependency group, dev-dependencies) is said as one
            key = "dep_added_dev" if self._dependency_kind(f) == "deps_added_dev" else "dep_added"
            new = self._version(f.after)
            return self.t(key, name=code(f.symbol), new=new)
        key = "dep_removed_dev" if self._dependency_kind(f) == "deps_removed_dev" else "dep_removed"
        return self.t(key, name=code(f.symbol))


#: ``text`` of a dependency fact said alike by several manifests of the commit (``dependency_facts``)
_IN_MANIFESTS = re.compile(r"^in (\d+) manifests$")
#: a requirement that pins no version: said as "(any version)", not as a version ``*``
_ANY_VERSION = ANY_VERSION = frozenset({"*", "latest", "x", "any"})
_PEER_META = re.compile(r"^peerDependenciesMeta(?:\.|\[\")(?P<name>.+?)(?:\"\])?(?P<flag>\.optional)?$")


def optional_peer(f: Fact) -> str | None:
    """The package a package.json ``peerDependenciesMeta`` entry added marks optional (``"lru-cache": {"optional":
    true}``): users who need it install it themselves; None for any other key."""
    match = _PEER_META.match(f.symbol or "") if f.kind == "config_key_added" else None
    if not match or f.path.rsplit("/", 1)[-1] != "package.json":
        return None
    optional = f.after == "true" if match.group("flag") else '"optional":true' in (f.after or "")
    return match.group("name") if optional else None


def named_in(package: str | None, title: str) -> bool:
    """``title`` names ``package`` whole (``google.golang.org/grpc``, not ``grpc`` inside ``grpc-gateway``)."""
    return bool(package) and re.search(rf"(?<![\w./@-]){re.escape(package or '')}(?![\w/@-])", title) is not None
