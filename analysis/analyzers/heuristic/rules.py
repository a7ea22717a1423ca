"""Rule tables of the heuristic analyzer: path classes, message words and the bounds of what it writes."""

from __future__ import annotations

import re

from analysis.release_titles import RELEASE_TITLES

# --- change type ---------------------------------------------------------------------------

# Conventional-commit prefix -> change type ("feat(scope)!: ..." keeps only "feat").
PREFIX_TYPES: dict[str, str] = {
    "feat": "feature", "feature": "feature", "fix": "fix", "bugfix": "fix", "hotfix": "fix",
    "refactor": "refactor", "perf": "perf", "docs": "docs", "doc": "docs", "test": "test",
    "tests": "test", "ci": "ci", "build": "build", "deps": "build", "chore": "chore",
    "style": "chore", "security": "security", "sec": "security", "revert": "revert",
    # an optimisation by the author's own word ("opt: increase the interval of waiting in ReleaseTimeout()")
    "opt": "perf", "optimize": "perf", "optimise": "perf",
}
#: a gitmoji opening the title, the author's type as a conventional prefix is (fastapi's "🐛 Strip whitespaces from
#: `Authorization` header credentials"), as the emoji or its ``:code:``; only the gitmojis whose kind is one type
GITMOJI_TYPES: dict[str, str] = {
    "🐛": "fix", ":bug:": "fix", "🚑": "fix", ":ambulance:": "fix", "🩹": "fix", ":adhesive_bandage:": "fix",
    "✨": "feature", ":sparkles:": "feature", "📝": "docs", ":memo:": "docs", "♻": "refactor", ":recycle:": "refactor",
    "⚡": "perf", ":zap:": "perf", "✅": "test", ":white_check_mark:": "test", "👷": "ci", ":construction_worker:": "ci",
    "💚": "ci", ":green_heart:": "ci", "🔒": "security", ":lock:": "security", "⬆": "build", ":arrow_up:": "build",
    "⬇": "build", ":arrow_down:": "build", "🎨": "chore", ":art:": "chore",
}
GITMOJI_RE = re.compile(r"^\s*(?P<moji>" + "|".join(re.escape(k) for k in sorted(GITMOJI_TYPES, key=len, reverse=True))
                        + r")\ufe0f?(?=\s)")
#: a conventional scope that names the project's dependencies (``fix(deps)``, ``feat(deps-dev)``, ``fix(dependencies)``):
#: Renovate and Dependabot file an update of a dependency users install as ``fix``, so the type is the bot's, the
#: change a version moved
DEPENDENCY_SCOPE = re.compile(r"^\s*(deps?|dependencies|deps-dev|dev-deps)\s*$", re.IGNORECASE)
PREFIX_RE = re.compile(r"^\s*\[?(?P<type>[A-Za-z]+)\]?(?:\((?P<scope>[^)]{0,60})\))?(?P<bang>!)?\s*:\s*")
#: a bracketed tag without a colon opening the title: "[CI] Run tests with CMake on Windows" (only a type's name
#: counts: "[cpu] Backport fix" is a component)
BRACKET_TAG_RE = re.compile(r"^\s*\[(?P<type>[A-Za-z]+)\]\s+(?=\S)")
REVERT_TITLE_RE = re.compile(r'^\s*revert(ing|ed)?\b\s*["\'“]?', re.IGNORECASE)
#: the body's mark of a breaking change: a ``BREAKING CHANGE:`` footer, or a line (a list item) opening on
#: ``(BREAKING)``, ``[BREAKING]`` or ``**BREAKING**`` as release-note bullets mark one ("- (BREAKING) Forward flags")
BREAKING_BODY_RE = re.compile(r"^\s*(?:BREAKING[ -]CHANGES?\s*:"
                              r"|(?:[-*+]\s+)?(?:\(BREAKING\)|\[BREAKING\]|\*\*BREAKING\*\*)\s*:?)", re.MULTILINE)
#: a title opening on a tag that declares the change breaking or semver-major, as projects that tag each change
#: for their changelog write it ("[major] Validate subprotocol names", "[breaking] Drop ...", "(semver-major) ...",
#: "BREAKING: ...", "breaking change: ...", gitmoji's 💥 "introduce breaking changes"): the author says callers
#: break, as a conventional ``feat!:`` does. A bare "MAJOR:" is left out: HAProxy-style titles grade risk with it
BREAKING_TITLE_RE = re.compile(r"^\s*(?:[\[(]\s*(?:semver[- ]?)?(?:major|breaking(?:[ -]changes?)?)\s*[\])]"
                               r"|(?:breaking(?:[ -]changes?)?|backwards?[- ]incompatible)\s*!?\s*:"
                               r"|💥|:boom:)", re.IGNORECASE)

# Words of a title without a conventional prefix: security words win, then the earliest word of the
# middle group, then feature words (the most generic: "add tests" is a test, not a feature).
#: a GitHub security advisory id (``GHSA-m2qf-hxjv-5gpq``) names a vulnerability as a CVE id does; so do the
#: Sphinx roles changelogs spell them with (``:ghsa:`m2qf-hxjv-5gpq```, ``:cve:`2024-1234```)
#: (``security`` joined to a word before it names a thing, not a security matter: an HTTP header
#: ``Content-Security-Policy``, ``Strict-Transport-Security``, a ``non-security`` fix)
TITLE_SECURITY_WORDS = re.compile(r"\b((?<!\w-)security|vulnerabilit\w*|cve-\d+|ghsa(-[23456789cfghjmpqrvwx]{4}){3}|"
                                  r"timing attacks?|constant[- ]time (comparison|compare|equality)|"
                                  # a named injection class, or text that could inject headers the library writes
                                  r"(header|crlf|sql|command|shell|code|html|script)[- ]injection|"
                                  # a class of attack advisories name ("Prevent ReDoS"): the title says what it stops
                                  r"redos|prototype[- ]pollution|(path|directory)[- ]traversal|open[- ]redirects?|"
                                  # ReDoS by the names code scanners give it (CodeQL's "Inefficient regular
                                  # expression", "Polynomial regular expression"), or by its mechanism
                                  r"(inefficient|polynomial|exponential)( \w+)? (regular expressions?|regexp?s?)|"
                                  r"(catastrophic|exponential|excessive) backtracking|"
                                  r"denial[- ]of[- ]service|"
                                  # the same hole described: "Ensure Object.prototype is not augmented by _.merge"
                                  r"object\.prototype\b( \w+){0,3} (augment\w*|pollut\w*)|"
                                  r"inject\w* arbitrary( \w+){0,2} headers?|"
                                  # memory a caller may read that holds another's data: a stale or uncleared buffer
                                  r"expos\w* (\w+ ){0,2}(stale|uninitiali[sz]ed|uncleared)( \w+){0,2} "
                                  r"(buffers?|memory|bytes|data)|"
                                  r"(doesn't|does not|don't|do not|never|fails? to) (clear|zero|wipe|scrub)s?"
                                  r"( \w+){0,2} (unused|stale|freed|old) (bytes|buffers?|memory)|"
                                  r"information (leaks?|disclosure|exposure)|"
                                  # memory read or written past its bounds: the classes of bugs advisories are for
                                  r"buffer (over-?reads?|over-?runs?|over-?flows?|under-?flows?)|"
                                  r"heap(-based)?[- ](over-?reads?|over-?flows?|over-?runs?)|over-?reads?|"
                                  r"out[- ]of[- ]bounds (reads?|writes?|access\w*)|use[- ]after[- ]free|double[- ]free|"
                                  # a bounds check put in where it was missing, or a length read from input bounded by
                                  # the bytes that remain: what a malformed or hostile input read past the buffer
                                  r"(add\w*|missing|lack\w*) (\w+ ){0,2}bounds?[- ]check\w*|"
                                  r"bounds?[- ]check\w* (\w+ ){0,4}(was |were |is |are )?(missing|lacking)|"
                                  r"bound(s|ed)? (\w+ ){0,6}against (the )?remaining|"
                                  # the message says who could exploit it: an attacker, spoofed or injected data
                                  r"attackers?|spoof(s|ed|ing)?|malicious(ly)?|"
                                  # someone on the network path between the two ends: reads or rewrites what is sent
                                  r"mitm(s|ed|ing)?\b|man[- ]in[- ]the[- ]middle|eavesdrop\w*|"
                                  # a file or link planted at a path the program then opens (a shared /tmp): the
                                  # local attacks exclusive creation (``O_EXCL``) or ``O_NOFOLLOW`` closes
                                  r"symlink (attacks?|races?)|"
                                  r"plant\w*( \w+){0,4} (symbolic links?|symlinks?)|"
                                  r"(passive|on-path) (network )?(observers?|adversar(y|ies))|network observers?|"
                                  # one request read as two by the servers on its path: the HTTP framing attacks
                                  r"(request |http )?smuggl(e|es|ed|ing)|response[- ]splitting|cache[- ]poisoning|"
                                  r"(allow\w*|permit\w*|lead\w*|result\w*)( to| in| for)? (an? )?(\w+ )?injections?)|"
                                  r":(ghsa|cve):`[\w-]+`", re.I)
