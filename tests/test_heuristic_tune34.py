"""Rules of the round tuned on the thirty-fourth fresh set (issue 8, tune34), each on a small snippet: a package.json's
``type`` removed is high; a project's own deprecation helper, its aliases removed, is a deprecation carried out; a
Java interface's ``extends`` list is its supertypes; a package manifest past the read limit is read whole (a Cargo
feature removed); a ``securityContext`` documented names no attack; a named template added with a comment is opt-in;
Maven's ``src/site/`` is documentation; a dependency moved onto a pre-release is medium; JavaScript's ``null`` spelt as
its constant ``NULL`` is the same code."""

from __future__ import annotations

from analysis.analyzers.heuristic.analyzer import evidence_of
from analysis.analyzers.heuristic.paths import classify_path
from analysis.facts import derive_facts
from analysis.facts.contents import MAX_FILES
from tests.facts_support import analysed, commit_of, facts_of

_PACKAGE = """{
  "name": "tinyvdom",
  "version": "10.26.1",
  "type": "commonjs",
  "main": "dist/tinyvdom.js",
  "module": "dist/tinyvdom.module.js"
}
"""


def test_package_type_removed_is_high() -> None:
    removed = _PACKAGE.replace('  "type": "commonjs",\n', "")
    analysis = analysed({"package.json": (_PACKAGE, removed)}, "fix: remove pkg type")
    assert analysis.importance == "high"


_INIT = '''from . import _deprecate
from . import to_thread

_deprecate.enable_attribute_deprecations(__name__)
__deprecated_attributes__ = {
    "run_sync_in_worker_thread": _deprecate.DeprecatedAttribute(
        to_thread.run_sync, "0.12.0", issue=810,
    ),
    "current_default_worker_thread_limiter": _deprecate.DeprecatedAttribute(
        to_thread.current_default_thread_limiter, "0.12.0", issue=810,
    ),
}
'''


def test_deprecated_aliases_removed_are_high() -> None:
    removed = _INIT.replace(_INIT[_INIT.index('    "run_sync'):_INIT.index("}\n")], "")
    analysis = analysed({"pkg/__init__.py": (_INIT, removed)}, "Remove remaining aliases deprecated in 0.12.0")
    assert analysis.importance == "high"


_CURSOR = """package org.acme.cursor;

import java.io.Closeable;

public interface Cursor<T> extends Closeable, Iterable<T> {
  boolean isOpen();
}
"""


def test_java_interface_supertype_replaced_is_high() -> None:
    swapped = _CURSOR.replace("import java.io.Closeable;\n\n", "").replace(
        "extends Closeable,", "extends AutoCloseable,").replace(
        "  boolean isOpen();\n", "  boolean isOpen();\n\n  @Override\n  void close();\n")
    path = "src/main/java/org/acme/cursor/Cursor.java"
    facts = facts_of({path: (_CURSOR, swapped)})
    assert any("bases Closeable, Iterable -> AutoCloseable, Iterable" in f.get("text", "") for f in facts)
    assert analysed({path: (_CURSOR, swapped)}, "Improve Cursor Closeable behavior").importance == "high"


_CARGO = """[package]
name = "lib-io"
version = "0.3.19"

[features]
default = ["std"]
std = []
# unstable API, opt-in
unstable = []
read-initializer = []

[dependencies]
"""


def test_cargo_feature_removed_past_the_read_limit_is_high() -> None:
    files = {f"lib-io/src/part{n}.rs": (f"pub fn part{n}() -> u32 {{\n    {n}\n}}\n",
                                        f"pub fn part{n}() -> u32 {{\n    {n} + 1\n}}\n")
             for n in range(MAX_FILES + 1)}
    files["lib-io/Cargo.toml"] = (_CARGO, _CARGO.replace("read-initializer = []\n", ""))
    facts = facts_of(files)
    assert any(f["kind"] == "config_key_removed" and f.get("symbol") == "features.read-initializer" for f in facts)
    assert analysed(files, "Remove read-initializer feature").importance == "high"


_VALUES = """airflow:
  ## default securityContext for Pods
  defaultSecurityContext:
    fsGroup: 0

  podAnnotations: {}
"""
_HELPERS = """{{- define "airflow.container" }}
securityContext:
  runAsUser: {{ .Values.airflow.image.uid }}
{{- end }}
"""


