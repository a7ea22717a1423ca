"""What a summary says on new repositories' days (maintainer-read mends, defects26): a test added beside the fix
in the same file is a test; a commit hash pinned in a vendoring manifest is no major version; template lines
already there wrapped in a new condition, or a guarded block moved under another key, are no opt-in blocks added."""

from __future__ import annotations

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.heuristic.config.builds.dependency_changes import major_bump, unstable_bump
from analysis.analyzers.heuristic.config.charts.template_layout import relaid_template_lines
from analysis.facts import derive_facts
from analysis.models import FileChange
from tests.facts_support import analysed, commit_of

# --- sharkdp/fd 2026-08-09 (ee195f4), "Fix panic on out-of-range '@' Unix timestamp": the fix and its test
# ``tests::out_of_range_unix_timestamp_is_rejected`` in the same ``src/filter/time.rs`` read "Tests added: ..." and
# "No test covers the fix to `TimeFilter::from_str`" side by side ----------------------------------------------------

_RS = """pub fn parse(s: &str) -> Option<i64> {
    let n: i64 = s.parse().ok()?;
    Some(n * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        assert_eq!(parse("1"), Some(1000));
    }
}
"""
_RS_FIXED = _RS.replace("    Some(n * 1000)\n", "    n.checked_mul(1000)\n").replace("    }\n}\n", """    }

    #[test]
    fn out_of_range_is_rejected() {
        assert_eq!(parse("9223372036854775807"), None);
    }
}
""")


def test_a_fix_whose_test_is_added_in_the_same_file_is_not_untested():
    a = analysed({"src/filter/time.rs": (_RS, _RS_FIXED)}, "Fix panic on out-of-range timestamp")
    assert a.change_type == "fix" and a.importance != "low", a
    assert "Tests added: `tests::out_of_range_is_rejected`." in a.insights.maintainability, a.insights
    assert not [r for r in a.risks if "No test covers" in r.risk], a.risks


def test_a_fix_with_no_test_anywhere_is_still_untested():
    a = analysed({"src/filter/time.rs": (_RS, _RS.replace("    Some(n * 1000)\n", "    n.checked_mul(1000)\n"))},
                 "Fix panic on out-of-range timestamp")
    assert [r for r in a.risks if r.risk == "No test covers the fix to `parse`"], a.risks


# --- cert-manager/trust-manager 2026-05-29 (b227d52), "BOT: run 'make upgrade-klone'": each ``repo_hash`` of
# klone.yaml moved from ``2ae6b44...`` to ``68ae488...`` read "moves to a new major version" (2 < 68), with a
# "major upgrade" risk per target and a migration guide to read ------------------------------------------------

_KLONE = """targets:
  make/_shared:
    - folder_name: boilerplate
      repo_url: https://github.com/cert-manager/makefile-modules.git
      repo_ref: main
      repo_hash: {h}
      repo_path: modules/boilerplate
    - folder_name: go
      repo_url: https://github.com/cert-manager/makefile-modules.git
      repo_ref: main
      repo_hash: {h}
      repo_path: modules/go
"""
_OLD, _NEW = "2ae6b4419a4845d909faf69b95aff9f22f83b730", "68ae488b4cb860c0e8fdb91d52da81db8d6462d5"


def test_a_vendored_commit_hash_moved_is_no_major_upgrade():
    a = analysed({"klone.yaml": (_KLONE.format(h=_OLD), _KLONE.format(h=_NEW))}, "BOT: run 'make upgrade-klone'")
    assert a.summary == ["CI and tooling only: `klone.yaml` (+2/−2); changes `repo_hash`"], a.summary
    assert "major" not in a.insights.compatibility and not [r for r in a.risks if "major" in r.risk], a
    assert a.importance == "low", a


def test_a_version_pin_moved_to_a_new_major_is_still_a_major_upgrade():
    assert major_bump("v2.4.0", "v3.0.0") and unstable_bump("v0.4.0", "v0.5.0")
    assert not major_bump(_OLD, _NEW) and not unstable_bump("0a1b2c3", "0b1c2d3")


# --- cert-manager/trust-manager 2026-05-29 (ae8d1f7), "fix: disabling the default package volumes if default
# package is disabled": an ``if .Values.defaultPackage.enabled`` put around the ``packages`` volume already there
# read "Off by default: the template blocks added render only under ..." and "Opt-in deployment change", though no
# line was added inside the gate and the value defaults to true -----------------------------------------------

_DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.name" . }}
spec:
  template:
    spec:
      containers:
      - name: app
        volumeMounts:
        - mountPath: /tls
          name: tls
{GATE}        - mountPath: /packages
          name: packages
          readOnly: true
{END}      volumes:
      - name: tls
