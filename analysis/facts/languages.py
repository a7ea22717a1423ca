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
    ".kt": "kotlin",
}
#: the language family of each grammar (symbol rules are written per family)
FAMILY = {"python": "python", "rust": "rust", "go": "go", "typescript": "js", "tsx": "js",
          "javascript": "js", "c": "c", "cpp": "c", "java": "java", "kotlin": "kotlin"}
HEADER_EXTS = (".h", ".hpp", ".hh", ".hxx")

CONFIG_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}
MANIFESTS = {"pyproject.toml", "package.json", "cargo.toml", "go.mod", "pom.xml", "libs.versions.toml", "chart.yaml"}
LOCKS = {"poetry.lock", "uv.lock", "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "cargo.lock",
         "go.sum", "npm-shrinkwrap.json", "pipfile.lock", "chart.lock"}
_REQUIREMENTS = re.compile(r"^([\w.-]*[-_])?requirements([-_.][\w.-]*)?\.(txt|in)$")  # doc-requirements.txt too
#: (``versionhistory.rst``: anyio's name for it)
_CHANGELOG = re.compile(r"^(changes|changelog|news|(version[-_]?)?history|release[-_ ]?notes|releases|whatsnew)([-_.][\w.-]*)?"
                        r"(\.(md|rst|txt|adoc|markdown))?$")
#: (``changelog/``: towncrier's fragments, ``changelog/13461.bugfix.rst``, as pytest keeps them)
_CHANGELOG_DIRS = {"changelog.d", "changelog", "changes", "newsfragments", ".changeset", "releasenotes"}
#: (``regress/``: regression test scripts as C projects keep them, tmux's and PostgreSQL's; ``regression/`` stays a
#: product name, statsmodels' module)
#: (``__typetests__/``: the type tests tstyche runs, ``types/__typetests__/x.tst.ts``)
#: (``test-d/``: tsd's folder of type tests, ``test-d/paths.ts``)
#: (``testsuite/``: DejaGnu's suites as GNU toolchain projects lay them out, ``testsuite/libffi.call/closure.c``)
_TEST_DIRS = {"test", "tests", "testing", "__tests__", "__typetests__", "test-d", "spec", "specs", "testdata", "e2e",
              "regress", "testsuite"}
#: directories of test support code (``test_helpers/``, ``testutil/``, ``test-utils/``)
#: test support, alone or as a project's module of it (``test_utils``, ``okhttp-testing-support``, ``foo-test-fixtures``)
_TEST_SUPPORT_DIR = re.compile(r"^([\w.]+[-_])?(test|tests|testing)[-_]?(helpers?|utils?|util|support|fixtures|harness|"
                               r"common)$")


def test_support_dir(name: str) -> bool:
    """A directory (lower-cased name) of test helpers, or a build's module of them: not shipped code."""
    return bool(_TEST_SUPPORT_DIR.match(name))
#: test file names: pytest's ``test_*.py`` / ``*_test.py``, unittest-style ``testFoo.py``, ``tests.py``; not
#: ``testclient.py`` or ``testing.py``, which libraries ship as public API; tsd's type tests ``*.test-d.ts`` and
#: tstyche's ``*.tst.ts``
_TEST_NAME = re.compile(r"(^test_.*\.py$|_test\.(py|go)$|^tests?\.py$|^test[A-Z0-9]\w*\.py$|"
                        r"\.(test|spec)\.[jt]sx?$|\.test-d\.tsx?$|\.tst\.tsx?$|(Test|Tests|IT)\.(java|kt)$|_test\.(cc|cpp|c)$|"
                        r"^conftest\.py$|^tests?(_\w+)?\.(c|cc|cpp|h)$)")


_GENERATED = re.compile(r"(^|/)(vendor|node_modules|third_party/vendored)/|zz_generated|\.pb\.(go|cc|h)$|_pb2(_grpc)?\.pyi?$|"
                        r"\.min\.js$|\.generated\.|\.g\.dart$|_generated\.(go|rs|py|ts)$|(^|/)dist/")