def test_security_context_value_added_is_no_attack_comment() -> None:
    values = _VALUES.replace("  podAnnotations", "  ## default securityContext for Containers in airflow Pods\n"
                                                "  ## - spec for SecurityContext\n"
                                                "  defaultContainerSecurityContext: {}\n\n  podAnnotations")
    helpers = _HELPERS.replace("{{- end }}", "  {{- if .Values.airflow.defaultContainerSecurityContext }}\n"
                                             "  {{- .Values.airflow.defaultContainerSecurityContext | toYaml | "
                                             "nindent 2 }}\n  {{- end }}\n{{- end }}")
    files = {"charts/airflow/values.yaml": (_VALUES, values),
             "charts/airflow/templates/_helpers/pods.tpl": (_HELPERS, helpers)}
    analysis = analysed(files, "feat: add `airflow.defaultContainerSecurityContext` value")
    assert analysis.importance == "medium"


_DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      {{- if .Values.web.nodeSelector }}
      nodeSelector:
        {{- toYaml .Values.web.nodeSelector | nindent 8 }}
      {{- end }}
      containers: []
"""


def test_named_template_added_with_a_comment_is_opt_in() -> None:
    helpers = _HELPERS + ('\n{{/*\nDefine the topologySpreadConstraints for airflow pods\n*/}}\n'
                          '{{- define "airflow.podTopologySpreadConstraints" }}\n'
                          '{{- .constraints | default .Values.airflow.defaultTopologySpreadConstraints | toYaml }}\n'
                          '{{- end }}\n')
    deployment = _DEPLOYMENT.replace("      containers", "      {{- if .Values.web.topologySpreadConstraints }}\n"
                                                       "      topologySpreadConstraints:\n"
                                                       "        {{- include \"airflow.podTopologySpreadConstraints\" "
                                                       ". | nindent 8 }}\n      {{- end }}\n      containers")
    values = _VALUES + "\nweb:\n  topologySpreadConstraints: []\n"
    files = {"charts/airflow/values.yaml": (_VALUES, values),
             "charts/airflow/templates/_helpers/pods.tpl": (_HELPERS, helpers),
             "charts/airflow/templates/web-deployment.yaml": (_DEPLOYMENT, deployment)}
    commit, texts = commit_of(files, "feat: add `topologySpreadConstraints` values")
    assert evidence_of(commit, derive_facts(commit, texts)).opt_in  # what renders by default is as it was
    # a pod template the chart renders from another extension is code the high rules read unless it is opt-in
    files["charts/airflow/files/pod_template.kubernetes-helm-yaml"] = (_DEPLOYMENT, deployment)
    assert analysed(files, "feat: add `topologySpreadConstraints` values").importance == "medium"


_XDOC = """<document>
  <body>
    <section name="Mapper XML">
      <p>The affectData attribute is supported on insert, update and delete statements.</p>
    </section>
  </body>
</document>
"""


def test_maven_site_page_is_documentation() -> None:
    assert "doc" in classify_path("src/site/zh_CN/xdoc/sqlmap-xml.xml")
    assert "doc" in classify_path("core/src/site/apt/index.apt")
    assert "doc" not in classify_path("src/site/loader.js")
    reworded = _XDOC.replace("is supported on", "applies to")
    analysis = analysed({"src/site/zh_CN/xdoc/sqlmap-xml.xml": (_XDOC, reworded)},
                        "Merge pull request #3373 from someone/updateAffectDataChineseDocument")
    assert analysis.importance == "low"


_VERSIONS = """[versions]
composeLifecycle = "2.8.0"
composeNavigation = "2.8.0-alpha02"

[libraries]
navigation-compose = { module = "org.acme.navigation:navigation-compose", version.ref = "composeNavigation" }
"""


def test_dependency_moved_to_another_prerelease_is_medium() -> None:
    bumped = _VERSIONS.replace("2.8.0-alpha02", "2.8.0-alpha09")
    analysis = analysed({"gradle/libs.versions.toml": (_VERSIONS, bumped)}, "navigation to latest alpha")
    assert analysis.importance == "medium"


_DIFF = """export function diff(parent, tmp, isTopLevelFragment) {
	if (isTopLevelFragment) {
		tmp.props.children = null;
	}
	return tmp;
}
"""


def test_null_written_as_its_constant_is_low() -> None:
    constant = _DIFF.replace("children = null;", "children = NULL;")
    analysis = analysed({"src/diff/index.js": (_DIFF, constant)},
                        "Merge pull request #4685 from acme/remove-missing-null")
    assert analysis.importance == "low"
