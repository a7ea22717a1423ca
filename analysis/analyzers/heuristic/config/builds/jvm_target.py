"""The bytecode level a Gradle build compiles the published classes for: a JVM older than it cannot load them.

A Gradle script (``build.gradle(.kts)``, build logic under ``buildSrc/``) that names a JVM level literally on a line it
adds, one its removed lines did not name (``jvmTarget = JvmTarget.JVM_1_8`` where ``jvm()`` took the building JDK's
level, ``JavaVersion.VERSION_1_8`` -> ``VERSION_11``), moves which JVMs run the artifact users get. A level moved
into a named constant (``sourceCompatibility = JAVA_VERSION``) names none anew: the same level, spelt elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.models import FileChange

#: a JVM level written out where the compiler's target or the source level is set: Kotlin's ``JvmTarget.JVM_1_8``,
#: Gradle's ``JavaVersion.VERSION_11``, ``jvmTarget = "17"``, ``jvmToolchain(17)``, ``JavaLanguageVersion.of(17)``,
#: ``options.release = 8``
_LEVEL = re.compile(r"\bJvmTarget\.JVM_(?P<a>\d+(?:_\d+)?)\b|\bJavaVersion\.VERSION_(?P<b>\d+(?:_\d+)?)\b|"
                    r"\bjvmTarget\s*(?:=|\.set\()\s*[\"'](?P<c>\d+(?:\.\d+)?)[\"']|\bjvmToolchain\s*\(\s*(?P<d>\d+)\s*\)|"
                    r"\bJavaLanguageVersion\.of\(\s*(?P<e>\d+)\s*\)|\boptions\.release\s*(?:=|\.set\()\s*(?P<f>\d+)\b")
_GRADLE = re.compile(r"(^|/)build\.gradle(\.kts)?$|(^|/)buildsrc/.+\.(kt|kts|gradle|groovy)$", re.I)


def jvm_targets_named(files: Iterable[FileChange]) -> list[tuple[str, str]]:
    """(path, level) for each JVM level a Gradle script's added lines name that its removed lines did not."""
    out = []
    for change in files:
        if not _GRADLE.search(change.path):
            continue
        sides: dict[str, set[str]] = {"+": set(), "-": set()}
        for line in (change.patch or "").splitlines():
            if line[:1] in sides and not line.startswith(("+++", "---")):
                sides[line[0]] |= {next(v for v in m.groups() if v).replace("_", ".") for m in _LEVEL.finditer(line)}
        out += [(change.path, level) for level in sorted(sides["+"] - sides["-"])]
    return out
