"""Rules of the tuning round on the fiftieth and fifty-first sets (issue 8, tune52b), each on a small snippet: a
POM's contributor entries are listing metadata, a release's name swapped beside its number is the release, a throw
the author marks unreachable is no new way to fail, a job gated to other events is not exposed by a new
``pull_request_target`` trigger, an internal package created whole is groundwork, a test suite squashed in by
``git subtree`` is upstream's coverage, undefined behaviour headlined by a fix is high, a refactor titled for one
copy of repeated code is the same program, and the oldest version of a package users bring themselves (a peer
dependency, a version range's lower bound) raised is high."""

from __future__ import annotations

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.code.behaviour.unreachable_throws import unreachable_throws_only
from analysis.analyzers.heuristic.config.builds.listing import people_only
from analysis.analyzers.heuristic.config.builds.supported_floor import supported_floors_raised
from analysis.facts import derive_facts
from analysis.models import FileChange
from tests.facts_support import analysed, commit_of, patch_of

# --- a POM's contributors: what the published POM lists, not what is built -----------------------------------------

_POM = """<project>
  <modelVersion>4.0.0</modelVersion>
  <artifactId>lib</artifactId>
  <version>2.9.3-SNAPSHOT</version>
  <contributors>
    <contributor>
      <name>Ed Wagstaff</name>
      <url>https://github.com/edwag</url>
    </contributor>
    <contributor>
      <name>Maxim Zhao</name>
    </contributor>
  </contributors>
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-compiler-plugin</artifactId>
        <configuration>
          <source>1.5</source>
          <target>1.5</target>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
"""
_NOTES = "Changes in 2.9.3\n----------------\n - Make X public [#357]\n\n"
_NOTES_AFTER = _NOTES + "- Add Turkish period translations [#364]\n\n"
_CREDITED = _POM.replace("""    <contributor>
      <name>Maxim Zhao</name>""", """    <contributor>
      <name>Can Yapan</name>
      <url>https://github.com/canyapan</url>
    </contributor>
    <contributor>
      <name>Maxim Zhao</name>""")


def test_pom_contributor_added_is_listing_metadata() -> None:
    assert people_only(patch_of(_POM, _CREDITED))
    result = analysed({"pom.xml": (_POM, _CREDITED), "RELEASE-NOTES.txt": (_NOTES, _NOTES_AFTER)},
                      "Add Turkish period translations\n\nFixes #364")
    assert result.importance == "low"


def test_pom_build_setting_changed_is_a_build_change() -> None:
    rebuilt = _POM.replace("1.5</", "1.6</")
    assert not people_only(patch_of(_POM, rebuilt))
    result = analysed({"pom.xml": (_POM, rebuilt), "RELEASE-NOTES.txt": (_NOTES, _NOTES_AFTER)},
                      "Compile for Java 6\n\nFixes #364")
    assert result.importance == "medium"


# --- a release names itself beside its number ----------------------------------------------------------------------

_VERSION_JAVA = """package lombok.core;

public class Version {
\t// Official builds always end in an even number.
\tprivate static final String VERSION = "1.18.45";
\tprivate static final String RELEASE_NAME = "Edgy Guinea Pig";
//\tprivate static final String RELEASE_NAME = "Envious Ferret";
\t
\tprivate Version() {
\t\t//Prevent instantiation
\t}

\tpublic static String getVersion() {
\t\treturn VERSION;
\t}
}
"""
_RELEASED = (_VERSION_JAVA.replace('"1.18.45"', '"1.18.46"')
             .replace('\tprivate static final String RELEASE_NAME = "Edgy Guinea Pig";\n'
                      '//\tprivate static final String RELEASE_NAME = "Envious Ferret";',
                      '//\tprivate static final String RELEASE_NAME = "Edgy Guinea Pig";\n'
                      '\tprivate static final String RELEASE_NAME = "Envious Ferret";'))
_CHANGELOG = "Changelog\n---------\n\n### v1.18.45 \"Edgy Guinea Pig\"\n* PLATFORM: JDK26 support added.\n"
_CHANGELOG_AFTER = _CHANGELOG.replace('### v1.18.45 "Edgy Guinea Pig"', "### v1.18.46 (April 22nd, 2026)")


