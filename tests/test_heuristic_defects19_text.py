"""Maintainer-review mends (defects19) from reading the eighteenth and nineteenth sets' days: what the heuristic says,
en and zh.

Each case is built from before/after texts (real unified diffs, facts from both sides), never from one project's
paths: a change marked breaking (``fix(scope)!:``) says what breaks, by the scope, the names its title sets in
backticks and the symbols the diff changes, so two breaking changes of one day never share the sentence."""

from __future__ import annotations

from datetime import datetime, timezone

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.heuristic.text.phrases import PHRASES
from analysis.models import Analysis, Commit, FileChange
from tests.facts_support import analysed
from tests.test_heuristic_judge_rules import change

GLOB_BEFORE = ("export function isIncluded(file: string, include: string[]): boolean {\n"
               "  return include.some(glob => match(file, glob))\n"
               "}\n")
GLOB_AFTER = GLOB_BEFORE.replace("match(file, glob)", "match(relative(root, file), glob)")
THROW_BEFORE = ("export function toThrow(expected: string): void {\n"
                "  return check(expected === '' ? /^$/ : expected)\n"
                "}\n")
THROW_AFTER = THROW_BEFORE.replace("expected === '' ? /^$/ : expected", "expected")


def breaking_texts(analysis) -> list[str]:
    return [analysis.insights.compatibility] + [r.impact for r in analysis.risks if r.risk.startswith(("Marked", "标注"))]


def test_a_breaking_marker_names_the_scope_and_the_changed_symbols():
    analysis = analysed({"src/coverage.ts": (GLOB_BEFORE, GLOB_AFTER)}, "fix(coverage)!: `include` globs too eager")
    compat = analysis.insights.compatibility
    assert "`coverage`" in compat and "`isIncluded`" in compat, compat
    impact = [r.impact for r in analysis.risks if r.risk.startswith("Marked breaking")]
    assert impact and "`include`" in impact[0], analysis.risks  # the name the title sets in backticks
    assert PHRASES["en"]["compat_marker"] not in compat and PHRASES["en"]["r_breaking_impact"] not in impact
    zh = analysed({"src/coverage.ts": (GLOB_BEFORE, GLOB_AFTER)}, "fix(coverage)!: `include` globs too eager", "zh")
    assert "`coverage`" in zh.insights.compatibility and "`isIncluded`" in zh.insights.compatibility, zh.insights
    assert any("`include`" in r.impact for r in zh.risks), zh.risks


def test_two_breaking_changes_share_no_sentence_about_what_breaks():
    first = analysed({"src/coverage.ts": (GLOB_BEFORE, GLOB_AFTER)}, "fix(coverage)!: globs too eager")
    second = analysed({"src/expect.ts": (THROW_BEFORE, THROW_AFTER)}, "fix(expect)!: `toThrow(\"\")` behaviour")
    assert first.importance == second.importance == "high"
    one, two = breaking_texts(first), breaking_texts(second)
    assert len(one) == len(two) == 2 and not set(one) & set(two), (one, two)
    assert "`coverage`" in one[1] and "`toThrow(\"\")`" in two[1], (one, two)  # scope, else the title's own name
    assert "`toThrow`" in two[0] and "`expect`" in two[0], two


def test_the_breaking_risk_names_the_change_without_its_pull_request_number():
    analysis = analysed({"src/coverage.ts": (GLOB_BEFORE, GLOB_AFTER)}, "fix(coverage)!: globs too eager (#9818)")
    risk = [r.risk for r in analysis.risks if r.risk.startswith("Marked breaking")]
    assert risk == ["Marked breaking: `globs too eager`"], analysis.risks


def analyse(message: str, files: list[FileChange], lang: str = "en") -> Analysis:
    commit = Commit(sha="d" * 40, author="Dev", committed_at=datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc),
                    message=message, files=files, details_loaded=True)
    return HeuristicAnalyzer().analyze_sync(commit, lang, AnalysisContext(facts=[]))


