"""Rules of the eighteenth tuning round (issue 8, tune17b), each on a small snippet: a chart value its templates stop
reading is a values key removed (high); a JS package's own ``test.js`` and a ``unittest*/`` folder hold tests; a
stray ``;;`` dropped from a C line is the same statement."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.respelled.c_respellings import c_respelled_only
from analysis.analyzers.heuristic.config.charts.chart_values import dropped_values
from analysis.analyzers.heuristic.paths import classify_path
from analysis.models import FileChange
from tests.facts_support import analysed

_JOB = """spec:
  containers:
    - name: schema
      env:
        - name: MODE
          value: {{ .Values.schema.mode | quote }}
        - name: DATACENTER
          value: {{ .Values.cassandra.dc | quote }}
"""
_VALUES = """schema:
  image: jaegertracing/jaeger-cassandra-schema
  ## DEPRECATED, please use env further below
  # mode: prod
  env:
    MODE: prod
"""
_DROPPED = _JOB.replace("        - name: MODE\n          value: {{ .Values.schema.mode | quote }}\n", "")


def _patch(old: str, new: str) -> str:
    import difflib
    return "".join(list(difflib.unified_diff(old.splitlines(True), new.splitlines(True), n=3))[2:])


def test_a_value_templates_stop_reading_is_dropped():
    job = FileChange(path="charts/jaeger/templates/schema-job.yaml", patch=_patch(_JOB, _DROPPED))
    assert dropped_values([job]) == [".schema.mode"]
    # the same value read elsewhere in the change (moved into a helper) is not dropped
    helper = FileChange(path="charts/jaeger/templates/_helpers.tpl",
                        patch=_patch("", "{{- define \"mode\" -}}{{ .Values.schema.mode }}{{- end -}}\n"))
    assert dropped_values([job, helper]) == []
    # the message shown after an install renders no manifest
    notes = FileChange(path="charts/jaeger/templates/NOTES.txt", patch=_patch("{{ .Values.ingress.host }}\n", ""))
    assert dropped_values([notes]) == []


def test_a_chart_value_removed_from_its_templates_is_high():
    files = {"charts/jaeger/templates/schema-job.yaml": (_JOB, _DROPPED),
             "charts/jaeger/values.yaml": (_VALUES, _VALUES.replace(
                 "  ## DEPRECATED, please use env further below\n  # mode: prod\n", ""))}
    analysis = analysed(files, "Remove conflicting mode value for schema job.")
    assert analysis.importance == "high"
    # a template rewritten with the same values read stays below high
    indented = _JOB.replace("{{ .Values.cassandra.dc | quote }}", "{{- .Values.cassandra.dc | quote }}")
    assert analysed({"charts/jaeger/templates/schema-job.yaml": (_JOB, indented)},
                    "Use trimmed templates").importance in ("low", "medium")


def test_a_js_packages_own_test_file_and_a_unit_test_folder_hold_tests():
    assert classify_path("test.js") == {"test"}
    assert classify_path("tests.mjs") == {"test"}
    assert "test" in classify_path("bin/unittestschema/address.json")
    assert "test" in classify_path("test/unit_tests/data.json")
    assert "test" not in classify_path("index.js")
    assert "test" not in classify_path("src/unit.js")


def test_a_test_file_spoofing_a_module_is_a_test_change():
    old = "const chalk = require('.');\n\nit('styles', () => {});\n"
    new = "require.cache[require.resolve('supports-color')] = {exports: {level: 3}};\n" + old
    analysis = analysed({"test.js": (old, new)},
                        "spoof supports-color")
    assert analysis.change_type == "test"
    assert analysis.importance == "low"


_CLI = """int main(int argc, const char** argv)
{
    const char** names = (const char**) calloc(argc, sizeof(char*));;
    unsigned idx = 0;
    for (;;) { idx++; }
}
"""


def test_a_stray_empty_statement_dropped_is_the_same_statement():
    fixed = _CLI.replace("sizeof(char*));;", "sizeof(char*));")
    assert c_respelled_only(_patch(_CLI, fixed), "programs/cli.c", False)
    assert analysed({"programs/cli.c": (_CLI, fixed)}, "fixed double ;; for Visual").importance == "low"
    # a statement changed beside it is not a respelling
    changed = fixed.replace("calloc(argc,", "calloc(argc + 1,")
    assert not c_respelled_only(_patch(_CLI, changed), "programs/cli.c", False)