#: an HTTP framing attack, one request or response read as two by the servers on its path: named anywhere in a
#: message ("..., which is a smuggling desync."), it says what the change closes (no other use of the words in code)
FRAMING_ATTACKS = re.compile(r"\b(smuggl(e|es|ed|ing)|response[- ]splitting|cache[- ]poisoning)\b", re.I)
#: the message says the change leaves behaviour as it was ("with no behavior changes", "No functional change."); a
#: qualifier after it ("no behaviour change for valid input") says some behaviour does change, and is no such claim
NO_BEHAVIOUR_SAID = re.compile(r"\bno (functional|behaviou?r(al)?) changes?\b"
                               r"(?!\s+(for|to|in|when|if|unless|except|on|with|other than)\b)", re.IGNORECASE)
#: the change's own title says it changes nothing ("No-op changes for internal experiment", "NFC: ...")
NO_OP_TITLE = re.compile(r"\bno[- ]op changes?\b|\bno functional changes?\b|^\s*\[?NFCI?\b", re.I)
#: a change rolled back or forward again ("Rollback: ...", "Rollforward of ...", "Reland ...", "Revert ...")
ROLLED_TITLE = re.compile(r"^\s*(revert|roll ?back|roll ?forward|re-?land)\b", re.I)
#: a test's expected output, written by the test tool (Rust ui tests' ``.stderr``, Jest ``.snap``): not coverage
TEST_SNAPSHOT_EXTS = (".stderr", ".stdout", ".snap")
TITLE_FEATURE_WORDS = re.compile(r"\b(add\w*|implement\w*|introduc\w*|support\w*|enabl\w*|new|allow\w*|"
                                 r"attach\w*|expos\w*|provid\w*|creat\w*)\b|"
                                 # "Accept --test multiple times": an input taken that was refused
                                 r"^\s*accepts?\b", re.I)
#: user data deleted or overwritten only once something succeeded ("Only delete unreferenced snapshots after a
#: a C function or variable "made static": its linkage narrowed to its own file, a refactor with no outside caller
#: (not a web framework's static files, assets or site)
MADE_STATIC = (r"(?:make|makes|made|making|mark|marks|marked|marking)\s+(?:\S+\s+){1,4}?static"
               r"(?!\s+(?:files?|assets?|sites?|content|dir\w*|pages?|servers?|routes?|paths?|html|export\w*|"
               r"generat\w*|builds?|rendering|typing|analysis)\b)")

#: successful test run"): before, a failed or aborted run destroyed it, a data loss mended
DATA_KEPT_ON_FAILURE = (r"\bonly (delet|remov|purg|prun|discard|overwrit|clean)\w*( up)? .{0,60}?\b(after|when|if|once|on)"
                        r" (an? |the )?success\w*(?: [\w-]+){0,2}")  # what succeeded, a "test run" too, is part of it
#: a latency or throughput a change measures and hands out (``expose schedule latency``, ``record request latency``,
#: ``track throughput``): a figure to read, no claim of speed. The verb only, not the component it names
#: ("improve collector throughput", "reduce exporter latency" claim speed), and no comparative between it and the
#: figure ("export spans with lower latency")
MEASURED = re.compile(r"\b(?:expos(?:e|es|ed|ing)|record(?:s|ed|ing)?|track(?:s|ed|ing)?|measur(?:e|es|ed|ing)|"
                      r"report(?:s|ed|ing)?|sampl(?:e|es|ed|ing)|observ(?:e|es|ed|ing)|collect(?:s|ed|ing)?|"
                      r"emit(?:s|ted|ting)?|export(?:s|ed|ing)?)\s+"
                      r"(?:(?!(?:lower|less|reduced|higher|better|worse|faster|slower|low|high)\b)[\w-]+\s+){0,3}?"
                      r"(?:latency|latencies|throughput)\b", re.I)
#: a verb claiming a change of speed right before the measured words ("reduce export latency": the export's
#: latency, lowered)
_CLAIMED_BEFORE = re.compile(r"\b(?:reduc|lower|improv|cut|decreas|minimi[sz]|shorten|boost|increas|halv|speed)\w*"
                             r"(?:\s+(?:the|a|an|our|its))?\s+$", re.I)


class _Unmeasured:
    """A speed-words pattern whose ``search`` passes over a latency that is measured (``MEASURED``), not claimed."""

    def __init__(self, pattern: re.Pattern[str]):
        self.pattern = pattern

    def search(self, text: str) -> re.Match[str] | None:
        spans = [m.span() for m in MEASURED.finditer(text) if not _CLAIMED_BEFORE.search(text, 0, m.start())]
        return next((m for m in self.pattern.finditer(text)
                     if not any(start <= m.start() < end for start, end in spans)), None)


