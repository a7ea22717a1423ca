"""Mends from reading a real day as its maintainer (go-playground/validator 2024-11-16): a pull request template's
ticked checklist and the team it calls to review are not quoted as the summary; the paragraph that says what the
change does is. An entry added to a table of like entries (a registry of validation tags) is named by its key."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.named.table_entries import table_entries
from analysis.analyzers.heuristic.message import message_points
from analysis.models import FileChange
from tests.facts_support import analysed

_TEMPLATE_BODY = """## Fixes Or Enhances
Resolves https://github.com/o/r/issues/1259

**Make sure that you've checked the boxes below before you submit PR:**
- [x] Tests exist or have been written that cover this particular
change.

@o/r-maintainers
"""


def test_a_ticked_template_checklist_and_a_team_called_to_review_are_no_points():
    assert message_points(_TEMPLATE_BODY) == []
    assert message_points(_TEMPLATE_BODY + "\nThe cron pattern accepts a star step.\n") == [
        "The cron pattern accepts a star step."]


def test_the_paragraph_before_the_checklist_is_the_point():
    body = _TEMPLATE_BODY.replace("Resolves https://github.com/o/r/issues/1259",
                                  "This PR adds a new validation for numeric ports.")
    assert message_points(body) == ["This PR adds a new validation for numeric ports."]


def test_a_list_of_changes_with_a_lead_keeps_its_boxes():
    body = "Done here:\n\nThe parser now reads hex.\n- [x] octal too\n- [ ] binary later\n"
    assert message_points(body) == ["The parser now reads hex.", "[x] octal too", "[ ] binary later"]


_TABLE_BEFORE = """package validator

var (
\tbakedInValidators = map[string]Func{
\t\t"json":          isJSON,
\t\t"jwt":           isJWT,
\t\t"hostname_port": isHostnamePort,
\t\t"lowercase":     isLowercase,
\t}
)

