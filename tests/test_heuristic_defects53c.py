"""Maintainer-review mends (defects53c) from reading square/wire, apache/commons-net and google/go-github days: Gradle's
wrapper jar read as product code (a Gradle upgrade said "Changes `gradle-wrapper.jar` (+0/−0)", a refactor); one
version catalog entry read by three libraries said in three sentences alike; a subject wrapped before its object
("… now throws" / "IllegalStateException instead of …") leaving the object as a point of its own; a changelog entry
and the example code it tells of said "Documentation only"."""

from __future__ import annotations

from analysis.analyzers.heuristic.paths import classify_path
from analysis.analyzers.heuristic.text.writer import _DANGLING
from analysis.models import FileChange
from tests.facts_support import AnalysisContext, HeuristicAnalyzer, analysed, analysis_text, commit_of, derive_facts

WRAPPER = ("distributionBase=GRADLE_USER_HOME\ndistributionPath=wrapper/dists\n"
           "distributionUrl=https\\://services.gradle.org/distributions/gradle-9.6.1-bin.zip\nnetworkTimeout=10000\n")


def _with_binary(files, binary: str, message: str):
    commit, texts = commit_of(files, message)
    commit.files.insert(0, FileChange(path=binary, status="modified", patch=None, additions=0, deletions=0))
    return HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(facts=derive_facts(commit, texts)))


def test_the_build_tools_wrappers_are_build_files():
    for path in ("gradle/wrapper/gradle-wrapper.jar", "gradlew", "gradlew.bat", "mvnw", "mvnw.cmd",
                 ".mvn/wrapper/maven-wrapper.jar", ".mvn/wrapper/maven-wrapper.properties"):
        assert "build" in classify_path(path), path
    # a jar the product ships or a library bundled stays as it was
    assert "build" not in classify_path("lib/wrapper.jar")
    assert "build" not in classify_path("src/main/java/org/x/Gradlew.java")


def test_a_wrapper_upgrade_with_its_jar_says_the_properties_line():
    files = {"gradle/wrapper/gradle-wrapper.properties": (WRAPPER, WRAPPER.replace("9.6.1", "9.7.0"))}
    analysis = _with_binary(files, "gradle/wrapper/gradle-wrapper.jar", "Update Gradle to v9.7.0")
    assert analysis.change_type == "build", analysis.change_type
    text = analysis_text(analysis)
    assert "`gradle/wrapper/gradle-wrapper.jar` (binary)" in text, text
    assert "gradle-9.7.0-bin.zip`" in text, text
    assert "(+0/−0)" not in text
    # two text files beside the jar: no one line stands for the change
    files["gradle/wrapper/README.txt"] = ("a\n", "b\n")
    text = analysis_text(_with_binary(files, "gradle/wrapper/gradle-wrapper.jar", "Update Gradle to v9.7.0"))
    assert "gradle-9.7.0-bin.zip`" not in text, text


CATALOG = ('[versions]\nmoshi = "1.15.2"\nokio = "3.17.0"\n\n[libraries]\n'
           'okio-bom = { module = "com.squareup.okio:okio-bom", version.ref = "okio" }\n'
           'okio-core = { module = "com.squareup.okio:okio", version.ref = "okio" }\n'
           'okio-fake = { module = "com.squareup.okio:okio-fakefilesystem", version.ref = "okio" }\n'
           'moshi = { module = "com.squareup.moshi:moshi", version.ref = "moshi" }\n')


def test_libraries_moved_by_one_catalog_version_are_one_line():
    analysis = analysed({"gradle/libs.versions.toml": (CATALOG, CATALOG.replace('"3.17.0"', '"3.18.1"'))},
                        "Update okio to v3.18.1")
    assert analysis.summary == [("`com.squareup.okio:okio-bom`, `com.squareup.okio:okio`, "
                                 "`com.squareup.okio:okio-fakefilesystem` `3.17.0` → `3.18.1` in "
                                 "`gradle/libs.versions.toml`")], analysis.summary
    # two versions moved to different releases stay two lines
    both = CATALOG.replace('"3.17.0"', '"3.18.1"').replace('"1.15.2"', '"1.15.3"')
    summary = analysed({"gradle/libs.versions.toml": (CATALOG, both)}, "Update okio and moshi").summary
    assert "`com.squareup.moshi:moshi` `1.15.2` → `1.15.3` in `gradle/libs.versions.toml`" in summary, summary
    assert any(line.startswith("`com.squareup.okio:okio-bom`, `com.squareup.okio:okio`") for line in summary), summary


JAVA = ('package a;\nclass S {\n  int count() {\n    if (x) {\n      throw new RuntimeException("Count is large");\n'
        '    }\n    return 1;\n  }\n}\n')
JAVA_AFTER = JAVA.replace("RuntimeException", "IllegalStateException")


def test_a_subject_wrapped_before_its_object_is_one_sentence():
    assert _DANGLING.search("getPreviousAddress() now throws")
    assert not _DANGLING.search("Fix the count check")
    wrapped = "SubnetInfo.getPreviousAddress() now throws\nIllegalStateException\ninstead of RuntimeException.\n"
    summary = analysed({"src/main/java/a/S.java": (JAVA, JAVA_AFTER)}, wrapped).summary
    assert summary[0] == ("SubnetInfo.getPreviousAddress() now throws IllegalStateException instead of "
                          "RuntimeException."), summary
    assert "IllegalStateException instead of RuntimeException." not in summary
    # a subject that ends whole keeps the next line as a sentence of its own
    summary = analysed({"src/main/java/a/S.java": (JAVA, JAVA_AFTER)},
                       "Fix the count check\nIllegalStateException is thrown on overflow.\n").summary
    assert summary[0] == "IllegalStateException is thrown on overflow.", summary