PSP_ROLE = ["---", "kind: Role", "metadata:", "  name: {name}-psp", "rules:", "- apiGroups: ['policy']",
            "  resources:", "  - podsecuritypolicies", "  verbs:", "  - use"]


def test_identical_rbac_rules_of_one_file_are_said_once_with_their_count():
    roles = [line.format(name=name) for name in ("node", "typha", "autoscaler") for line in PSP_ROLE]
    psp = change("charts/net/templates/podsecuritypolicy.yaml", [], roles)
    analysis = analyse("Add pod security policies for the components", [psp])
    rbac = [line for line in analysis.summary if "RBAC" in line]
    assert rbac == ["Adds 3 RBAC rules to `charts/net/templates/podsecuritypolicy.yaml`, each `use` on "
                    "`podsecuritypolicies`"], analysis.summary
    security = analysis.insights.security
    assert security.count("Grants `use` on `podsecuritypolicies`") == 1 and "3 RBAC rules" in security, security
    zh = analyse("Add pod security policies for the components", [psp], lang="zh")
    assert sum("RBAC" in line for line in zh.summary) == 1 and "3 条 RBAC 规则" in zh.insights.security, zh


def test_a_document_separator_ends_an_rbac_rule_and_is_no_verb():
    from analysis.analyzers.heuristic.config.charts.deploy import rbac_grants
    from tests.test_heuristic_judge_rules import patch_of
    two = [line.format(name=name) for name in ("a", "b") for line in PSP_ROLE]
    assert rbac_grants(patch_of([], two)) == [(["use"], ["podsecuritypolicies"])] * 2


VALUES = "server:\n  replicas: 1\nworker:\n  replicas: 1\nproxy:\n  timeout: 30s\n"
BUMPED = VALUES.replace("replicas: 1", "replicas: 2").replace("30s", "60s")


def test_several_values_changed_are_one_compatibility_sentence_naming_every_key():
    analysis = analysed({"charts/app/values.yaml": (VALUES, BUMPED)}, "Scale up and wait longer")
    compat = analysis.insights.compatibility
    assert compat.count("relying on the old value") == 1, compat
    assert all(key in compat for key in ("`server.replicas`", "`worker.replicas`", "`proxy.timeout`")), compat
    assert "`charts/app/values.yaml`" in compat, compat
    zh = analysed({"charts/app/values.yaml": (VALUES, BUMPED)}, "Scale up and wait longer", "zh").insights.compatibility
    assert zh.count("依赖旧值") == 1 and "`proxy.timeout`" in zh, zh


def test_a_key_changed_alike_in_two_files_is_one_risk():
    one = "server:\n  replicas: 1\n"
    files = {"charts/a/values.yaml": (one, one.replace("1", "2")), "charts/b/values.yaml": (one, one.replace("1", "2"))}
    analysis = analysed(files, "Scale up")
    risks = [r.risk for r in analysis.risks if "`server.replicas`" in r.risk and "`2`" in r.risk]
    assert len(risks) == 1, analysis.risks


CHART = "apiVersion: v2\nname: cache\nversion: 1.4.6\n"
CONFIGMAP = "kind: ConfigMap\ndata:\n{{- if .Values.auth.enabled }}\n  users.acl: user default on\n{{- end }}\n"


def test_a_template_changed_beside_a_chart_version_bump_is_named_in_the_summary():
    files = {"charts/cache/Chart.yaml": (CHART, CHART.replace("1.4.6", "1.4.7")),
             "charts/cache/templates/configmap.yaml": (CONFIGMAP, CONFIGMAP.replace("on\n", "on nopass\n"))}
    analysis = analysed(files, "[charts/cache] fix ACL when no users secret is passed")
    summary = analysis.summary
    assert any("`version` `1.4.6` → `1.4.7`" in line for line in summary), summary
    assert any(line.startswith("Changes `charts/cache/templates/configmap.yaml` (+1/−1)") for line in summary), summary
    zh = analysed(files, "[charts/cache] fix ACL when no users secret is passed", "zh").summary
    assert any("`charts/cache/templates/configmap.yaml`" in line for line in zh), zh


