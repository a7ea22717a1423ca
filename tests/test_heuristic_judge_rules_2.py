"""More importance rules of the heuristic judge, facts built here: printed text, debug reprs, macros, test tooling."""

from __future__ import annotations

from analysis.models import Fact, FileChange
from tests.test_heuristic_judge_rules import analyse, body_lines, change


def _symbol(path: str, name: str, kind: str = "symbol_modified", public: bool = True) -> Fact:
    return Fact(kind=kind, path=path, symbol=name, public=public, text="function")


# --- the text users read ------------------------------------------------------------------------

def test_a_display_impl_change_is_medium_even_when_tiny():
    rust = change("core/src/macros.rs", ['    write!(f, "{}", $body)'],
                  ["    f.write_str($body)?;", '    f.write_str(": ")?;', "    self.0.fmt(f)"])
    analysis = analyse("core/macros: Change `Display` impl to match `body_text()` result", [rust],
                       [_symbol(rust.path, "__define_rejection", public=False)])
    assert analysis.importance == "medium"


def test_the_same_tiny_internal_change_without_printed_text_stays_low():
    rust = change("core/src/macros.rs", ["    let x = compute(1);"], ["    let x = compute(2);"])
    analysis = analyse("core/macros: Change helper to match the other branch", [rust],
                       [_symbol(rust.path, "__define_rejection", public=False)])
    assert analysis.importance == "low"


def test_a_changelog_entry_naming_error_messages_makes_a_small_change_medium():
    rust = change("src/errors.rs", ["    let kind = Kind::A;"], ["    let kind = Kind::B;"])
    log = change("CHANGELOG.md", [], ["- Clearer error messages for unknown flags"])
    facts = [_symbol(rust.path, "report", public=False),
             Fact(kind="changelog_entry", path=log.path, text="Clearer error messages for unknown flags")]
    assert analyse("Tidy the reporting path", [rust, log], facts).importance == "medium"


def test_a_repr_only_change_is_low_though_its_strings_change():
    py = change("httpcore/models.py",
                ['        return f"<{class_name}({self.method}, {url})>"',
                 '        return f"<{class_name}(status_code={self.status_code})>"'],
                ['        return f"<{class_name}({self.method!r}, {url!r})>"',
                 '        return f"<{class_name}({self.status_code}, {self.reason_phrase!r})>"'])
    facts = [_symbol(py.path, "Request.__repr__"), _symbol(py.path, "Response.__repr__")]
    assert analyse("Improve class __repr__", [py], facts).importance == "low"


def test_a_str_change_beside_a_repr_is_not_a_debug_only_change():
    py = change("pkg/models.py", ['        return f"Request to {self.url}"'], ['        return f"{self.method} request to {self.url}"'])
    facts = [_symbol(py.path, "Request.__repr__"), _symbol(py.path, "Request.__str__")]
    assert analyse("Improve how requests print", [py], facts).importance == "medium"


# --- refactors that look bigger than they are -----------------------------------------------------

def _macro_commit(title: str, removed: int, added: int):
    rust = change("extra/src/extract/query.rs", body_lines(removed, "old"), body_lines(added, "new"))
    facts = [_symbol(rust.path, "QueryRejection"), _symbol(rust.path, "FailedToDeserializeQueryString", "symbol_added")]
    return analyse(title, [rust], facts)


def test_hand_written_impls_replaced_by_a_macro_are_a_medium_refactor_not_a_feature():
    analysis = _macro_commit("extra/query: Use rejection macros for `QueryRejection`", removed=95, added=26)
    assert (analysis.change_type, analysis.importance) == ("refactor", "medium")


def test_a_macro_title_over_a_growing_diff_is_still_judged_by_the_new_public_type():
    analysis = _macro_commit("extra/query: Use rejection macros for `QueryRejection`", removed=10, added=60)
    assert analysis.change_type == "feature" and analysis.importance == "medium"  # additive API: medium


def test_an_avoided_double_call_is_a_low_perf_tweak():
    rust = change("core/src/macros.rs", ["    (self.status(), self.body_text()).into_response()"],
                  ["    let status = self.status();", "    let body_text = self.body_text();",
                   "    (status, body_text).into_response()"])
    analysis = analyse("core/macros: Avoid double `body_text()` calls in rejection macros", [rust],
                       [_symbol(rust.path, "__define_rejection", public=False)])
    assert (analysis.change_type, analysis.importance) == ("perf", "low")


def test_an_avoided_double_call_that_changes_a_public_signature_is_not_a_tweak():
    rust = change("core/src/lib.rs", ["pub fn body(&self) -> String {"], ["pub fn body(&self, cache: bool) -> String {"])
    facts = [Fact(kind="signature_changed", path=rust.path, symbol="body", public=True, before="(&self)",
                  after="(&self, cache: bool)")]
    assert analyse("Avoid double `body()` calls", [rust], facts).importance != "low"


def test_a_refactor_of_the_test_client_is_low():
    files = [change(f"axum/src/extract/mod{i}.rs", body_lines(6, "old"), body_lines(6, "new")) for i in range(6)]
    files.append(change("axum/src/test_helpers/test_client.rs", body_lines(19, "a"), body_lines(19, "b")))
    facts = [Fact(kind="test_added", path=files[0].path, symbol="extract_request_parts"),
             Fact(kind="test_removed", path=files[1].path, symbol="extract_request_parts")]
    assert analyse("Refactor `TestClient` usage", files, facts).importance == "low"


def test_a_refactor_that_only_mentions_a_test_word_in_passing_is_not_test_tooling():
    files = [change(f"src/router/part{i}.rs", body_lines(6, "old"), body_lines(6, "new")) for i in range(6)]
    assert analyse("Refactor router dispatch and its tests", files).importance == "medium"


# --- names renamed throughout, text reformatted ----------------------------------------------------

def _renamed_header(new_name: str) -> FileChange:
    old = [f"  auto get_{i}(string_view format_str, int n{i}) -> int {{ return format_str.size() + n{i}; }}"
           for i in range(36)]  # 72 changed lines: more than a cleanup's few
    return change("include/fmt/format.h", old, [line.replace("format_str", new_name) for line in old])


def test_a_parameter_renamed_throughout_a_header_is_low():
    analysis = analyse("Cleanup format API", [_renamed_header("fmt")])
    assert (analysis.change_type, analysis.importance) == ("refactor", "low")


def test_lines_rewritten_beyond_a_rename_are_not_a_rename():
    rewritten = change("include/fmt/format.h", body_lines(40, "old"), body_lines(40, "other"))
    rewritten.patch += "".join(f"+  check(bound_{i}, limit);\n" for i in range(8))
    rewritten.additions += 8
    assert analyse("Cleanup format API", [rewritten]).importance == "medium"


def test_a_rename_in_a_fix_keeps_the_fix_s_weight():
    assert analyse("fix: read the format string the caller passed", [_renamed_header("fmt")]).importance == "medium"


def test_help_text_reformatted_is_low_whatever_the_prefix():
    go = change("completions.go", ["$ source <(%[1]s completion bash)", "Linux:", "MacOS:"],
                ["", "\tsource <(%[1]s completion bash)", "", "#### Linux:", "", "#### macOS:"])
    facts = [_symbol(go.path, "Command.initDefaultCompletionCmd", public=False)]
    assert analyse("feat: improve completions help formatting", [go], facts).importance == "low"