#: linter, formatter, CI, editor, release and other tooling configuration: not read by the product at run time
_TOOLING = re.compile(
    r"(^|/)(\.github|\.gitlab|\.circleci|\.buildkite|\.vscode|\.idea|\.devcontainer|\.husky|\.changeset)/|"
    r"(^|/)(\.?clippy\.toml|\.?rustfmt\.toml|deny\.toml|\.?taplo\.toml|_?\.?typos\.toml|release-plz\.toml|cliff\.toml|"
    r"rust-toolchain(\.toml)?|\.pre-commit-config\.ya?ml|\.pre-commit-hooks\.ya?ml|\.gitlab-ci\.ya?ml|\.travis\.ya?ml|"
    r"azure-pipelines\.ya?ml|appveyor\.ya?ml|\.?codecov\.ya?ml|\.coveragerc|renovate\.json5?|\.renovaterc(\.json5?)?|"
    r"dependabot\.ya?ml|[jt]sconfig([.-][\w.-]*)?\.json|\.eslintrc(\.\w+)?|eslint\.config\.\w+|tslint\.json|\.prettierrc(\.\w+)?|"
    r"\.stylelintrc(\.\w+)?|\.markdownlint(-cli2)?(\.\w+)?|\.yamllint(\.ya?ml)?|biome\.jsonc?|\.?ruff\.toml|"
    r"mypy\.ini|\.mypy\.ini|pyrightconfig\.json|tox\.ini|\.flake8|\.pylintrc|\.editorconfig|\.golangci\.(ya?ml|toml|json)|"
    r"\.goreleaser\.ya?ml|\.readthedocs\.ya?ml|mkdocs\.ya?ml|\.babelrc(\.json)?|babel\.config\.json|"
    r"jest\.config\.json|lerna\.json|nx\.json|turbo\.json|\.nvmrc|\.node-version|\.tool-versions|"
    r"\.(go|python|ruby|java|bun|deno)-version|\.commitlintrc(\.\w+)?|\.lintstagedrc(\.\w+)?|\.releaserc(\.\w+)?|"
    r"\.mergify\.ya?ml|\.gitpod\.ya?ml|"
    r"[Tt]askfile(\.dist)?\.ya?ml)$",
    re.IGNORECASE)
#: sections of manifests that configure tools, not the product (dotted key prefixes, by manifest)
_TOOLING_SECTIONS = {
    "pyproject.toml": ("tool.",),
    "package.json": ("scripts", "eslintConfig", "prettier", "jest", "lint-staged", "husky", "stylelint",
                     "browserslist", "commitlint", "release", "nyc", "c8", "ava", "mocha", "xo", "remarkConfig",
                     "packageManager", "volta"),
    "cargo.toml": ("lints", "workspace.lints", "profile", "workspace.metadata", "package.metadata", "badges"),
}


def is_tooling_config(path: str) -> bool:
    """A linter, formatter, CI, editor or release tool's configuration (``.clippy.toml``, ``.github/...``)."""
    return bool(_TOOLING.search(path))


def is_tooling_key(path: str, key: str) -> bool:
    """``key`` (a dotted path) of the manifest ``path`` configures a tool (``[tool.ruff]``, ``scripts``,
    ``[lints]``, ``[profile.release]``), or ``path`` is a tool's configuration file."""
    if is_tooling_config(path):
        return True
    if key.startswith(("tool.poetry.scripts", "tool.poetry.plugins")) or key == "tool.poetry.dependencies.python":
        return False  # entry points users run; the oldest Python the package installs on
    sections = _TOOLING_SECTIONS.get(PurePosixPath(path).name.lower(), ())
    return any(key == s or key.startswith(s if s.endswith(".") else s + ".") or key.startswith(s + "[")
               for s in sections)


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
    """A file of release notes: by name (``CHANGES.md``, ``docs/versionhistory.rst``) or folder (towncrier's
    fragments); never source code (``src/history.py``, ``app/changes/views.py`` are modules), nor a CI or tool's
    configuration that shares the name (``.github/workflows/news.yaml``, ``changelog.yml``: a workflow checking the
    news fragments is steps and keys, not release notes)."""
    parts = PurePosixPath(path.lower()).parts
    if not parts or PurePosixPath(parts[-1]).suffix in GRAMMARS:
        return False
    if {part.lstrip("_") for part in parts[:-1]} & _CHANGELOG_DIRS:  # ``docs/_newsfragments/``: kept out of the
        return True  # documentation site's own pages by the leading underscore, fragments all the same
    return bool(_CHANGELOG.match(parts[-1])) and not (is_tooling_config(path) and config_format(path))


#: directories whose code other projects cannot import, or by convention do not (Go's ``internal/`` is enforced by
#: the compiler; ``cmd/`` holds a Go project's executables, package main and the packages only they use)
_UNEXPORTED_DIRS = {"go": ("internal", "cmd"), "java": ("internal",), "kotlin": ("internal",)}
#: Python scripts a build or task tool runs by name and nothing imports
_PY_SCRIPTS = {"setup.py", "noxfile.py", "fabfile.py"}


