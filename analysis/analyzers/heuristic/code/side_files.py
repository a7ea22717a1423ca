"""Files beside the product's own code: build output committed to the repository (bundles, minified files,
source maps), dependencies' code vendored into it, and the manifests of examples, tests and docs, which install nothing for the product's users."""

from __future__ import annotations

import re

#: directories of build output a project commits so that users can fetch it without building (``dist/axios.js``)
GENERATED_DIRS = {"dist"}
#: names of build output wherever it is: minified bundles and source maps
GENERATED_NAME = re.compile(r"\.min\.(js|mjs|cjs|css)$|\.(js|mjs|cjs|css)\.map$")
#: the forge's forms under ``.github/`` (issue, discussion and pull request templates): how people file issues and
#: changes, not how the project is built or checked
_FORGE_FORMS = re.compile(r"(^|/)\.github/(issue_template|discussion_template|pull_request_template)(/|\.\w+$)")
#: classes whose own manifests are not the product's: an example's Cargo.toml or package.json builds the example
SIDE_CLASSES = frozenset({"example", "test", "doc"})


def generated(parts: list[str]) -> bool:
    """The path (lower-cased, split on ``/``) is build output: under a ``dist/`` directory, or minified, or a map;
    or other projects' code a tool copies in (see ``vendored``)."""
    return bool(parts) and (bool(set(parts[:-1]) & GENERATED_DIRS) or bool(GENERATED_NAME.search(parts[-1]))
                            or vendored(parts))


def vendored(parts: list[str]) -> bool:
    """Dependencies' code a tool copies into the tree: Go's ``vendor/`` (``go mod vendor``: module paths under it
    begin with a host, ``vendor/golang.org/x/...``, beside its ``modules.txt``) and npm's ``node_modules/``. What
    they hold follows the manifest's versions; the dependency facts say what moved. Stricter than the facts'
    ``is_generated`` (any ``vendor/`` directory is left unparsed there): a product's own ``cloud/vendor/aws.go``
    is product code here."""
    for i, part in enumerate(parts[:-1]):
        if part == "node_modules" or (part == "vendor" and ("." in parts[i + 1] if i + 2 < len(parts)
                                                            else parts[i + 1] == "modules.txt")):
            return True
    return False


def forge_form(low: str) -> bool:
    """The lower-cased path is one of the forge's forms (``.github/ISSUE_TEMPLATE/bug.yml``): repository upkeep, a
    chore, not CI."""
    return bool(_FORGE_FORMS.search(low))


def side_manifest(classes: set[str]) -> bool:
    """A build manifest of an example, test or documentation project: its packages, name and dependencies are that
    project's, not what the product's users install."""
    return "build" in classes and bool(classes & SIDE_CLASSES)
