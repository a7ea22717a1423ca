"""Release commits: a version bump (and its changelog) publishes changes made and judged in their own commits."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.code.hunks import changed_lines, local_requirements_only
from analysis.analyzers.heuristic.config.empty_settings import adds_nothing
from analysis.facts.config import split_last

if TYPE_CHECKING:
    from analysis.analyzers.heuristic.evidence import Evidence

#: a line that names the version it sets (``__version__``, ``const Version``, ``#define LIB_VERSION_PATCH``)
_NAMES_VERSION = re.compile(r"version", re.I)
#: a dotted version anywhere in a line, also inside a name (``sealedsecrets.bitnami.com.2.15.4``, ``v2.7.1``)
_DOTTED = re.compile(r"(?<!\d)\d+(?:\.\d+)+")
#: a content digest a release pins anew (``sha256:…``, ``sha256-…``, a bare 40-64 hex digits)
_DIGEST = re.compile(r"(?<![0-9a-f])[0-9a-f]{40,64}(?![0-9a-f])")
#: every number (a digest first, then versions with their pre-release tag, ``2.3.2.dev``, ``1.0.0-rc.1``, then bare
#: numbers): what a line keeps when its numbers are blanked; a hexadecimal literal (``0x020E00D1``, a version packed
#: into one number) and a number with its development tag (``0.dev1``, a version's last field) are one number each
_NUMBERS = re.compile(r"(?<![0-9a-f])[0-9a-f]{40,64}(?![0-9a-f])|\b0[xX][0-9A-Fa-f]+\b|"
                      r"\d+(?:\.\d+)*\.(?:dev|rc|a|b|alpha|beta|post|pre)\d*\b|"
                      r"\d+(?:\.\d+)+(?:[-+.]?[A-Za-z][\w.]*)?|\d+")
#: the pull request a squash merge appends to its title: "Version 0.44.0 (#2819)"
_PR_SUFFIX = re.compile(r"\s*\(#\d+\)\s*$")


def bare_title(e: Evidence) -> str:
    """The title without its conventional-commit prefix and its squash merge's "(#N)"."""
    title = R.PREFIX_RE.sub("", e.title, count=1) if e.prefix_type else e.title
    return _PR_SUFFIX.sub("", title)


def release_titled(e: Evidence) -> bool:
    """The title names a release ("zlib 1.3", "Release 2.1", "v4.0.0"): the changelog lines it adds quote changes
    made and judged in their own commits."""
    return bool(R.RELEASE_TITLE.match(bare_title(e)))


def release_bookkeeping(e: Evidence) -> bool:
    """A release: the commit says so (a release title, changelog lines, the manifest's own version) and every
    product line it changes only moves a version, or carries the version it sets, or re-pins a digest (the
    package's name and bundle of a Carvel or Helm package); or its manifests only move the requirements on the
    repository's own packages. No API, dependency or security fact. The changelog lines it adds quote changes made
    and judged in their own commits, so they say nothing of this one (a quoted "feat:" or "prevent a panic" is no
    feature or crash fix here)."""
    if not e.files or (e.installed and not _own_image_moved(e)) or e.api_breaks or e.api_added \
            or e.contract_changes or e.security_signals:
        return False
    titled = release_titled(e)
    if titled and not e.behaviour:
        return True  # "Release 2.1": manifests, docs and changelogs only
    if version_file_restamped(e):
        return True  # the project's version file (``Version.java``'s ``return "4.13.2-SNAPSHOT";``) restamped
    released = titled or e.changelog or _own_version_only(e) or any(
        f.kind == "config_value_changed" and f.symbol == "version" for f in e.facts) or _stamped_across(e)
    if released and e.behaviour and _versions_moved(e):
        return True
    builds = [f for f in e.files if not e.classes[f.path] & {"doc", "lock"}]
    if (released and not (e.behaviour or e.config or e.dependencies) and builds
            and all("build" in e.classes[f.path] for f in builds) and _versions_moved(e, builds)):
        return True  # the version a build file keeps (Gradle's ``gradle.properties`` ``VERSION_NAME``) moved, said
        # released by the changelog beside it
    return (not e.behaviour and not e.config and bool(builds)
            and all("build" in e.classes[f.path] and local_requirements_only(f.patch) for f in builds))