TITLE_TYPE_WORDS: tuple[tuple[str, re.Pattern[str] | _Unmeasured], ...] = (
    # "Undo make string matchers work with X": the title of the change it takes back follows the verb
    ("revert", re.compile(r"^\s*(revert|back out|roll ?back|undo(?= [a-z]))\b", re.I)),
    # "optimizer" names a component and a "latency metric" measures: neither claims speed; nor does a latency
    # exposed or recorded ("expose schedule latency in task hooks": a figure users can now read)
    ("perf", _Unmeasured(re.compile(r"\b(perf|performance|speed ?up|faster|optimi[sz](?:e[sd]?|ing|ations?)|"
                                    r"latency(?!\s+(?:metric|histogram|bucket|gauge|counter)s?\b))\b", re.I))),
    ("refactor", re.compile(r"\b(renam\w*|refactor\w*|restructur\w*|mov(e|es|ed|ing)|clean ?ups?|simplif\w*|"
                            r"reorgani[sz]\w*|reorder\w*|dedup\w*|deduplicat\w*|extract(s|ed|ing|ion)?|consolidat\w*|"
                            r"tidy|tidies|unif(y|ies)|code ?smells?|" + MADE_STATIC + r")\b", re.I)),  # "extractor" is a thing a commit may add, not an act
    ("fix", re.compile(r"\b(fix\w*|bug\w*|crash\w*|panic\w*|resolv\w*|solv(e|es|ed|ing)|correct\w*|repair\w*|hotfix|"
                       r"erroneous\w*|mistaken\w*|" + DATA_KEPT_ON_FAILURE + "|"  # "Remove Erroneous Exclusion of Hidden Files": a wrong behaviour
                       # "Fail more gracefully if the tzdb failed to initialize": a failure that went badly, mended
                       r"(fail|handl|exit|degrad)\w* (more )?graceful(ly)?|"
                       r"work(s|ing)? (on all|again|correctly|properly)|do not|don't|"
                       # "Work around FreeBSD oddness", "add workaround for building on X": a platform's or a
                       # dependency's fault that users met, mended on the project's side
                       r"work(s|ed|ing)? around|add(s|ed|ing)? (an? )?work-?arounds?|"
                       # the expected behaviour the change restores: "Options in ArgGroup should not be added twice"
                       r"should(n't| not)|must(n't| not)|"
                       r"avoid\w*|prevent\w*|no longer|wrong\w*|incorrect\w*|missing|regression|broken|"
                       # "check (the) return value of X509_get0_pubkey()", "add NULL check": a value used unchecked
                       r"check(s|ed|ing)? (the )?return (values?|codes?)|null[- ]?checks?|"
                       r"check(s|ed|ing)? for (null|nil|nullptr))\b", re.I)),
    # "Document that X ...": the imperative verb opening a title (the noun elsewhere: "multi-document YAML")
    ("docs", re.compile(r"\b(docs?|documentation|readme|typos?)\b|^\s*document(s|ed)?\b", re.I)),
    ("test", re.compile(r"\b(tests?|testing|flaky)\b", re.I)),
    ("build", re.compile(r"\b(bump|upgrade|dependenc\w*|deps)\b", re.I)),
)

# --- path classes (matched on the lower-cased path) ----------------------------------------

DOC_EXTS = (".md", ".rst", ".adoc", ".mdx")
#: a documentation page written through a template engine (``formatter-examples.md.ejs``, ``index.rst.j2``): the
#: page it renders is documentation, whatever renders it
DOC_TEMPLATE = re.compile(r"\.(md|rst|adoc|mdx)\.(ejs|j2|jinja2?|hbs|handlebars|mustache|erb|tmpl|tpl|njk|liquid|in)$")
DOC_DIRS = {"docs", "doc", "documentation", "release-notes", "release_notes", "releasenotes",
            # an API documentation generator's own files (a stylesheet for the javadoc pages, a Doxygen layout)
            "javadoc", ".javadoc", "apidocs", "doxygen", "dokka",
            # the images and pages javadoc copies beside a package's pages (``org/x/doc-files/logo.png``)
            "doc-files"}
#: a repository's own website at its root (``www/content/``, ``www/static/schema.json``, ``website/docs/``): pages
#: and the files published beside them for readers, not the product
SITE_DIRS = {"www", "website", "site",  # ``site/plugins/*.js``: a docsify site's own plugins
             "book"}  # mdBook's root folder (``book/book.toml``, ``book/custom.css``, ``book/theme/index.hbs``)
#: a manual page: ``man/fzf.1``, ``man/man1/fzf.1``, ``doc/man3/foo.3pm`` (a section number as its extension, in a
#: ``man`` or ``manN`` directory) or its source (``.ronn``, ``.scd``)
MAN_DIR = re.compile(r"^man[1-9n]?$")
MAN_PAGE = re.compile(r"\.(?:[1-9n][a-z]{0,3}|ronn|scd)$")
#: a command's manual page outside a ``man`` directory, beside the program (``programs/zstd.1``): a letters-only
#: command name and one section digit (``v1.2`` or ``libz.so.1`` are not)
MAN_PAGE_NAME = re.compile(r"^[a-z][a-z_-]*\.[1-8]$")
#: legal texts (licence, copying, copyright) are documents too: a year or holder changed alters no behaviour
#: (``announcement.msg``, ``ANNOUNCE``: a release's announcement to a mailing list, prose like a changelog;
#: ``RELEASE-NOTES``: the notes of the next release, a changelog by another name, as the directory of that name is)
DOC_NAMES = re.compile(r"^(readme|changelog|changes|contributing|authors|notice|licen[cs]e(-[\w]+)?|copying|copyright|"
                       r"announce(ment)?s?|release[-_]?notes)(\.|$)|"
                       # a plain-text manual kept at the root (``libfoo-manual.txt``): the manual page's text
                       r"^([\w.]+[-_])?manual\.txt$|"
                       # mdBook's configuration, wherever the book sits: how the manual's pages are built
                       r"^book\.toml$")
#: a changelog fragment towncrier and its kin collect into the next release's notes: ``CHANGES/1125.feature``,
#: ``changelog.d/+fix-x.bugfix.md``, ``newsfragments/42.removal`` (an issue number or a slug, then the kind of note)
CHANGELOG_FRAGMENT_DIRS = {"changes", "changelog.d", "changelog", "newsfragments", "news", "changes.d"}
CHANGELOG_FRAGMENT = re.compile(r"^\+?[\w.-]*?\.(feature|bugfix|bug|fix|doc|docs|removal|misc|breaking|deprecation|"
                                r"contrib|packaging|trivial|improvement|security|change|chore)s?(\.\d+)?(\.(md|rst|txt))?$")
#: a directory named for unit tests, alone or with what it holds (``unittest/``, ``unit_tests/``, ``unittestschema/``)
UNIT_TEST_DIR = re.compile(r"^unit[-_]?tests?([-_]?\w+)?$")
#: benchmarks (Rust's ``benches/``, ``benchmarks/``, ``bench/``; a JVM project's JMH module ``microbench/``)
BENCHMARK_DIRS = {"benches", "benchmarks", "bench", "microbench", "microbenchmark", "microbenchmarks"}
TEST_DIRS = {"tests", "test", "testing", "__tests__", "testdata", "e2e", "test_helpers", "test_utils", "testutil",
             "testutils", "test_support",
             # regression test scripts as C projects keep them (``regress/``; ``regression/`` may be a product module)
             "regress",
             # DejaGnu's suites as GNU toolchain projects lay them out (``testsuite/libffi.call/closure.c``,
             # ``gcc/testsuite/``): test programs and their ``.exp`` drivers
             "testsuite",
             *BENCHMARK_DIRS,  # measured, not shipped
             # unit-test suites kept apart (helm-unittest's ``charts/x/unittests/``, LLVM's ``unittests/``) and the
             # recorded outputs they compare against (Jest's ``__snapshots__/``, helm-unittest's ``__snapshot__/``)
             "unittests", "__snapshot__", "__snapshots__",
             # the type tests tstyche runs (``types/__typetests__/index.tst.ts``) and tsd's (``test-d/paths.ts``):
             # assertions on the declared types
             "__typetests__", "test-d",
             # Jest's manual mocks (``src/__mocks__/fs.js``): doubles its tests load in place of a module
             "__mocks__",
             # (``testsuite/`` above: netty's ``testsuite/`` module too) cargo-fuzz's or OSS-Fuzz's targets
             # (``fuzz/fuzz_targets/``): run by the project, never shipped
             "fuzz"}
#: folders of test doubles (``mock/mount/database_host``, ``mocks/``): their data files are fixtures (their code may
#: be a package that users' tests import, as mockery's generated ``mocks/`` are)
MOCK_DIRS = {"mock", "mocks"}
#: ``spec/`` holds tests when its files are code (Jasmine/Mocha/RSpec suites: ``spec/suites/MapSpec.js``); an API
#: specification kept there (``spec/openapi.yaml``) stays product
SPEC_DIRS = {"spec", "specs"}
SPEC_CODE_EXTS = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".rb", ".py", ".go", ".rs", ".java", ".kt", ".swift",
                  ".c", ".cc", ".cpp", ".h", ".hpp", ".php", ".lua", ".ex", ".exs")