HEADER = ("#ifndef XLIB_H\nstatic const int XLIB_MAJOR_VERSION = 7;\nstatic const int XLIB_MINOR_VERSION = 1;\n\n"
          "#define XLIB2_MAJOR_VERSION 7\n#define XLIB2_MINOR_VERSION 1\n#define XLIB_RETRIES 1\n#endif\n")
DOX = "PROJECT_NAME = xlib\nPROJECT_NUMBER = 7.1.0\n"


def test_a_version_number_set_in_code_asks_for_no_test():
    bumped = HEADER.replace(" 7", " 8").replace("VERSION = 1", "VERSION = 0").replace("VERSION 1", "VERSION 0")
    files = {"xlib.h": (HEADER, bumped), "dox": (DOX, DOX.replace("7.1.0", "8.0.0"))}
    # (no release title: "Setting the version to 8.0.0" reads as a release and low, tests/test_heuristic_tune_low.py)
    analysis = analysed(files, "Renumber xlib for 8.0.0")
    assert analysis.importance != "low", analysis  # read as a change of behaviour, yet only version numbers move
    assert any("`XLIB_MAJOR_VERSION` `7` → `8`" in line for line in analysis.summary), analysis.summary
    assert not any(r.risk.startswith("No test covers") for r in analysis.risks), analysis.risks
    assert [r.risk for r in analysis.risks] == [], analysis.risks
    more = analysed({"xlib.h": (HEADER, HEADER.replace("XLIB_RETRIES 1", "XLIB_RETRIES 3"))}, "Retry three times")
    assert any(r.risk.startswith("No test covers") for r in more.risks), more.risks  # a number that is no version


def test_an_issue_address_or_a_carbon_copy_is_no_point_of_the_summary():
    before, after = "int f(void) {\n  return 1;\n}\n", "int f(void) {\n  return 2;\n}\n"
    for body in ("Closes: https://github.com/example/lib/issues/628", "Cc: @reviewer", "Cc: Ann <ann@example.org>"):
        analysis = analysed({"src/f.c": (before, after)}, f"Return two\n\n{body}")
        assert analysis.summary[0] == "Changes `f` in `src/f.c` (+1/−1)", analysis.summary
    kept = analysed({"src/f.c": (before, after)}, "Return two\n\nCc: the reviewers asked for two, not one.")
    assert kept.summary[0] == "Cc: the reviewers asked for two, not one.", kept.summary  # a sentence stays


STUB = "class CacheControl:\n    @property\n    def max_age(self) -> int | None: ...\n"
MODULE = "class CacheControl:\n    max_age = 1\n"


def test_a_type_stub_that_only_gains_declarations_asks_no_client_to_change():
    grown = STUB + "    @property\n    def stale_if_error(self) -> int | None: ...\n"
    files = {"src/lib/cache.py": (MODULE, MODULE + "    stale_if_error = 2\n"), "src/lib/cache.pyi": (STUB, grown)}
    analysis = analysed(files, "Add stale_if_error to CacheControl")
    assert any("`CacheControl.stale_if_error`" in line for line in analysis.summary), analysis.summary
    assert "cache.pyi" not in analysis.insights.compatibility, analysis.insights
    assert not any("cache.pyi" in r.risk for r in analysis.risks) and not any("Regenerate" in r for r in
                                                                                analysis.recommendations), analysis
    shrunk = analysed({"src/lib/cache.pyi": (grown, STUB)}, "Drop stale_if_error from the stub")
    assert "`src/lib/cache.pyi`" in shrunk.insights.compatibility or any(  # a stub losing lines is still said
        "stale_if_error" in r.risk for r in shrunk.risks), (shrunk.insights, shrunk.risks)