def _own_image_moved(e: Evidence) -> bool:
    """Every pin the product installs moves to the version the release sets (a chart's ``version``/``appVersion``
    ``v1.0.10`` and its default ``image.tag`` ``v1.0.10``, a CI bot's "Update artifacts"): the project's own image,
    released, not a dependency upgraded."""
    released = {(f.after or "").strip("\"'").lstrip("v") for f in e.facts
                if f.kind == "config_value_changed" and split_last(f.symbol or "")[1] in ("version", "appVersion")}
    released.discard("")
    return bool(released) and all((f.after or "").strip("\"'").lstrip("v") in released for f in e.installed)


#: the package's own version where its code keeps it: ``__version__``, or a C header's ``LIB_VERSION_MINOR``,
#: ``LIB_VERSION_HEX``, ``LIB_VERSION_RELEASE`` (a version split into fields, which no minimum or default a
#: setting names is) (a bare ``VERSION = "12.2.2"`` constant, as a ``version.py`` keeps it: the package's own, no
#: qualifier naming another thing's minimum or protocol)
_OWN_VERSION = re.compile(r"\b__version__\b|\b[A-Z][A-Z0-9_]*VERSION_(MAJOR|MINOR|PATCH|MICRO|RELEASE|REVISION|HEX)\b|"
                          r"^\s*VERSION\s*=\s*[\"']")


#: a file that exists to state the project's own version (``Version.java``, ``version.py``, ``_version.go``)
_VERSION_FILE = re.compile(r"(?:^|/)_?version\.[a-z]+$", re.IGNORECASE)


def version_file_restamped(e: Evidence) -> bool:
    """Every product file changed is the project's version file and each of its changed lines comes back with only
    its numbers changed, carrying a dotted version (``return "4.13.1-SNAPSHOT";`` -> ``"4.13.2-SNAPSHOT"``): the
    package's own version moved to a release or back to development, whether or not the line names "version"."""
    if not e.behaviour or e.dependencies or e.config or not all(_VERSION_FILE.search(f.path) for f in e.behaviour):
        return False
    pairs = _rewritten_lines(e)
    return bool(pairs) and all(_NUMBERS.sub("#", old) == _NUMBERS.sub("#", new) and old != new
                               and _DOTTED.search(new) for old, new in pairs)


def _own_version_only(e: Evidence) -> bool:
    """Every changed product line names a version and one of them is the package's own (``__version__``,
    ``LIB_VERSION_MINOR``): the version moved to a release or back to development ("back to work" after a release)
    says the release even without a release title or changelog."""
    lines = [ln for f in e.behaviour for side in changed_lines(f.patch) for ln in side if ln.strip()]
    return bool(lines) and all(_NAMES_VERSION.search(ln) for ln in lines) and any(_OWN_VERSION.search(ln)
                                                                                    for ln in lines)


#: files that must state one release's version for the commit to be that release stamped across the tree
_STAMPED_FILES = 3


def _stamped_across(e: Evidence) -> bool:
    """Every changed line of every file (docs, build scripts, code) comes back with only its numbers changed, and
    the one version they move (``1.6.32beta05`` -> ``1.6.32beta06``) is written in at least three files, a document
    among them: the project's own release number stamped through its tree (a tarball of the next beta imported),
    a release even when no title or changelog says so. A minimum or a dependency raised is one or two lines."""
    if e.dependencies or e.installed or e.pinned or e.toolchain_raised or e.product_minimums:
        return False
    moved = version_moved(e.files)
    if moved is None:
        return False
    per_file = {f.path: version_moved([f]) for f in e.files}
    stamped = [path for path, pair in per_file.items() if pair == moved]
    return (len(stamped) >= _STAMPED_FILES and all(pair in (None, moved) for pair in per_file.values())
            and any("doc" in e.classes[path] for path in stamped))