#: (Rust's ``tests.rs``: the file of a ``#[cfg(test)] mod tests;`` declared beside the module it tests)
#: test files, and test runners' own configuration (``vitest.config.ts``, ``jest.config.js``, ``karma.conf.cjs``,
#: ``playwright.config.ts``, ``.mocharc.yml``, ``pytest.ini``): how the suite runs, not what users get
TEST_NAMES = re.compile(r"(^test_.*|.*_test\.\w+|.*_tests\.\w+|.*\.(test|spec|test-d|tst)\.\w+|^conftest\.py|^tests?\.rs|"
                        # Python's ``tests.py``: a Django app's or a one-module library's tests (``test.py`` is left
                        # out: werkzeug's is its test client)
                        r"^tests\.py|"
                        r"^tests?\.[cm]?[jt]sx?|"  # a JS package's own ``test.js`` (ava, tape, mocha)
                        r"^tests?\.(c|cc|cpp|sh)|"  # a C library's one test program or script (hiredis' ``test.c``)
                        # a C/C++ library's test program named for it (tinyxml2's ``xmltest.cpp``), not a word
                        # that ends so (``contest.cpp``) or a framework's own source (``gtest.cc``)
                        r"^(?!(con|pro|fas|grea|small|short|bigg|high)tests?\.)[a-z0-9]{3,}tests?\.(c|cc|cpp|cxx)|"
                        r"^(vitest|jest|karma|playwright|cypress|wdio|ava)\.conf(ig)?(\.\w+)?\.[cm]?[jt]s|"
                        r"^\.mocharc(\.\w+)?|^pytest\.ini|^\.nycrc(\.\w+)?|^phpunit\.xml(\.dist)?)$")
#: (Cirrus CI: ``.cirrus.yml``, ``.cirrus.star`` at the root, or the files they load from ``.cirrus/``)
CI_PATH = re.compile(r"^ci/|(^|/)(\.github|\.circleci|\.buildkite|\.gitlab)/|^\.cirrus/|(^|/)(\.gitlab-ci\.yml|jenkinsfile|"
                     r"azure-pipelines\.ya?ml|\.travis\.yml|\.pre-commit-config\.yaml|\.cirrus\.(ya?ml|star))$")
#: a bundler's configuration, what builds the files a JavaScript package publishes (``rollup.config.mjs``,
#: ``scripts/create-rollup-config.mjs``, ``webpack.config.js``, ``tsup.config.ts``)
BUNDLER_CONFIG = re.compile(r"^([\w-]*[-_.])?(rollup|rolldown|webpack|esbuild|tsup|vite)[-_.]config\.[cm]?[jt]s$")
#: the build's manifests and lock files; ``gradle/libs.versions.toml`` is Gradle's version catalog, the
#: dependency versions every ``build.gradle`` reads; Gradle's and Maven's wrappers (``gradle-wrapper.jar``,
#: ``gradlew``, ``mvnw.cmd``, ``maven-wrapper.jar``): the launcher that fetches the build tool the properties name
BUILD_NAMES = re.compile(
    r"^(makefile|cmakelists\.txt|.*\.cmake|setup\.py|setup\.cfg|pyproject\.toml|cargo\.toml|cargo\.lock|"
    r"go\.mod|go\.sum|package\.json|package-lock\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|uv\.lock|"
    r"([\w.-]*[-_])?requirements[\w.-]*\.(txt|in)|build\.rs|build|build\.bazel|module\.bazel|workspace(\.bazel)?|.*\.bzl|build\.gradle(\.kts)?|settings\.gradle(\.kts)?|gradle-wrapper\.properties|gradle\.properties|pom\.xml|"
    r"gradle-wrapper\.jar|gradlew(\.bat)?|maven-wrapper\.(jar|properties)|mvnw(\.cmd)?|"
    r"[\w-]+\.versions\.toml|"
    r"meson\.build|configure\.ac|makefile\.(am|in)|manifest\.in|chart\.yaml|.*\.mk|"
    # ``just``'s recipes, a Makefile's successor: the commands that build, test and check the project
    r"\.?justfile)$")
#: Go's workspace (``go.work``): which local modules the repository's own ``go`` commands build together; a module's
#: users never read it (``go`` ignores a dependency's workspace), their build is ``go.mod``'s
DEV_WORKSPACE = re.compile(r"(^|/)go\.work$")
#: an IDE's project files, which say what its build compiles and how: Visual Studio's solution and projects
#: (``unittests.vcxproj``, its ``.filters`` and ``.user``), Xcode's ``project.pbxproj`` and workspace; the IDE
#: writes them, hundreds of lines of XML or plist nobody reviews line by line
IDE_PROJECT = re.compile(r"^[\w.-]+\.(sln|vcxproj(\.filters|\.user)?|vcproj|pbxproj|xcworkspacedata)$")
#: a package manager's settings for the repository (registry, workspace members): part of how it builds
PACKAGE_MANAGER_NAMES = re.compile(r"^(go\.work|\.npmrc|\.yarnrc(\.ya?ml)?|pnpm-workspace\.ya?ml|\.pnpmfile\.c?js|bunfig\.toml)$")
#: lock files, and a lock file kept for another toolchain beside the main one (``Cargo.lock.msrv``, the versions
#: resolved for the oldest supported compiler, or for a channel or a version): resolved versions, no code (a source
#: or text file named after locking, ``file.lock.ts``, ``mutex.lock.scala``, is not one)
LOCK_NAMES = re.compile(r"(\.lock|\.sum|-lock\.json|-lock\.yaml)$|"
                        r"(\.lock|-lock\.json|-lock\.yaml)\.(msrv|minimal|min|oldest|stable|nightly|beta|v\d+)$")
#: translations: the strings a product shows, per language (``locales/nn.json``, ``po/de.po``); data, not code
I18N_DIRS = {"locales", "locale", "i18n", "l10n", "translations"}
I18N_EXTS = (".po", ".pot", ".mo", ".xlf", ".xliff", ".arb", ".ftl", ".strings")
I18N_DATA_EXTS = (".json", ".yaml", ".yml", ".toml", ".properties", ".ini", ".txt") + I18N_EXTS
#: code that shows how to use the project; ``docs_src``: the documentation's own runnable examples (fastapi, typer)
#: a program named for what it is, a library's example or demo (``src/example.cpp``, ``demo.py``); Go and Rust left
#: out (a Go ``example.go`` is package code; Cargo keeps examples in ``examples/``)
#: a title that names a published vulnerability as its reason ("bump keycloak to 26.2.3 due CVE", "CVE-2024-1234")
CVE_TITLE = re.compile(r"\b(cves?|cve-\d{4}-\d+|ghsa(-[23456789cfghjmpqrvwx]{4}){3})\b", re.I)
#: (``port_example.h``: leveldb's template for porters, compiled by none of its builds; ``*_example.py``)
EXAMPLE_NAMES = re.compile(r"^(examples?|demo)\.(c|cc|cpp|cxx|py|[cm]?js)$|^[\w-]+[_.-]example\.(c|h|cc|cpp|cxx|hpp|py|[cm]?js|ts)$")
#: (``_examples/``: Go's tools skip a directory whose name begins with ``_``, where Go projects keep their examples,
#: each with its own ``go.mod``)
EXAMPLE_DIRS = {"examples", "example", "samples", "sample", "demo", "demos", "docs_src", "doc_src", "playground",
                "_examples", "_example"}