def test_release_name_swapped_beside_the_version_is_the_release_code_beside_is_not() -> None:
    assert R.RELEASE_TITLE.match("[version] pre-release version bump")
    assert R.RELEASE_TITLE.match("[version] post-release version bump")
    result = analysed({"src/core/lombok/core/Version.java": (_VERSION_JAVA, _RELEASED),
                       "doc/changelog.markdown": (_CHANGELOG, _CHANGELOG_AFTER)}, "[version] pre-release version bump")
    assert (result.importance, result.change_type) == ("low", "chore")
    changed = _RELEASED.replace("\t\treturn VERSION;", "\t\treturn VERSION + \"-\" + System.getProperty(\"x\");")
    result = analysed({"src/core/lombok/core/Version.java": (_VERSION_JAVA, changed),
                       "doc/changelog.markdown": (_CHANGELOG, _CHANGELOG_AFTER)}, "[version] pre-release version bump")
    assert result.importance == "medium"


# --- a throw its comment says no call reaches ----------------------------------------------------------------------

_GO = """package zap

// RedirectStdLog redirects the standard logger.
func RedirectStdLog(l *Logger) func() {
\treturn redirect(l, nil)
}
"""
_GO_UNREACHABLE = """package zap

// RedirectStdLog redirects the standard logger.
func RedirectStdLog(l *Logger) func() {
\tf, err := redirectAt(l, InfoLevel)
\tif err != nil {
\t\t// Can't get here, since passing InfoLevel to redirectAt always
\t\t// works.
\t\tpanic(err)
\t}
\treturn f
}
"""


def test_panic_commented_unreachable_is_no_new_failure() -> None:
    assert unreachable_throws_only(patch_of(_GO, _GO_UNREACHABLE))
    result = analysed({"logger.go": (_GO, _GO_UNREACHABLE)}, "Route RedirectStdLog through redirectAt")
    assert result.importance != "high"


def test_panic_without_such_comment_is_a_new_failure() -> None:
    plain = _GO_UNREACHABLE.replace("\t\t// Can't get here, since passing InfoLevel to redirectAt always\n"
                                    "\t\t// works.\n", "\t\t// Give up.\n")
    assert not unreachable_throws_only(patch_of(_GO, plain))
    result = analysed({"logger.go": (_GO, plain)}, "Route RedirectStdLog through redirectAt")
    assert result.importance == "high"


# --- a job gated to other events is not exposed by a new pull_request_target trigger --------------------------------

_WORKFLOW = """name: Project Management

on:
  issues:
    types: [opened, reopened]

jobs:
  assign_issue:
    runs-on: ubuntu-latest
    if: github.event_name == 'issues'
    steps:
    - uses: actions/add-to-project@main
      with:
        github-token: ${{ secrets.ORG_PROJECT_PAT }}
"""
_LABELER = """
  labeler:
    runs-on: ubuntu-latest
    if: github.event_name == 'pull_request_target'
    steps:
      - uses: actions/labeler@v4
        with:
          repo-token: "${{ secrets.GITHUB_TOKEN }}"
"""
_TRIGGERED = _WORKFLOW.replace("    types: [opened, reopened]\n", "    types: [opened, reopened]\n  pull_request_target:\n")


def _signals(after: str) -> list[str]:
    commit, texts = commit_of({".github/workflows/pm.yml": (_WORKFLOW, after)})
    return [f.text or "" for f in derive_facts(commit, texts) if f.kind == "security_signal"]


def test_secret_of_a_job_gated_to_issues_is_not_exposed() -> None:
    assert _signals(_TRIGGERED + _LABELER) == []


def test_secret_of_an_ungated_job_is_exposed() -> None:
    ungated = _TRIGGERED.replace("    if: github.event_name == 'issues'\n", "")
    assert any(s.startswith("repository secret used under pull_request_target") for s in _signals(ungated + _LABELER))
    either = _TRIGGERED.replace("'issues'", "'issues' || github.event_name == 'pull_request_target'")
    assert any(s.startswith("repository secret used under pull_request_target") for s in _signals(either + _LABELER))


# --- an internal package created whole: nothing imports it yet ------------------------------------------------------

_DOC = "// Package ztest provides low-level helpers for testing log output.\npackage ztest\n"
_TIMEOUT = """package ztest

import (
\t"os"
\t"strconv"
\t"time"
)

var _timeoutScale = 1.0

// Timeout scales the provided duration by $TEST_TIMEOUT_SCALE.
func Timeout(base time.Duration) time.Duration {
\treturn time.Duration(float64(base) * _timeoutScale)
}

// Sleep scales the sleep duration by $TEST_TIMEOUT_SCALE.
func Sleep(base time.Duration) {
\ttime.Sleep(Timeout(base))
}

func init() {
\tif v := os.Getenv("TEST_TIMEOUT_SCALE"); v != "" {
\t\tfv, err := strconv.ParseFloat(v, 64)
\t\tif err != nil {
\t\t\tpanic(err)
\t\t}
\t\t_timeoutScale = fv
\t}
}
"""
_MAKEFILE = "PKG_FILES ?= *.go zapcore internal/bufferpool\n\nlint:\n\tgolint $(PKG_FILES)\n"
_MAKEFILE_AFTER = _MAKEFILE.replace("internal/bufferpool", "internal/bufferpool internal/ztest")