def _versions_moved(e: Evidence, files: list | None = None) -> bool:
    """Every changed product line comes back with only its numbers changed, and each names a version, carries
    the version another line sets, re-pins a digest or restamps a copyright notice's years (a default ``5.0`` ->
    ``10.0`` moves a number, not a release; a minimum ``MIN_VERSION = "1.2"`` -> ``"1.3"`` names a version but needs
    a release said elsewhere).
    ``files``: those lines' files, when not the product code."""
    pairs = _rewritten_lines(e, files, names=True)
    if not pairs or not all(_NUMBERS.sub("#", old) == _NUMBERS.sub("#", new) and old != new for old, new in pairs):
        return False
    # the version a release sets, read from every added line that names one (the build file's ``set(LIB_VERSION
    # "8.0.0")`` beside the Doxyfile's ``PROJECT_NUMBER = 8.0.0``)
    stamped = [new for f in e.files for new in changed_lines(f.patch)[1] if _NAMES_VERSION.search(new)]
    versions = {v for new in stamped for v in _DOTTED.findall(new)}
    return all(_NAMES_VERSION.search(new) or _DIGEST.search(new) or _COPYRIGHT.search(new) or (
        _DOTTED.findall(new) and set(_DOTTED.findall(new)) <= versions) for _, new in pairs)


#: a copyright notice, whose years a release restamps (``Copyright (c) 2013-2017`` -> ``2013-2018``): a comment;
#: a bare ``(c)`` only before a year (``f(c) * 3`` is code)
_COPYRIGHT = re.compile(r"\bcopyright\b|\(c\)\s*\d{4}|©", re.IGNORECASE)


#: a line (or a line commented out) that sets the release's name beside its number: ``private static final String
#: RELEASE_NAME = "Envious Ferret";``, ``CODENAME = 'Bionic'``
_RELEASE_NAME = re.compile(r"""^(?://+|#+)?\s*(?:[\w<>\[\]]+\s+)*(?:release_?name|code_?name)\s*=\s*"""
                           r"""["'][^"']*["']\s*;?$""", re.IGNORECASE)


def _rewritten_lines(e: Evidence, files: list | None = None, names: bool = False) -> list[tuple[str, str]]:
    """(removed, added) line pairs of every product file, each line rewritten in place; empty when some file adds or
    removes lines or changes none (a YAML line that sets nothing, an empty value, is no line added). ``names``: the
    lines that set the release's name (as many added as removed, the one in use and the next one's commented out,
    swapped) are left out: a release names itself beside its number, its code the same."""
    pairs = []
    for f in e.behaviour if files is None else files:
        removed, added = changed_lines(f.patch)
        added = [ln for ln in added if not adds_nothing(f.path, ln)]  # ``securityContext: {}`` rendered anew
        if names:
            kept = [ln for ln in removed if not _RELEASE_NAME.match(ln)], [ln for ln in added
                                                                           if not _RELEASE_NAME.match(ln)]
            if len(removed) - len(kept[0]) == len(added) - len(kept[1]):
                removed, added = kept
        if not removed or len(removed) != len(added):
            return []
        pairs += list(zip(removed, added))
    return pairs


def version_numbers_only(e: Evidence, files: list | None = None) -> bool:
    """Every changed product line (of ``files``, else of every product file) comes back with only its numbers
    changed, and each names a version or carries a dotted ``x.y.z`` (``TIXML2_MAJOR_VERSION = 7`` -> ``8``,
    ``PROJECT_NUMBER = 7.1.0`` -> ``8.0.0``, ``__version_time__ = "08 Aug 2026 19:14 UTC"`` -> ``19:43``): a
    version set, which no test exercises."""
    pairs = _rewritten_lines(e, files)
    return bool(pairs) and all(
        _NUMBERS.sub("#", old) == _NUMBERS.sub("#", new) and old != new
        and (_NAMES_VERSION.search(new) or re.search(r"(?<!\d)\d+\.\d+\.\d+", new)) for old, new in pairs)


#: a C/C++ line that states a version number by name (``#define TSL_RH_VERSION_MAJOR 1``), or a comment line
_VERSION_DEFINE = re.compile(r"^\s*#\s*define\s+\w*VERSION\w*\s+\(?(?:\d+(?:\.\d+)*|\"\d[\w.+-]*\")\)?\s*$", re.I)
_COMMENT_LINE = re.compile(r"^\s*(?://|/\*|\*)|^\s*$")


