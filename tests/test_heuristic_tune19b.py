"""Rules of the twentieth tuning round (issue 8, tune19b), each on a small snippet: a chart's templates fixed or given
an option are medium unless a new switch is on by default (or a rendered literal flips, or no hunk can be read); a
missing permission granted is a medium fix; a C file that only gains diagnostic pragmas silences a warning (build,
low); "Setting the version to 8.0.0" is a release; parameters only made const under a no-op message are a low
refactor; ``xmltest.cpp`` holds tests; a root ``site/`` is the website; a message calling the change
binary-incompatible reads high."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.respelled.diagnostic_pragmas import diagnostics_silenced_only
from analysis.analyzers.heuristic.config.charts.switched_on import (
    deployed_code,
    literals_flipped,
    switched_on,
    switched_on_by_default,
    unread,
)
from analysis.analyzers.heuristic.config.charts.template_nesting import nesting_changed
from analysis.analyzers.heuristic.paths import classify_path
from analysis.models import Fact, FileChange
from tests.facts_support import analysed

_DAEMONSET = """spec:
  template:
    spec:
      serviceAccountName: fluent-bit
      containers:
        - name: fluent-bit
"""
_VALUES = """image:
  repository: amazon/aws-for-fluent-bit
  tag: 2.2.0
"""


def _chart(values_added: str, block: str) -> dict[str, tuple[str, str]]:
    return {"charts/fluent-bit/templates/daemonset.yaml": (_DAEMONSET, _DAEMONSET.replace("  template:\n",
                                                                                           block + "  template:\n")),
            "charts/fluent-bit/values.yaml": (_VALUES, _VALUES + values_added)}


def test_a_key_added_switched_on_is_read():
    added = Fact(kind="config_key_added", path="charts/x/values.yaml", symbol="syncJob.useOwnerReferences",
                 after="true")
    assert switched_on(added)
    assert switched_on(added.model_copy(update={"after": '{"enabled":true}'}))
    # an option repeating the old render, or switched off, is no behaviour installs get by default
    assert not switched_on(added.model_copy(update={"after": '{"type":"RollingUpdate"}'}))
    assert not switched_on(added.model_copy(update={"after": "false"}))
    assert not switched_on(added.model_copy(update={"kind": "config_value_changed", "before": "false"}))
    assert switched_on_by_default([added], ["charts/x/values.yaml"]) == ["syncJob.useOwnerReferences"]
    assert switched_on_by_default([added], ["charts/y/values.yaml"]) == []


def test_an_operators_code_in_a_deployment_folder_is_code():
    files = [FileChange(path="deploy/operator/cmd/main.go"), FileChange(path="charts/x/templates/job.yaml")]
    assert [f.path for f in deployed_code(files)] == ["deploy/operator/cmd/main.go"]


def test_a_chart_option_beside_the_old_render_is_medium():
    block = "  {{- with .Values.updateStrategy }}\n  updateStrategy:\n    {{- toYaml . | nindent 4 }}\n  {{- end }}\n"
    analysis = analysed(_chart("updateStrategy:\n  type: RollingUpdate\n", block), "Add update strategy option")
    assert (analysis.change_type, analysis.importance) == ("feature", "medium")
    # a new switch every default install gets stays high
    gated = "  {{- if .Values.ownerReferences }}\n  revisionHistoryLimit: 3\n  {{- end }}\n"
    analysis = analysed(_chart("ownerReferences: true\n", gated), "Add owner references to managed resources")
    assert (analysis.change_type, analysis.importance) == ("feature", "high")


_SHA1 = """#define SHA1HANDSOFF

#include <stdio.h>
#include <string.h>

static void SHA1Transform(uint32_t state[5], const unsigned char buffer[64]) {
    memcpy(block, buffer, 64);
}
"""
_PRAGMAS = """#if defined(__clang__)
#elif defined(__GNUC__)
#pragma GCC diagnostic push
/* Ignore the case when SHA1Transform() called with 'char *', that code passed
 * buffer of 64 bytes anyway (at least now) */
#pragma GCC diagnostic ignored "-Wstringop-overread"
#endif