#: a folder named for the examples or samples of something (``example-values/`` beside a chart, ``timber-sample/``,
#: ``logback-examples/``): what users read and copy, no build or install reads it
EXAMPLE_DIR_NAME = re.compile(r"^((examples?|samples?)[-_][\w.-]+|[\w.-]+[-_](examples?|samples?))$")
DOCKER_NAME = re.compile(r"(dockerfile|containerfile|^docker-compose.*\.ya?ml$|^compose\.ya?ml$)")
DEPLOY_DIRS = {"helm", "charts", "chart", "k8s", "kubernetes", "kustomize", "manifests", "operator",
               "deploy", "deployment", "deployments", "terraform", "ansible", "crds"}
DEPLOY_NAMES = re.compile(r"^(values(-[\w.-]+)?\.yaml|kustomization\.ya?ml|.*\.tf)$")
API_EXTS = (".proto", ".thrift", ".graphql", ".gql", ".avsc", ".pyi", ".idl", ".fbs")
API_DIRS = {"api", "apis", "crds", "crd", "bindings", "schemas", "proto", "protos", "protocol", "protocols"}
API_NAMES = re.compile(r"(openapi|swagger|_types\.go$|^protocols?(\.|_|$)|\.schema\.json$)")

# Security words, matched as whole words (underscore, dot, dash and slash separate words).
_SEP_L, _SEP_R = r"(?<![a-z0-9])", r"(?![a-z0-9])"
SECURITY_WORDS = re.compile(
    _SEP_L + r"(auth|authn|authz|authenticat\w*|authori[sz]\w*|oauth\w*|jwt|secrets?|credentials?|"
    r"passwords?|passwd|crypto\w*|encrypt\w*|decrypt\w*|tls|ssl|ssh|sshd|certs?|certificates?|"
    r"permissions?|rbac|cve|cve-\d+-\d+|ghsa(-[23456789cfghjmpqrvwx]{4}){3}|vulnerab\w*|saniti[sz]\w*|xss|csrf|ssrf|"
    r"(sql|command|shell|code|header|prompt)[_ -]injection|"
    r"security|privileges?|(access|api|auth|bearer|refresh|session|csrf)[_ -]?tokens?)" + _SEP_R,
    re.IGNORECASE,
)
#: (``optimizer`` names a component, "feat(optimizer): log ...", and a "latency metric" measures: neither claims
#: speed; "optimize", "optimization", "lower latency" do)
PERF_WORDS = _Unmeasured(re.compile(r"\b(perf|performance|speed ?up|faster|optimi[sz](?:e[sd]?|ing|ations?)|"
                                    r"(?:latency|throughput)(?!\s+(?:metric|histogram|bucket|gauge|counter)s?\b))\b",
                                    re.I))
#: ``git-svn-id: <url>@<revision> <uuid>``: git svn's record of the Subversion revision a commit was imported from
TRAILER_RE = re.compile(r"^\s*(signed-off-by|co-authored-by|reviewed-by|change-id|git-svn-id)\s*:", re.I)
BULLET_RE = re.compile(r"^\s*(?:[-*•+]|\d{1,3}[.)])\s+(?P<text>\S.*)$")

# Tooling configuration: linters, formatters, bots, docs builders and test runners' sessions (tox, nox); weighed like
# CI, never like product code.
TOOLING_NAMES = re.compile(
    r"^(\.golangci\.ya?ml|\.eslintrc(\.\w+)?|eslint\.config\.\w+|\.prettierrc(\.\w+)?|\.editorconfig|"
    r"\.flake8|tox\.ini|noxfile\.py|\.pylintrc|ruff\.toml|\.ruff\.toml|mypy\.ini|\.codecov\.ya?ml|codecov\.ya?ml|"
    r"renovate\.json5?|\.readthedocs\.ya?ml|mkdocs\.ya?ml|\.gitignore|\.gitattributes|\.dockerignore|"
    r"\.mailmap|\.coveragerc|\.yamllint(\.ya?ml)?|\.markdownlint\.\w+|\.clang-format|\.clang-tidy|"
    r"rustfmt\.toml|clippy\.toml|deny\.toml|typos\.toml|_typos\.toml|codespell\w*|\.codespellrc|"
    # a linter's or formatter's ignore list; who reviews and approves (Prow's OWNERS and OWNERS_ALIASES)
    r"\.(eslint|prettier|stylelint|markdownlint)ignore|owners|owners_aliases|"
    # the toolchain version a version manager (goenv, pyenv, nvm, asdf) picks for the maintainers' shells: the
    # build's minimum is the manifest's (``go.mod``'s ``go``), not this
    r"\.(go|python|ruby|java|node|bun|deno)-version|\.tool-versions|\.nvmrc|"
    r"tslint\.json|"  # TSLint's rules (a declaration folder's own ``types/tslint.json``): a linter's, not the types'
    # the JVM's static analysers' rule sets and suppressions (``src/conf/pmd-ruleset.xml``, ``checkstyle.xml``,
    # ``spotbugs-exclude-filter.xml``, ``detekt.yml``): what the linters check, nothing the library runs
    r"(checkstyle|pmd|spotbugs|findbugs|detekt)([-_.][\w.-]*)?\.(xml|ya?ml))$")

#: GitHub's code owners at the repository's root (who reviews what): upkeep, as ``.github/CODEOWNERS`` is the CI folder's
ROOT_CODEOWNERS = "codeowners"
#: top-level directories of the maintainers' own programs (release, format, code generation, dev servers):
#: ``scripts/``, ``tools/``, Kubernetes projects' ``hack/``, a generator of the project's own sources (``codegen/``),
#: Cargo's ``xtask/`` convention; not shipped to users
#: (editors' and dev containers' settings too: ``.vscode/settings.json``, ``.idea/``, ``.devcontainer/``)
TOOLING_DIRS = {"scripts", "tools", "hack", "codegen", "xtask", ".vscode", ".idea", ".devcontainer", ".zed", ".fleet"}
#: a top-level ``util/`` or ``utils/`` folder's shell scripts (``util/fetch-gnu.sh``, ``utils/release.sh``): the
#: maintainers' chores (a ``util/`` of code may be a package of the product: only its shell scripts)
UTIL_SCRIPT = re.compile(r"^utils?/[\w.-]+\.(sh|bash)$")
#: a Python project's task runner at its root: invoke's ``tasks.py`` or ``tasks/`` package, Fabric's ``fabfile.py``
#: (the maintainers' release, lint and check chores; an Ansible role's ``tasks/main.yml`` is no Python file), and a
#: ``release.py`` beside them at the root: the script a maintainer runs to tag, build and upload a release (a
#: package's own ``release`` module sits in its package's folder)
TASK_RUNNER = re.compile(r"^(tasks|fabfile|release)\.py$|^tasks/[\w/]+\.py$")
#: a configuration dotfile at the repository's root (``.lgtm.yml``, ``.yamllint``): a tool's settings
#: data files at the repository's root that no build or deployment convention names (``wsjcpp.yml``,
#: ``.goreleaser.yml``, ``turbo.json``): a tool's or a package index's settings, not what the product reads
ROOT_TOOL_EXTS = (".yml", ".yaml", ".json", ".json5", ".toml")
TOOL_DOTFILE = re.compile(r"^\.[\w-]+(\.[\w-]+)*\.(ya?ml|json|toml|ini|cfg)$|^\.[\w-]+rc$")

# Segments that say little about where a change sits; area keys skip over them.
GENERIC_DIRS = {"src", "lib", "pkg", "internal", "source", "sources"}

# --- words of the message -------------------------------------------------------------------

