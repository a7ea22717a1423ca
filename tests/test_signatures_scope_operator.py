"""A C++ parameter typed with the scope operator (``std::vector<bool>::reference& b``) is named by its last word,
not cut at ``::`` as if it were a ``name: Type`` annotation."""

from __future__ import annotations

from analysis.analyzers.signatures import compare, params


def test_a_scoped_cpp_type_keeps_the_parameters_name():
    found = params("(BasicJsonType& j, const std::vector<bool>::reference& b)", "include/json/to_json.hpp")
    assert [p.name for p in found] == ["j", "b"]


def test_a_cpp_parameter_retyped_to_a_template_parameter_is_not_breaking():
    delta = compare("(BasicJsonType& j, const std::vector<bool>::reference& b)", "(BasicJsonType& j, const BoolRef& b)",
                    "include/json/to_json.hpp")
    assert not delta.breaking and not delta.added and not delta.removed
    assert delta.parsed and delta.retyped  # read, and seen as a retyping


def test_annotations_still_name_their_parameter():
    assert [p.name for p in params("(path: std::path::PathBuf, n: usize)", "src/lib.rs")] == ["path", "n"]
    assert [p.name for p in params("(name: str, count: int = 1)", "pkg/mod.py")] == ["name", "count"]
