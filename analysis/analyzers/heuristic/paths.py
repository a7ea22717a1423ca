"""What a changed path is (doc, test, ci, tooling, build, lock, api, deploy, security...) and its area."""

from __future__ import annotations

import re

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.code.side_files import forge_form, generated
from analysis.analyzers.heuristic.config.builds.gradle_scripts import gradle_build_logic
from analysis.facts.languages import package_dirs, test_source_sets, test_support_dir

#: classes that are not product code
NON_PRODUCT = {"doc", "test", "ci", "example", "tooling", "build", "lock", "i18n", "generated"}


def _test_dirs(parts: list[str], dirs: set[str]) -> set[str]:
    """Test directories among ``dirs``, less a monorepo package named like one (``packages/testing/src``)."""
    def named(d: str) -> bool:
        return d in R.TEST_DIRS or test_support_dir(d) or bool(R.UNIT_TEST_DIR.match(d))
    if not any(named(d) for d in dirs):
        return set()
    packages = package_dirs(parts)
    return {p for i, p in enumerate(parts) if named(p) and p in dirs and i not in packages}


def _man_page(name: str, dirs: set[str]) -> bool:
    return bool(R.MAN_PAGE.search(name)) and any(R.MAN_DIR.match(d) for d in dirs) or bool(R.MAN_PAGE_NAME.match(name))


def _changelog_fragment(parts: list[str]) -> bool:
    """A note for the next release's changelog (``CHANGES/1125.feature``): named for its issue (or ``+`` and a slug)
    anywhere, by a slug only in such a folder at the root (``src/changes/login.feature`` is a Gherkin scenario)."""
    return (len(parts) > 1 and parts[-2] in R.CHANGELOG_FRAGMENT_DIRS and bool(R.CHANGELOG_FRAGMENT.match(parts[-1]))
            and (len(parts) == 2 or parts[-1][:1].isdigit() or parts[-1][:1] == "+"))


#: a Maven site's pages (``src/site/xdoc/``, ``src/site/zh_CN/xdoc/``, ``src/site/markdown/``) or its descriptor
#: (a ``src/site/`` folder holding code is the product's own: ``src/site/loader.js``)
_MAVEN_SITE = re.compile(r"(^|/)src/site/(([\w-]+/)?(xdoc|apt|fml|markdown|xhtml|confluence|docbook|twiki)/|"
                         r"site(_[\w-]+)?\.xml$)")


#: the TAP test folders (Perl's ``prove`` runs ``t/*.t``; ``xt/`` holds author tests) kept at the repository's root,
#: where celery and kombu keep their suites too (``t/unit/test_x.py``, ``t/integration/common.py``)
_ROOT_TEST_DIRS = {"t", "xt"}


def _tap_tests(parts: list[str], is_dir: bool) -> bool:
    """A file under a root ``t/`` or ``xt/`` folder, or a ``.t`` test script in such a folder wherever it sits
    (``perl/t/basic.t``): the test suite, which users never run."""
    if is_dir or len(parts) < 2:
        return False
    return parts[0] in _ROOT_TEST_DIRS or (parts[-1].endswith(".t") and bool(set(parts[:-1]) & _ROOT_TEST_DIRS))


#: chart-testing's values files: ``ct lint``/``ct install`` render a chart once per ``ci/*-values.yaml``
_CT_VALUES = re.compile(r"^[\w.-]*-values\.ya?ml$")