#: what a store keeps, whose loss is data loss: items, keys, entries, records, messages, writes, updates, events, rows
_STORED = r"(?:items?|keys?|entry|entries|records?|messages?|writes?|updates?|events?|rows?)"
#: a crash, hang or data loss named in the message or changelog: with product code changed, high
CRASH_WORDS = re.compile(
    r"\b(crash\w*|panic\w*|segfault\w*|segmentation fault|deadlock\w*|hangs?|hung|freez\w*|"
    # a hang said in other words ("EGL buffer swap blocking indefinitely", "waits forever for the frame callback")
    r"(block|wait|stall|halt)\w* (indefinitely|forever)|"
    # the process ended under its users ("the allocation fails and errno_assert terminates the process")
    r"(terminat|abort|kill)(s|es|ed|ing)? the (process|program|application)|"
    # a register or a file clobbered ("rbx clobbering on Windows with Clang"): state overwritten under the caller
    r"data[ -]loss|los(e|es|ing|t) data|" + DATA_KEPT_ON_FAILURE + "|"
    # stored things lost ("a miss and loss of the item", "messages are silently lost"), not precision or focus
    r"loss of (?:the |an? |all |some )?(?:\w+ )?" + _STORED + r"|" + _STORED
    + r" (?:are |is |were |was |being |get |gets |got )?(?:silently )?lost|"
    r"corrupt\w*|clobber\w*|infinite (loop|recursion)|stack ?overflow\w*|oom|out of memory|"
    # Java's StackOverflowError by its usual initials ("... SOE (due to refactoring)"), capitals only
    r"(?-i:SOE)|"
    # newer data written over with older: "the new configuration gets replaced by the old one"
    r"(gets?|got|is|are|was|were|being) (replaced|overwritten) (by|with) (an? |the )?(old|older|stale|legacy)|"
    r"memory leak|use[- ]after[- ]free|null pointer|nil pointer|silently (drop|ignor|discard|los|swallow)\w*|"
    r"unhandled exception|uncaught exception|traceback|"
    # a shipped library its users cannot link against: broken for them as a crash on load is
    r"missing symbols?|undefined (reference|symbol)s?|unresolved (external )?symbols?|fail(s|ed|ing)? to link)\b", re.I)
#: the milder of the crash words: an error swallowed or printed, not a process or its data lost; they lift a change to
#: high only over more than one changed line of product code ("silently ignored" over a one-line fix stays medium)
#: the crash words a fix's new comment must use to name what crashed (not "hangs" of a UI, not "freeze" of a list)
#: undefined behaviour named, in words or by its initials (capitals only): "Fix UB in the SO_TYPE sockopt"
UNDEFINED_BEHAVIOUR = re.compile(r"\bundefined[ -]behaviou?rs?\b|\b(?-i:UB)\b", re.IGNORECASE)
CRASH_COMMENT_WORDS = re.compile(r"\b(crash(es|ed|ing)?|panic(s|ked|king)?|segfaults?|segmentation fault)\b", re.I)
MILD_CRASH_WORDS = re.compile(r"^(silently\b.*|traceback|unhandled exception|uncaught exception)$", re.I)
#: an exception a fix says was suppressed or swallowed ("Do not suppress EOFError when reading a prompt"): the error
#: users should have met was hidden and the program went on wrongly (an exception merely named, "raising TypeError",
#: is one call's error, not this); a fix that now lets one propagate ("propagate CancelledError in receive() instead
#: of returning http.disconnect") says the same: it was caught and dropped. A verb in a clause that sets the scene
#: ("calling ``uncancel`` when propagating a ``CancelledError`` to a cancelled parent") says when the bug showed, not
#: that the exception was hidden: the fix is to what happened around it
SUPPRESSED_EXCEPTION = re.compile(
    r"(?<!\bwhen )(?<!\bwhile )\b(suppress\w*|swallow\w*|ignor\w*|propagat\w*)\b.{0,40}?\b[A-Z]\w*(Error|Exception)\b|"
    r"\b[A-Z]\w*(Error|Exception)\b.{0,40}?\b(suppressed|swallowed|ignored)\b")
#: cosmetic work: with a small diff and no API change, low whatever the prefix says
#: a title run on past this many characters is a body written without its blank line: a word out there ("This was a
#: copy-paste typo introduced in 2009") tells the story of the cause, not the kind of the change
TITLE_HEAD = 100
COSMETIC_WORDS = re.compile(
    r"\b(typos?|spelling|misspell\w*|whitespace|white space|trailing spaces?|indentation|indent|"
    r"capitali[sz]\w*|reformat\w*|re-format\w*|code style|coding style|lint(ing)?|linter|gofmt|"
    r"black|prettier|isort|type (annotations?|hints?)|(?<!python )typing(?!\.\w)|wording|grammar|punctuation|"
    r"(help|text|message|output|usage) formatting)\b", re.I)
COSMETIC_MAX_LINES = 40
#: whitespace as what the product does to users' text, not the diff's own layout: "don't strip whitespace when
#: soft_wrap is True", "preserve indentation in code blocks", "whitespace handling in the parser", "Emitter: don't
#: output trailing space for empty scalar nodes", "add newline indentation after existing items"; input the
#: product reads with whitespace in it: "accept empty objects containing whitespace"
WHITESPACE_BEHAVIOUR = re.compile(
    r"\b(accept\w*|allow\w*|tolerat\w*)\b\W+(?:[\w-]+\W+){0,3}(whitespace|white space|spaces?)\b|"
    r"\b(strip\w*|trim\w*|preserv\w*|keep\w*|kept|collaps\w*|normali[sz]\w*|handl\w*|pars\w*|render\w*|"
    r"wrap\w*|ignor\w*|squash\w*|los[et]|loses|drop\w*|swallow\w*|eat(s|en|ing)?|escap\w*|emit\w*|output\w*|"
    r"print\w*)\b\W+(?:[\w-]+\W+){0,2}(whitespace|white space|indentation|indent|spaces?)\b|"
    r"\b(whitespace|white space|indentation)\W+(?:[\w-]+\W+){0,1}(handling|parsing|rendering|stripp\w*|"
    r"preserv\w*|lost|dropped|ignored|removed when|collaps\w*)|"
    # a newline's indentation is a character the product writes ("add newline indentation after existing items")
    r"\bnew[- ]?lines?\W+(?:and\W+)?(whitespace|indentation|indent)\b|"
    # indenting and dedenting as commands the product gives its users ("add indent/dedent in insert mode")
    r"\b(indent|indentation)\s*(/|\band\b|\bor\b|&)\s*(dedent|unindent|outdent)\b|"
    # whitespace in the input the product reads ("accept empty objects containing whitespace")
    r"\b(contain\w*|accept\w*|allow\w*|tolerat\w*)\W+(?:[\w-]+\W+){0,1}(whitespace|white space)\b", re.I)


#: labels of one word each, with their colons, opening a title: "Rules: indentation: ", "Indentation: "
_COMPONENT_LABELS = re.compile(r"^\s*(?:[A-Za-z][\w.-]{0,30}:\s+)+")
#: a name quoted in a title ('indent-sequences', `whitespace`, "indent"): quotes that open after no letter and close
#: before none, so a word's apostrophe (don't, isn't) opens nothing
_QUOTED_NAME = re.compile(r"(?<!\w)(?:'[^'\s][^']*'|\"[^\"\s][^\"]*\"|`[^`]+`)(?!\w)")


def cosmetic(title: str) -> re.Match[str] | None:
    """The title's cosmetic word ("Fix typos", "Remove trailing whitespace") within its first TITLE_HEAD characters,
    unless the whitespace it names is what the product does to users' text ("don't strip whitespace when soft_wrap
    is True": a behaviour fix)."""
    # a component's label opening the title ("Rules: indentation: Add an option", "Indentation: nested flows")
    # names the part changed, not the change: its word is no whitespace fix
    # and a quoted name ("Add the 'indent-sequences' option", "the `whitespace` setting") is the thing's name
    title = _QUOTED_NAME.sub(lambda m: " " * len(m.group(0)), _COMPONENT_LABELS.sub("", title, count=1))
    found = COSMETIC_WORDS.search(title[:TITLE_HEAD])
    if found and re.fullmatch(r"whitespace|white space|indentation|indent|trailing spaces?", found.group(0), re.I) \
            and WHITESPACE_BEHAVIOUR.search(title):
        return None
    return found