"""
_PATH = "deploy/charts/app/templates/deployment.yaml"


def _deployment(gate: str, end: str) -> str:
    return _DEPLOYMENT.replace("{GATE}", gate).replace("{END}", end)


def test_lines_already_there_wrapped_in_a_new_condition_are_no_opt_in_block():
    a = analysed({_PATH: (_deployment("", ""), _deployment("        {{- if .Values.defaultPackage.enabled }}\n",
                                                           "        {{- end }}\n"))},
                 "fix: disabling the default package volumes if default package is disabled")
    assert "Off by default" not in a.insights.compatibility, a.insights
    assert [r for r in a.risks if r.risk == f"Deployment configuration changed: `{_PATH}`"], a.risks


def test_a_block_added_under_a_new_condition_is_still_opt_in():
    block = "        {{- if .Values.packages.enabled }}\n        - mountPath: /extra\n          name: extra\n" \
            "        {{- end }}\n"
    a = analysed({_PATH: (_deployment("", ""), _deployment(block, ""))}, "feat: mount extra packages")
    assert a.insights.compatibility == ("Off by default: the template blocks added render only under "
                                        "`if .Values.packages.enabled`."), a.insights
    assert [r for r in a.risks if r.risk.startswith("Opt-in deployment change")], a.risks


# --- trust-manager 2026-05-29 (8675295), "fix(chart): render servicemonitor.labels inside metadata.labels": the
# guarded labels block moved from below ``annotations:`` into ``labels:`` paired its removed and added lines as "laid
# out anew" (the same render) and read "Off by default: the template blocks added render only under new conditions"

_MONITOR = """apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "app.name" . }}
  labels:
    app: {{ include "app.name" . }}
{NEW}  {{- with .Values.commonAnnotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{OLD}spec:
  jobLabel: app
"""
_LABELS_NEW = "    {{- with .Values.servicemonitor.labels }}\n    {{- toYaml . | nindent 4 }}\n    {{- end }}\n"
_LABELS_OLD = "{{- if .Values.servicemonitor.labels }}\n{{ toYaml .Values.servicemonitor.labels | indent 4}}\n{{- end }}\n"


def test_a_guarded_block_moved_under_another_key_is_no_relayout_and_no_opt_in():
    path = "deploy/charts/app/templates/metrics-servicemonitor.yaml"
    before = _MONITOR.replace("{NEW}", "").replace("{OLD}", _LABELS_OLD)
    after = _MONITOR.replace("{NEW}", _LABELS_NEW).replace("{OLD}", "")
    a = analysed({path: (before, after)}, "fix(chart): render servicemonitor.labels inside metadata.labels")
    assert "Off by default" not in a.insights.compatibility, a.insights
    assert [r for r in a.risks if r.risk == f"Deployment configuration changed: `{path}`"], a.risks


def test_a_guarded_block_rewritten_in_place_is_still_laid_out_anew():
    patch = ("@@ -4,5 +4,5 @@ metadata:\n   labels:\n-{{- if .Values.x }}\n-{{ toYaml .Values.x | indent 4}}\n"
             "-{{- end }}\n+    {{- with .Values.x }}\n+    {{- toYaml . | nindent 4 }}\n+    {{- end }}\n spec:\n")
    assert relaid_template_lines(patch) is None
    moved = ("@@ -4,6 +4,6 @@ metadata:\n+    {{- with .Values.x }}\n+    {{- toYaml . | nindent 4 }}\n+    {{- end }}\n"
             "   annotations: {}\n-{{- if .Values.x }}\n-{{ toYaml .Values.x | indent 4}}\n-{{- end }}\n spec:\n")
    assert relaid_template_lines(moved) is not None


# --- knadh/koanf 2026-05-28 (7a28d59, d1d3dd7, ee0c3ab): edits of the Go workspace ``go.work`` (its ``use`` entries,
# its ``go`` and ``toolchain`` lines) read as product code: "Changes `go.work` (+3/−3)", a "Bug fix" with "No test
# covers the fix to `go.work`"; a workspace file is the package manager's settings, and its lines say what moved ---

_WORK = """go {go}
{toolchain}
use (
	.
	./maps
	./providers/file
{extra}	./tests
)
"""


def test_a_go_workspace_edit_is_a_build_file_said_by_its_lines():
    before = _WORK.format(go="1.25.0", toolchain="", extra="\t./providers/nats\n\t./providers/vault\n")
    after = _WORK.format(go="1.24.4", toolchain="\ntoolchain go1.24.5\n", extra="")
    a = analysed({"go.work": (before, after)}, "Exclude nats, vault providers from global workspace")
    assert a.summary == ["Build files only: `go.work` (+3/−3): `go 1.25.0` → `go 1.24.4`; adds `toolchain go1.24.5`; "
                         "removes `./providers/nats`, `./providers/vault`"], a.summary
    assert not [r for r in a.risks if "No test covers" in r.risk], a.risks
    zh = analysed({"go.work": (before, after)}, "Exclude nats, vault providers from global workspace", "zh")
    assert zh.summary == ["仅修改构建文件：`go.work`（+3/−3）：`go 1.25.0` → `go 1.24.4`；新增 `toolchain go1.24.5`；"
                          "删除 `./providers/nats`、`./providers/vault`"], zh.summary


def test_a_workspace_line_beside_its_lock_says_which_file_it_is_of():
    before = _WORK.format(go="1.24.4", toolchain="", extra="\t./examples\n")
    after = _WORK.format(go="1.24.4", toolchain="", extra="")
    a = analysed({"go.work": (before, after), "go.work.sum": ("", "golang.org/x/net v0.55.0 h1:abc=\n")},
                 "Exclude the ./examples dir from Go workspace")
    assert a.summary[0].endswith("; `go.work`: removes `./examples`"), a.summary
    assert a.summary[0].startswith("Build files only: `go.work` (+0/−1)"), a.summary


# --- go-chi/chi 2026-08-20 fixture (60ecea5, open since defects25): ``defaultCompressibleContentTypes`` gaining
# ``"text/markdown"``, ``"text/csv"``, ``"text/vtt"`` read "Changes `defaultCompressibleContentTypes` in ..." only;
# a default list that gains or loses members is a changed default for every user who sets none -----------------

_GO = """package middleware

var defaultCompressibleContentTypes = []string{
	"text/html",
	"text/css",
	"text/plain",
	"text/javascript",
%s	"application/javascript",
	"application/json",
}

func Compress(level int, types ...string) int {
	if len(types) == 0 {
		types = defaultCompressibleContentTypes
	}
	return level + len(types)
}
"""


def _go_list(before: str, after: str, lang: str, name: str = "defaultCompressibleContentTypes"):
    """The analysis with git's hunk header naming the literal the hunk sits in (difflib gives none)."""
    before, after = before.replace("defaultCompressibleContentTypes", name), after.replace(
        "defaultCompressibleContentTypes", name)
    commit, texts = commit_of({"middleware/compress.go": (before, after)}, "Compress more text types by default")
    f = commit.files[0]
    f.patch = f.patch.replace("@@\n", f"@@ var {name} = []string{{\n", 1)
    return HeuristicAnalyzer().analyze_sync(commit, lang, AnalysisContext(facts=derive_facts(commit, texts)))


def test_a_default_list_gaining_members_is_said_as_a_changed_default():
    before, after = _GO % "", _GO % '\t"text/markdown",\n\t"text/csv",\n'
    a = _go_list(before, after, "en")
    assert ("The default `defaultCompressibleContentTypes` gains `\"text/markdown\"`, `\"text/csv\"`: users who do "
            "not set their own get the new list") in a.summary, a.summary
    zh = _go_list(before, after, "zh")
    assert ("默认列表 `defaultCompressibleContentTypes` 新增 `\"text/markdown\"`、`\"text/csv\"`：未自行设置的用户会得到"
            "新的列表") in zh.summary, zh.summary
    lost = _go_list(after, before, "en")
    assert any("loses `\"text/markdown\"`, `\"text/csv\"`" in s for s in lost.summary), lost.summary


def test_a_list_not_named_a_default_is_not_said_to_be_one():
    a = _go_list(_GO % "", _GO % '\t"text/markdown",\n', "en", name="compressibleTypes")
    assert a.summary == ["Changes `compressibleTypes` in `middleware/compress.go` (+1/−0)"], a.summary


# --- rs/zerolog 2026-03-27 (e133b6a, open since defects23), "Added variadic StrsV, ObjectsV, and StringersV": the
# methods added to ``Event`` and ``Context`` beside a new ``globals_118.go`` of two helper functions
# (``AsLogObjectMarshalers``, ``AsStringers``) read high, the helpers' file as a headline module of its own ---------

_EVENT = """package zerolog

type Event struct{ buf []byte }

func (e *Event) Strs(key string, vals []string) *Event {
	return e
}
%s"""
_VARIADIC = """
func (e *Event) StrsV(key string, vals ...string) *Event {
	return e.Strs(key, vals)
}
"""
_HELPERS = """package zerolog

import "fmt"

func AsStringers[T fmt.Stringer](objs []T) []fmt.Stringer {
	s := make([]fmt.Stringer, len(objs))
	for i, o := range objs {
		s[i] = o
	}
	return s
}

func AsStrs(objs []fmt.Stringer) []string {
	s := make([]string, len(objs))
	for i, o := range objs {
		s[i] = o.String()
	}
	return s
}
%s"""


def test_a_new_file_of_two_helpers_beside_methods_added_elsewhere_is_no_headline():
    a = analysed({"event.go": (_EVENT % "", _EVENT % _VARIADIC), "globals_118.go": (None, _HELPERS % "")},
                 "Added variadic StrsV")
    assert a.change_type == "feature" and a.importance == "medium", a
    assert "Adds `Event.StrsV`" in " ".join(a.summary), a.summary


def test_a_new_file_with_a_type_of_its_own_is_still_a_headline():
    finder = "\ntype Finder struct{ n int }\n\nfunc NewFinder() *Finder {\n\treturn &Finder{}\n}\n"
    a = analysed({"event.go": (_EVENT % "", _EVENT % _VARIADIC), "globals_118.go": (None, _HELPERS % finder)},
                 "Added variadic StrsV and a finder")
    assert a.importance == "high", a
    alone = analysed({"globals_118.go": (None, _HELPERS % "")}, "Add stringer helpers")
    assert alone.importance == "high", alone  # the file is the addition: a module of its own
    body = "".join(f"\nfunc helper{i}(n int) int {{\n\treturn n + {i}\n}}\n" for i in range(20))
    backend = analysed({"event.go": (_EVENT % "", _EVENT % _VARIADIC), "signalfd.go": (None, _HELPERS % body)},
                       "New signal handling backend based on signalfd")
    assert backend.importance == "high", backend  # libevent's 213-line signalfd.c: a backend, not two helpers


# --- koanf 2026-05-28 (1641671), "Move k8smount provider mock files out of the global mock dir": five files renamed
# unchanged read "Changes `providers/k8smount/mock/mount/..2006_01_02_15_04_05.0000000000/database_host` (renamed
# from `mock/mount/..2006_01_02_15_04_05.0000000000/database_host`), ... (+2 more)": one folder moved, said as such

_MOCKS = ["mount/..2006_01_02/database_host", "mount/..2006_01_02/database_port", "mount/..data",
          "mount/database_host"]


def test_files_renamed_unchanged_from_one_folder_to_another_are_a_folder_moved():
    commit, _ = commit_of({"providers/k8smount/provider.go": ("package k8smount\n", "package k8smount\n")})
    commit.files = [FileChange(path=f"providers/k8smount/mock/{p}", previous_path=f"mock/{p}", status="renamed",
                               additions=0, deletions=0, patch="") for p in _MOCKS]
    for lang, said in (("en", "Moves 4 files from `mock/mount/` to `providers/k8smount/mock/mount/`, none changed"),
                       ("zh", "将 4 个文件从 `mock/mount/` 移到 `providers/k8smount/mock/mount/`，内容未改")):
        a = HeuristicAnalyzer().analyze_sync(commit, lang, AnalysisContext(facts=[]))
        assert a.summary == [said], a.summary


def test_a_file_renamed_alone_is_still_said_by_its_names():
    commit, _ = commit_of({"a.go": ("package a\n", "package a\n")})
    commit.files = [FileChange(path="pkg/new_name.go", previous_path="pkg/old_name.go", status="renamed",
                               additions=0, deletions=0, patch="")]
    a = HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(facts=[]))
    assert "Moves" not in " ".join(a.summary) and "`pkg/old_name.go`" in " ".join(a.summary), a.summary


# --- trust-manager 2026-05-29 (38e5aef), "fix(chart): honor serviceAccount.name override": the template's one line
# rewritten, beside the helm-unittest file that checks it, read only "Changes `.../serviceaccount.yaml` (+1/−1)" ----

_SA = """apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "%s" . }}
  namespace: {{ include "app.namespace" . }}
"""


def test_a_product_files_one_line_beside_its_tests_is_quoted():
    test = "suite: sa\ntemplates:\n  - serviceaccount.yaml\ntests:\n  - it: honors the name\n"
    a = analysed({"deploy/charts/app/templates/serviceaccount.yaml": (_SA % "app.name", _SA % "app.serviceAccountName"),
                  "deploy/charts/app/tests/serviceaccount_test.yaml": (None, test)},
                 "fix(chart): honor serviceAccount.name override")
    assert a.summary[0] == ("Changes `deploy/charts/app/templates/serviceaccount.yaml` (+1/−1): "
                            "`name: {{ include \"app.name\" . }}` → `name: {{ include \"app.serviceAccountName\" . }}`"), \
        a.summary
    beside_docs = analysed({"deploy/charts/app/templates/serviceaccount.yaml": (_SA % "app.name",
                                                                                _SA % "app.serviceAccountName"),
                            "deploy/charts/app/templates/role.yaml": (_SA % "app.role", _SA % "app.roleName")},
                           "fix(chart): two templates")
    assert "→ `name:" not in " ".join(beside_docs.summary), beside_docs.summary