"""


def _patch(old: str, new: str) -> str:
    import difflib
    return "".join(list(difflib.unified_diff(old.splitlines(True), new.splitlines(True), n=3))[2:])


def test_diagnostic_pragmas_alone_silence_a_warning():
    silenced = _SHA1.replace("#include <stdio.h>", _PRAGMAS + "#include <stdio.h>")
    assert diagnostics_silenced_only([FileChange(path="sha1.c", patch=_patch(_SHA1, silenced))])
    # a statement beside the pragma, a line removed, or a file that is not C: not only a warning silenced
    coded = silenced.replace("#endif\n", "#endif\nstatic int rounds = 80;\n")
    assert not diagnostics_silenced_only([FileChange(path="sha1.c", patch=_patch(_SHA1, coded))])
    assert not diagnostics_silenced_only([FileChange(path="sha1.c", patch=_patch(silenced, _SHA1))])
    assert not diagnostics_silenced_only([FileChange(path="sha1.py", patch=_patch(_SHA1, silenced))])
    # conditionals and comments without a pragma silence nothing
    guarded = _SHA1.replace("#include <stdio.h>", "#if defined(__GNUC__)\n/* gcc */\n#endif\n#include <stdio.h>")
    assert not diagnostics_silenced_only([FileChange(path="sha1.c", patch=_patch(_SHA1, guarded))])


def test_a_warning_silenced_in_a_hash_file_is_a_low_build_change():
    silenced = _SHA1.replace("#include <stdio.h>", _PRAGMAS + "#include <stdio.h>")
    analysis = analysed({"sha1.c": (_SHA1, silenced)}, "sha1: ignore -Wstringop-overread warning")
    assert (analysis.change_type, analysis.importance) == ("build", "low")


_HEADER = """#ifndef TINYXML2_INCLUDED
#define TINYXML2_INCLUDED
static const int TIXML2_MAJOR_VERSION = 7;
static const int TIXML2_MINOR_VERSION = 1;
#endif
"""
_CMAKE = 'project(tinyxml2)\nset(GENERIC_LIB_VERSION "7.1.0")\nset(GENERIC_LIB_SOVERSION "7")\n'
_DOX = 'PROJECT_NAME = "TinyXML-2"\nPROJECT_NUMBER = 7.1.0\n'


def test_setting_the_version_is_a_release():
    files = {"CMakeLists.txt": (_CMAKE, _CMAKE.replace("7.1.0", "8.0.0").replace('"7"', '"8"')),
             "dox": (_DOX, _DOX.replace("7.1.0", "8.0.0")),
             "tinyxml2.h": (_HEADER, _HEADER.replace("= 7;", "= 8;").replace("= 1;", "= 0;"))}
    analysis = analysed(files, "Setting the version to 8.0.0")
    assert (analysis.change_type, analysis.importance) == ("chore", "low")


_DOC_CPP = """#include "doc.h"

void XMLDocument::MarkInUse(XMLNode* node)
{
    TIXMLASSERT(node);
    _unlinked.Pop(node);
}
"""
_DOC_H = """class XMLDocument {
public:
    void MarkInUse(XMLNode*);
};
"""


def test_parameters_only_made_const_with_no_functional_change_are_a_low_refactor():
    message = "Improved const correctness. There are no functional changes intended."
    files = {"doc.cpp": (_DOC_CPP, _DOC_CPP.replace("MarkInUse(XMLNode* node)", "MarkInUse(const XMLNode* const node)")),
             "doc.h": (_DOC_H, _DOC_H.replace("MarkInUse(XMLNode*)", "MarkInUse(const XMLNode* const)"))}
    analysis = analysed(files, message)
    assert (analysis.change_type, analysis.importance) == ("refactor", "low")
    # a parameter retyped otherwise is an interface change whatever the message says
    files["doc.cpp"] = (_DOC_CPP, _DOC_CPP.replace("MarkInUse(XMLNode* node)", "MarkInUse(XMLElement* node)"))
    files["doc.h"] = (_DOC_H, _DOC_H.replace("MarkInUse(XMLNode*)", "MarkInUse(XMLElement*)"))
    assert analysed(files, message).importance != "low"


def test_a_c_test_program_named_for_its_library_holds_tests():
    assert "test" in classify_path("xmltest.cpp")
    assert "test" in classify_path("tests/unittest.c")
    # a word that ends so, or a test framework's own source, is product code
    assert "test" not in classify_path("src/contest.cpp")
    assert "test" not in classify_path("googletest/src/gtest.cc")


def test_a_site_folder_at_the_root_is_the_projects_website():
    assert "doc" in classify_path("site/plugins/dark-theme-toggle.js")
    # a folder of that name deeper in the tree is the product's own
    assert "doc" not in classify_path("src/site/loader.js")
    analysis = analysed({"site/plugins/toggle.js": ("const el = dom.create('div');\nel.id = ID;\n",
                                                      "const el = dom.create('div');\nel.className = ID;\n")},
                        "Render dark mode toggle in sidebar on all pages")
    assert analysis.importance == "low"


_RBAC = """rules:
  # The CNI plugin needs to get pods, nodes, and namespaces.
  - apiGroups: [""]
    resources:
      - pods
      - nodes
    verbs:
      - get