def test_internal_package_created_whole_is_groundwork_a_public_one_is_not() -> None:
    result = analysed({"internal/ztest/doc.go": (None, _DOC), "internal/ztest/timeout.go": (None, _TIMEOUT),
                       "Makefile": (_MAKEFILE, _MAKEFILE_AFTER)},
                      "Add an internal ztest package\n\nAs a first step, copy the testing utilities.")
    assert result.importance == "low"
    result = analysed({"ztest/doc.go": (None, _DOC), "ztest/timeout.go": (None, _TIMEOUT),
                       "Makefile": (_MAKEFILE, _MAKEFILE_AFTER.replace("internal/ztest", "ztest"))},
                      "Add a ztest package\n\nAs a first step, copy the testing utilities.")
    assert result.importance != "low"
    # a file added to an internal package that was there (no added file documents it): its ``init`` runs at once
    result = analysed({"internal/ztest/timeout.go": (None, _TIMEOUT), "Makefile": (_MAKEFILE, _MAKEFILE_AFTER)},
                      "Add timeouts to the internal ztest package")
    assert result.importance != "low"


# --- another project's test suite squashed in by git subtree -------------------------------------------------------

_CASES = "[\n" + ",\n".join(f'  {{"description": "case {i}", "data": {i}, "valid": true}}' for i in range(60)) + "\n]\n"
_MORE = _CASES[:-2] + ",\n" + ",\n".join(f'  {{"description": "more {i}", "data": "{i}", "valid": false}}'
                                        for i in range(240)) + "\n]\n"


def test_subtree_squash_of_a_test_suite_is_low_cases_written_here_are_not() -> None:
    result = analysed({"json/tests/draft7/format.json": (_CASES, _MORE)},
                      "Squashed 'json/' changes from c7257e92..92acb61e\n\n92acb61e test(uuid): more cases (#929)")
    assert result.importance == "low"
    result = analysed({"json/tests/draft7/format.json": (_CASES, _MORE)}, "Add format cases for uuid")
    assert result.importance == "medium"


# --- undefined behaviour headlined by a fix --------------------------------------------------------------------------

_RS = """use std::convert::TryInto;

pub fn get(fd: i32) -> Result<SockType, Errno> {
    let mut getter = MaybeUninit::<SockType>::uninit();
    read_into(fd, &mut getter)?;
    Ok(unsafe { getter.assume_init() })
}
"""
_RS_FIXED = """use std::convert::{TryFrom, TryInto};

pub fn get(fd: i32) -> Result<SockType, Errno> {
    let mut getter = MaybeUninit::<i32>::uninit();
    read_into(fd, &mut getter)?;
    match SockType::try_from(unsafe { getter.assume_init() }) {
        Err(_) => Err(Errno::EINVAL),
        Ok(r) => Ok(r),
    }
}
"""


def test_fix_headlining_undefined_behaviour_is_high() -> None:
    assert R.UNDEFINED_BEHAVIOUR.search("Fix UB in the SO_TYPE sockopt")
    result = analysed({"src/sys/socket/sockopt.rs": (_RS, _RS_FIXED)},
                      "Fix UB in the SO_TYPE sockopt\n\nValidate the value read from the kernel.")
    assert result.importance == "high"


def test_undefined_behaviour_explained_deeper_is_not_headlined() -> None:
    assert not R.UNDEFINED_BEHAVIOUR.search("fix the ub hostname")
    result = analysed({"src/sys/socket/sockopt.rs": (_RS, _RS_FIXED)},
                      "Fix the SO_TYPE sockopt\n\nValidate the value read from the kernel, to avoid undefined "
                      "behavior.")
    assert result.importance == "medium"


# --- a refactor titled for one copy of repeated code -----------------------------------------------------------------

