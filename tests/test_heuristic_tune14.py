"""Rules of the fifteenth tuning round (issue 8, tune14), each on a small snippet: an enumerator inserted mid-enum in
a public header is high (the values after it shift); a title saying a buffer exposes stale data or leaves freed
bytes uncleared names a security fix; a magic literal replaced by a constant is housekeeping."""

from __future__ import annotations

import pytest

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.heuristic.code.behaviour.enum_shifts import shifted_enumerators
from analysis.models import Analysis, FileChange
from tests.facts_support import analysed, commit_of

_ENUM = """#pragma once

enum Colour
{
    Colour_Text,
    Colour_Frame,
    Colour_Button,
    Colour_Header,
    Colour_COUNT
};

void draw(int colour);
"""


def _header(patch: str) -> FileChange:
    return FileChange(path="include/lib.h", status="modified", additions=1, deletions=0, patch=patch)


def test_an_enumerator_inserted_before_unchanged_ones_is_found_appending_before_the_count_is_not():
    mid = ("@@ -10,4 +10,5 @@ enum Colour_\n     Colour_Text,\n     Colour_Frame,   // a frame\n"
           "+    Colour_FrameSelected,   // the new one\n     Colour_Button,\n     Colour_Header,\n")
    assert shifted_enumerators([_header(mid)]) == ["Colour_FrameSelected"]
    end = ("@@ -10,4 +10,5 @@ enum Colour_\n     Colour_Button,\n     Colour_Header,\n"
           "+    Colour_Footer,\n     Colour_COUNT\n };\n")
    assert shifted_enumerators([_header(end)]) == []
    valued = mid.replace("Colour_FrameSelected,", "Colour_FrameSelected = 40,")
    assert shifted_enumerators([_header(valued)]) == []
    recommented = mid.replace("+    Colour_FrameSelected,   // the new one\n",
                              "-    Colour_Button,  // old words\n+    Colour_Button,  // new words\n").replace(
        "     Colour_Button,\n     Colour_Header,\n", "     Colour_Header,\n     Colour_Footer,\n").replace(
        "-10,4 +10,5", "-10,5 +10,5")
    assert shifted_enumerators([_header(recommented)]) == []
    outside = mid.replace(" enum Colour_", " void draw(int colour)")
    assert shifted_enumerators([_header(outside)]) == []
    assert shifted_enumerators([FileChange(path="src/lib.c", status="modified", additions=1, deletions=0,
                                           patch=mid)]) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_colour_inserted_mid_enum_in_a_public_header_reads_high(lang):
    after = _ENUM.replace("    Colour_Text,\n", "    Colour_Text,\n    Colour_TextSelected,\n")
    result = analysed({"include/lib.h": (_ENUM, after)}, "Checkbox: added Colour_TextSelected.", lang)
    assert result.importance == "high"
    assert result.change_type == "feature"
    appended = _ENUM.replace("    Colour_Header,\n", "    Colour_Header,\n    Colour_Footer,\n")
    assert analysed({"include/lib.h": (_ENUM, appended)}, "Checkbox: added Colour_Footer.", lang).importance != "high"


_JAVA = """package org.textkit;

public class Builder {
    private char[] buffer = new char[32];
    private int size;

    public Builder clear() {
        size = 0;
        return this;
    }
}
"""


@pytest.mark.parametrize("title", [
    "Builder.readFrom(Readable), exposes stale internal buffer to Readable parameter (#741)",
    "Builder.deleteImpl(int, int, int) doesn't clear its unused bytes (#742)",
])
def test_a_stale_buffer_exposed_or_freed_bytes_left_uncleared_is_a_security_fix(title):
    after = _JAVA.replace("        size = 0;\n", "        java.util.Arrays.fill(buffer, '\\0');\n        size = 0;\n")
    result = analysed({"src/main/java/org/textkit/Builder.java": (_JAVA, after)}, title)
    assert (result.change_type, result.importance) == ("security", "high")
    plain = analysed({"src/main/java/org/textkit/Builder.java": (_JAVA, after)}, "Builder.clear() fills the buffer")
    assert (plain.change_type, plain.importance) != ("security", "high")


def test_a_magic_literal_replaced_by_a_constant_is_housekeeping():
    before = _JAVA.replace("        size = 0;\n", "        java.util.Arrays.fill(buffer, '0');\n        size = 0;\n")
    after = before.replace("'0'", "NUL").replace("    private int size;\n",
                                                  "    private int size;\n    private static final char NUL = 0;\n")
    path = "src/main/java/org/textkit/Builder.java"
    result = analysed({path: (before, after)}, "Replace magic char with constant")
    assert (result.change_type, result.importance) == ("refactor", "low")
    assert analysed({path: (before, after)}, "Replace the fill character").importance == "medium"


_TILES = """export class Tiles {
    static options = {
        crossOrigin: false,
        referrerPolicy: false,
        maxZoom: 18
    };
}
"""