#: the title says a code formatter was run (not "format" alone: a formatting library's titles use it for its API)
FORMATTER_RUN = re.compile(
    r"\b(clang[- _]?format|prettier|black|gofmt|gofumpt|goimports|rustfmt|ktlint|swiftformat|dprint|cargo fmt|isort|ruff format|yapf|autopep8|"
    r"re-?format\w*|auto-?format\w*|(apply|applied|run|ran|running|rerun|re-run)( the)? (code )?format\w*|"
    r"format(ted|ting)? (the )?(code|files|sources|source code|codebase)|code format\w*|"
    r"^\s*(fix(es|ed)? |more )?(formatting|code style|style)\s*\.?\s*$)\b", re.I)
#: a hooks manager's own commit: its hooks' versions moved and their automatic fixes applied (pre-commit.ci's
#: "pre-commit autoupdate" and "[pre-commit.ci] auto fixes"; lefthook and husky have none of their own); a linter's or
#: formatter's fixes applied by a bot ("[autofix.ci] apply automated fixes", "Apply automatic lint fixes")
HOOKS_AUTOFIX = re.compile(r"\bpre-commit(\.ci)?\b.*\b(auto-?update|auto[- ]?fix(es)?)\b|^\[pre-commit\.ci\]|"
                           r"^\[autofix(\.ci)?\]|^\s*appl(y|ied|ying) (the )?automat(ed|ic) (lint(er)? |style |code )?"
                           r"fix(es)?\b", re.I)
#: a title opening with "Add"/"Introduce" and naming a new setting: a feature, even if it says what it fixes
#: ("Add `retry.x` option to fix statusCodes bypassing")
NEW_OPTION_TITLE = re.compile(r"^\s*(add|adds|added|introduc\w*)\b[^;:]*?\b(options?|flags?|settings?|parameters?)\b",
                              re.I)
#: a title that takes something away (support, an argument, a deprecated path)
REMOVAL_TITLE = re.compile(r"\b(remov\w*|drop\w*|delet\w*|no longer (accept|allow|support)\w*)\b", re.I)
#: a formatter run: at least this share of the changed lines only lays the same text out anew
FORMATTER_LAYOUT_SHARE = 0.8
#: the key naming a manifest's own package
PACKAGE_NAME_KEYS = {"package.name", "name", "project.name", "tool.poetry.name"}
#: a title that names a failing build ("fix build failure on glibc >= 2.34", "fails to compile on musl")
BUILD_FAILURE = re.compile(r"\bbuild (failures?|errors?|breakage)\b|\bfix\w* (the )?build (on|for|with)\b|"
                           r"\bfail(s|ed|ing)? to (build|compile|link)\b", re.I)
#: a title adapting the build to a release of the build system users build with ("Update bazel config for 9.x",
#: "Support CMake 4", "build with Gradle 9"): the tool's new release could not build the project before
BUILD_TOOL_RELEASE = re.compile(
    r"\b(bazel|cmake|gradle|maven|meson|sbt|scons|autoconf|automake|xmake|premake)\b(?:\s+[\w.-]+){0,2}?\s+(for|with)\s+"
    r"v?\d+(\.(\d+|x))*(-?(rc|beta|alpha)\d*)?\+?(?![\w.])|"
    r"\b(for|with|on|supports?|supporting|compatib\w* with)\s+(the\s+)?(bazel|cmake|gradle|maven|meson|sbt|scons|"
    r"autoconf|automake|xmake|premake)\s+v?\d+(\.(\d+|x))*(-?(rc|beta|alpha)\d*)?\+?(?![\w.])", re.I)
#: the message closes an issue ("Fixes #398", "Closes https://github.com/o/r/issues/12"): a reported problem mended
FIXES_ISSUE = re.compile(r"\b(fix(es|ed)?|close[sd]?|resolve[sd]?):?\s+(\S+/\S+)?(#\d+|https?://\S+/issues/\d+)", re.I)
#: the message says it fixes a reported issue ("Fixes #12", "the legacy fix for https://github.com/o/r/issues/4731")
FIX_FOR_ISSUE = re.compile(r"\bfix(es|ed)?\b:?\s+((for|of)\s+)?(\S+/\S+)?(#\d+|https?://\S+/issues/\d+)", re.I)
#: the title says what is returned is now wrapped in a named error type ("Wrap UnmarshalTOML() return values in
#: ParseError", "wrap errors into ConfigError"): the type callers match on changes
ERRORS_REWRAPPED = re.compile(r"(?i:\bwrap(s|ped|ping)?\b[^.]*\b(in|into|with|as)\s+(an?\s+)?)`?[A-Z]\w*(Error|Exception)\b")
#: a title that opens with the exception a user met and when ("[POOL-411] NPE when deregistering key ...",
#: "ClassCastException when referencing ..."): an issue tracker's bug report, the change mends it
SYMPTOM_TITLE = re.compile(r"^(\[[\w .#-]+\]\s*)?(NPE|[A-Z]\w*(Exception|Error))\s+(when|on|in|if|while|during|after|"
                           r"with)\b")
#: a workaround the title says is put in ("Work around X", "add workaround for X"), not one removed
WORKAROUND_ADDED = re.compile(r"\b(work(s|ed|ing)? around|add(s|ed|ing)? (an? )?work-?arounds?)\b", re.I)
#: internal housekeeping named in the title: with no interface change and a modest diff, low
HOUSEKEEPING_WORDS = re.compile(
    r"\b(clean ?ups?|cleaning|tidy|tidies|simplif\w*|renam\w*|dead code|workarounds?|(small|minor) refactor\w*|"
    # "Linearise TLS1.2 client signature verification": nested branches laid out as one straight path
    r"lineari[sz]\w*|"
    # "packet: make `ssh2_packet_askv()` static": a function's linkage narrowed to its file, no caller outside it
    + MADE_STATIC + r"|"
    # "Fixed code smells": what a static analyser (Sonar) flags, style and dead stores, mended without a bug
    r"code ?smells?|"
    # "unnecessary" as titles spell it too: "unnessary", "unneccessary", "unecessary"
    r"remov\w* (unused|old|dead|obsolete|stale|un+ec*e?s+ary|redundant)|(unused|un+ec*e?s+ary|redundant) \w+|"
    # "remove unneeded return", "No need for 'volatile'", "Unqualify `borrow()`": syntax the compiler did not need
    # taken out, the same program
    r"(remov\w*|drop\w*|delet\w*|eliminat\w*|avoid\w*) (an? |the )?(unneeded|needless|superfluous)|no need for|"
    r"unqualif(y|ies|ied)|"
    # "Fix V728 excessive check": a static analyser's wording for a test the condition already made (PVS-Studio's
    # V728 "an excessive check can be simplified"), the same logic written once
    r"(excessive|superfluous) (checks?|conditions?|comparisons?)|"
    r"magic (numbers?|chars?|characters?|strings?|values?|literals?) (with|by|into) (an? |named )?constants?)\b", re.I)