func isJSON(fl FieldLevel) bool { return true }
"""
_TABLE_AFTER = _TABLE_BEFORE.replace('''\t\t"hostname_port": isHostnamePort,
''', '''\t\t"hostname_port": isHostnamePort,
\t\t"port":          isPort,
''') + """
func isPort(fl FieldLevel) bool {
\treturn fl.Field().Uint() < 65536
}
"""


def test_an_entry_added_to_a_table_of_like_entries_is_named_with_its_key():
    analysis = analysed({"baked_in.go": (_TABLE_BEFORE, _TABLE_AFTER)}, "feat: add validator for numeric ports (#1294)")
    assert 'Adds the entry `"port": isPort` to the table in `baked_in.go`' in analysis.summary
    zh = analysed({"baked_in.go": (_TABLE_BEFORE, _TABLE_AFTER)}, "feat: add validator for numeric ports", "zh")
    assert any('`"port": isPort`' in line and "新增条目" in line for line in zh.summary)


def test_table_entries_need_a_table_around_them_and_a_new_key():
    lone = '@@ -1,3 +1,4 @@\n x = 1\n+"port": isPort,\n y = 2\n'
    assert table_entries([FileChange(path="a.go", patch=lone)]) == []
    revalued = ('@@ -1,4 +1,4 @@\n "a": isA,\n "b": isB,\n-"port": isOld,\n+"port": isPort,\n')
    assert table_entries([FileChange(path="a.go", patch=revalued)]) == []
    added = '@@ -1,3 +1,4 @@\n "a": isA,\n "b": isB,\n+"port": isPort,\n }\n'
    assert table_entries([FileChange(path="a.go", patch=added)]) == [("a.go", '"port"', "isPort")]


def test_a_sets_members_are_no_table_entries():
    members = '@@ -1,3 +1,4 @@\n "AR-A": true,\n "AR-B": true,\n+"AR-Z": true,\n }\n'
    assert table_entries([FileChange(path="codes.go", patch=members)]) == []


_OPTIMIZER_BEFORE = """export function createDepsOptimizer(logger) {
  const deps = scan()
  return deps
}
"""
_OPTIMIZER_AFTER = """export function createDepsOptimizer(logger) {
  const scanTimer = setTimeout(() => {
    logger.info('[optimizer] scanning dependencies...', { timestamp: true })
  }, 1000)
  const deps = scan()
  clearTimeout(scanTimer)
  return deps
}
"""


def test_a_component_named_optimizer_is_no_claim_of_speed():
    analysis = analysed({"src/optimizer/optimizer.ts": (_OPTIMIZER_BEFORE, _OPTIMIZER_AFTER)},
                        "feat(optimizer): log when dependency scanning takes over 1s (#21797)")
    assert analysis.insights.performance == "", analysis.insights
    assert any("createDepsOptimizer" in line for line in analysis.summary), analysis.summary
    claimed = analysed({"src/optimizer/optimizer.ts": (_OPTIMIZER_BEFORE, _OPTIMIZER_AFTER)},
                       "perf: optimize dependency scanning")
    assert "no benchmark or measurement is part of the diff" in claimed.insights.performance, claimed.insights


_LIBRARY_BEFORE = """(function() {
  var root = this;
  var _ = function(obj) { return obj; };

  _.flatten = function(array, shallow) {
    return flatten(array, shallow, []);
  };

  _.uniq = _.unique = function(array, isSorted) {
    return array;
  };

  Wrapper.prototype.value = function() {
    return this._wrapped;
  };
}).call(this);
"""
_LIBRARY_AFTER = _LIBRARY_BEFORE.replace("return flatten(array, shallow, []);", "return flatten(array, shallow, [], true);")


def test_functions_set_on_an_object_inside_a_wrapping_function_are_symbols():
    analysis = analysed({"underscore.js": (_LIBRARY_BEFORE, _LIBRARY_AFTER)}, "Fixes #755 -- shallow flattening")
    assert [(f.kind, f.symbol) for f in analysis.facts if f.kind.startswith("symbol")] == [
        ("symbol_modified", "_.flatten")], analysis.facts
    assert any("`_.flatten`" in line for line in analysis.summary), analysis.summary
    renamed = _LIBRARY_BEFORE.replace("Wrapper.prototype.value = function() {", "Wrapper.prototype.value = function(x) {")
    changed = analysed({"underscore.js": (_LIBRARY_BEFORE, renamed)}, "value takes x")
    assert any(f.symbol == "Wrapper.value" for f in changed.facts), changed.facts


def test_a_web_pages_text_fixed_asks_for_no_regression_test():
    page = "<html><body><p>Underscore provides 60-odd functions.</p></body></html>\n"
    analysis = analysed({"index.html": (page, page.replace("60-odd", "80-odd"))}, "Fixes #769 -- update function count.")
    assert analysis.risks == [] and analysis.summary, analysis
    code = analysed({"src/count.js": ("export const n = 60\n", "export const n = 80\n")}, "Fixes #769 -- update count")
    assert any(r.risk.startswith("No test covers") for r in code.risks), code.risks


def test_a_breaking_marker_on_the_deps_scope_names_the_packages_it_moves():
    before = '{"name": "app", "dependencies": {"redis": "^19.6.4"}}\n'
    after = '{"name": "app", "dependencies": {"redis": "^21.1.3"}}\n'
    analysis = analysed({"package.json": (before, after)}, "fix(deps)!: update redis to v21")
    assert "`redis`" in analysis.insights.compatibility and "`deps`" not in analysis.insights.compatibility, \
        analysis.insights
    assert any("`redis`" in r.impact for r in analysis.risks), analysis.risks


def test_a_latency_metric_added_is_a_feature_not_a_performance_change():
    before = "pub struct Metrics {\n    pub polls: u64,\n}\n"
    after = ("pub struct Metrics {\n    pub polls: u64,\n}\n\nimpl Metrics {\n"
             "    pub fn schedule_latency_histogram_enabled(&self) -> bool {\n        true\n    }\n}\n")
    analysis = analysed({"src/runtime/metrics.rs": (before, after)}, "metrics: add task schedule latency metric (#7986)")
    assert analysis.change_type == "feature" and analysis.insights.performance == "", analysis
    faster = analysed({"src/runtime/metrics.rs": (before, after)}, "runtime: lower scheduling latency")
    assert faster.change_type == "perf", faster.change_type


def test_a_folder_deleted_whole_is_said_as_the_folder_gone():
    files = {"charts/grafana/Chart.yaml": ("apiVersion: v2\nname: grafana\nversion: 10.5.15\n", None),
             "charts/grafana/values.yaml": ("replicas: 1\nimage:\n  tag: 12.3.1\n", None),
             "charts/grafana/templates/deployment.yaml": ("kind: Deployment\nspec:\n  replicas: {{ .Values.replicas }}\n",
                                                          None)}
    analysis = analysed(files, "migrate chart grafana (#4113)")
    assert analysis.summary == ["Removes `charts/grafana/`: 3 files, 9 lines"], analysis.summary
    assert [r.risk for r in analysis.risks] == ["`charts/grafana/` removed (3 files)"], analysis.risks
    assert "no longer finds it" in analysis.risks[0].impact
    one = analysed({"charts/grafana/values.yaml": ("replicas: 1\n", None)}, "drop the values")
    assert not any("Removes `charts/grafana/`" in line for line in one.summary), one.summary


def test_a_folder_deleted_but_its_readme_rewritten_as_a_pointer_is_the_folder_gone_with_the_pointer():
    files = {"charts/mcp/Chart.yaml": ("apiVersion: v2\nname: mcp\n", None),
             "charts/mcp/values.yaml": ("replicas: 1\n", None),
             "charts/mcp/templates/service.yaml": ("kind: Service\n", None),
             "charts/mcp/README.md": ("# mcp\n\nInstall it.\n",
                                      "**This chart has been migrated to [o/charts](https://github.com/o/charts).**\n")}
    analysis = analysed(files, "migrate chart mcp (#4114)")
    assert analysis.summary == ["Removes `charts/mcp/`: 3 files, 4 lines; what stays says: This chart has been "
                                "migrated to o/charts."], analysis.summary


def test_a_changelog_heading_dated_in_words_is_no_entry():
    before = "# Changelog\n\n# 1.53.0 (July 1st, 2026)\n\n- old entry here\n"
    after = ("# Changelog\n\n# 1.53.1 (July 20th, 2026)\n\n- signal: restore the MSRV on Windows\n\n"
             "# 1.53.0 (July 1st, 2026)\n\n- old entry here\n")
    analysis = analysed({"tokio/CHANGELOG.md": (before, after)}, "chore: prepare Tokio v1.53.1 (#8303)")
    assert not any("July 20th" in line for line in analysis.summary), analysis.summary
    assert any("restore the MSRV on Windows" in line for line in analysis.summary), analysis.summary