def test_a_default_the_title_names_changed_in_product_code_is_a_high_feature():
    after = _TILES.replace("referrerPolicy: false,", "referrerPolicy: 'strict-origin-when-cross-origin',")
    result = analysed({"src/layer/Tiles.js": (_TILES, after)},
                      "Tiles: default to strict-origin-when-cross-origin referrer-policy")
    assert (result.change_type, result.importance) == ("feature", "high")
    # the same line changed under a title that names no default is not read as one
    plain = analysed({"src/layer/Tiles.js": (_TILES, after)}, "Tiles: tweak the options")
    assert plain.importance != "high"


_MAP = """export class Map {
    stop() {
        cancelAnimationFrame(this.flyFrame);
        return this;
    }
}
"""


def test_a_freeze_word_that_qualifies_ci_tests_is_no_crash_fix():
    after = _MAP.replace("        return this;\n", "        cancelAnimationFrame(this.zoomFrame);\n        return this;\n")
    ci = analysed({"src/map/Map.js": (_MAP, after)}, "hopefully fix freezing webkit CI pinch zoom tests")
    assert ci.change_type == "fix" and ci.importance == "medium"
    product = analysed({"src/map/Map.js": (_MAP, after)}, "fix freezing when pinch zooming in webkit")
    assert product.importance == "high"


_INTEGER_H = """#ifndef INTEGER_H
#define INTEGER_H

#if defined(_MSC_VER)

# define ENABLE_SAFE_FUNCTIONS
# include <intsafe.h>

#endif
#endif
"""


def test_a_macro_now_defined_only_when_not_defined_already_is_a_low_build_fix():
    after = _INTEGER_H.replace("# define ENABLE_SAFE_FUNCTIONS\n",
                               "# if !defined(ENABLE_SAFE_FUNCTIONS)\n#  define ENABLE_SAFE_FUNCTIONS\n# endif\n")
    result = analysed({"src/util/integer.h": (_INTEGER_H, after)}, "Avoid macro redefinition of ENABLE_SAFE_FUNCTIONS")
    assert (result.change_type, result.importance) == ("build", "low")
    # the guard with another expansion defines something new: not only a warning silenced
    valued = after.replace("#  define ENABLE_SAFE_FUNCTIONS\n", "#  define ENABLE_SAFE_FUNCTIONS 1\n")
    other = analysed({"src/util/integer.h": (_INTEGER_H, valued)}, "Avoid macro redefinition of ENABLE_SAFE_FUNCTIONS")
    assert (other.change_type, other.importance) != ("build", "low")


_DECODE = """package toml

func (md *MetaData) unify(data any, v Unmarshaler) error {
	if v != nil {
		return v.UnmarshalTOML(data)
	}
	return nil
}
"""
_WRAPPED = _DECODE.replace("\t\treturn v.UnmarshalTOML(data)\n",
                           "\t\terr := v.UnmarshalTOML(data)\n\t\tif err != nil {\n\t\t\treturn md.parseErr(err)\n"
                           "\t\t}\n\t\treturn nil\n")


def test_returned_errors_wrapped_in_a_named_error_type_read_high():
    result = analysed({"decode.go": (_DECODE, _WRAPPED)}, "Wrap UnmarshalTOML() return values in ParseError")
    assert result.importance == "high"
    # the same lines under a title that names no error type are not read as a changed error type
    assert analysed({"decode.go": (_DECODE, _WRAPPED)}, "Tidy unify").importance != "high"


def test_a_message_closing_an_issue_makes_a_wordless_change_a_fix():
    message = "Position information for Unmarshaler errors\n\nThis adds position information.\n\nFixes #398"
    assert analysed({"decode.go": (_DECODE, _WRAPPED)}, message).change_type == "fix"
    assert analysed({"decode.go": (_DECODE, _WRAPPED)}, message.replace("Fixes #398", "See #398")).change_type \
        == "refactor"


_CRD = """apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
spec:
  versions:
  - additionalPrinterColumns:
    - jsonPath: .spec.maxReplicaCount
      name: Max
      type: integer
    - jsonPath: .spec.triggers[*].type
      name: Triggers
      type: string
    - jsonPath: .metadata.creationTimestamp
      name: Age
      type: date
    name: v1alpha1
    schema:
      openAPIV3Schema:
        properties:
          spec:
            properties:
              maxReplicaCount:
                type: integer
"""


def test_a_crds_printer_columns_changed_read_medium_its_schema_changed_stays_high():
    path = "chart/templates/crds/crd-scaledjobs.yaml"
    columns = _CRD.replace(".spec.triggers[*].type", ".status.triggersTypes")
    result = analysed({path: (_CRD, columns)}, "Update status about triggers types")
    assert result.importance == "medium"
    schema = _CRD.replace("                type: integer\n", "                type: string\n")
    assert analysed({path: (_CRD, schema)}, "Update maxReplicaCount type").importance == "high"


