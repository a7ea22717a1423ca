"""Java build manifests: Maven ``pom.xml`` (dependencies, plugins and extensions, ``${property}`` versions
resolved; which of them only the build and the tests use) and Gradle version catalogs (``libs.versions.toml``), as
package -> version."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_PROPERTIES = re.compile(r"<properties>(.*?)</properties>", re.S)
_PROPERTY = re.compile(r"<([\w.\-]+)>\s*([^<]*?)\s*</\1>")
_TOKEN = re.compile(r"<(/?)(dependency|plugin|extension|path|annotationProcessorPath)>|"
                    r"<(groupId|artifactId|version|scope)>\s*([^<]*?)\s*</\3>")
#: what only the build or the tests use: users of the artifact never install it
_BUILD_ONLY_CONTAINERS = frozenset({"plugin", "extension", "path", "annotationProcessorPath"})
_BUILD_ONLY_SCOPES = frozenset({"test"})
_REFERENCE = re.compile(r"\$\{([^}]+)\}")


def pom_properties(text: str) -> dict[str, str]:
    text = _COMMENT.sub("", text)
    return {name: value for block in _PROPERTIES.findall(text) for name, value in _PROPERTY.findall(block)}


def _blocks(text: str) -> list[dict[str, str]]:
    """The groupId/artifactId/version of every dependency-like element, each its own (an annotation
    processor ``<path>`` inside a plugin's configuration is not the plugin's)."""
    blocks: list[dict[str, str]] = []
    stack: list[dict[str, str]] = []
    for match in _TOKEN.finditer(text):
        closing, container, tag, value = match.groups()
        if container and not closing:
            # a plugin's own ``<dependencies>`` (Error Prone's compiler under ``maven-compiler-plugin``) run in
            # the build, as the plugin does
            within = any(outer["element"] in _BUILD_ONLY_CONTAINERS for outer in stack)
            stack.append({"element": container, **({"within": "plugin"} if within else {})})
        elif container and stack:
            blocks.append(stack.pop())
        elif tag and stack:
            stack[-1].setdefault(tag, value)
    return blocks


def _versioned(text: str) -> Iterator[tuple[str, str, str]]:
    """``groupId:artifactId``, the version as written and the version with ``${x}`` resolved from the file's
    properties (a reference it cannot resolve left as written), of every block that states a version."""
    text = _COMMENT.sub("", text)
    properties = pom_properties(text)
    for block in _blocks(text):
        if "artifactId" in block and "version" in block:
            written = block["version"]
            yield _name(block), written, _REFERENCE.sub(lambda m: properties.get(m.group(1), m.group(0)), written)


def _name(block: dict[str, str]) -> str:
    group = block.get("groupId", "")
    return f"{group}:{block['artifactId']}" if group else block["artifactId"]


def pom_dependencies(text: str) -> dict[str, str]:
    """``groupId:artifactId`` -> version of every dependency, plugin, extension and annotation processor
    that states a version (``${x}`` resolved from the file's properties; versions managed elsewhere and the
    project's own ``${project.version}`` are left out)."""
    return {name: resolved for name, _, resolved in _versioned(text) if "${" not in resolved}


def pom_unresolved(text: str) -> dict[str, str]:
    """``groupId:artifactId`` -> the version as written, of the blocks whose version the pom cannot resolve
    (``${project.version}``, a property its parent defines): left out of ``pom_dependencies``, but what a literal
    version became when a commit moves a block onto one."""
    return {name: written for name, written, resolved in _versioned(text) if "${" in resolved}


def pom_build_only(text: str) -> set[str]:
    """``groupId:artifactId`` of the pom's test-scoped dependencies and its plugins, extensions and annotation
    processors: what the build and the tests use, not what users of the artifact get (a dependency also declared
    for users is not in it)."""
    build, used = set(), set()
    for block in _blocks(_COMMENT.sub("", text)):
        if "artifactId" not in block:
            continue
        name = _name(block)
        only = (block["element"] in _BUILD_ONLY_CONTAINERS or "within" in block
                or block.get("scope") in _BUILD_ONLY_SCOPES)
        (build if only else used).add(name)
    return build - used


def pom(text: str) -> dict[str, str]:
    """A pom's dependencies, plus its version properties that none of its own blocks uses (a parent pom's
    ``<truth.version>``): for those the property is the package's only trace."""
    found = pom_dependencies(text)
    used = {name for block in _blocks(_COMMENT.sub("", text)) for name in _REFERENCE.findall(block.get("version", ""))}
    found.update({name: value for name, value in pom_properties(text).items()
                  if "version" in name.lower() and not name.startswith("project.") and name not in used})
    return found


def gradle_catalog(text: str) -> dict[str, str]:
    """Libraries and plugins of a Gradle version catalog: ``group:name`` (or plugin id) -> version."""
    data = tomllib.loads(text)
    versions = {k: v for k, v in data.get("versions", {}).items() if isinstance(v, str)}
    found: dict[str, str] = {}
    for section, key in (("libraries", "module"), ("plugins", "id")):
        for alias, entry in data.get(section, {}).items():
            if isinstance(entry, str):  # "group:name:version" / "id:version"
                name, _, version = entry.rpartition(":")
                found[name or alias] = version
                continue
            if not isinstance(entry, dict):
                continue
            name = entry.get(key) or ":".join(filter(None, (entry.get("group"), entry.get("name")))) or alias
            version = entry.get("version")
            if isinstance(version, dict):  # version.ref = "x", or a rich version
                version = versions.get(version.get("ref", "")) or version.get("strictly") or version.get("require")
            if isinstance(version, str):
                found[name] = version
    return found
