"""Maintainer-review mends (review53) of the fifty-third stop's rules: a text file whose mode alone changed (``gradlew``
made executable) said "(binary)"; a calendar version's new year (``2024.12.5`` -> ``2025.1.0``) read as a chart's
application opening a new major; a component named before a latency or throughput ("collector throughput",
"reduce export latency") read as a figure measured, not a speed claimed; a security word inside a changed function's
name ("a Path Traversal hole" beside ``hasPathTraversal``) read as the API's name, not the hole closed."""

from __future__ import annotations

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.judge import _title_words
from analysis.analyzers.heuristic.text.file_lines import _binary
from analysis.models import FileChange
from tests.facts_support import AnalysisContext, HeuristicAnalyzer, analysed, analysis_text, commit_of, derive_facts

# --- a file with no hunk and no line counted is binary only by its name ---------------------------------------------

WRAPPER = ("distributionBase=GRADLE_USER_HOME\ndistributionPath=wrapper/dists\n"
           "distributionUrl=https\\://services.gradle.org/distributions/gradle-9.6.1-bin.zip\nnetworkTimeout=10000\n")


def _with_unlined(path: str):
    files = {"gradle/wrapper/gradle-wrapper.properties": (WRAPPER, WRAPPER.replace("9.6.1", "9.7.0"))}
    commit, texts = commit_of(files, "Update Gradle to v9.7.0")
    commit.files.insert(0, FileChange(path=path, status="modified", patch=None, additions=0, deletions=0))
    return analysis_text(HeuristicAnalyzer().analyze_sync(commit, "en",
                                                          AnalysisContext(facts=derive_facts(commit, texts))))


def test_a_mode_change_of_a_script_is_not_said_binary():
    text = _with_unlined("gradlew")
    assert "`gradlew` (binary)" not in text, text
    # the jar replaced is binary still
    assert "`gradle/wrapper/gradle-wrapper.jar` (binary)" in _with_unlined("gradle/wrapper/gradle-wrapper.jar")
    assert _binary(FileChange(path="lib/native/libfoo.so", status="modified"))
    assert not _binary(FileChange(path="scripts/release.sh", status="modified"))


# --- a chart's application on a calendar version --------------------------------------------------------------------

_CHART = "apiVersion: v2\nname: home-assistant\nversion: 0.2.9\nappVersion: {app}\n"


def _bumped(old: str, new: str) -> dict[str, tuple[str, str]]:
    return {"charts/home-assistant/Chart.yaml": (_CHART.format(app=old),
                                                 _CHART.format(app=new).replace("0.2.9", "0.2.10"))}


def test_a_calendar_versions_new_year_is_no_new_major():
    assert analysed(_bumped("2024.12.5", "2025.1.0"), "update home assistant").importance != "high"
    assert analysed(_bumped("v2024.12.5", "v2025.1.0"), "update home assistant").importance != "high"
    # a semantic major still reads high
    assert analysed(_bumped("30.0.10", "31.0.5"), "update nextcloud").importance == "high"


# --- a component's latency is claimed, not measured -----------------------------------------------------------------

def test_a_component_before_latency_is_a_speed_claim():
    assert R.PERF_WORDS.search("Improve collector throughput")
    assert R.PERF_WORDS.search("sdk: reduce exporter latency under load")
    assert _title_words("otlp: reduce export latency") == "perf"
    assert _title_words("otlp: export spans with lower latency") == "perf"
    # a latency exposed or recorded stays a figure to read
    assert _title_words("runtime: expose schedule latency in task hooks (#8282)") != "perf"
    assert not R.PERF_WORDS.search("metrics: record request latency per route")
    assert not R.PERF_WORDS.search("tracing: export request latency as a histogram")


# --- a security word inside a changed function's name ---------------------------------------------------------------

_UNZIP = ('package archive\n\nimport "strings"\n\nfunc hasPathTraversal(name string) bool {\n'
          '\treturn strings.HasPrefix(name, "..")\n}\n')
_UNZIP_AFTER = _UNZIP.replace('\treturn strings.HasPrefix(name, "..")\n',
                              '\treturn strings.HasPrefix(name, "..") || strings.Contains(name, "/../")\n')


def test_a_hole_named_inside_a_function_name_stays_security():
    files = {"archive/unzip.go": (_UNZIP, _UNZIP_AFTER)}
    analysis = analysed(files, "Close a Path Traversal hole in archive extraction")
    assert analysis.change_type == "security", analysis.change_type
    # a type the title's words open (``PathTraversalError``) is the API's name still
    typed = _UNZIP + "\ntype PathTraversalError struct {\n\tName string\n}\n"
    typed_after = typed.replace("\tName string\n", "\tName string\n\tRoot string\n")
    analysis = analysed({"archive/errors.go": (typed, typed_after)}, "Add the root to Path Traversal Error")
    assert analysis.change_type != "security", analysis.change_type


# --- a guard's doc comment saying what it returns and why -----------------------------------------------------------

_EXTRACT = ('package archive\n\nimport "path/filepath"\n\nfunc extract(dir, name string) string {\n'
            '\treturn filepath.Join(dir, name)\n}\n')
_GUARDED = ('package archive\n\nimport (\n\t"errors"\n\t"path/filepath"\n\t"strings"\n)\n\n'
            '// safeJoin returns an error when name escapes dir, so a crafted archive cannot write outside it (path '
            'traversal).\nfunc safeJoin(dir, name string) (string, error) {\n\tp := filepath.Join(dir, name)\n'
            '\tif !strings.HasPrefix(p, filepath.Clean(dir)+"/") {\n\t\treturn "", errors.New("bad name")\n\t}\n'
            '\treturn p, nil\n}\n\nfunc extract(dir, name string) string {\n\tp, _ := safeJoin(dir, name)\n'
            '\treturn p\n}\n')
_ACCESSORS = ('package github\n\nfunc x() {}\n', 'package github\n\nfunc x() {}\n\n'
              '// GetVulnerabilityAlerts returns the VulnerabilityAlerts field if it\'s non-nil, zero value otherwise.\n'
              'func (r *Repo) GetVulnerabilityAlerts() bool {\n\tif r == nil || r.VulnerabilityAlerts == nil {\n'
              '\t\treturn false\n\t}\n\treturn *r.VulnerabilityAlerts\n}\n')


def test_a_guards_doc_comment_on_what_it_returns_names_its_attack():
    assert analysed({"archive/extract.go": (_EXTRACT, _GUARDED)}, "Fix archive extraction").change_type == "security"
    # an accessor whose security word is the field it returns names no attack
    analysis = analysed({"github/github-accessors.go": _ACCESSORS}, "Add missing fields to Repo")
    assert analysis.change_type != "security", analysis.change_type
