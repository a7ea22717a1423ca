"""What a changed path is to the diff analyzer: a language (tree-sitter grammar), config, manifest, lock, changelog, test."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

#: file extension -> tree-sitter-language-pack grammar name
GRAMMARS = {
    ".py": "python", ".pyi": "python",
    ".rs": "rust",
    ".go": "go",
    ".ts": "typescript", ".mts": "typescript", ".cts": "typescript",
    ".tsx": "tsx",
    ".js": "javascript", ".jsx": "javascript", ".mjs": "javascript", ".cjs": "javascript",
    ".c": "c", ".h": "c",
    ".cc": "cpp", ".cpp": "cpp", ".cxx": "cpp", ".hpp": "cpp", ".hh": "cpp", ".hxx": "cpp", ".cu": "cpp",
    ".java": "java",
}
#: the language family of each grammar (symbol rules are written per family)
FAMILY = {"python": "python", "rust": "rust", "go": "go", "typescript": "js", "tsx": "js",
          "javascript": "js", "c": "c", "cpp": "c", "java": "java"}
HEADER_EXTS = (".h", ".hpp", ".hh", ".hxx")

CONFIG_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}
MANIFESTS = {"pyproject.toml", "package.json", "cargo.toml", "go.mod"}
LOCKS = {"poetry.lock", "uv.lock", "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "cargo.lock",
         "go.sum", "npm-shrinkwrap.json", "pipfile.lock"}
_REQUIREMENTS = re.compile(r"^requirements([-_.][\w.-]*)?\.(txt|in)$")
_CHANGELOG = re.compile(r"^(changes|changelog|news|history|release[-_ ]?notes|releases|whatsnew)([-_.][\w.-]*)?"
                        r"(\.(md|rst|txt|adoc|markdown))?$")
_CHANGELOG_DIRS = {"changelog.d", "changes", "newsfragments", ".changeset", "releasenotes"}
_TEST_DIRS = {"test", "tests", "testing", "__tests__", "spec", "specs", "testdata", "e2e"}
_TEST_NAME = re.compile(r"(^test_.*\.py$|_test\.(py|go)$|^test.*\.py$|\.(test|spec)\.[jt]sx?$|"
                        r"(Test|Tests|IT)\.java$|_test\.(cc|cpp|c)$|^conftest\.py$|^tests?(_\w+)?\.(c|cc|cpp|h)$)")


_GENERATED = re.compile(r"(^|/)(vendor|node_modules|third_party/vendored)/|zz_generated|\.pb\.(go|cc|h)$|_pb2(_grpc)?\.pyi?$|"
                        r"\.min\.js$|\.generated\.|\.g\.dart$|_generated\.(go|rs|py|ts)$|(^|/)dist/")


def is_generated(path: str) -> bool:
    """Generated or vendored code (protobuf output, deep-copy functions, minified or vendored files)."""
    return bool(_GENERATED.search(path))


def grammar_for(path: str) -> str | None:
    """The tree-sitter grammar of ``path``, or None for a language we do not parse (or generated code)."""
    grammar = GRAMMARS.get(PurePosixPath(path).suffix.lower())
    return None if grammar is None or is_generated(path) else grammar


def is_header(path: str) -> bool:
    return path.lower().endswith(HEADER_EXTS)


def config_format(path: str) -> str | None:
    """'yaml', 'json' or 'toml' for a configuration or schema file; None for lock files and others."""
    name = PurePosixPath(path).name.lower()
    if name in LOCKS:
        return None
    return CONFIG_FORMATS.get(PurePosixPath(name).suffix)


def manifest_kind(path: str) -> str | None:
    """The dependency manifest or lock file ``path`` is ('pyproject.toml', 'requirements', 'go.sum', ...)."""
    name = PurePosixPath(path).name.lower()
    if name in MANIFESTS or name in LOCKS:
        return name
    if _REQUIREMENTS.match(name):
        return "requirements"
    return None


def is_lock(path: str) -> bool:
    return PurePosixPath(path).name.lower() in LOCKS


def is_changelog(path: str) -> bool:
    parts = PurePosixPath(path.lower()).parts
    if not parts:
        return False
    return bool(_CHANGELOG.match(parts[-1])) or bool(set(parts[:-1]) & _CHANGELOG_DIRS)


def is_test_path(path: str) -> bool:
    parts = PurePosixPath(path).parts
    if not parts:
        return False
    dirs = {p.lower() for p in parts[:-1]}
    return bool(dirs & _TEST_DIRS) or bool(_TEST_NAME.search(parts[-1]))


def is_private_module(path: str) -> bool:
    """A Python module or package whose name starts with an underscore (``_x.py``, ``_impl/y.py``)."""
    parts = PurePosixPath(path).parts
    names = [p for p in parts[:-1]] + [PurePosixPath(parts[-1]).stem] if parts else []
    return any(n.startswith("_") and not (n.startswith("__") and n.endswith("__")) for n in names)