_LEVELS = """package zap

import "fmt"

// NewStdLogAt returns a logger at the level.
func NewStdLogAt(l *Logger, level Level) (*Log, error) {
\tvar logFunc func(string)
\tswitch level {
\tcase DebugLevel:
\t\tlogFunc = l.Debug
\tcase InfoLevel:
\t\tlogFunc = l.Info
\tdefault:
\t\treturn nil, fmt.Errorf("unrecognized level: %q", level)
\t}
\treturn newLog(logFunc), nil
}

// RedirectAt redirects the standard logger at the level.
func RedirectAt(l *Logger, level Level) (func(), error) {
\tvar logFunc func(string)
\tswitch level {
\tcase DebugLevel:
\t\tlogFunc = l.Debug
\tcase InfoLevel:
\t\tlogFunc = l.Info
\tdefault:
\t\treturn nil, fmt.Errorf("unrecognized level: %q", level)
\t}
\treturn redirect(logFunc), nil
}
"""
_LEVELS_DRY = """package zap

import "fmt"

// NewStdLogAt returns a logger at the level.
func NewStdLogAt(l *Logger, level Level) (*Log, error) {
\tlogFunc, err := levelToFunc(l, level)
\tif err != nil {
\t\treturn nil, err
\t}
\treturn newLog(logFunc), nil
}

// RedirectAt redirects the standard logger at the level.
func RedirectAt(l *Logger, level Level) (func(), error) {
\tlogFunc, err := levelToFunc(l, level)
\tif err != nil {
\t\treturn nil, err
\t}
\treturn redirect(logFunc), nil
}

func levelToFunc(l *Logger, level Level) (func(string), error) {
\tswitch level {
\tcase DebugLevel:
\t\treturn l.Debug, nil
\tcase InfoLevel:
\t\treturn l.Info, nil
\t}
\treturn nil, fmt.Errorf("unrecognized level: %q", level)
}
"""


def test_refactor_titled_dry_is_low_titled_otherwise_medium() -> None:
    result = analysed({"global.go": (_LEVELS, _LEVELS_DRY)}, "DRY up standard logger redirection code (#522)")
    assert (result.change_type, result.importance) == ("refactor", "low")
    result = analysed({"global.go": (_LEVELS, _LEVELS_DRY)}, "Rework standard logger redirection code (#522)")
    assert (result.change_type, result.importance) == ("refactor", "medium")


# --- the oldest version of a package users bring themselves, raised --------------------------------------------------

_PACKAGE = """{
  "name": "eslint-plugin-query",
  "version": "5.1.0",
  "peerDependencies": {
    "eslint": "^8.57.0 || ^9.0.0",
    "typescript": "^5.4.0 || ^6.0.0"
  }
}
"""
_PLUGIN = "export const rules = {}\n"


def test_peer_dependency_floor_raised_is_high_widened_is_not() -> None:
    raised = _PACKAGE.replace('"^5.4.0 || ^6.0.0"', '"^5.6.0 || ^6.0.0 || ^7.0.0"')
    assert supported_floors_raised([_file("package.json", _PACKAGE, raised)]) == [
        ("typescript", "^5.4.0 || ^6.0.0", "^5.6.0 || ^6.0.0 || ^7.0.0")]
    result = analysed({"package.json": (_PACKAGE, raised)}, "chore: move the TypeScript cut-off to 5.6")
    assert result.importance == "high"
    widened = _PACKAGE.replace('"^5.4.0 || ^6.0.0"', '"^5.4.0 || ^6.0.0 || ^7.0.0"')
    assert supported_floors_raised([_file("package.json", _PACKAGE, widened)]) == []
    result = analysed({"package.json": (_PACKAGE, widened)}, "chore: support TypeScript 7")
    assert result.importance != "high"
    # the project's own package, released by the same commit: both are published together
    own = _PACKAGE.replace('"5.1.0"', '"5.6.0"').replace('"^5.4.0 || ^6.0.0"', '">=5.6.0"')
    assert supported_floors_raised([_file("packages/testing/package.json", _PACKAGE, own)]) == []


_POM_RANGE = """<project>
  <properties>
    <groovy.version>4.0.23</groovy.version>
    <groovy.range>[4.0,6.0)</groovy.range>
    <hamcrest.version>2.2</hamcrest.version>
  </properties>
</project>
"""


def test_version_range_floor_raised_is_high_upper_bound_is_not() -> None:
    raised = _POM_RANGE.replace("4.0.23", "5.0.3").replace("[4.0,6.0)", "[5.0,6.0)")
    assert supported_floors_raised([_file("pom.xml", _POM_RANGE, raised)]) == [
        ("<groovy.range>#</groovy.range>", "[4.0,6.0)", "[5.0,6.0)")]
    assert analysed({"pom.xml": (_POM_RANGE, raised)}, "Upgrading to groovy 5.0.3").importance == "high"
    widened = _POM_RANGE.replace("[4.0,6.0)", "[4.0,7.0)")
    assert supported_floors_raised([_file("pom.xml", _POM_RANGE, widened)]) == []
    assert analysed({"pom.xml": (_POM_RANGE, widened)}, "Accept groovy 6").importance != "high"


def _file(path: str, before: str, after: str) -> FileChange:
    patch = patch_of(before, after)
    return FileChange(path=path, status="modified", patch=patch, additions=patch.count("\n+"),
                      deletions=patch.count("\n-"))
