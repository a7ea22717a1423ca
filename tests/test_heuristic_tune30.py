"""Rules of the round tuned on the thirtieth fresh set (issue 8, tune30), each on a small snippet: a ``go.mod``
retracting a release beside the fix; a header namespacing a symbol for the linker; a documentation change whose code
is only laid out anew by a formatter; a public call that now runs new private checks which reject inputs."""

from __future__ import annotations

from tests.facts_support import analysed

_GO = """package env

func parse(items []string) []string {
	result := make([]string, 0)
	for _, item := range items {
		result = append(result, item)
	}
	return result
}
"""
_GO_FIXED = _GO.replace("\treturn result\n", "\tif len(result) == 0 {\n\t\treturn nil\n\t}\n\treturn result\n")
_MOD = "module example.com/env/v2\n\ngo 1.18\n"


def test_a_release_retracted_in_go_mod_beside_the_fix_is_high() -> None:
    retracted = _MOD.replace("go 1.18", "retract v2.3.0 // broke nil slices\n\ngo 1.18")
    analysis = analysed({"env.go": (_GO, _GO_FIXED), "go.mod": (_MOD, retracted)}, "fix: do not init empty slices")
    assert analysis.importance == "high"
    # without the retraction the same fix stays medium
    assert analysed({"env.go": (_GO, _GO_FIXED)}, "fix: do not init empty slices").importance == "medium"


_QUIRKS = """#ifndef quirks_H
#define quirks_H
#define fill_segment_avx2 _lib_fill_segment_avx2
#define fill_segment_ref _lib_fill_segment_ref
#endif
"""


def test_a_symbol_namespaced_for_the_linker_is_low() -> None:
    new = _QUIRKS.replace("#define fill_segment_ref", "#define fill_segment_neon _lib_fill_segment_neon\n"
                                                      "#define fill_segment_ref")
    analysis = analysed({"src/include/private/quirks.h": (_QUIRKS, new)}, "Add fill_segment_neon to the quirks")
    assert analysis.importance == "low"
    # a macro that expands to other code is no re-spelling
    other = _QUIRKS.replace("#define fill_segment_ref", "#define fill_segment_neon fill_segment_ref\n"
                                                        "#define fill_segment_ref")
    assert analysed({"src/include/private/quirks.h": (_QUIRKS, other)}, "Add fill_segment_neon").importance != "low"


_RS = """/// A high-performance hash map.
pub struct Entry<K, V> {
    key: K,
    value: V,
}

unsafe impl<K, V> Send for Entry<K, V> where K: Send, V: Send {}
"""
_RS_DOCS = _RS.replace("/// A high-performance hash map.", "/// A hash map implemented with quadratic probing.").replace(
    "unsafe impl<K, V> Send for Entry<K, V> where K: Send, V: Send {}",
    "unsafe impl<K, V> Send for Entry<K, V>\nwhere\n    K: Send,\n    V: Send,\n{\n}")


def test_docs_with_code_only_laid_out_anew_by_a_formatter_are_low() -> None:
    analysis = analysed({"src/map.rs": (_RS, _RS_DOCS), "README.md": ("# map\n", "# map\n\nA SwissTable port.\n")},
                        "Update documentation")
    assert (analysis.change_type, analysis.importance) == ("docs", "low")


_PY = '''class Decoder:
    def decode(self, payload: dict, options: dict) -> dict:
        if options["verify_exp"]:
            self._validate_exp(payload)
        return payload

    def _validate_exp(self, payload: dict) -> None:
        if "exp" in payload and not isinstance(payload["exp"], int):
            raise ValueError("exp must be an int")
'''
_PY_CHECKED = _PY.replace('''        return payload
''', '''        if options.get("verify_sub", True):
            self._validate_sub(payload)
        return payload

    def _validate_sub(self, payload: dict) -> None:
        if "sub" not in payload:
            return
        if not isinstance(payload["sub"], str):
            raise ValueError("Subject must be a string")
''')


def test_a_public_call_that_runs_new_rejecting_helpers_is_high() -> None:
    analysis = analysed({"pkg/decoder.py": (_PY, _PY_CHECKED)}, "Validate `sub` claims of the token")
    assert analysis.importance == "high"
