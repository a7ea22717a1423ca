"""Dependency changes: package, version before, version after, from manifests (pyproject, requirements,
package.json, Cargo.toml, go.mod, Maven pom.xml, Gradle libs.versions.toml, Helm Chart.yaml, a Dockerfile's base
images) and lock files (poetry.lock, uv.lock, package-lock.json, yarn.lock, pnpm-lock.yaml, Cargo.lock, go.sum,
Chart.lock); one fact per package, the manifest's when both say it."""

from __future__ import annotations

import json
import posixpath
import re
import tomllib
from collections.abc import Iterable

import yaml

from analysis.facts.config import WORKSPACE_INHERITED
from analysis.facts.languages import manifest_kind
from analysis.facts.manifests.container_images import base_images, is_dockerfile, stage_names
from analysis.facts.manifests.helm_charts import chart_dependencies, chart_lines
from analysis.facts.manifests.jvm_manifests import gradle_catalog, pom, pom_build_only, pom_properties, pom_unresolved
from analysis.facts.patches import FilePatch, Line
from analysis.models import Fact

ECOSYSTEM = {"pyproject.toml": "python", "requirements": "python", "poetry.lock": "python", "uv.lock": "python",
             "package.json": "node", "package-lock.json": "node", "npm-shrinkwrap.json": "node",
             "yarn.lock": "node", "pnpm-lock.yaml": "node", "cargo.toml": "rust", "cargo.lock": "rust",
             "go.mod": "go", "go.sum": "go", "pom.xml": "java", "libs.versions.toml": "java",
             "chart.yaml": "helm", "chart.lock": "helm"}
