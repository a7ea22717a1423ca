"""Gradle's build logic outside the build files named ``build.gradle``: what builds the project, never what it ships.

Gradle projects keep much of their build in other places than the root ``build.gradle``: scripts applied from it
(``gradle/jacoco.gradle``, ``gradle/publish.gradle.kts``), the ``buildSrc/`` build whose classes every build script
sees (``buildSrc/src/main/kotlin/Dependencies.kt``, the dependency versions), and convention plugins in an included
build (``build-logic/``, ``gradle/plugins/``). A change there changes how the project is built, tested or published,
as an edit of ``build.gradle`` does; no user of the library or the program runs it.
"""

from __future__ import annotations

import re

#: a Gradle script (``*.gradle``, ``*.gradle.kts``); one under ``src/`` is a precompiled script plugin a Gradle
#: plugin project publishes, its product
_SCRIPT = re.compile(r"\.gradle(\.kts)?$")
#: the directories at a repository's root that hold Gradle's own build logic (``buildSrc/``, an included
#: ``build-logic/`` build, ``gradle/`` with its wrapper, version catalog and included builds), and the kinds of file
#: a build there is written in
_BUILD_DIR = re.compile(r"^(buildsrc|build-logic|gradle)/.+\.(kts?|java|groovy|gradle|properties|toml)$")


def gradle_build_logic(path: str) -> bool:
    """``path`` (lower-cased, relative to the repository) is Gradle build logic: a script outside the sources, or a
    file of ``buildSrc/``, ``build-logic/`` or ``gradle/`` at the root."""
    parts = path.split("/")
    return bool((_SCRIPT.search(path) and "src" not in parts[:-1]) or _BUILD_DIR.match(path))