def test_a_python_function_that_now_raises_is_said_in_pythons_words():
    before = "def load(data):\n    return parse(data)\n"
    after = "def load(data):\n    if data is None:\n        raise ValueError('no data')\n    return parse(data)\n"
    analysis = analysed({"src/lib/loader.py": (before, after)}, "Refuse to load nothing")
    assert "`load`: `raise` statements 0 → 1" in analysis.summary, analysis.summary
    assert "Calls to `load` that succeeded before may now raise." in analysis.insights.compatibility
    js = analysed({"lib/loader.js": ("export function load(d) {\n  return parse(d)\n}\n",
                                     "export function load(d) {\n  if (!d) throw new Error('no data')\n"
                                     "  return parse(d)\n}\n")}, "Refuse to load nothing")
    assert "may now throw." in js.insights.compatibility, js.insights


def test_one_key_or_one_test_removed_is_said_in_the_singular():
    values = "server:\n  replicas: 1\n  legacy: true\n"
    one = analysed({"charts/app/values.yaml": (values, "server:\n  replicas: 1\n")}, "Drop the legacy switch")
    assert "`server.legacy` removed from `charts/app/values.yaml`: configurations that still set it lose the " \
           "setting." in one.insights.compatibility, one.insights
    tests = "def test_parse():\n    assert parse('1') == 1\n\n\ndef test_legacy():\n    assert legacy()\n"
    gone = analysed({"tests/test_parse.py": (tests, tests.split("\n\n\n")[0] + "\n")}, "Drop the legacy test")
    assert "Confirm why `test_legacy` was removed." in gone.recommendations, gone.recommendations
    assert [r.risk for r in gone.risks] == ["Test removed: `test_legacy`"], gone.risks


CODES = ("package codes\n\nvar regions = map[string]bool{\n\t\"AR-A\": true,\n\t\"AR-B\": true,\n\t\"AR-C\": true,\n"
         "\t\"AR-D\": true,\n\t\"AR-E\": true,\n}\n")


def test_a_module_level_value_edited_is_named_in_impact_and_risk_as_in_the_summary():
    edited = CODES.replace('"AR-A": true,', '"AR-A": true, "AR-Z": true,').replace('"AR-C"', '"AR-X"').replace(
        '"AR-E": true,', '"AR-E": true, "AR-F": true,')
    analysis = analysed({"codes.go": (CODES, edited)}, "Fix the region list")
    assert any("`regions`" in line for line in analysis.summary), analysis.summary
    assert analysis.impact == ["codes.go (+3/−3): `regions`"], analysis.impact
    untested = [r.risk for r in analysis.risks if r.risk.startswith("No test covers")]
    assert untested == ["No test covers the fix to `regions`"], analysis.risks


DAEMONSET = ("kind: DaemonSet\nspec:\n  template:\n    spec:\n      serviceAccountName: {{ .Values.account }}\n"
             "      containers: []\n")
PULL = DAEMONSET.replace("      serviceAccountName", "      {{- if .Values.imagePullSecrets }}\n      imagePullSecrets:\n"
                         "        {{- toYaml .Values.imagePullSecrets | nindent 8 }}\n      {{- end }}\n"
                         "      serviceAccountName")


def test_a_template_that_starts_reading_a_chart_value_names_it():
    path = "charts/agent/templates/daemonset.yaml"
    alone = analysed({path: (DAEMONSET, PULL)}, "Merge pull request #146 from dev/image-pull-secrets")
    assert alone.summary == [f"Changes `{path}` (+4/−0), now reading the chart values `imagePullSecrets`"], alone.summary
    bumped = analysed({path: (DAEMONSET, PULL), "charts/agent/Chart.yaml": (CHART, CHART.replace("1.4.6", "1.4.7"))},
                      "Use imagePullSecrets")
    assert f"Changes `{path}` (+4/−0), now reading the chart values `imagePullSecrets`" in bumped.summary, bumped.summary
    zh = analysed({path: (DAEMONSET, PULL)}, "Use imagePullSecrets", "zh").summary
    assert any("新读取 chart 取值 `imagePullSecrets`" in line for line in zh), zh