_PEP508 = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(\(?\s*[<>=!~^][^;#]*?)?\s*\)?\s*(;.*)?$")
_QUOTED = re.compile(r"""["']([A-Za-z0-9][A-Za-z0-9._\-\[\], ]*(?:[<>=!~^][^"';]*)?(?:;[^"']*)?)["']""")
_JSON_DEP = re.compile(r'^\s*"(@?[\w.\-/]+)"\s*:\s*"([^"]*)"')
_NPM_SPEC = re.compile(r"^(?:[~^<>=v*]|\d|workspace:|npm:|latest$|next$|file:|link:|git|https?:)")
_TOML_DEP = re.compile(r'^\s*([A-Za-z0-9_\-]+)\s*=\s*(?:"([^"]*)"|\{.*?version\s*=\s*"([^"]*)".*\})')
_GO_REQ = re.compile(r"^\s*(?:require\s+)?([\w.\-~]+\.[\w.\-~/]+|[\w\-]+/[\w.\-~/]+)\s+(v[\w.\-+]+)(?:\s*//.*)?$")
#: a go.mod requirement the toolchain records for a package the module's own imports do not name (``go mod tidy``
#: writes ``// indirect`` after it): a dependency of a dependency, not one the module chose
_GO_INDIRECT = re.compile(r"^\s*(?:require\s+)?(\S+)\s+v\S+\s*//\s*indirect\b")
_TOML_NAME = re.compile(r'^\s*name\s*=\s*"([^"]+)"')
_TOML_VERSION = re.compile(r'^\s*version\s*=\s*"([^"]+)"')
_NPM_LOCK_KEY = re.compile(r'^\s*"((?:[^"]*node_modules/)?(@?[^"]+))"\s*:\s*\{\s*$')
_NPM_LOCK_VERSION = re.compile(r'^\s*"version"\s*:\s*"([^"]+)"')
_YARN_HEADER = re.compile(r'^"?(@?[^@\s"]+)@[^\n]*:\s*$')
_YARN_VERSION = re.compile(r'^\s+version:?\s+"?([^"\s]+)"?')
_PNPM_KEY = re.compile(r"^\s+'?/?(@?[^@\s'/]+(?:/[^@\s'/]+)?)@(\d[^:'(\s]*)")
_CARGO_BARE_REF = re.compile(r'^\s+"([A-Za-z0-9_\-]+)",?\s*$')
_LOCAL_SOURCE = re.compile(r"\b(editable|virtual|directory|path|workspace)\s*=")
_YARN_LOCAL = re.compile(r"@(workspace|link|file|portal):")
_GO_SUM = re.compile(r"^(\S+)\s+(v[^\s/]+)(?:/go\.mod)?\s+h1:")
_PATH_KEY = re.compile(r"[{,]\s*path\s*=")
#: requirement specs that point into the repository itself
_LOCAL_SPECS = ("workspace:", "file:", "link:", "portal:", "../", "./")
_NPM_NOT_DEPS = {"version", "name", "node", "npm", "main", "types", "license", "description", "module"}
_CARGO_NOT_DEPS = {"version", "edition", "name", "rust-version", "license", "description", "resolver", "path"}


def normalise(ecosystem: str, name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower() if ecosystem == "python" else name


# --- manifests, whole texts ---------------------------------------------------------------------
def _pep508(spec: str) -> tuple[str, str] | None:
    match = _PEP508.match(spec)
    if not match:
        return None
    spec = " ".join((match.group(3) or "").split()) or "*"
    return match.group(1), spec[2:].strip() if spec.startswith("==") and "," not in spec else spec


#: an extra of ``[project.optional-dependencies]`` that installs the project's tests, docs or linters
_TOOLING_EXTRA = re.compile(r"^(?:tests?|testing|dev|develop|development|docs?|lint|linting|typing|types|coverage|"
                            r"bench(?:mark)?s?|ci|check|style|format)$", re.I)


#: a requirements file named for the project's own work (``requirements_test.txt``, ``dev-requirements.in``,
#: ``requirements/docs.txt``)
_TOOLING_FILE = re.compile(r"(?:^|[-_.])(?:tests?|testing|dev|develop|docs?|lint|typing|ci|bench)(?:[-_.]|$)", re.I)


def _pyproject(text: str) -> dict[str, str]:
    data = tomllib.loads(text)
    project = data.get("project", {})
    specs = list(project.get("dependencies", []))
    tooling: list[str] = []  # extras named for the project's own work (``testing``, ``docs``): not users' packages
    for extra, group in project.get("optional-dependencies", {}).items():
        (tooling if _TOOLING_EXTRA.match(extra) else specs).extend(s for s in group if isinstance(s, str))
    found = dict(filter(None, (_pep508(s) for s in specs if isinstance(s, str))))
    found.update((f"{name}{_SECTION}dev", spec) for name, spec in filter(None, map(_pep508, tooling))
                 if name not in found)
    for group in data.get("dependency-groups", {}).values():  # PEP 735: tests, docs, lint; never installed by users
        pins = filter(None, (_pep508(s) for s in group if isinstance(s, str)))
        found.update((f"{name}{_SECTION}dev", spec) for name, spec in pins if name not in found)
    poetry = data.get("tool", {}).get("poetry", {})
    tables = [poetry.get("dependencies", {}), poetry.get("dev-dependencies", {}),
              *(g.get("dependencies", {}) for g in poetry.get("group", {}).values())]
    for table in tables:
        for name, value in table.items():
            if name != "python" and not _internal(value):
                found[name] = _version(value)
    return found


def _internal(value: object) -> bool:
    """A dependency on a package of the same repository (a path or workspace dependency), not a third party."""
    if isinstance(value, dict):
        return "path" in value
    return isinstance(value, str) and value.startswith(_LOCAL_SPECS)


def _version(value: object) -> str:
    if isinstance(value, dict):
        if value.get("workspace") is True and not value.get("version"):
            return WORKSPACE_INHERITED  # ``serde = { workspace = true }``: the workspace's version, not any (``*``)
        return str(value.get("version") or value.get("git") or value.get("path") or "*")
    return str(value)


#: joins a package's name and the manifest section it is in when that is not the main one (``serde`` a normal
#: dependency and ``serde`` a dev-dependency are two requirements: one can go while the other stays)
_SECTION = "\x00"


def _cargo(text: str) -> dict[str, str]:
    data = tomllib.loads(text)
    tables = [("", data.get("dependencies", {})), ("dev", data.get("dev-dependencies", {})),
              ("build", data.get("build-dependencies", {})), ("", data.get("workspace", {}).get("dependencies", {}))]
    for target in data.get("target", {}).values():
        tables += [(k.split("-")[0] if k != "dependencies" else "", target.get(k, {}))
                   for k in ("dependencies", "dev-dependencies", "build-dependencies")]
    found: dict[str, str] = {}
    for section, table in tables:
        for name, value in table.items():
            # ``serde = { package = "serde_core", ... }``: the key is the name the code uses, the crate built is
            # the one ``package`` names (a swap that keeps the key changes what every user compiles)
            name = value.get("package") or name if isinstance(value, dict) else name
            if not _internal(value):
                found.setdefault(f"{name}{_SECTION}{section}" if section else name, _version(value))
    return found


def package_of(key: str) -> str:
    """The package a requirement's key names (without the manifest section it is in)."""
    return key.split(_SECTION, 1)[0]


def _package_json(text: str) -> dict[str, str]:
    """Requirements by name; a package only in ``devDependencies`` keyed with that section, as Cargo's are."""
    data = json.loads(text)
    found: dict[str, str] = {}
    for section in ("dependencies", "peerDependencies", "optionalDependencies", "devDependencies"):
        for name, spec in (data.get(section) or {}).items():
            if not _internal(spec) and name not in found:
                dev = section == "devDependencies"
                found[f"{name}{_SECTION}dev" if dev else name] = str(spec)
    return found


def _line_deps(kind: str, lines: Iterable[str]) -> dict[str, str]:
    """Packages named on manifest lines (requirements, go.mod; the hunk fallback of the others)."""
    found: dict[str, str] = {}
    for text in lines:
        # a pip-compile line goes on with its hashes: ``babel==2.18.0 \`` (the backslash is no part of the version)
        text = text.split(" #")[0].rstrip().removesuffix("\\") if kind == "requirements" else text
        if kind == "requirements":
            if text.strip() and not text.lstrip().startswith(("#", "-")):
                pair = _pep508(text.strip())
                found.update([pair] if pair else [])
        elif kind == "go.mod":
            match = _GO_REQ.match(text)
            if match and not text.lstrip().startswith(("module", "go ", "toolchain")):
                found[match.group(1)] = match.group(2)
        elif kind == "package.json":
            match = _JSON_DEP.match(text)
            if match and match.group(1) not in _NPM_NOT_DEPS and _NPM_SPEC.match(match.group(2)) \
                    and not _internal(match.group(2)):
                found[match.group(1)] = match.group(2)
        elif kind == "cargo.toml":
            match = _TOML_DEP.match(text)
            if match and match.group(1) not in _CARGO_NOT_DEPS and not _PATH_KEY.search(text):
                found[match.group(1)] = match.group(2) or match.group(3)
        elif kind == "pyproject.toml":
            for quoted in _QUOTED.findall(text):
                pair = _pep508(quoted)
                if pair and pair[1] != "*":
                    found.update([pair])
    return found


def _pom(text: str) -> dict[str, str]:
    """A pom's packages; test-scoped dependencies and build plugins keyed as a development section, as Cargo's
    ``[dev-dependencies]`` are: a major JUnit or Surefire bump reaches no user of the artifact."""
    build = pom_build_only(text)
    return {f"{name}{_SECTION}dev" if name in build else name: version for name, version in pom(text).items()}


def _pom_kept_properties(old: dict[str, str], new: dict[str, str], old_text: str, new_text: str) -> None:
    """Drop from both sides of a pom a version property that only starts or stops being used by the pom's own
    blocks, its value the same (a plugin given the literal ``3.12.0`` its ``<maven.javadoc.version>`` holds): the
    property shows as a package only while nothing uses it, so its use moving is no package gained or lost."""
    before, after = pom_properties(old_text), pom_properties(new_text)
    for name in set(old) ^ set(new):
        key = name.split(_SECTION)[0]
        if key in before and before[key] == after.get(key):
            old.pop(name, None)
            new.pop(name, None)


def _pom_unresolved_sides(old: dict[str, str], new: dict[str, str], old_text: str, new_text: str) -> None:
    """A block whose literal version becomes one the pom cannot resolve (``HEAD-SNAPSHOT`` ->
    ``${project.version}``), or the other way round, is that version changed, not the package dropped or added:
    the side that lost it gets the version as written."""
    sides = ((old, pom_unresolved(old_text), pom_build_only(old_text)),
             (new, pom_unresolved(new_text), pom_build_only(new_text)))
    for (mine, _, _), (theirs, written, build) in (sides, sides[::-1]):
        for name in set(mine) - set(theirs):
            key = name.split(_SECTION)[0]
            if key in written:
                theirs[f"{key}{_SECTION}dev" if key in build else key] = written[key]


_WHOLE = {"pyproject.toml": _pyproject, "cargo.toml": _cargo, "package.json": _package_json,
          "pom.xml": _pom, "libs.versions.toml": gradle_catalog, "chart.yaml": chart_dependencies,
          "go.mod": lambda text: _line_deps("go.mod", text.splitlines()),
          "requirements": lambda text: _line_deps("requirements", text.splitlines())}


_TOML_TABLE = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+")
#: a Cargo version requirement written as a bare string (``"1.0"``, ``"^0.6"``, ``"*"``, ``">=1, <2"``)
_CARGO_REQUIREMENT = re.compile(r"^\s*(?:[\^~=<>*]|\d)")


def _cargo_dependency_lines(patch: FilePatch, sign: str) -> list[str]:
    """The ``sign`` side's changed lines of a Cargo.toml that a dependency table may hold: none under a table the
    hunk shows to be another (``[package]``'s ``homepage = "https://.."``, ``readme = "README.md"`` are metadata,
    read so when a broken manifest cannot be parsed whole), and a bare string only when it is a version
    requirement."""
    found = []
    for hunk in patch.hunks:
        table: str | None = None
        for line in hunk.lines:
            header = _TOML_TABLE.match(line.text)
            if header:
                table = header.group(1)
                continue
            if line.kind != sign or (table is not None and "dependencies" not in table):
                continue
            match = _TOML_DEP.match(line.text)
            if match and match.group(2) is not None and not _CARGO_REQUIREMENT.match(match.group(2)):
                continue
            found.append(line.text)
    return found


def _hunk_deps(kind: str, patch: FilePatch) -> tuple[dict[str, str], dict[str, str]]:
    """Packages on each side of the hunks: line by line, or (pom.xml) from the blocks a hunk shows whole."""
    if kind == "chart.yaml":
        lines = [line for hunk in patch.hunks for line in hunk.lines]
        return ({n: ", ".join(sorted(v)) for n, v in chart_lines(lines, "-").items()},
                {n: ", ".join(sorted(v)) for n, v in chart_lines(lines, "+").items()})
    if kind == "cargo.toml":  # only the lines of a dependency table, where the hunk shows which table it is
        return (_line_deps(kind, _cargo_dependency_lines(patch, "-")),
                _line_deps(kind, _cargo_dependency_lines(patch, "+")))
    if kind != "pom.xml":
        return (_line_deps(kind, (line.text for line in patch.removed)),
                _line_deps(kind, (line.text for line in patch.added)))
    texts = ["\n".join(line.text for hunk in patch.hunks for line in hunk.lines if line.kind in (" ", sign))
             for sign in ("-", "+")]
    old, new = _pom(texts[0]), _pom(texts[1])
    _pom_kept_properties(old, new, *texts)
    _pom_unresolved_sides(old, new, *texts)
    return old, new


def _whole(kind: str, text: str | None) -> dict[str, str] | None:
    if text is None:
        return {}
    try:
        return _WHOLE[kind](text)
    except (ValueError, tomllib.TOMLDecodeError, AttributeError, TypeError, yaml.YAMLError):
        return None


# --- lock files, hunks ----------------------------------------------------------------------------
def _lock_side(kind: str, lines: list[Line], side: str, local: set[str]) -> dict[str, set[str]]:
    """name -> versions on one side ('+' or '-') of a lock file's hunk, context lines naming the package;
    the repository's own packages seen (workspace members, path dependencies) go into ``local``."""
    if kind == "chart.lock":
        return chart_lines(lines, side)
    found: dict[str, set[str]] = {}
    name = None
    versioned = None  # a TOML lock's package whose version line was just read: its source comes next
    for line in lines:
        if line.kind not in (" ", side):
            continue
        text = line.text
        if kind in ("poetry.lock", "uv.lock", "cargo.lock"):
            if versioned is not None:
                source = text.startswith("source =")
                if (not source and kind == "cargo.lock") or (source and _LOCAL_SOURCE.search(text)):
                    local.add(versioned)  # Cargo.lock gives no source for workspace and path crates
                versioned = None
            if text.startswith("[["):
                name = None
            match = _TOML_NAME.match(text)
            if match and name is None:
                name = match.group(1)
                continue
            match = _TOML_VERSION.match(text)
            if match and name:
                versioned = name
                if line.kind == side:
                    found.setdefault(name, set()).add(match.group(1))
        elif kind in ("package-lock.json", "npm-shrinkwrap.json"):
            match = _NPM_LOCK_KEY.match(text)
            if match:
                key = match.group(1)
                own = "node_modules/" not in key and "/" in key and not key.startswith("@")  # "packages/a"
                name = match.group(2) if not own and ("node_modules/" in key or text.startswith("    \"")) else None
                continue
            match = _NPM_LOCK_VERSION.match(text)
            if match and name and line.kind == side:
                found.setdefault(name, set()).add(match.group(1))
        elif kind == "yarn.lock":
            match = _YARN_HEADER.match(text)
            if match:
                name = None if _YARN_LOCAL.search(text) else match.group(1)
                continue
            match = _YARN_VERSION.match(text)
            if match and name and line.kind == side:
                found.setdefault(name, set()).add(match.group(1))
        elif line.kind == side:
            match = (_PNPM_KEY if kind == "pnpm-lock.yaml" else _GO_SUM).match(text)
            if match:
                found.setdefault(match.group(1), set()).add(match.group(2))
    return found


def _lock_changes(kind: str, patch: FilePatch) -> dict[str, tuple[str | None, str | None]]:
    old: dict[str, set[str]] = {}
    new: dict[str, set[str]] = {}
    local: set[str] = set()
    for hunk in patch.hunks:
        for side, into in (("-", old), ("+", new)):
            for name, versions in _lock_side(kind, hunk.lines, side, local).items():
                into.setdefault(name, set()).update(versions)
    # Cargo.lock: a dependency list that now names "prost" bare (was "prost 0.13.4") means one version is
    # left: an older duplicate dropped, not the package
    remaining = {m.group(1) for hunk in patch.hunks for line in hunk.lines if line.kind == "+"
                 for m in [_CARGO_BARE_REF.match(line.text)] if m} if kind == "cargo.lock" else set()
    changes = {}
    for name in [*new, *(n for n in old if n not in new)]:
        gone, came = old.get(name, set()) - new.get(name, set()), new.get(name, set()) - old.get(name, set())
        if (gone or came) and name not in local and not (not came and name in remaining):
            changes[name] = (", ".join(sorted(gone)) or None, ", ".join(sorted(came)) or None)
    return changes


def _compare(old: dict[str, str], new: dict[str, str]) -> dict[str, tuple[str | None, str | None]]:
    changes = {}
    for name in [*new, *(n for n in old if n not in new)]:
        if old.get(name) != new.get(name):
            changes[name] = (old.get(name), new.get(name))
    return changes


#: ``text`` of a lock-file fact whose package no manifest of the commit declares
TRANSITIVE = "transitive"
#: ``text`` of a manifest's requirement only its development builds use (Cargo ``[dev-dependencies]``, package.json
#: ``devDependencies``): tests and tools, never installed for the package's users
DEVELOPMENT = "development"
#: ``text`` of a requirement moved out of the sections users install into the development ones of the same
#: manifest with another version (``bstr`` from ``[dependencies]`` 0.2.1 to ``[dev-dependencies]`` 1.2.0): a
#: development requirement too, whose move is the news, not only its version
DEVELOPMENT_MOVED = "development, moved from the installed dependencies"


#: ``text`` of a manifest's requirement the toolchain records for a dependency of a dependency (go.mod's
#: ``// indirect``): transitive, as a lock file's entry no manifest names is
INDIRECT = "indirect"


def _go_indirect(path: str, patch: FilePatch, sides: tuple[str | None, str | None] | None) -> tuple[set[str], set[str]]:
    """The requirements a go.mod marks ``// indirect`` before and after (the whole texts, else the hunks' lines)."""
    if sides and sides[0] is not None and sides[1] is not None:
        texts = [sides[0].splitlines(), sides[1].splitlines()]
    else:
        texts = [[line.text for line in patch.removed], [line.text for line in patch.added]]
    return tuple({m.group(1) for line in lines if (m := _GO_INDIRECT.match(line))} for lines in texts)  # type: ignore[return-value]


def is_development(text: str | None) -> bool:
    """A dependency fact's ``text`` marks a requirement only development builds use."""
    return text in (DEVELOPMENT, DEVELOPMENT_MOVED)


_SIDE_DIRS = re.compile(r"(^|/)(examples?|samples?|demos?|benches|benchmarks|tests?|fuzz|docs?)/", re.I)


def _one_per_package(facts: list[tuple[str, Fact]]) -> list[Fact]:
    """One fact per package of an ecosystem across manifests (a workspace bumping ``tower`` in 14 crates):
    the main manifest's (outside examples and tests, shallowest), ``text`` "in N manifests" when several; a
    package one manifest drops and another adds moved with its manifest, and is no change at the same version."""
    groups: dict[tuple[str, str], list[Fact]] = {}
    for ecosystem, fact in facts:  # in the order first seen
        groups.setdefault((ecosystem, normalise(ecosystem, fact.symbol or "")), []).append(fact)
    kept = []
    for group in groups.values():
        gone = [f for f in group if f.after is None]
        came = [f for f in group if f.before is None]
        if (len(group) == 2 and len(gone) == len(came) == 1 and gone[0].path == came[0].path
                and came[0].text == DEVELOPMENT and gone[0].text != DEVELOPMENT and gone[0].before == came[0].after):
            # one manifest moves it out of the sections users install into its development ones at the same version
            # (package.json ``dependencies`` -> ``devDependencies``: a package now bundled): what it now is (with
            # another version the move is said as the version's, below). (The other way is
            # not read so: a package.json entry in ``devDependencies`` that another section also names is keyed as
            # that section's only, so "gone from dev, came to peer" may be a peer entry added beside it)
            kept.append(came[0])
            continue
        if gone and came and len(gone) + len(came) == len(group):  # the requirement moved to another manifest (a
            # package moved into a workspace's crates/x/Cargo.toml): a change only if its version changed on the way
            old, new = gone[0], came[0]
            if old.before != new.after:
                moved = old.path == new.path and new.text == DEVELOPMENT and old.text != DEVELOPMENT
                kept.append(new.model_copy(update={"before": old.before, "text": DEVELOPMENT_MOVED if moved
                                                   else new.text}))
            continue
        main = min(group, key=lambda f: (bool(_SIDE_DIRS.search(f.path)), f.path.count("/")))
        paths = {f.path for f in group}
        if len(paths) > 1 and all(is_development(f.text) for f in group):
            kept.append(main)  # a test extra and the test requirements file: the development mark says more
        else:
            kept.append(main.model_copy(update={"text": f"in {len(paths)} manifests"}) if len(paths) > 1 else main)
    return kept


def _lock_only_presence(fact: Fact, declared: bool) -> bool:
    """A lock or checksum file's word that a package came or went, where the manifest decides that: go.sum keeps
    hashes of versions once considered, so lines leaving it drop nothing; a lock's package the commit's manifest
    still declares is not dropped (nor added) whatever the lock's lines say."""
    if fact.before is not None and fact.after is not None:
        return False
    return declared or fact.path.rsplit("/", 1)[-1].lower() == "go.sum"


def _image_facts(path: str, patch: FilePatch) -> list[Fact]:
    """The base images a Dockerfile's hunks move (``alpine`` ``3.19`` -> ``3.21``): its ``FROM`` lines each side."""
    stages = stage_names(line.text for hunk in patch.hunks for line in hunk.lines)
    old = base_images((line.text for line in patch.removed), stages)
    new = base_images((line.text for line in patch.added), stages)
    return [Fact(kind="dependency_changed", path=path, symbol=name, before=before, after=after)
            for name, (before, after) in _compare(old, new).items()]


#: setuptools' own files, which name requirements in code (``install_requires=["click>=5.0"]``) or config lines
_SETUPTOOLS_FILES = ("setup.py", "setup.cfg")


def _setuptools_requirements(lines: Iterable[Line]) -> dict[str, str]:
    """Requirements on ``lines`` of a ``setup.py`` (quoted: ``"click>=5.0",``) or ``setup.cfg`` (bare, indented
    under ``install_requires =``), by normalised name; what is no requirement (a quoted file name) is read as
    one too, harmless: it only ever matches a package a manifest of the same commit adds."""
    found: dict[str, str] = {}
    for line in lines:
        texts = _QUOTED.findall(line.text) or ([line.text.strip()] if line.text[:1].isspace() else [])
        for pair in filter(None, map(_pep508, texts)):
            found[normalise("python", pair[0])] = pair[1]
    return found


def _moved_from_setuptools(facts: list[tuple[str, Fact]], gone: dict[str, str]) -> list[tuple[str, Fact]]:
    """A Python requirement a manifest adds (``pyproject.toml``'s ``[project.optional-dependencies]``) that the
    same commit takes out of ``setup.py``/``setup.cfg`` moved with the project's metadata, it is not new: dropped
    at the same version, said as a version change with another."""
    if not gone:
        return facts
    out = []
    for ecosystem, fact in facts:
        before = gone.get(normalise(ecosystem, fact.symbol or "")) if ecosystem == "python" else None
        if before is not None and fact.before is None and fact.after is not None:
            if before == fact.after:
                continue
            fact = fact.model_copy(update={"before": before})
        out.append((ecosystem, fact))
    return out


def dependency_facts(files: list[tuple[str, FilePatch, tuple[str | None, str | None] | None]]) -> list[Fact]:
    """Facts for the manifest and lock files among ``files`` (path, patch, whole before/after texts or None):
    one per package (the manifest's when a manifest and a lock both name it); lock-file packages no manifest
    of the commit declares (when the manifests were read whole) marked ``text`` "transitive"."""
    manifest_facts: list[tuple[str, Fact]] = []
    lock_facts: list[tuple[str, Fact]] = []
    declared: set[tuple[str, str]] = set()
    read_whole: set[str] = set()
    setuptools_gone: dict[str, str] = {}
    for path, patch, sides in files:
        kind = manifest_kind(path)
        if kind is None and is_dockerfile(path):
            manifest_facts += [("docker", fact) for fact in _image_facts(path, patch)]
        if kind is None and posixpath.basename(path) in _SETUPTOOLS_FILES:
            setuptools_gone.update(_setuptools_requirements(patch.removed))
        if kind is None:
            continue
        ecosystem = ECOSYSTEM.get(kind, kind)
        if kind in _WHOLE:
            old = _whole(kind, sides[0]) if sides else None
            new = _whole(kind, sides[1]) if sides else None
            if old is None or new is None:  # no whole texts: the hunks' lines
                old, new = _hunk_deps(kind, patch)
            else:
                read_whole.add(ecosystem)
                if kind == "pom.xml":
                    _pom_kept_properties(old, new, sides[0] or "", sides[1] or "")
                    _pom_unresolved_sides(old, new, sides[0] or "", sides[1] or "")
            declared.update((ecosystem, normalise(ecosystem, package_of(name))) for name in [*old, *new])
            changes = _compare(old, new)
        else:
            changes = _lock_changes(kind, patch)
        tooling = kind == "requirements" and bool(_TOOLING_FILE.search(posixpath.basename(path)))
        indirect = _go_indirect(path, patch, sides) if kind == "go.mod" else (set(), set())
        for name, (before, after) in changes.items():
            # an indirect requirement is said as the side that has it now marks it (gone: as it was)
            marked = name in (indirect[1] if after is not None else indirect[0])
            fact = Fact(kind="dependency_changed", path=path, symbol=package_of(name), before=before, after=after,
                        text=DEVELOPMENT if name.endswith(f"{_SECTION}dev") or tooling else INDIRECT if marked
                        else None)
            (manifest_facts if kind in _WHOLE else lock_facts).append((ecosystem, fact))
    manifest_facts = _moved_from_setuptools(manifest_facts, setuptools_gone)
    named = {(e, normalise(e, f.symbol or "")) for e, f in manifest_facts}
    direct, transitive = [], []
    seen: set[tuple[str, str]] = set(named)
    for ecosystem, fact in lock_facts:
        key = (ecosystem, normalise(ecosystem, fact.symbol or ""))
        if key in seen or _lock_only_presence(fact, key in declared):
            continue
        seen.add(key)
        if ecosystem in read_whole and key not in declared:
            transitive.append(fact.model_copy(update={"text": TRANSITIVE}))
        else:
            direct.append(fact)
    return _one_per_package(manifest_facts) + direct + transitive