REFACTOR_LOW_LINES = 60
#: lines a block extracted into a new function may add beyond its own: the signature, the call, closing lines
EXTRACTION_LINES = 4
#: public API its authors name as without a stability promise (``ExperimentalFinder``, React's ``unstable_cache``)
EXPERIMENTAL_NAME = re.compile(r"(?:^|[._:])(?:[Ee]xperimental(?=[A-Z_]|$)|unstable_)")
#: a change the facts call documentation may move this many lines of code (a block split to hold a doc comment)
DOCS_CODE_LINES = 4
#: silencing compiler, linter or feature-combination warnings: never high by itself
WARNING_WORDS = re.compile(r"\b(warnings?|clippy|lints?|shadow(ing|ed)?|cargo[ -]hack|unused (imports?|variables?|code))\b|"
                           # a compiler's warning named by its flag: "Avoid triggering -Wzero-as-null-pointer-constant"
                           r"(?<![\w-])(?-i:-W(?!l,|error\b(?!=))[a-z][\w=+-]*)", re.I)  # not -WX/-Werror (warnings made errors), -Wl,
#: a linter or static analyser by name (formatters and type checkers have rules of their own; Sonar and CodeQL are
#: left out: Sonar names a product whose own charts and CI speak of it, CodeQL's findings are security alerts)
ANALYSER_WORDS = re.compile(r"\b(flake8|pyflakes|pycodestyle|pylint|ruff|pvs[- ]?studio|clang[- ]tidy|cppcheck|coverity|"
                            r"eslint|golangci[- ]lint|staticcheck|shellcheck|rubocop|spotbugs|findbugs|checkstyle|"
                            r"detekt|static[- ]analy[sz](er|ers|is))\b", re.I)
#: what a change says it does to an analyser's complaint: mends it, silences it, pleases the tool that raised it
ANALYSER_ANSWERED = re.compile(r"\b(fix\w*|flagged|warn\w*|errors?|complain\w*|reports?|reported|findings?|pleas\w*|"
                               r"silenc\w*|quiet\w*|satisf\w*|appeas\w*|(does|do)(n'?t| not) like)\b", re.I)
#: a warning the change adds for its users ("add panic warning", "adds a deprecation warning"): not one it silences
WARNING_ADDED = re.compile(r"\badd(s|ed|ing)?\s+(\S+\s+){0,2}?warnings?\b", re.I)
#: a "fix" whose object is the compiler's or linter's complaints ("Fix clippy lints", "fix compiler warnings"): upkeep
LINT_FIX = re.compile(r"^\s*(fix|fixes|fixed|fixing|silence|address)\s+(\S+\s+){0,2}?(clippy|lints?|warnings?)\b", re.I)
#: a release commit's title (``analysis.release_titles``: the day's line reading stops at one too)
RELEASE_TITLE = RELEASE_TITLES

# --- size and bounds ---------------------------------------------------------------------------

LARGE_LINES, LARGE_FILES = 500, 20
#: product code this size changes behaviour somewhere users rely on
HUGE_LINES = 1500
#: an internal chore or refactor up to this many lines is housekeeping
HOUSEKEEPING_LINES = 20
#: test-only changes are medium only with this many net added test lines (a body of new coverage); how many test
#: functions they add does not count: cases added beside existing ones pin down what the code already does
TEST_ONLY_MEDIUM_LINES = 200
#: git subtree's title for another repository's history squashed into a folder of this one
SUBTREE_SQUASH = re.compile(r"^Squashed '[^']+' (changes|content) from\b")
MAX_TITLE, MAX_LINE, MAX_PATH, MAX_PARAGRAPH, MAX_SYMBOL = 160, 200, 120, 600, 80
MAX_AREAS, MAX_LISTED, MAX_CHANGELOG, MAX_POINTS, MAX_LOCKED = 6, 5, 3, 5, 2

# --- kinds of change named by the title, weighed against the diff ------------------------------

#: hand-written code replaced by a macro's expansion ("Use rejection macros for `QueryRejection`"):
#: with the diff mostly removals, a refactor even when the macro declares a public type
MACRO_REFACTOR_WORDS = re.compile(r"\b(use|uses|using|via|with|into)\b[^.;]*\bmacros?\b", re.I)
#: the removed lines outnumber the added ones at least this many times in a macro refactor
MACRO_REFACTOR_SHRINK = 2
#: the text users read when an error or value is printed: ``Display``, ``__str__``, error or help messages
USER_TEXT_WORDS = re.compile(r"`(Display|__str__|to_string|toString|Error)`|\bDisplay\s+(impl|trait|output)|"
                             r"\bimpl\s+(\w+::)*Display\b|\b__str__\b|\b(error|help|usage)\s+(message|text|output)s?\b")
#: methods that only say how an object looks in a debugger, a REPL or a log line
DEBUG_REPR_SYMBOL = re.compile(r"(^|\.|::)(__repr__|__rich_repr__)$")
#: a small internal performance tweak: a repeated call, copy or allocation avoided
SMALL_PERF_WORDS = re.compile(
    r"\b(avoid\w*|skip\w*|remov\w*|eliminat\w*|reduc\w*)\s+(double|duplicate\w*|redundant|repeated|extra|unnecessary|"
    r"needless|superfluous)\s+(\S+\s+){0,2}?(calls?|allocations?|clones?|cloning|copies|copying|lookups?|"
    r"computations?|conversions?|evaluations?|invocations?)\b", re.I)
SMALL_PERF_LINES = 30
#: a title naming the oldest toolchain supported ("Raise the MSRV to Rust 1.85", "Bump minimum supported Python")
FLOOR_TITLE = re.compile(r"\bmsrv\b|\bminimum (supported )?(rust|python|node(\.?js)?|go|java|jdk|toolchain|compiler)"
                         r"( version)?\b|\brust-version\b|\brequires-python\b|\bpython_requires\b", re.I)
#: a title that cuts allocations ("Remove most allocations", "Avoid allocating the trimmed name", "zero-allocation
#: parsing"): done for speed and memory, the results the same
ALLOCATIONS_CUT = re.compile(r"\b(avoid\w*|remov\w*|eliminat\w*|reduc\w*|fewer|less|cut\w*|sav\w*)\s+(\w+\s+){0,2}?"
                             r"allocat\w*|\bzero[- ]alloc\w*|\ballocation[- ]free\b", re.I)
#: the title's object is the project's own test tooling ("Refactor `TestClient` usage", "Simplify test helpers")
TEST_TOOLING_WORDS = re.compile(r"`Test[A-Z]\w*`|\bTest[A-Z][a-z]\w*\b|\btest[ _-]?(helpers?|utils?|utilities|client|harness|"
                                r"fixtures?|infrastructure|setup|support)\b", )
#: an HTTP status the change returns, named in the message or a new test ("return 404 if ...", "respond with 400")
STATUS_RETURNED = re.compile(r"\b(return\w*|respond\w*|repl(y|ies)|status(\s+code)?)\s+(with\s+)?(an?\s+|the\s+)?(http\s+)?"
                             r"[1-5]\d\d\b", re.I)
#: a name the title writes as code: in backticks, called (``name()``), or snake_case / camelCase
TITLE_CODE_NAME = re.compile(r"`([^`\s]+)`|([A-Za-z_$][\w$.]*)\(\)|(?<![\w$.])([A-Za-z$]*_[\w$]+|[a-z]+[A-Z][\w$]*)(?![\w$])")
#: net test lines added beside a product change that make it a behaviour change, not housekeeping
TESTED_CHANGE_LINES = 6
#: a refactor of test tooling up to this many lines of code is low
TEST_TOOLING_LINES = 150
#: a title that updates or bumps a dependency to a version ("Update common helm release to v2", "bump yargs to 18",
#: "Update dependency foo to v3", "upgrade to serde 1.0"): Renovate's and Dependabot's titles and people's alike
DEPENDENCY_UPDATE_TITLE = re.compile(r"\b(update|bump|upgrade)s?\b.*\bto\s+v?\d", re.I)
