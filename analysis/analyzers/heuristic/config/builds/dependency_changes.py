"""Which dependency and toolchain changes users notice: major and pre-1.0 bumps, swaps, the oldest toolchain raised."""

from __future__ import annotations

import re
from functools import cached_property

from analysis.analyzers.heuristic.code.side_files import side_manifest
from analysis.analyzers.heuristic.config.builds.frozen_requirements import resolver_chosen
from analysis.analyzers.heuristic.config.builds.toolchain import Minimum, toolchain_minimums
from analysis.facts.manifests.dependencies import INDIRECT, is_development
from analysis.models import Fact

_DEV_MANIFEST = re.compile(r"(^|/)(requirements|constraints)[/_-]?[\w./-]*(dev|test|tests|docs?|lint|typing|ci)"
                           r"[\w.-]*\.(txt|in)$|(^|/)[\w.-]*(dev|test|tests|docs?|lint|typing|ci|format)[\w.-]*[-_]"
                           r"requirements[\w.-]*\.(txt|in)$"
                           # Go's tools module (``tools/go.mod`` with its ``tools.go``): linters and generators pinned
                           r"|(^|/)tools/go\.(mod|sum)$")
_VERSION_MAJOR = re.compile(r"\d+")
#: a build number and the commit it was built from (Jenkins' ``3206.vb_15dcf73f6a_9-3``): no major series to leave
#: (a range's wildcard, Helm's ``11.x.x``, is a major series: ``11.x.x`` -> ``12.x.x`` leaves one)
_BUILD_NUMBERED = re.compile(r"^\d+\.(?![x*](\.|$))[a-z]", re.I)
#: a commit of another repository (klone's ``repo_hash``, a pre-commit ``rev``): its digits are no version numbers
_COMMIT_HASH = re.compile(r"^(?=[0-9]*[a-f])[0-9a-f]{7,64}$")


def _commit(value: str | None) -> bool:
    return bool(_COMMIT_HASH.match((value or "").strip()))


#: a documentation site generator's configuration (MkDocs, Antora, mdBook): a version it holds is text the site
#: shows (``extra.latest_version`` for the install snippets), nothing anyone installs
_DOCS_SITE = re.compile(r"(^|/)(mkdocs\.ya?ml|antora\.ya?ml|book\.toml)$")


def development_only(fact: Fact, classes: set[str]) -> bool:
    """A dependency change users never install (``classes``: its path's): a dev/test/docs requirements list, a
    manifest's development section (``devDependencies``, ``[dev-dependencies]``), an example's or test project's
    own manifest."""
    return is_development(fact.text) or bool(_DEV_MANIFEST.search(fact.path.lower())) or side_manifest(classes)


def _version_parts(version: str | None) -> list[int]:
    return [int(n) for n in _VERSION_MAJOR.findall(version or "")[:2]]


#: a development version (``4.0.0-0.dev``, ``2.1.0.dev0``, ``3.0.0-SNAPSHOT``): a series being worked on, unreleased
_DEVELOPMENT_VERSION = re.compile(r"[-.](0\.)?dev\d*$|-SNAPSHOT$", re.I)


def development_pin(fact: Fact) -> bool:
    """A pinned key (not a dependency's requirement) moved to a development version (chartpress's ``baseVersion``
    or tbump's ``current`` ``3.3.0`` -> ``4.0.0-0.dev`` after a release): the project's own next series opened, no
    release anyone installs, so no major upgrade."""
    return fact.kind == "config_value_changed" and bool(_DEVELOPMENT_VERSION.search((fact.after or "").strip("\"' ")))


def major_bump(before: str | None, after: str | None) -> bool:
    """``after``'s major version is above ``before``'s (``0.x`` -> ``1.0`` included; ``0.4`` -> ``0.5`` is not:
    see ``unstable_bump``)."""
    if _BUILD_NUMBERED.match((before or "").strip()) and _BUILD_NUMBERED.match((after or "").strip()):
        return False
    if _commit(before) or _commit(after):
        return False  # ``2ae6b44...`` -> ``68ae488...``: another commit, no series of versions (2 < 68 says nothing)
    old, new = _version_parts(before), _version_parts(after)
    return bool(old and new) and new[0] > old[0]


def unstable_bump(before: str | None, after: str | None) -> bool:
    """A pre-1.0 dependency's next minor series (``v0.4.0`` -> ``v0.5.0``): Cargo, npm's caret and Go treat it as
    incompatible, yet it is such a package's routine release, not the major upgrade of a stable one."""
    if _commit(before) or _commit(after):
        return False
    old, new = _version_parts(before), _version_parts(after)
    return len(old) == len(new) == 2 and old[0] == new[0] == 0 and new[1] > old[1]


#: a plain version (``v0.31.0``, ``1.2``, ``=2.0.1``, ``^1.4.2``, a Go pseudo-version's ``v0.0.13-2025...``): its
#: numbers before any pre-release or build suffix compare as a tuple
_PLAIN_VERSION = re.compile(r"^[v=^~]?(\d+(?:\.\d+){1,3})(?:[-+][\w.+-]*)?$")


def downgrade(before: str | None, after: str | None) -> bool:
    """``after`` is an older release than ``before`` (``golang.org/x/sys`` ``v0.31.0`` -> ``v0.30.0``): a
    dependency going back, which a reader should not take for the usual bump; ranges and tags say nothing."""
    old, new = (_PLAIN_VERSION.match((v or "").strip()) for v in (before, after))
    if not old or not new:
        return False
    return tuple(int(n) for n in new.group(1).split(".")) < tuple(int(n) for n in old.group(1).split("."))