def classify_path(path: str) -> set[str]:
    """The classes of one changed path: doc, test, ci, tooling, build, lock, example, i18n, generated, docker, api,
    deploy, security."""
    low = path.strip().lower()
    parts = [p for p in low.split("/") if p]
    is_dir = low.endswith("/")  # a directory named as a whole (reconstructed file lists)
    name = "" if is_dir or not parts else parts[-1]
    dirs = set(parts if is_dir else parts[:-1])
    classes: set[str] = set()
    site = len(parts) > 1 and not is_dir and parts[0] in R.SITE_DIRS
    # Maven's documentation site: ``src/site/`` in its page formats' folders (a locale's too), or its ``site.xml``
    site = site or (not is_dir and bool(_MAVEN_SITE.search(low)))
    if (name.endswith(R.DOC_EXTS) or R.DOC_TEMPLATE.search(name) or dirs & R.DOC_DIRS or R.DOC_NAMES.match(name)
            or _man_page(name, dirs) or site or _changelog_fragment(parts)):
        classes.add("doc")
    spec_suite = bool(dirs & R.SPEC_DIRS) and name.endswith(R.SPEC_CODE_EXTS)
    # a top-level ``benchmark/`` holds the benchmarks and their inputs (``benchmark/parse-top.json``), as
    # ``benchmarks/`` does; below the root the singular may be a product module (``include/benchmark/``)
    benchmark = len(parts) > 1 and parts[0] == "benchmark"
    mock_data = bool(dirs & R.MOCK_DIRS) and not name.endswith(R.SPEC_CODE_EXTS)
    if _test_dirs(parts, dirs) or spec_suite or mock_data or R.TEST_NAMES.match(name) or ".golden" in name \
            or test_source_sets(path.strip()) or _tap_tests(parts, is_dir) or benchmark:
        classes.add("test")
    if forge_form(low):
        classes.add("tooling")  # issue and pull request templates, code owners: repository upkeep, not CI
    elif R.CI_PATH.search(low) or ("ci" in dirs and dirs & R.DEPLOY_DIRS):  # a chart's ci/ values: chart-testing's
        classes.add("ci")
    elif len(parts) > 1 and parts[-2] == "ci" and _CT_VALUES.match(name):
        classes.add("ci")  # ``<chart>/ci/*-values.yaml``: the values files chart-testing (``ct lint``) renders the
        # chart with, wherever the chart sits; no install reads them
    if R.TOOLING_NAMES.match(name) or (len(parts) == 1 and name == R.ROOT_CODEOWNERS) or (parts[:1] and parts[0] in R.TOOLING_DIRS and len(parts) > 1 and not is_dir
                                       and not R.BUNDLER_CONFIG.match(name)):
        classes.add("tooling")  # a repository's top-level scripts/, tools/, hack/: its maintainers' own programs (a
        # bundler's configuration there builds what the package publishes)
    if R.UTIL_SCRIPT.match(low):
        classes.add("tooling")  # a top-level ``util/`` of shell scripts: what the maintainers run
    if R.TASK_RUNNER.match(low):
        classes.add("tooling")  # invoke's or Fabric's tasks: the maintainers' chores, not what the package ships
    if (R.BUILD_NAMES.match(name) or R.PACKAGE_MANAGER_NAMES.match(name) or R.BUNDLER_CONFIG.match(name)
            or R.IDE_PROJECT.match(name)) and not (name == "setup.py" and dirs & R.GENERIC_DIRS):
        classes.add("build")  # a setup.py inside src/ or lib/ is a module, not the build
    if gradle_build_logic(low):
        classes.add("build")  # a Gradle script applied by the build, ``buildSrc/``, convention plugins: the build
    if "requirements" in dirs and name.endswith((".txt", ".in")) or name.startswith("constraints"):
        classes.add("build")
    if R.LOCK_NAMES.search(name):
        classes.add("lock")
    if dirs & R.EXAMPLE_DIRS or R.EXAMPLE_NAMES.match(name) or any(R.EXAMPLE_DIR_NAME.match(d) for d in dirs):
        classes.add("example")
    if generated(parts):
        classes.add("generated")  # build output committed for users to fetch (``dist/``, ``*.min.js``, source maps),
        # or dependencies vendored (``vendor/golang.org/x/...``)
    if name.endswith(R.I18N_EXTS) or (dirs & R.I18N_DIRS and name.endswith(R.I18N_DATA_EXTS)):
        classes.add("i18n")
    if R.DOCKER_NAME.search(name) or name.endswith(".dockerfile"):
        classes.add("docker")
    if len(parts) == 1 and (R.TOOL_DOTFILE.match(name) or name.endswith(R.ROOT_TOOL_EXTS)) \
            and not classes and not R.DEPLOY_NAMES.match(name):
        classes.add("tooling")  # a data file or dotfile at the root configures a tool (``.lgtm.yml``, ``wsjcpp.yml``)
    if classes & {"doc", "test", "example", "ci", "tooling", "i18n", "generated"}:
        return classes  # not product code: no API, deployment or security signal
    # (an image's build recipe in an ``api/`` folder is no API definition: clients build against no Dockerfile)
    if not classes & {"build", "lock", "docker"} and (
        name.endswith(R.API_EXTS) or dirs & R.API_DIRS or R.API_NAMES.search(name)
    ):
        classes.add("api")
    if not classes & {"lock", "build"} and (  # a Helm chart's Chart.yaml is its package manifest
        "docker" in classes or set(parts) & R.DEPLOY_DIRS or R.DEPLOY_NAMES.match(name)
    ):
        classes.add("deploy")
    if R.SECURITY_WORDS.search(low):
        classes.add("security")
    return classes


def build_support(paths: list[str], classes: dict[str, set[str]]) -> list[str]:
    """Code in a ``build/`` folder beside build or IDE project files the same commit touches there
    (``build/msvc14/msvc_tbb_stubs.cpp`` beside ``build/msvc14/benchmarks.vcxproj``): what that build compiles for
    itself (stubs of a benchmark's dependency), not the product's sources."""
    def folder(path: str) -> str:
        return path.rsplit("/", 1)[0] if "/" in path else ""
    builds = {folder(p) for p in paths if "build" in classes[p]}
    return [p for p in paths if not classes[p] & NON_PRODUCT and folder(p) in builds
            and "build" in folder(p).lower().split("/")]


def area_of(path: str) -> str:
    """The top-level area of a path: its directories up to the second meaningful one."""
    text = path.strip()
    parts = [p for p in text.split("/") if p]
    dir_parts = parts if text.endswith("/") else parts[:-1]
    if not dir_parts:
        return text
    key: list[str] = []
    meaningful = 0
    for part in dir_parts:
        key.append(part)
        if part.lower() not in R.GENERIC_DIRS:
            meaningful += 1
        if meaningful == 2 or len(key) == 4:
            break
    return "/".join(key)


#: a line shorter than this was not wrapped by the author's editor: it ends a statement of its own