def test_a_title_reverting_a_change_is_a_revert():
    template = "subjects:\n- kind: ServiceAccount\n  name: autoscaler\n  namespace: {{ .Values.rbac.namespace }}\n"
    path = "chart/templates/metrics-server/clusterrolebinding.yaml"
    result = analysed({path: (template, template.replace("{{ .Values.rbac.namespace }}", "kube-system"))},
                      "Reverting setting HPA namespace variable (#698)")
    assert (result.change_type, result.importance) == ("revert", "medium")


_PERSIST = """export function createJSONStorage(getStorage: () => Storage) {
  const storage = getStorage() as Storage
  const getItem = (name: string) => storage.getItem(name) as string | null
  const setItem = (name: string, value: string) => storage.setItem(name, value) as void
  const removeItem = (name: string) => storage.removeItem(name) as void
  return { getItem, setItem, removeItem } as PersistStorage
}
"""


@pytest.mark.parametrize("title", ["refactor: remove unnessary type assertion (#3113)",
                                   "refactor: remove unneccessary type assertions"])
def test_unnecessary_as_titles_misspell_it_still_names_housekeeping(title):
    after = _PERSIST.replace(" as Storage\n", "\n").replace(" as void\n", "\n").replace(" as PersistStorage\n", "\n")
    assert analysed({"src/middleware/persist.ts": (_PERSIST, after)}, title).importance == "low"
    assert analysed({"src/middleware/persist.ts": (_PERSIST, after)},
                    "refactor: type assertions in createJSONStorage").importance == "medium"


_RULES = """macro_rules! parse {
    (epath $bail:tt {($($buf:tt)*) $($parse:tt)*} ($colons:tt $($dup:tt)*) :: << $($rest:tt)*) => {
        $crate::parse!(generic (epath) $bail {($($buf)* $colons <) $($parse)*} (< $($rest)*) < $($rest)*)
    };
    (epath $bail:tt {($($buf:tt)*) $($parse:tt)*} ($colons:tt $($dup:tt)*) :: <- $($rest:tt)*) => {
        $crate::parse!(generic (epath) $bail {($($buf)* $colons <) $($parse)*} (- $($rest)*) - $($rest)*)
    };
}
"""


def _from_patch_only(after: str, message: str) -> Analysis:
    """The analysis when the facts layer saw nothing in the file (as with anyhow's ``macro_rules!`` arms, whose
    trailing comments no fact reports): the patch alone."""
    commit, _ = commit_of({"src/ensure.rs": (_RULES, after)}, message)
    return HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(facts=[]))


def test_a_trailing_comment_added_to_code_lines_that_stay_is_a_low_docs_change():
    after = _RULES.replace("< $($rest)*)\n", "< $($rest)*) // FIXME\n").replace(
        "- $($rest)*)\n", "- $($rest)*) // FIXME\n")
    result = _from_patch_only(after, "Mark rules that lose spacing information in new pretty printer")
    assert (result.change_type, result.importance) == ("docs", "low")
    # the same comment with a token changed beside it is code
    changed = after.replace("- $($rest)*) // FIXME", "+ $($rest)*) // FIXME")
    assert _from_patch_only(changed, "Mark rules that lose spacing information in new pretty printer").change_type != "docs"


def test_comments_changed_only_needs_each_line_in_its_place():
    from analysis.analyzers.heuristic.code.respelled.comments_changed import comments_changed_only

    def change(patch: str) -> FileChange:
        return FileChange(path="include/os.h", status="modified", additions=2, deletions=2, patch=patch)
    assert comments_changed_only(change("@@ -1,2 +1,2 @@\n-int a; // old\n+int a; // new\n-int b;\n+int b; // FIXME\n"))
    # an include moved before another (spdlog's "Fixed windows compile"): the same tokens, another order
    assert not comments_changed_only(change("@@ -1,2 +1,2 @@\n-#include <process.h>\n-#include <win.h>\n"
                                            "+#include <win.h>\n+#include <process.h> // for _get_pid\n"))
    assert not comments_changed_only(change("@@ -1,1 +1,1 @@\n-int a;\n+int a;  \n"))


def test_a_respelt_line_with_no_comment_is_not_a_comment_change():
    from analysis.analyzers.heuristic.code.respelled.comments_changed import comments_changed_only
    patch = ("@@ -1,1 +1,1 @@\n-if (Object.hasOwnProperty.call(schemas, key)) {\n"
             "+if (Object.prototype.hasOwnProperty.call(schemas, key)) {\n")
    assert not comments_changed_only(FileChange(path="lib/compile.js", status="modified", additions=1, deletions=1,
                                                patch=patch))
    commented = ("@@ -1,1 +1,1 @@\n-if (Object.hasOwnProperty.call(schemas, key)) {\n"
                 "+if (Object.hasOwnProperty.call(schemas, key)) { // own keys only\n")
    assert comments_changed_only(FileChange(path="lib/compile.js", status="modified", additions=1, deletions=1,
                                            patch=commented))