"""
_GRANTED = _RBAC.replace("nodes, and namespaces", "nodes, namespaces, and configmaps").replace(
    "      - nodes\n", "      - nodes\n      - configmaps\n")


def test_a_missing_permission_granted_is_a_medium_fix():
    files = {"charts/aws-calico/templates/rbac.yaml": (_RBAC, _GRANTED)}
    analysis = analysed(files, "Add missing calico-node get configmap permission")
    assert (analysis.change_type, analysis.importance) == ("fix", "medium")
    # a permission taken away (a wildcard narrowed) is still read as security-relevant
    narrowed = _RBAC.replace("      - nodes\n", "")
    assert analysed({"charts/aws-calico/templates/rbac.yaml": (_RBAC, narrowed)},
                    "Fix RBAC permissions of calico-node").importance == "high"


_TIMEOUT = """class Timeout {
  inline fun intersectWith(other: Timeout, block: () -> Unit) {
    block()
  }
}
"""
_RETURNING = _TIMEOUT.replace("fun intersectWith(other: Timeout, block: () -> Unit) {",
                              "fun <T> intersectWith(other: Timeout, block: () -> T): T {").replace(
    "    block()", "    return block()")


def test_a_message_saying_the_change_is_incompatible_is_high():
    said = ("API change: make intersectWith() return a value\n\nThis is a binary-incompatible change. It should "
            "be safe in practice because the function is rarely used.")
    assert analysed({"okio/src/jvmMain/kotlin/okio/Timeout.kt": (_TIMEOUT, _RETURNING)}, said).importance == "high"
    # the same words negated say the opposite
    denied = said.replace("This is a binary-incompatible change", "This is not a binary-incompatible change")
    assert analysed({"okio/src/jvmMain/kotlin/okio/Timeout.kt": (_TIMEOUT, _RETURNING)}, denied).importance != "high"


def test_a_rendered_literal_flipped_in_place_and_unread_deploy_files_stay_high():
    template = "spec:\n  hostNetwork: false\n  image: app:1.0\n"
    flipped = FileChange(path="charts/app/templates/dex/deployment.yaml",
                         patch=_patch(template, template.replace("false", "true")))
    assert literals_flipped([flipped]) == ["hostNetwork"]
    # a version moved, a values file's key (read by the config facts) or a templated value is no flip
    bumped = FileChange(path="charts/app/templates/d.yaml", patch=_patch(template, template.replace("1.0", "1.1")))
    values = FileChange(path="charts/app/values.yaml", patch=_patch(template, template.replace("false", "true")))
    templated = FileChange(path="charts/app/templates/d.yaml", patch=_patch(
        template, template.replace("false", "{{ .Values.hostNetwork }}")))
    assert literals_flipped([bumped, values, templated]) == []
    assert [f.path for f in unread([FileChange(path="values.yaml"), values])] == ["values.yaml"]


_DEPLOYMENT = """spec:
  template:
    spec:
      tolerations:
        - key: CriticalAddonsOnly
          operator: Exists
      {{- if .Values.typha.tolerations }}
{{ toYaml .Values.typha.tolerations | indent 10 }}
      {{- end }}
      hostNetwork: true
"""
_RENESTED = _DEPLOYMENT.replace("""      {{- if .Values.typha.tolerations }}
{{ toYaml .Values.typha.tolerations | indent 10 }}
      {{- end }}""", """        {{- if .Values.typha.tolerations }}
        {{- toYaml .Values.typha.tolerations | nindent 8 }}
        {{- end }}""")


def test_an_indentation_fix_that_renests_a_template_is_a_medium_fix():
    path = "stable/aws-calico/templates/deployment.yaml"
    assert nesting_changed([FileChange(path=path, patch=_patch(_DEPLOYMENT, _RENESTED))]) == [path]
    analysis = analysed({path: (_DEPLOYMENT, _RENESTED)}, "[aws-calico] Fix indentation in deployment templates")
    assert (analysis.change_type, analysis.importance) == ("fix", "medium")
    # ``indent`` spelled ``nindent`` at the same width renders the same YAML: no nesting moved
    same = _RENESTED.replace("nindent 8", "nindent 10")
    assert nesting_changed([FileChange(path=path, patch=_patch(_DEPLOYMENT, same))]) == []