#: a semver pre-release (``2.0.0-beta.2``, ``1.0.0-rc.1``, ``3.0.0-alpha``): not yet the release its users get
_PRERELEASE = re.compile(r"\d+\.\d+\.\d+-(alpha|beta|rc|pre|next|canary)\b[\w.]*$", re.I)


def prerelease_left(before: str | None, after: str | None) -> bool:
    """A requirement moves off a pre-release to a release (``2.0.0-beta.2`` -> ``^2.0.1``): the package's code
    from beta to stable, whatever the numbers say."""
    return bool(before and after and _PRERELEASE.search(before) and not _PRERELEASE.search(after))


def prerelease_taken(before: str | None, after: str | None) -> bool:
    """A requirement moves onto a pre-release, from a release or another pre-release (``2.8.0-alpha02`` ->
    ``2.8.0-alpha09``): a pre-release promises no compatibility from one build to the next, and users get code its
    authors have not released."""
    return bool(before and after and before != after and _PRERELEASE_BUILD.search(after))


#: a pre-release version, its number glued to the tag as Maven and Gradle artifacts write it (``2.8.0-alpha09``)
_PRERELEASE_BUILD = re.compile(r"\d+\.\d+\.\d+-(alpha|beta|rc|pre|next|canary)(\b|\d)[\w.]*$", re.I)


class DependencyChanges:
    """Dependency and toolchain changes of a commit (mixed into ``Evidence``, whose facts and path classes it reads)."""

    @cached_property
    def dependencies(self) -> list[Fact]:
        """Dependency changes, less a lock file's record of the project's own version bump."""
        own = {(f.before, f.after) for f in self.of("config_value_changed") if (f.symbol or "").endswith("version")}
        return [f for f in self.of("dependency_changed")
                if not ("lock" in self.classes.get(f.path, set()) and (f.before, f.after) in own)]

    @cached_property
    def major_bumps(self) -> list[Fact]:
        """Major upgrades in a manifest the product installs with (not lock files, not dev/test/docs lists; not a
        pinned key moved to a development version, which is the project's own next series after a release; not a
        frozen requirements file's pin of a package only other packages require, which pip-compile chose as a lock
        file's resolver would)."""
        patches = {f.path: f.patch for f in self.files}
        return [f for f in self.installed if major_bump(f.before, f.after) and not development_pin(f)
                and not (f.kind == "dependency_changed" and resolver_chosen(f.symbol, patches.get(f.path)))]

    @cached_property
    def prereleases_left(self) -> list[Fact]:
        """Runtime dependencies moved off a pre-release, in a manifest the product installs with."""
        return [f for f in self.installed if f.kind == "dependency_changed" and prerelease_left(f.before, f.after)]

    @cached_property
    def prereleases_taken(self) -> list[Fact]:
        """Runtime dependencies moved onto a pre-release, in a manifest the product installs with."""
        return [f for f in self.installed if f.kind == "dependency_changed" and prerelease_taken(f.before, f.after)]

    @cached_property
    def unstable_bumps(self) -> list[Fact]:
        """Pre-1.0 dependencies moved to their next minor series, in a manifest the product installs with."""
        return [f for f in self.installed if unstable_bump(f.before, f.after)]

    @cached_property
    def installed(self) -> list[Fact]:
        """Dependency changes in a manifest the product installs with (not lock files, not dev/test/docs lists nor a
        manifest's development section, not an example's or a test project's own manifest, not a documentation
        site's configuration, not a requirement the toolchain records for a dependency of a dependency (go.mod's
        ``// indirect``)), default image tags included."""
        return [f for f in self.dependencies + self.version_pins
                if "lock" not in self.classes.get(f.path, set()) and not _DOCS_SITE.search(f.path.lower())
                and f.text != INDIRECT
                and not development_only(f, self.classes.get(f.path, set()))]

    @cached_property
    def dependency_swaps(self) -> list[tuple[Fact, Fact]]:
        """(removed, added) dependency pairs of one manifest the product installs with: a package replaced by another
        (``serde`` by ``serde_core``), not a version moved."""
        pairs = []
        for path in dict.fromkeys(f.path for f in self.installed):
            gone = [f for f in self.installed if f.path == path and f.before and not f.after]
            came = [f for f in self.installed if f.path == path and f.after and not f.before]
            pairs += zip(gone, came)
        return pairs

    @cached_property
    def toolchain_minimums(self) -> list[Minimum]:
        """The oldest Rust, Python, Node or Go the project supports, moved (``rust-version`` 1.61 -> 1.68)."""
        return toolchain_minimums(self.facts, self.files)

    @property
    def product_minimums(self) -> list[Minimum]:
        """The toolchain minimums of manifests the product is installed with: a test module's own manifest
        (``test/go.mod``) builds only the project's tests, an example's (``examples/app/setup.cfg``) only the
        example users copy: neither holds users of the package to its runtime."""
        return [m for m in self.toolchain_minimums if "test" not in self.classes.get(m.path, set())
                and not side_manifest(self.classes.get(m.path, set()))]

    @property
    def toolchain_raised(self) -> list[Minimum]:
        return [m for m in self.product_minimums if m.raised]

    @property
    def toolchain_lowered(self) -> list[Minimum]:
        """The oldest supported toolchain moved back (``rust-version`` 1.60 -> 1.56): users on older compilers or
        runtimes can now build or install the package (a test module's or an example's own manifest aside)."""
        return [m for m in self.product_minimums if not m.raised]
