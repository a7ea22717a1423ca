"""A Makefile of shortcuts: every recipe runs the project's own package manager, so it builds nothing itself.

A Makefile added whose recipes only call the language's own build tool (``cargo build``, ``cargo fmt``, ``rustup
component add clippy``, ``go test ./...``, ``npm run lint``) beside ``echo`` is a contributor's task runner, as a
``justfile`` is: the artifact users get is built by that tool from its own manifest, the same with or without the
Makefile. A Makefile that compiles (``$(CC)``), copies or generates files is the build, and stays one.
"""

from __future__ import annotations

import re

from analysis.models import FileChange

_MAKEFILE = re.compile(r"(^|/)(gnu)?makefile$", re.IGNORECASE)
#: package managers and build tools that own the build of their language's projects, and ``echo``
_TOOLS = {"cargo", "rustup", "go", "npm", "npx", "yarn", "pnpm", "bun", "deno", "pip", "poetry", "uv", "tox", "nox",
          "hatch", "pdm", "gradle", "./gradlew", "gradlew", "mvn", "./mvnw", "mvnw", "bundle", "rake", "dotnet", "mix",
          "swift", "dart", "flutter", "echo"}
#: a variable assignment (``CARGO ?= cargo``), a comment, a ``.PHONY`` list or a rule's head (``test: build``)
_NOT_RECIPE = re.compile(r"^\s*(#.*|[\w.-]+\s*[:?+]?=.*|\.PHONY\s*:.*|[\w./%$() -]+:(?!=).*)?$")


def task_makefile(change: FileChange) -> bool:
    """``change`` adds a whole Makefile (no line removed) whose every recipe line (tab-indented, ``@``/``-`` prefixes
    aside) calls one of the package managers or ``echo``, its other lines rule heads, ``.PHONY`` lists, comments or
    blanks; at least one recipe."""
    if not _MAKEFILE.search(change.path) or change.status != "added" or not change.patch:
        return False
    recipes = 0
    for line in change.patch.splitlines():
        if line.startswith(("+++", "---", "@@", "\\")):
            continue
        if not line.startswith("+"):
            return False
        text = line[1:]
        if text.startswith("\t"):
            words = text.strip().lstrip("@-").split()
            if not words or words[0] not in _TOOLS:
                return False
            recipes += 1
        elif not _NOT_RECIPE.match(text):
            return False
    return recipes > 0