def unexported_location(family: str, path: str) -> bool:
    """Code at ``path`` is not a library's API whatever its names say: Go under ``internal/`` or ``cmd/`` (not a
    ``pkg/cmd/`` library of command helpers, which other projects import), Java under ``internal/``; a Python
    project's build or task script (``setup.py``, ``noxfile.py``, ``fabfile.py``: run by setuptools or a tool,
    never imported, so a helper it defines or drops is nobody's API), unless it sits in a ``src/`` or ``lib/``
    tree, where a module may take that name."""
    dirs = path.split("/")[:-1]
    if family == "python" and path.rsplit("/", 1)[-1] in _PY_SCRIPTS and not {"src", "lib"} & set(dirs):
        return True
    for name in _UNEXPORTED_DIRS.get(family, ()):
        if name in dirs and not (name == "cmd" and "pkg" in dirs[: dirs.index(name)]):
            return True
    return False


#: directories of a monorepo that hold one package per subdirectory
MONOREPO_DIRS = {"packages", "libs", "crates", "modules"}
#: what a package directory holds beside its name: sources, or its own manifest
_PACKAGE_MARKERS = {"src", "lib", "package.json", "cargo.toml", "pyproject.toml", "setup.py", "go.mod", "pom.xml"}


def package_dirs(parts: list[str]) -> set[int]:
    """Indexes of directories in ``parts`` (a lower-cased path split) that are a monorepo's packages, whatever
    their name: ``packages/testing/src/testing.ts`` is the published ``testing`` package, not a test."""
    return {i for i in range(1, len(parts) - 1)
            if parts[i - 1] in MONOREPO_DIRS and parts[i + 1] in _PACKAGE_MARKERS}


#: a Gradle (Kotlin, Android) source set of tests, camel-cased under ``src/``: ``jvmTest``, ``commonTest``,
#: ``androidInstrumentedTest``, ``integrationTest``, ``testFixtures``
_TEST_SOURCE_SET = re.compile(r"^([a-z][A-Za-z0-9]*Test|testFixtures|[a-z][A-Za-z0-9]*TestFixtures)$")


#: what sits below a JVM build's ``src/it/``: a source set's language or resources folder (Gradle's ``src/it/java``),
#: or a Maven invoker project of its own (``src/it/functional/pom.xml``, ``src/it/functional/src/main/java``)
_IT_SOURCES = {"java", "kotlin", "groovy", "scala", "resources"}
_IT_PROJECT_FILES = {"pom.xml", "invoker.properties", "verify.groovy", "verify.bsh", "build.gradle",
                     "build.gradle.kts", "settings.gradle", "settings.gradle.kts"}


def _integration_tests(parts: list[str], i: int) -> bool:
    """``parts[i]`` is the ``it`` of a JVM build's ``src/it/``: the integration tests Maven's invoker or failsafe
    plugin (or a Gradle source set) runs, never shipped; a bare ``src/it/`` of other files (an Italian locale's
    pages) is not."""
    below = parts[i + 1:]
    return parts[i] == "it" and len(below) >= 2 and (below[0] in _IT_SOURCES or "src" in below[1:-1]
                                                      or below[-1] in _IT_PROJECT_FILES)


def test_source_sets(path: str) -> set[str]:
    """The test source sets of ``path``, lower-cased: Gradle's (``okhttp/src/jvmTest/kotlin/...``) and the
    integration tests under ``src/it/`` (``factory/src/it/functional/src/main/java/...``)."""
    parts = [p for p in path.split("/") if p]
    return {d.lower() for i, d in enumerate(parts[1:-1], 1)
            if parts[i - 1] == "src" and (_TEST_SOURCE_SET.match(d) or _integration_tests(parts, i))}


def test_dirs(path: str) -> set[str]:
    """The directories of ``path`` that hold tests or test support (a package named like one is not one)."""
    parts = [p for p in path.lower().split("/") if p]
    packages = package_dirs(parts)
    return {d for i, d in enumerate(parts[:-1]) if i not in packages
            and (d in _TEST_DIRS or _TEST_SUPPORT_DIR.match(d))} | test_source_sets(path)


def is_test_path(path: str) -> bool:
    parts = PurePosixPath(path).parts
    if not parts:
        return False
    return bool(test_dirs(path)) or bool(_TEST_NAME.search(parts[-1]))


def is_private_module(path: str) -> bool:
    """A Python module or package whose name starts with an underscore (``_x.py``, ``_impl/y.py``)."""
    parts = PurePosixPath(path).parts
    names = [p for p in parts[:-1]] + [PurePosixPath(parts[-1]).stem] if parts else []
    return any(n.startswith("_") and not (n.startswith("__") and n.endswith("__")) for n in names)