CHANGES = '<document>\n<body>\n<release version="3.10.0">\n</release>\n</body>\n</document>\n'
CHANGES_AFTER = CHANGES.replace('<release version="3.10.0">\n',
                                '<release version="3.10.0">\n<action type="fix" dev="ggregory">IMAPUtils.imapLogin() '
                                'now throws IOException.</action>\n')
EXAMPLE = "package org.x.examples;\nclass IMAPUtils {\n  void login() {\n    throw new RuntimeException();\n  }\n}\n"


def test_a_changelog_beside_example_code_is_documentation_and_examples():
    files = {"src/changes/changes.xml": (CHANGES, CHANGES_AFTER),
             "src/main/java/org/x/examples/IMAPUtils.java": (EXAMPLE, EXAMPLE.replace("RuntimeException", "IOException"))}
    text = analysis_text(analysed(files, "IMAPUtils.imapLogin() now throws IOException"))
    assert "Documentation and examples only: `src/changes/changes.xml`" in text, text
    assert "Documentation only:" not in text
    # documentation alone is still said so
    text = analysis_text(analysed({"src/changes/changes.xml": (CHANGES, CHANGES_AFTER)}, "Changelog"))
    assert "Documentation and examples only" not in text, text
    assert "Documentation only" in text or "Changelog" in text, text


GO = "package github\n\nfunc x() {}\n"
ACCESSOR = "// Get{n} returns the {n} field if it's non-nil, zero value otherwise.\nfunc (r *Repo) Get{n}() int {{\n" \
           "\treturn 0\n}}\n\n"


def test_a_generators_templated_comment_is_not_quoted_as_the_authors_words():
    stamped = GO.replace("func x() {}\n", ACCESSOR.format(n="OpenIssues") + ACCESSOR.format(n="Watchers") + "func x() {}\n")
    summary = analysed({"github/github-accessors.go": (GO, stamped)}, "Add missing fields to Repository").summary
    assert summary == ["Adds `Repo.GetOpenIssues`, `GetWatchers`"], summary
    # a comment written once, for its own change, is still quoted
    written = GO.replace("func x() {}\n", "// Watchers counts the people who follow the repository, read from the API "
                         "when it is fetched.\nfunc (r *Repo) GetWatchers() int {\n\treturn 0\n}\n\nfunc x() {}\n")
    summary = analysed({"github/repos.go": (GO, written)}, "Add missing fields to Repository").summary
    assert summary[0].startswith("Comment added in `github/repos.go`: “Watchers counts the people"), summary


EVENT = ('package github\n\n// RepositoryVulnerabilityAlertEvent is triggered when an alert is made.\n'
         'type RepositoryVulnerabilityAlertEvent struct {\n\tAction *string `json:"action,omitempty"`\n}\n')
EVENT_AFTER = EVENT.replace('\tAction *string `json:"action,omitempty"`\n', '\tAction *string `json:"action,omitempty"`\n'
                            '\tSeverity *string `json:"severity,omitempty"`\n')


def test_a_security_word_naming_the_changed_api_is_no_security_change():
    files = {"github/event_types.go": (EVENT, EVENT_AFTER)}
    analysis = analysed(files, "Add missing fields to Repository Vulnerability Alert (#1898)")
    assert analysis.change_type != "security", analysis.change_type
    # the word said of the change itself still reads as security
    assert analysed(files, "Fix vulnerability in alert parsing").change_type == "security"
    assert analysed(files, "Fix Vulnerability Report Parsing").change_type == "security"
    # a merge folding that commit in is no security merge either
    commit, texts = commit_of(files, "Merge #1900")
    commit.parents.append("3" * 40)
    context = AnalysisContext(facts=derive_facts(commit, texts),
                              folded_titles=["Add missing fields to Repository Vulnerability Alert (#1898)"])
    assert HeuristicAnalyzer().analyze_sync(commit, "en", context).change_type != "security"


GUARDED = "package github\n\nfunc read(p string) string {\n\treturn p\n}\n"


def test_a_doc_comment_describing_a_new_type_names_no_attack():
    alert = GUARDED + ("\n// RepositoryVulnerabilityAlert represents a repository security alert.\n"
                       "type RepositoryVulnerabilityAlert struct {\n\tID *int64\n}\n")
    analysis = analysed({"github/event_types.go": (GUARDED, alert)}, "Merge #1900")
    assert analysis.change_type != "security", analysis.change_type
    # a comment beside a guard that names the attack it stops still reads as security
    guard = GUARDED.replace("\treturn p\n", "\t// refuse \"..\" so a crafted name cannot escape the root: path "
                            "traversal\n\tif strings.Contains(p, \"..\") {\n\t\treturn \"\"\n\t}\n\treturn p\n")
    assert analysed({"github/event_types.go": (GUARDED, guard)}, "Merge #1901").change_type == "security"
