"""A Gradle build's dependency exclusions moved: ``exclude group: "org.jetbrains.kotlin"`` added to (or dropped from)
what the product resolves and packages, so the jars it ships or hands its users change."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.models import FileChange

_GRADLE = re.compile(r"(^|/)[^/]+\.gradle(\.kts)?$", re.IGNORECASE)
#: an exclusion rule: ``exclude group: "org.slf4j"``, ``exclude(group = "org.jetbrains.kotlin")``, ``module:``
_EXCLUDE = re.compile(r"^\s*exclude\s*\(?\s*(group|module)\s*[:=]", re.IGNORECASE)
#: the block a line sits in names the project's tests (``testImplementation``, ``testRuntimeClasspath``)
_TEST_BLOCK = re.compile(r"test|androidTest|integration", re.IGNORECASE)
#: a line that opens a block (``configurations.named("runtimeClasspath") {``, ``implementation(libs.x) {``)
_OPENS = re.compile(r"\{\s*$")


def exclusions_moved(files: Iterable[FileChange]) -> list[str]:
    """The exclusion lines product Gradle scripts add or remove outside a test configuration's block (the nearest
    block opener above in the hunk names no test configuration): a library left out of, or let back into, the
    runtime classpath the product is packaged from (an IDE plugin no longer bundling the Kotlin stdlib)."""
    out = []
    for f in files:
        if not _GRADLE.search(f.path):
            continue
        lines = (f.patch or "").splitlines()
        for i, line in enumerate(lines):
            if line[:1] not in "+-" or line.startswith(("+++", "---")) or not _EXCLUDE.match(line[1:]):
                continue
            opener = next((ln for ln in reversed(lines[:i]) if _OPENS.search(ln) and ln[:1] in " " + line[:1]), "")
            if not _TEST_BLOCK.search(opener):
                out.append(line[1:].strip())
    return out