def version_numbers_added(e: Evidence) -> bool:
    """Every changed product line defines a version number (``#define TSL_RH_VERSION_MAJOR 1``, or sets one by name:
    markupsafe's ``__version__ = "0.23"`` added to its package) or is a comment on them: the library's version
    stated for its users to read, which no test of its own exercises."""
    lines = [ln for f in e.behaviour for ln in (lambda r, a: r + a)(*changed_lines(f.patch))]

    def states(line: str) -> bool:
        return bool(_VERSION_DEFINE.match(line) or _SETS_VERSION.match(line))

    return (bool(e.behaviour) and any(states(ln) for ln in lines)
            and all(states(ln) or _COMMENT_LINE.match(ln) for ln in lines))


#: keys of a package manifest that only stamp a release: its own version and notes for a package index
_STAMP_KEYS = re.compile(r"^(version|annotations(\[.*\])?(\..*)?)$")


def version_stamp(e: Evidence, path: str) -> bool:
    """The build manifest at ``path`` only moves the package's own version (and release notes kept in it, such as a
    chart's ``artifacthub.io/changes`` annotation): the bump a repository's rules ask beside every change."""
    facts = [f for f in e.facts if f.path == path]
    return ("build" in e.classes.get(path, set()) and bool(facts)
            and all(f.kind == "config_value_changed" and _STAMP_KEYS.match(f.symbol or "") for f in facts)
            and any(f.symbol == "version" for f in facts))


#: a line that sets a version by name: ``__version__ = "6.4.0"``, ``const Version = "v1.2.0"``, ``VERSION = '2.1'``
_SETS_VERSION = re.compile(r"""^\s*(?:(?:export\s+)?(?:const|let|var|val|static|pub\s+const)\s+)?"""
                           r"""(?P<name>[A-Za-z_][\w.]*version\w*)\s*(?::[^=]+)?:?=\s*["'](?P<value>v?\d[\w.+-]*)["']\s*;?$""",
                           re.I)


#: a version set as a tuple of numbers: ``__version_info__ = (6, 135, 20)``
_SETS_VERSION_TUPLE = re.compile(r"^\s*(?P<name>[A-Za-z_][\w.]*version\w*)\s*=\s*\(\s*(?P<value>\d+(?:\s*,\s*\d+)+)\s*,?\s*\)\s*$",
                                 re.I)


def _version_set(line: str) -> tuple[str, str] | None:
    """(name, value) of a line that sets a version, a tuple's numbers joined by dots (``6.135.20``); else None."""
    if m := _SETS_VERSION.match(line):
        return m.group("name"), m.group("value")
    if m := _SETS_VERSION_TUPLE.match(line):
        return m.group("name"), ".".join(n.strip() for n in m.group("value").split(","))
    return None


def versions_set(files) -> list[tuple[str, str, str]]:
    """(name, old, new) of each version a file's hunks set anew (``__version__`` ``6.3.3.dev0`` -> ``6.4.0``): which
    release a bump makes, so one release's line is not the next one's."""
    out = []
    for f in files:
        removed, added = changed_lines(f.patch)
        old = dict(filter(None, map(_version_set, removed)))
        for name, value in filter(None, map(_version_set, added)):
            if old.get(name) not in (None, value):
                out.append((name, old[name], value))
    return out



_RELEASE = re.compile(r"(?<![\w.])\d+\.\d+(?:\.\d+)*(?:[-.]?(?:alpha|beta|rc|a|b|dev|pre)\.?\d*)?(?![\w.])", re.I)


def version_moved(files) -> tuple[str, str] | None:
    """(old, new) of the release a set of files' hunks move to when every changed line comes back with only its
    numbers changed and the first such line names a dotted version (``1.6.32beta06`` -> ``1.6.32beta07`` in a
    manual, a copyright string, a project file): which release each of a day's bumps makes, not only that the
    same files changed by the same line counts again."""
    pairs = []
    for f in files:
        removed, added = changed_lines(f.patch)
        if not removed or len(removed) != len(added):
            return None
        pairs += list(zip(removed, added))
    if not pairs or not all(_NUMBERS.sub("#", old) == _NUMBERS.sub("#", new) for old, new in pairs):
        return None
    for old, new in pairs:
        for a, b in zip(_RELEASE.findall(old), _RELEASE.findall(new)):
            if a != b:
                return a, b
    return None
